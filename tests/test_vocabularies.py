"""Each vocabulary is defined once: the module that defines it is the only one of the project
that lists all of its values in one tuple, list, set or `Literal[...]`; every other module
imports them. (A mapping keyed by the values is a use, not a definition.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from alignment.models import RELATIONS, SOURCES, STATUSES
from drafts.amend import KINDS, POSITIONS
from drafts.packages.stages import STAGES

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("alignment", "api", "drafts", "exports", "frameworks", "frontend")
VOCABULARIES = {
    "link relations": (RELATIONS, "alignment/models.py"),
    "link statuses": (STATUSES, "alignment/models.py"),
    "link sources": (SOURCES, "alignment/models.py"),
    "amendment kinds": (KINDS, "drafts/amend.py"),
    "insert positions": (POSITIONS, "drafts/amend.py"),
    "draft stages": (STAGES, "drafts/packages/stages.py"),
}


def listed_strings(tree: ast.AST) -> list[set[str]]:
    """The strings of each literal collection in the code: tuples, lists, sets, Literal[...]."""
    return [
        {item.value for item in node.elts if isinstance(item, ast.Constant)}
        for node in ast.walk(tree)
        if isinstance(node, ast.Tuple | ast.List | ast.Set)
    ]


def collections_by_module() -> dict[str, list[set[str]]]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # a migration keeps the values of its day
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found[path.relative_to(ROOT).as_posix()] = listed_strings(tree)
    return found


@pytest.mark.parametrize("name", VOCABULARIES)
def test_a_vocabulary_is_spelled_out_in_one_module(name):
    values, home = VOCABULARIES[name]
    listing = {
        module
        for module, collections in collections_by_module().items()
        if any(set(values) <= listed for listed in collections)
    }
    assert listing == {home}
