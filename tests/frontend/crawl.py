"""A small crawler of the pages: follows the links of every page it reads, and gathers each
GET form with the values it would send as it stands (its defaults)."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit

from bs4 import BeautifulSoup

SKIP = ("/api/", "/static/", "/logout")
SKIPPED_INPUTS = frozenset({"submit", "button", "file", "password", "reset", "image"})


@dataclass(frozen=True, slots=True)
class Form:
    page: str
    action: str
    fields: tuple[tuple[str, str], ...]


def pattern(url: str) -> str:
    """The shape of an address: numbers as N, the names of its parameters sorted."""
    parts = urlsplit(url)
    names = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(names)


def defaults(form, page: str) -> Form:
    """The form's action and what it sends when submitted as it stands."""
    fields: list[tuple[str, str]] = []
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "input":
            kind = field.get("type", "text").lower()
            unchecked = kind in ("checkbox", "radio") and not field.has_attr("checked")
            if kind in SKIPPED_INPUTS or unchecked:
                continue
            fields.append((name, field.get("value", "on" if kind == "checkbox" else "")))
        elif field.name == "select":
            options = field.select("option")
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            fields.extend((name, o.get("value", o.get_text())) for o in chosen)
        else:
            fields.append((name, field.get_text()))
    button = form.select_one("button[name][type=submit], button[name]:not([type])")
    if button is not None:
        fields.append((button["name"], button.get("value", "")))
    action = urljoin(page, form.get("action") or page)
    return Form(page, action.split("#")[0], tuple(fields))


def crawl(get, start: str = "/", limit: int = 200, per_pattern: int = 2):
    """(the pages read, the GET forms found) from `start`, through same-site links."""
    queue, seen, read, forms = deque([start]), {start}, [], {}
    shapes: dict[str, int] = {}
    while queue and len(read) < limit:
        url = queue.popleft()
        response = get(url)
        html = "text/html" in response.headers.get("content-type", "")
        if response.status_code != 200 or not html:
            continue
        read.append(url)
        soup = BeautifulSoup(response.text, "html.parser")
        for form in soup.select("form"):
            if form.get("method", "get").lower() == "get":
                found = defaults(form, url)
                key = (pattern(found.action), tuple(name for name, _ in found.fields))
                forms.setdefault(key, found)
        for link in soup.select("a[href]"):
            href = urljoin(url, link["href"]).split("#")[0]
            parts = urlsplit(href)
            if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local in seen or local.startswith(SKIP):
                continue
            shape = pattern(local)
            if shapes.get(shape, 0) >= per_pattern:
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            seen.add(local)
            queue.append(local)
    return read, list(forms.values())
