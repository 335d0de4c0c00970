"""No route reads or writes the database itself: the API's routers and the pages call the
services (`drafts/`, `alignment/`, `exports/`, `frameworks/`, `api/auth`), which hold the SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROUTES = sorted(
    [*(ROOT / "api" / "routers").glob("*.py"), *(ROOT / "frontend" / "routes").glob("*.py")]
)
QUERIES = {"execute", "scalar", "scalars", "query"}
"""Session methods that run SQL a route would have written."""
BUILDERS = {"select", "insert", "update", "delete", "text"}
"""SQLAlchemy's statement builders."""


def sql_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [
        f"{path.name}:{node.lineno} imports {alias.name} from sqlalchemy"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "sqlalchemy"
        for alias in node.names
        if alias.name in BUILDERS
    ]
    found += [
        f"{path.name}:{node.lineno} calls .{node.func.attr}()"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in QUERIES
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in ("session", "db")
    ]
    return found


def test_the_routes_are_found():
    assert len(ROUTES) > 30


@pytest.mark.parametrize("path", ROUTES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_a_route_module_holds_no_sql(path):
    assert sql_in(path) == []


def test_the_check_sees_sql(tmp_path):
    written = tmp_path / "route.py"
    written.write_text(
        "from sqlalchemy import select\n\n"
        "def page(session):\n    return session.scalars(select(X))\n"
    )
    assert len(sql_in(written)) == 2
