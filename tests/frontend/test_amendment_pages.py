"""The amendment editor with its live preview and treaty picker, and the amendment page with
its review, withdrawal, history and comments, as people see them."""

from __future__ import annotations

from itertools import pairwise

import pytest
from bs4 import BeautifulSoup

from frameworks import loader
from tests.api.drafting import by_eid, etag, law_with_version, open_draft, propose, to_review


def text_of(soup, selector: str) -> str:
    return soup.select_one(selector).get_text(" ", strip=True)


def parsed(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


@pytest.fixture
def treaties(db):
    loader.load_framework_file(db, loader.DATA / "crc.json", actor=loader.LOADER)
    loader.load_framework_file(db, loader.DATA / "crpd.json", actor=loader.LOADER)
    db.commit()


@pytest.fixture
def drafted(drafter):
    """(instrument id, version 1 by eId, draft) for a fresh law and draft."""
    iid, version = law_with_version(drafter)
    return iid, by_eid(version), open_draft(drafter, iid)


def values(form) -> dict:
    """What a browser would send for a form as it stands."""
    sent = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            sent[field["name"]] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            sent[field["name"]] = field.get_text()
        elif field.get("type") not in ("checkbox", "radio") or field.has_attr("checked"):
            sent[field["name"]] = field.get("value", "")
    sent.pop("csrf_token", None)
    return sent


def form_for(drafted, eid: str, **fields) -> dict:
    iid, nodes, _ = drafted
    return {
        "instrument_id": str(iid),
        "kind": "replace_text",
        "provision_id": nodes[eid]["provision_id"],
        **fields,
    }


def proposed(drafter, drafted, eid: str, text: str) -> dict:
    iid, nodes, draft = drafted
    made = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_text",
        provision_id=nodes[eid]["provision_id"],
        text=text,
        rationale="Plainer words.",
    )
    assert made.status_code == 201, made.text
    return made.json()


def test_the_editor_offers_every_field_with_a_label(browser_for, drafted):
    _, nodes, draft = drafted
    page = browser_for("drafter").soup(f"/drafts/{draft['id']}/amendments/new")
    assert text_of(page, "h1") == "Propose an amendment"
    for field in page.select(
        "main form.amend-form input:not([type=hidden]), main select, main textarea"
    ):
        assert page.select_one(f"label[for={field['id']}]") is not None, field["id"]
    kinds = [o["value"] for o in page.select("#kind option")]
    assert kinds == ["replace_text", "replace_heading", "insert", "delete", "move", "renumber"]
    para = nodes["chp_1__art_1__para_1"]["provision_id"]
    assert text_of(page, f"#provision_id option[value='{para}']") == (
        "Article 1(1) — This Law governs social services."
    )
    assert "for-insert" in page.select_one("#anchor_id").parent["class"]
    live = page.select_one("[hx-post$='/amendments/preview'][hx-trigger]")
    assert live["hx-trigger"] == "keyup changed delay:400ms, change"


def test_the_live_preview_shows_the_redline_or_a_sentence(browser_for, drafted):
    _, _, draft = drafted
    url = f"/drafts/{draft['id']}/amendments/preview"
    browser = browser_for("drafter")
    fields = form_for(
        drafted, "chp_1__art_2__para_2", text="Services are given without any discrimination."
    )
    fragment = parsed(browser.post(url, fields))
    assert [e.get_text() for e in fragment.select("ins")] == ["any "]
    assert fragment.select_one(".rl-changed")["data-new-eid"] == "chp_1__art_2__para_2"
    missing = parsed(browser.post(url, form_for(drafted, "chp_1__art_2__para_2", text="")))
    assert text_of(missing, "[role=alert]") == "Amendment (replace text) needs a new text."
    deleted = parsed(browser.post(url, form_for(drafted, "chp_1__art_1", kind="delete")))
    assert "This Law governs social services." in [e.get_text() for e in deleted.select("del")]


def test_proposing_through_the_form(browser_for, drafted, treaties):
    _, _, draft = drafted
    browser = browser_for("drafter")
    fields = form_for(
        drafted,
        "chp_1__art_2__para_2",
        text="Services are given without discrimination of any kind.",
        rationale="CRC article 2 asks for it.",
        treaty_refs="crc 2, 3; CRPD 7",
        heading="ignored: replace text takes no heading",
    )
    made = browser.post(f"/drafts/{draft['id']}/amendments/new", fields)
    assert made.status_code == 303, parsed(made).select_one("[role=alert]")
    page = browser.soup(made.headers["location"])
    assert text_of(page, "h1").endswith("replace text Article 2(2)")
    assert text_of(page, "#redline ~ div ins") == "of any kind"
    assert text_of(page, "#rationale + p") == "CRC article 2 asks for it."
    refs = [li.get_text(" ", strip=True) for li in page.select("#treaties + ul li")]
    assert refs[0].startswith("CRC art. 2 —") and len(refs) == 3
    assert refs[2].startswith("CRPD art. 7")
    assert text_of(page, ".badge") == "proposed"


@pytest.mark.parametrize(
    ("refs", "sentence"),
    [
        ("CRC three", "Write treaty references as a framework code and article numbers"),
        ("CRC 999", "CRC has no article 999."),
        ("XYZ 1", "There is no framework with the code XYZ."),
    ],
)
def test_a_failing_proposal_keeps_what_was_typed(browser_for, drafted, treaties, refs, sentence):
    _, _, draft = drafted
    fields = form_for(
        drafted, "chp_1__art_1__para_1", text="New words.", rationale="Why", treaty_refs=refs
    )
    response = browser_for("drafter").post(f"/drafts/{draft['id']}/amendments/new", fields)
    page = parsed(response)
    assert response.status_code == 422
    assert text_of(page, "[role=alert]").startswith(sentence)
    assert page.select_one("#text").get_text() == "New words."
    assert page.select_one("#rationale").get_text() == "Why"
    assert page.select_one("#treaty_refs")["value"] == refs
    assert page.select_one("#provision_id option[selected]")["value"] == fields["provision_id"]


def test_the_treaty_picker_shows_an_article_and_adds_it(browser_for, drafted, treaties):
    _, _, draft = drafted
    browser = browser_for("drafter")
    url = f"/drafts/{draft['id']}/treaty-article"
    shown = browser.soup(f"{url}?picker_framework=CRC&picker_number=3")
    assert text_of(shown, ".article-text strong").startswith("CRC art. 3")
    assert shown.select("#treaty_refs") == []
    added = browser.soup(f"{url}?picker_framework=CRC&picker_number=12&add=1&treaty_refs=CRPD 7")
    field = added.select_one("input#treaty_refs")
    assert field["value"] == "CRPD 7; CRC 12" and field["hx-swap-oob"] == "true"
    unknown = browser.soup(f"{url}?picker_framework=CRC&picker_number=99")
    assert text_of(unknown, "[role=alert]") == "CRC has no article 99."
    without_js = browser.post(
        f"/drafts/{draft['id']}/amendments/new",
        form_for(drafted, "chp_1__art_1__para_1", text="Kept", treaty_refs="CRPD 7")
        | {"action": "add", "picker_framework": "CRC", "picker_number": "3"},
    )
    page = parsed(without_js)
    assert without_js.status_code == 200
    assert page.select_one("#treaty_refs")["value"] == "CRPD 7; CRC 3"
    assert page.select_one("#text").get_text() == "Kept"
    assert text_of(page, "#article strong").startswith("CRC art. 3")


def test_choosing_a_provision_shows_and_fills_its_wording(browser_for, drafted):
    iid, nodes, draft = drafted
    para = nodes["chp_1__art_2__para_1"]["provision_id"]
    url = f"/drafts/{draft['id']}/amendments/wording?instrument_id={iid}&provision_id={para}"
    fragment = browser_for("drafter").soup(f"{url}&kind=replace_text&text=")
    assert text_of(fragment, "blockquote") == "1 Everyone has the right to social services."
    assert fragment.select_one("textarea#text[hx-swap-oob]").get_text() == (
        "Everyone has the right to social services."
    )
    typed = browser_for("drafter").soup(f"{url}&kind=replace_text&text=Mine")
    assert typed.select("#text") == []
    page = browser_for("drafter").soup(
        f"/drafts/{draft['id']}/amendments/new?instrument_id={iid}&kind=replace_text&provision_id={para}"
    )
    assert page.select_one("#text").get_text() == "Everyone has the right to social services."


def test_editing_keeps_every_save_and_refuses_a_stale_form(browser_for, drafter, drafted):
    made = proposed(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    url = f"/amendments/{made['id']}/edit"
    browser = browser_for("drafter")
    form = browser.soup(url)
    assert text_of(form, "h1") == f"Edit amendment {made['id']}"
    assert form.select("#kind option") == [] and form.select("#anchor_id") == []
    sent = values(form.select_one("form.amend-form"))
    version = sent["lock_version"]
    assert sent["text"] == "This Law governs services."
    api_url = f"/api/v1/amendments/{made['id']}"
    changed = drafter.patch(
        api_url, json={"text": "This Law governs all services."}, headers=etag(drafter, api_url)
    )
    assert changed.status_code == 200
    stale = browser.post(url, sent | {"text": "My own words.", "rationale": "Mine"})
    page = parsed(stale)
    assert stale.status_code == 409
    assert text_of(page, "[role=alert]").startswith("Someone else changed this amendment")
    assert page.select_one("#text").get_text() == "My own words."
    again = values(page.select_one("form.amend-form"))
    assert again["lock_version"] != version and again["rationale"] == "Mine"
    saved = browser.post(url, again)
    assert saved.status_code == 303, parsed(saved).select_one("[role=alert]")
    history = browser.soup(url).select("#history ~ ol li")
    assert [text_of(li, "strong") for li in history] == ["Save 3", "Save 2", "Save 1"]
    assert [e.get_text() for e in history[1].select("ins")] == ["all "]
    assert {dt.get_text() for dt in history[0].select("dt")} == {"Text", "Rationale"}


def test_review_accepts_and_rejects_with_a_note(browser_for, drafter, drafted):
    made = proposed(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    to_review(drafter, drafted[2]["id"])
    url = f"/amendments/{made['id']}"
    reviewer = browser_for("reviewer")
    page = reviewer.soup(url)
    version = page.select_one("#review ~ form input[name=lock_version]")["value"]
    buttons = [(b["value"], b.get_text()) for b in page.select("#review ~ form button")]
    assert buttons == [("accepted", "Accept"), ("rejected", "Reject")]
    accepted = reviewer.post(
        f"{url}/decision", {"decision": "accepted", "note": "Agreed.", "lock_version": version}
    )
    assert accepted.status_code == 303
    page = reviewer.soup(url)
    assert text_of(page, ".badge") == "accepted"
    assert text_of(page, ".decision").endswith("Agreed.")
    stale = reviewer.post(
        f"{url}/decision", {"decision": "rejected", "note": "No.", "lock_version": version}
    )
    assert stale.status_code == 409
    assert parsed(stale).select_one("#decision-note").get_text() == "No."
    version = parsed(stale).select_one("#review ~ form input[name=lock_version]")["value"]
    rejected = reviewer.post(
        f"{url}/decision", {"decision": "rejected", "note": "No.", "lock_version": version}
    )
    assert rejected.status_code == 303
    assert text_of(reviewer.soup(url), ".badge") == "rejected"


def test_the_author_withdraws(browser_for, drafter, drafted):
    made = proposed(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    url = f"/amendments/{made['id']}"
    browser = browser_for("drafter")
    assert [a.get_text() for a in browser.soup(url).select(".actions a.button")] == ["Edit"]
    assert browser.post(f"{url}/withdraw").status_code == 303
    page = browser.soup(url)
    assert text_of(page, ".badge") == "withdrawn"
    assert page.select(".actions") == []


def test_amendment_comments_and_replies(browser_for, drafter, drafted):
    made = proposed(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    url = f"/amendments/{made['id']}"
    reviewer = browser_for("reviewer")
    posted = reviewer.post(f"{url}/comments", {"body": "Why narrower, @drafter1?"})
    assert posted.status_code == 303
    root = posted.headers["location"].split("#comment-")[1]
    failed = reviewer.post(f"{url}/comments", {"body": "", "parent_id": root})
    assert failed.status_code == 422
    assert parsed(failed).select_one(f"details.reply-form #reply-{root}") is not None
    assert parsed(failed).select_one(f"#comment-{root} details")["open"] == ""
    reviewer.post(f"{url}/comments", {"body": "Answered.", "parent_id": root})
    page = reviewer.soup(url)
    assert page.select_one(f"#comment-{root} .comment-body").get_text() == "Why narrower, Drafter?"
    assert [text_of(r, ".comment-body") for r in page.select(".reply")] == ["Answered."]
    draft_page = reviewer.soup(f"/drafts/{made['draft_id']}")
    assert draft_page.select_one(f"#comment-{root} h3 a")["href"] == url


def test_a_viewer_sees_no_review_or_edit_and_cannot_post(browser_for, drafter, drafted):
    made = proposed(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    url = f"/amendments/{made['id']}"
    viewer = browser_for("viewer")
    page = viewer.soup(url)
    assert page.select("main form") == [] and page.select("main a.button") == []
    assert text_of(page, "#redline ~ div del") == "social"
    assert viewer.get(f"/drafts/{made['draft_id']}/amendments/new").status_code == 403
    assert viewer.get(f"{url}/edit").status_code == 403
    for path, data in (
        (f"{url}/decision", {"decision": "accepted"}),
        (f"{url}/withdraw", {}),
        (f"{url}/edit", {"text": "Mine"}),
        (f"{url}/comments", {"body": "Hi"}),
        (f"/drafts/{made['draft_id']}/amendments/new", {"kind": "delete"}),
    ):
        refused = viewer.post(path, data)
        assert refused.status_code == 403, path
        assert text_of(parsed(refused), "h1") == "Forbidden"


def test_only_the_author_or_an_admin_may_edit(browser_for, drafter, drafted):
    made = proposed(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    assert browser_for("reviewer").get(f"/amendments/{made['id']}/edit").status_code == 403
    admin = browser_for("admin")
    assert [a.get_text() for a in admin.soup(f"/amendments/{made['id']}").select(".actions a")] == [
        "Edit"
    ]


def test_the_amendment_page_names_its_conflicts(browser_for, drafter, drafted):
    first = proposed(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    second = proposed(drafter, drafted, "chp_1__art_1__para_1", "This Law governs care.")
    page = browser_for("viewer").soup(f"/amendments/{first['id']}")
    links = [a["href"] for a in page.select("#conflicts a")]
    assert links == [f"/amendments/{second['id']}"]


def test_every_page_has_unique_ids_and_labelled_fields(browser_for, drafter, drafted):
    made = proposed(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    browser = browser_for("admin")
    browser.post(f"/amendments/{made['id']}/comments", {"body": "A note."})
    for url in (
        f"/drafts/{made['draft_id']}",
        f"/drafts/{made['draft_id']}/amendments/new",
        f"/amendments/{made['id']}",
        f"/amendments/{made['id']}/edit",
        "/drafts/new",
    ):
        page = browser.soup(url)
        ids = [tag["id"] for tag in page.select("[id]")]
        assert len(ids) == len(set(ids)), url
        for field in page.select("main input:not([type=hidden]), main select, main textarea"):
            assert page.select_one(f"label[for='{field['id']}']") is not None, (url, field["id"])
        levels = [int(h.name[1]) for h in page.select("main h1, main h2, main h3")]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels)), url
