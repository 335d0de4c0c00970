"""The text of a version as its page shows it, made once and kept.

What a provision's row shows of the law itself (its number, heading, words and links) is the
same for every reader of one language, and a numbered version never changes: it is rendered
once per version, instrument and language and kept by content hash in the bounded cache of
the immutable representations. The rest of the page is the reader's and today's (the frame
with navigation, name and CSRF token; comments, treaty links, what has not commenced yet) and
is added on every request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import orjson
from markupsafe import Markup

from api import representations
from drafts.models import Instrument, Version
from drafts.tree import Node
from frontend import outline
from frontend.templating import templates


@dataclass(frozen=True, slots=True)
class Row:
    """A provision's row as `instruments/_provisions.html` shows it, its text rendered."""

    eid: str
    provision_id: str
    text_head: Markup
    text_tail: Markup


@dataclass(frozen=True, slots=True)
class LawText:
    long: bool
    """Too long to show whole: the page shows its outline (from the tree) instead."""
    toc: Markup
    rows: list[tuple[Row, int]]


def law_text(
    lang: str,
    instrument: Instrument,
    version: Version | None,
    read: Callable[[], tuple[Node, ...]],
    *,
    keep: bool = True,
) -> LawText:
    """The text `read()` gives, for readers of `lang`: with `keep`, the numbered `version`'s
    text from the cache (rendered and kept if it is not there); else rendered for this once
    (a text in force on a date, without what had not commenced)."""
    if keep and version is not None:
        key = representations.key_of(
            "law text",
            version.id,
            version.content_hash,
            instrument.id,
            instrument.jurisdiction,
            instrument.language,
            lang,
        )
        made = representations.CACHE.remembered(key, lambda: _render(lang, instrument, read()))
    else:
        made = _render(lang, instrument, read())
    kept = orjson.loads(made)
    rows = [
        (Row(eid, provision_id, Markup(head), Markup(tail)), depth)
        for eid, provision_id, head, tail, depth in kept["rows"]
    ]
    return LawText(kept["long"], Markup(kept["toc"]), rows)


def _render(lang: str, instrument: Instrument, nodes: tuple[Node, ...]) -> bytes:
    if outline.is_long(nodes):
        return orjson.dumps({"long": True, "toc": "", "rows": []})
    env = templates(lang).env
    context = {"instrument": instrument, "lang": lang}
    text = env.get_template("instruments/_text.html").make_module(context)
    toc = env.get_template("instruments/_toc.html").render(
        context | {"items": outline.contents(nodes)}
    )
    rows = [
        [node.eid, node.provision_id, str(text.head(node)), str(text.tail(node)), depth]
        for node, depth in outline.flatten(nodes)
    ]
    return orjson.dumps({"long": False, "toc": toc, "rows": rows})
