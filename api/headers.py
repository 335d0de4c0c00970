"""Security headers on every answer, and `Secure` on every cookie behind TLS.

The pages load scripts and styles from Kanun's own `/static` only, so the Content Security
Policy allows no inline script, no other origin and no framing. The API's documentation page
(Swagger UI) is the one exception: its scripts come from the CDN FastAPI names, and its one
inline script is allowed by its hash, computed from the page as it is served.
"""

from __future__ import annotations

import base64
import hashlib
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGES_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DOCS_CDN = "https://cdn.jsdelivr.net"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def docs_policy(page: bytes) -> str:
    """The policy of the documentation page: its CDN, and its inline scripts by hash."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"
        for script in _INLINE_SCRIPT.findall(page)
    )
    return (
        f"default-src 'self'; script-src 'self' {DOCS_CDN} {hashes}; "
        f"style-src 'self' {DOCS_CDN}; img-src 'self' data: https://fastapi.tiangolo.com; "
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """Adds the headers to every HTTP answer; with `secure_cookies`, HSTS and `Secure` too."""

    def __init__(self, app: ASGIApp, *, docs_path: str, secure_cookies: bool) -> None:
        self.app = app
        self.docs_path = docs_path
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == self.docs_path:
            await self._docs(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self._headers(message.get("headers", []), PAGES_POLICY)
            await send(message)

        await self.app(scope, receive, with_headers)

    async def _docs(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The documentation page is small: hold it back to hash its inline script."""
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, hold)
        start, *rest = held
        page = b"".join(m.get("body", b"") for m in rest)
        start["headers"] = self._headers(start.get("headers", []), docs_policy(page))
        await send(start)
        for message in rest:
            await send(message)

    def _headers(self, headers: list, policy: str) -> list:
        added = [
            (b"content-security-policy", policy.encode()),
            (b"x-frame-options", b"DENY"),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
        ]
        if self.secure_cookies:
            added.append((b"strict-transport-security", b"max-age=31536000"))
            headers = [
                (name, value + b"; Secure")
                if name.lower() == b"set-cookie" and b"secure" not in value.lower()
                else (name, value)
                for name, value in headers
            ]
        present = {name.lower() for name, _ in headers}
        return [*headers, *(header for header in added if header[0] not in present)]
