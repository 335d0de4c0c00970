"""Import of a generated 1,000-provision .docx, and export of the consolidated text and of a
redline for it, in seconds. Run by hand: `.venv/bin/python bench/bench_exports.py`."""

from __future__ import annotations

import time
from datetime import date, datetime

from drafts.diff import compare
from drafts.parse import parse_text
from drafts.tree import count
from exports.docx_in import read_docx
from exports.docx_out import consolidated_docx
from exports.docx_redline import redline_docx
from exports.info import DocumentInfo, Edition

ARTICLES = 200
PARAGRAPHS = 4


def law(changed: bool) -> str:
    """A law of `ARTICLES` articles of `PARAGRAPHS` paragraphs (1,000 provisions)."""
    lines = []
    for a in range(1, ARTICLES + 1):
        lines.append(f"Article {a}. Service {a}")
        for p in range(1, PARAGRAPHS + 1):
            verb = "may" if changed and a % 10 == 0 and p == 2 else "shall"
            lines.append(
                f"{p}. The competent authority {verb} provide the service number "
                f"{a * 100 + p} to every person who applies for it."
            )
    return "\n\n".join(lines)


def timed(label: str, work):
    start = time.perf_counter()
    result = work()
    print(f"{label:40} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    info = DocumentInfo(
        title="Benchmark Law",
        work_uri="/akn/tm/act/2024/benchmark",
        language="en",
        edition=Edition(2, "draft", date(2024, 1, 1)),
    )
    old = parse_text(law(False), "en").nodes
    new = parse_text(law(True), "en").nodes
    data = timed("write the source .docx", lambda: consolidated_docx(old, info))
    print(f"{'provisions':40} {count(old):7d}\n{'size of the .docx':40} {len(data) // 1024:7d} KB")
    imported = timed("import the .docx (read_docx)", lambda: read_docx(data, "en"))
    assert imported.nodes == old
    timed("export the consolidated .docx", lambda: consolidated_docx(new, info, line_numbers=True))
    result = timed("diff the two versions", lambda: compare(old, new))
    timed(
        "export the redline .docx",
        lambda: redline_docx(result, info, info, author="Bench", when=datetime(2024, 1, 1)),
    )


if __name__ == "__main__":
    main()
