"""The drafting flow in the Turkmen interface: a drafter switches the pages to Turkmen, opens the
Turkmen sample law, opens a draft on it, proposes an amendment and reads its redline, with
citations and labels in Turkmen and no internal address in sight."""

from __future__ import annotations

import re

from tests.e2e.conftest import screenshot

LAW = "Türkmenistanyň «Durmuş hyzmatlary hakynda» Kanuny (nusga)"
HEARD = "Öz garaýyşlaryny kemala getirmäge ukyply çaganyň pikiri diňlenilýär we hasaba alynýar."
EID = re.compile(r"\b(?:chp|art|para|point|sec|part)_\w+")


def switch_language(page, code: str, button: str) -> None:
    page.select_option("#language", code)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def test_drafting_in_turkmen(sign_in):
    drafter = sign_in("drafter")
    switch_language(drafter, "tk", "Change")
    try:
        assert drafter.locator("html").get_attribute("lang") == "tk"

        drafter.get_by_role("link", name="Kanunlar", exact=True).click()
        drafter.get_by_role("link", name=LAW).click()
        drafter.wait_for_url(re.compile(r"/instruments/\d+"))
        headings = drafter.locator(".provision h3 .num").all_inner_texts()
        assert headings[:2] == ["I bap", "1-nji madda"]

        drafter.goto("/drafts/new")
        drafter.fill("#title", "Çaganyň pikirini diňlemek (synag)")
        drafter.get_by_label(re.compile(re.escape(LAW))).check()
        drafter.get_by_role("button", name="Taslamany açmak").click()
        drafter.wait_for_url(re.compile(r"/drafts/\d+$"))
        draft_id = int(drafter.url.rsplit("/", 1)[1])

        drafter.goto(f"/drafts/{draft_id}/amendments/new")
        drafter.select_option("#kind", "replace_text")
        option = drafter.locator("#provision_id option", has_text="5-nji maddanyň 2-nji bölegi")
        drafter.select_option("#provision_id", option.first.get_attribute("value"))
        drafter.locator("#wording blockquote.wording").wait_for()  # it fills #text first
        drafter.fill("#text", HEARD)
        drafter.locator("#text").press("End")
        drafter.locator("#preview ins").first.wait_for()
        drafter.get_by_role("button", name="Üýtgetmäni teklip etmek").click()
        drafter.wait_for_url(re.compile(r"/amendments/\d+$"))
        screenshot(drafter, "amendment-tk")

        title = drafter.locator("h1").inner_text()
        assert title.startswith("Üýtgetme ")
        assert title.endswith("tekstiň çalşyrylmagy 5-nji maddanyň 2-nji bölegi")
        assert "diňlenilýär" in " ".join(drafter.locator("main ins").all_inner_texts())
        assert "maslahat edilip bilner" in " ".join(drafter.locator("main del").all_inner_texts())
        assert EID.findall(drafter.locator("body").inner_text()) == []
    finally:
        switch_language(drafter, "en", "Çalyşmak")
