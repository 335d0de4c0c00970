"""The API answers errors without the pages: `api/problems.py` imports nothing of `frontend`,
and no module it reaches leads from the pages back into the API (the pages register their
error page with the app instead)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient

from api import problems
from drafts.errors import NotFound

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("alignment", "api", "drafts", "exports", "frameworks", "frontend")


def path_of(module: str) -> Path | None:
    """The file of a project module, or None for a module from elsewhere."""
    if module.split(".")[0] not in PACKAGES:
        return None
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def imports(module: str) -> frozenset[str]:
    """The project modules `module` imports, anywhere in its code (`from a import b` counts
    `a.b` when that is a module)."""
    path = path_of(module)
    if path is None:
        return frozenset()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if path_of(name) is not None}
    return frozenset(found)


def reached(start: str) -> set[str]:
    """Every project module `start` imports, directly or through others."""
    seen, todo = set(), [start]
    while todo:
        for name in imports(todo.pop()) - seen:
            seen.add(name)
            todo.append(name)
    return seen


def test_the_problems_module_imports_nothing_of_the_pages():
    assert path_of("api.problems") is not None
    assert imports("api.problems")  # the walk reads the module's imports
    assert {name for name in imports("api.problems") if name.startswith("frontend")} == set()


def test_no_module_the_problems_reach_leads_back_into_the_api():
    back = {
        (name, target)
        for name in reached("api.problems")
        if name.startswith("frontend")
        for target in imports(name)
        if target.startswith("api")
    }
    assert back == set()


def test_the_walk_sees_a_cycle_through_the_pages():
    """The check itself: the pages' error module reaches the API, as it is meant to."""
    assert "api.problems" in imports("frontend.errors")
    assert any(name.startswith("api") for name in imports("frontend.deps"))


def test_pages_answer_errors_only_once_registered():
    """An app without pages answers problem details everywhere; once pages register their
    renderer, an error outside /api is their page and one under /api stays a problem."""
    app = FastAPI()
    problems.install(app)

    @app.get("/api/thing")
    @app.get("/thing")
    def thing(size: int = 1):
        raise NotFound("There is no such thing.")

    client = TestClient(app)
    bare = client.get("/thing")
    assert (bare.status_code, bare.headers["content-type"]) == (404, problems.MEDIA_TYPE)
    problems.register_pages(
        app,
        problems.ErrorPages(
            render=lambda request, status, title, detail, errors: HTMLResponse(
                f"<h1>{title}</h1><p>{detail}</p><ul>{''.join(e['message'] for e in errors)}</ul>",
                status_code=status,
            ),
            explain=lambda request, issue: f"Say it again: {issue['loc'][-1]}.",
        ),
    )
    page = client.get("/thing")
    assert page.status_code == 404
    assert page.text == "<h1>Not found</h1><p>There is no such thing.</p><ul></ul>"
    refused = client.get("/thing", params={"size": "big"})
    assert (refused.status_code, refused.text) == (
        422,
        "<h1>Invalid input</h1><p>Say it again: size.</p><ul></ul>",
    )
    assert client.get("/api/thing").headers["content-type"] == problems.MEDIA_TYPE
