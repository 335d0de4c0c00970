"""Big-bill page benchmark: how fast, and how heavy, a 2,516-provision bill's page opens.

Stores the first 2,516 provisions of the German Civil Code (see `big_bill.py`) as a bill in a
fresh SQLite database, serves Kanun with uvicorn on a free local port, and measures, signed
in as a viewer:
- the instrument page (its contents, parts loaded as they are opened): bytes and time to the
  last byte, over HTTP;
- one part as the contents loads it (the htmx fragment) and as a page of its own;
- the instrument page in Chromium, navigation start to the load event, when Debian's
  chromium and Playwright are there.
Targets: under 400 KB and under 1 s. Each figure is the min and median of `--runs` (>= 5),
printed with the machine's load average (others may share the machine).

Run: `.venv/bin/python bench/bench_big_bill.py [--runs 7] [--corpus PATH]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.auth import service as auth
from api.auth.schemas import UserCreate
from api.deps import SESSION_COOKIE
from api.migrate import upgrade
from bench import big_bill
from drafts import service
from drafts.audit import Actor
from drafts.db import make_engine
from drafts.schemas import InstrumentCreate
from drafts.tree import count

ACTOR = Actor(user_id=None, request_id="bench")
TARGET_BYTES = 400 * 1024
TARGET_SECONDS = 1.0
CHROMIUM = "/usr/bin/chromium"


def store(url: str, text: str) -> tuple[int, str, str]:
    """(instrument id, the eId of its first part to open, a viewer's session cookie)."""
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        viewer = auth.create_user(
            session=session,
            data=UserCreate(username="reader", password="reader-bench-2026", role="viewer"),
            actor=ACTOR,
        )
        bill = service.create_instrument(
            session=session,
            data=InstrumentCreate(
                title="Bürgerliches Gesetzbuch (first 2,516 provisions, as a bill)",
                kind="bill",
                jurisdiction="de",
                language="de",
                work_uri="/akn/de/bill/2012/bgb-bench",
            ),
            actor=ACTOR,
        )
        nodes = big_bill.bill(text)
        version = service.create_version(
            session=session, instrument=bill, provisions=nodes, actor=ACTOR, label="Bill"
        )
        tree = service.read_tree(session=session, version=version)
        article = next(n for n in tree[0].walk() if n.kind == "section")
        cookie, _ = auth.start_session(session=session, user=viewer, hours=2)
        session.commit()
        print(f"stored {count(tree)} provisions as bill {bill.id}, version {version.number}")
        return bill.id, article.eid, cookie
    engine.dispose()


def serve(url: str, port: int, var: Path) -> subprocess.Popen:
    env = os.environ | {
        "KANUN_DATABASE_URL": url,
        "KANUN_VAR_DIR": str(var),
        "KANUN_ENVIRONMENT": "test",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--port", str(port),
         "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=1).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("The server did not start.")


def fetch(url: str, cookie: str, headers: dict | None = None) -> tuple[int, float]:
    """(bytes, seconds to the last byte) of one GET."""
    request = urllib.request.Request(
        url, headers={"Cookie": f"{SESSION_COOKIE}={cookie}", **(headers or {})}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as answer:
        body = answer.read()
        assert answer.status == 200, answer.status
    return len(body), time.perf_counter() - start


def report(label: str, runs: list[tuple[int, float]]) -> tuple[int, float]:
    sizes, times = [size for size, _ in runs], [seconds for _, seconds in runs]
    median = statistics.median(times)
    print(
        f"{label:44} {max(sizes) / 1024:8.1f} KB   min {min(times) * 1000:7.1f} ms   "
        f"median {median * 1000:7.1f} ms   ({len(runs)} runs)"
    )
    return max(sizes), median


def in_chromium(page_url: str, cookie: str, runs: int) -> list[float] | None:
    """Navigation start to the load event of the page, in seconds, per run."""
    if not Path(CHROMIUM).exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    found = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context()
        context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": page_url}])
        page = context.new_page()
        for _ in range(runs):
            page.goto(page_url, wait_until="load")
            found.append(
                page.evaluate(
                    "() => { const t = performance.getEntriesByType('navigation')[0];"
                    " return (t.loadEventEnd - t.startTime) / 1000; }"
                )
            )
        browser.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=None, help="another folder of real laws")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("use at least 5 runs")
    if args.corpus:
        os.environ["KANUN_CORPUS"] = str(args.corpus)
    path = big_bill.source()
    if path is None:
        raise SystemExit(
            f"The corpus file {big_bill.CORPUS_FILE} is not in {big_bill.corpus_folder()}."
        )
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        bill_id, part, cookie = store(url, path.read_text(encoding="utf-8"))
        port = 8700 + os.getpid() % 200
        server = serve(url, port, Path(folder) / "var")
        base = f"http://127.0.0.1:{port}"
        try:
            page_url = f"{base}/instruments/{bill_id}"
            fetch(page_url, cookie)  # warm up
            size, median = report(
                "instrument page (contents)", [fetch(page_url, cookie) for _ in range(args.runs)]
            )
            part_url = f"{base}/instruments/{bill_id}/parts/{part}?version=1"
            report(
                f"one part as the contents loads it ({part})",
                [fetch(part_url, cookie, {"HX-Request": "true"}) for _ in range(args.runs)],
            )
            report(
                "the same part as its own page", [fetch(part_url, cookie) for _ in range(args.runs)]
            )
            loads = in_chromium(page_url, cookie, args.runs)
            if loads:
                fastest, middle = min(loads) * 1000, statistics.median(loads) * 1000
                print(
                    f"{'instrument page in Chromium (load event)':44} {'':11}   "
                    f"min {fastest:7.1f} ms   median {middle:7.1f} ms   ({len(loads)} runs)"
                )
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"targets: under {TARGET_BYTES // 1024} KB and {TARGET_SECONDS:.0f} s: "
          f"{'met' if size < TARGET_BYTES and median < TARGET_SECONDS else 'NOT met'}")  # fmt: skip
    print("load average (1, 5, 15 min):", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
