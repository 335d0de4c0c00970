"""A version as a standalone HTML page and as plain text."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from drafts.tree import Node
from exports.docx_out import cover_lines
from exports.info import DocumentInfo
from exports.layout import Line, lines

HTML_MEDIA_TYPE = "text/html; charset=utf-8"
TEXT_MEDIA_TYPE = "text/plain; charset=utf-8"

_STYLE = """
body { font-family: "Times New Roman", serif; max-width: 46em; margin: 2em auto; }
p { line-height: 1.45; }
header p { color: #444; margin: 0.2em 0; }
.notice { font-weight: bold; }
.numbered, .continued { text-indent: -2em; }
.continued { text-indent: 0; }
.note, .footnote { font-style: italic; border-left: 3px solid #bbb; padding-left: 0.8em; }
.quoted { border-left: 3px solid #ddd; padding-left: 0.8em; }
h2.crossheading, h3.crossheading, h4.crossheading, h5.crossheading { font-style: italic; }
.num { display: inline-block; min-width: 2em; }
"""


def to_html(nodes: Sequence[Node], info: DocumentInfo) -> str:
    """A page with the title, the version's facts and the text, one element per paragraph."""
    facts = cover_lines(info)
    notice = facts.pop() if info.edition.status == "draft" else ""
    head = "".join(f"<p>{escape(fact)}</p>" for fact in facts)
    if notice:
        head += f'<p class="notice">{escape(notice)}</p>'
    body = "\n".join(_line(line) for line in lines(nodes, info.language))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(info.language)}"><head><meta charset="utf-8">'
        f"<title>{escape(info.title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{escape(info.title)}</h1>{head}</header><main>\n{body}\n</main>"
        "</body></html>\n"
    )


def _line(line: Line) -> str:
    anchor = f' id="{escape(line.eid)}"' if line.eid and line.role in ANCHORED else ""
    if line.role in ("heading", "crossheading"):
        level = min(line.level + 1, 6)
        return f'<h{level} class="{line.role}"{anchor}>{escape(line.text)}</h{level}>'
    margin = (
        f' style="margin-left: {2 * (line.indent + 1)}em"'
        if line.role not in ("text", "closing")
        else ""
    )
    if line.role == "numbered" and line.num:
        number = f'<span class="num">{escape(line.num)}</span> '
        return f'<p class="numbered"{anchor}{margin}>{number}{escape(line.text)}</p>'
    return f'<p class="{line.role}"{anchor}{margin}>{escape(line.text)}</p>'


ANCHORED = frozenset({"heading", "crossheading", "numbered"})
TEXT_PREFIXES = {"note": "> ", "footnote": "> ", "quoted": "> "}
"""How plain text marks notes and quoted text: as Markdown quotations, never provisions."""


def to_text(nodes: Sequence[Node], info: DocumentInfo) -> str:
    """The plain text, a paragraph a line, which `drafts.parse.parse_text` reads back into
    the same tree when it holds no cross-headings, quotations or closing words."""
    paragraphs: list[str] = []
    previous: Line | None = None
    for line in lines(nodes, info.language):
        if line.role == "numbered":
            text = f"{line.num} {line.text}".strip()
        elif line.role == "crossheading":
            text = f"## {line.text}"
        else:
            text = TEXT_PREFIXES.get(line.role, "") + line.text
        together = line.role in TEXT_PREFIXES or line.role == "continued"
        if previous and together and (previous.eid, previous.role) == (line.eid, line.role):
            paragraphs[-1] += "\n" + text
        else:
            paragraphs.append(text)
        previous = line
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""
