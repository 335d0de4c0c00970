"""End-to-end fixtures: Kanun served by uvicorn on a free local port with the demo data, and
Debian's Chromium driven by Playwright. Without Chromium the tests skip, except in CI."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from api.demo.seed import DEMO_PASSWORDS, seed
from api.migrate import upgrade
from drafts.db import make_engine

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = HERE / "screenshots"


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is needed for the end-to-end tests in CI.")
    pytest.skip(f"{what} is not installed.")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    """A database of the server's own, migrated and seeded with the demo."""
    base = os.environ.get("KANUN_TEST_DATABASE_URL")
    if not base:
        url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'kanun.db'}"
        _prepare(url)
        yield url
        return
    schema = f"kanun_e2e_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    url = f"{base}{separator}options=-csearch_path%3D{schema}"
    try:
        _prepare(url)
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _prepare(url: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        seed(session)
        session.commit()
    engine.dispose()


@pytest.fixture(scope="session")
def server(database_url, tmp_path_factory) -> Iterator[str]:
    """The base URL of a running Kanun."""
    port = _free_port()
    env = os.environ | {
        "KANUN_DATABASE_URL": database_url,
        "KANUN_VAR_DIR": str(tmp_path_factory.mktemp("var")),
        "KANUN_ENVIRONMENT": "test",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.app:served_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60  # a loaded machine starts slowly
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/login", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:  # refused, reset or timed out while it starts
                time.sleep(0.1)
        else:
            pytest.fail("The server did not start.")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _missing("Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def sign_in(browser, server):
    """`sign_in("drafter")`: a new browser page signed in as that demo user."""
    contexts = []

    def make(username: str):
        context = browser.new_context(base_url=server, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.goto("/login")
        page.get_by_label("User name").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORDS[username])
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{server}/")
        return page

    yield make
    for context in contexts:
        context.close()


def axe_violations(page) -> list[dict]:
    """Serious and critical accessibility violations axe-core finds on the page."""
    if not AXE.exists():
        _missing("axe-core (npm ci --prefix tests/e2e)")
    # Evaluated through the browser's debugging protocol: the pages' Content Security Policy
    # rightly refuses inline scripts, and the test must not weaken it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:3]],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
