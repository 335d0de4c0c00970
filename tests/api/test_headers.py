"""Security headers on every answer, no inline script in any template, and a production mode
that refuses unsafe settings and marks every cookie Secure."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import StartupRefused, create_app
from api.settings import Settings
from api.signing import generate
from tests.conftest import PASSWORD

TEMPLATES = Path(__file__).parents[2] / "frontend" / "templates"


@pytest.mark.parametrize("path", ["/login", "/", "/instruments", "/api/v1/me", "/nowhere"])
def test_every_answer_carries_the_headers(anonymous, path):
    headers = anonymous.get(path, follow_redirects=False).headers
    policy = headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_no_template_has_inline_script_or_style():
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", text), template
        assert " style=" not in text, template


def test_the_documentation_page_allows_its_own_inline_script_only(anonymous):
    answer = anonymous.get("/api/docs")
    script = re.search(rb"<script>(.*?)</script>", answer.content, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
    assert f"'sha256-{digest}'" in answer.headers["content-security-policy"]


def test_production_refuses_unsafe_settings(tmp_path):
    loose = tmp_path / "loose.pem"
    generate(loose)
    loose.chmod(0o644)
    with pytest.raises(StartupRefused) as refused:
        create_app(
            Settings(
                environment="production",
                database_url="sqlite://",
                signing_key=loose,
                trusted_proxies=["0.0.0.0/0"],
            )
        )
    message = str(refused.value)
    assert "KANUN_COOKIE_SECURE" in message and "chmod 600" in message
    assert "trusts every address" in message


def test_production_marks_cookies_secure(tmp_path, engine, sessions):
    key = tmp_path / "signing.pem"
    generate(key)
    settings = Settings(
        environment="production", database_url="sqlite://", cookie_secure=True, signing_key=key
    )
    app = create_app(settings, engine=engine)
    app.state.sessionmaker = sessions
    client = TestClient(app, base_url="https://testserver")
    answer = client.post("/api/v1/auth/login", json={"username": "viewer1", "password": PASSWORD})
    assert answer.status_code == 200
    assert "Secure" in answer.headers["set-cookie"]
    assert "Secure" in client.get("/login").headers["set-cookie"]
    assert answer.headers["strict-transport-security"].startswith("max-age=")
