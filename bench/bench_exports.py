"""Import of a generated 1,000-provision .docx, of a 2,500-provision one and of the NI
Adoption and Children Bill; export of the consolidated text, of a redline and of a draft's
meeting pack; a redline's round trip (exported, marked up, read back as proposals). Seconds,
min and median of `RUNS` runs. Run by hand: `.venv/bin/python bench/bench_exports.py`."""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from bench_store import admin_and_law
from sqlalchemy.orm import Session

from api.migrate import upgrade
from drafts import amend, service
from drafts.db import make_engine
from drafts.diff import compare
from drafts.packages import amendments, comments
from drafts.packages import service as drafts
from drafts.packages.schemas import AmendmentCreate, CommentCreate, DraftCreate, TargetIn
from drafts.parse import parse_text
from drafts.tree import count, walk
from exports.docx_in import read_docx
from exports.docx_out import consolidated_docx
from exports.docx_redline import redline_docx
from exports.draft_pack import meeting_pack
from exports.draft_read import read_draft
from exports.info import DocumentInfo, Edition
from exports.pdf import docx_to_pdf, soffice
from exports.word_review import read_reviewed, review
from frameworks import loader

ARTICLES = 200
PARAGRAPHS = 4
AMENDMENTS = 40
RUNS = 5
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
BILL = CORPUS / "uk-docx-bills" / "NI_Adoption_and_Children_Bill_as_introduced.docx"


def law(changed: bool, articles: int = ARTICLES) -> str:
    """A law of `articles` articles of `PARAGRAPHS` paragraphs (1,000 provisions by default)."""
    lines = []
    for a in range(1, articles + 1):
        lines.append(f"Article {a}. Service {a}")
        for p in range(1, PARAGRAPHS + 1):
            verb = "may" if changed and a % 10 == 0 and p == 2 else "shall"
            lines.append(
                f"{p}. The competent authority {verb} provide the service number "
                f"{a * 100 + p} to every person who applies for it."
            )
    return "\n\n".join(lines)


def timed(label: str, work, runs: int = 1):
    """Run `work` `runs` times; print the min (and the median of several) in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    spread = f"  median {statistics.median(times):6.2f} s" if runs > 1 else ""
    print(f"{label:44} {min(times):7.2f} s{spread}")
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
    imported = timed("import the .docx (read_docx)", lambda: read_docx(data, "en"), RUNS)
    assert imported.nodes == old
    large = consolidated_docx(parse_text(law(False, 500), "en").nodes, info)
    imported = timed("import a 2,500-provision .docx", lambda: read_docx(large, "en"), RUNS)
    print(f"{'provisions':44} {count(imported.nodes):7d}")
    if BILL.exists():
        bill = BILL.read_bytes()
        read = timed("import the NI Adoption and Children Bill", lambda: read_docx(bill), RUNS)
        print(f"{'provisions of the bill':44} {count(read.nodes):7d}")
        round_trip(read.nodes, info)
    timed("export the consolidated .docx", lambda: consolidated_docx(new, info, line_numbers=True))
    result = timed("diff the two versions", lambda: compare(old, new))
    timed(
        "export the redline .docx",
        lambda: redline_docx(
            result,
            info,
            info,
            old_nodes=old,
            new_nodes=new,
            author="Bench",
            when=datetime(2024, 1, 1),
        ),
        RUNS,
    )
    meeting_pack_bench(old)


def round_trip(nodes, info: DocumentInfo) -> None:
    """The bill's redline after a move, a new text and a deletion, read back as proposals."""
    counter = iter(range(1, 1_000_000))

    def identified(node):
        children = tuple(identified(child) for child in node.children)
        return replace(node, provision_id=f"p{next(counter)}", children=children)

    old = tuple(identified(node) for node in nodes)
    sections = [node for node in walk(old) if node.kind == "section"]
    new = amend.apply(
        old,
        [
            amend.Operation(
                "1",
                "move",
                target=sections[3].provision_id,
                anchor=sections[40].provision_id,
                position="after",
            ),
            amend.Operation(
                "2", "replace_text", target=sections[9].children[0].provision_id, text="New."
            ),
            amend.Operation("3", "delete", target=sections[20].provision_id),
        ],
    )
    result = compare(old, new)
    redline = timed(
        "export the bill's redline",
        lambda: redline_docx(
            result, info, info, old_nodes=old, new_nodes=new, author="B", when=datetime(2024, 1, 1)
        ),
        RUNS,
    )
    read = timed("read the redline back (both views)", lambda: read_reviewed(redline, "en"), RUNS)
    found = timed("its proposals against the old text", lambda: review(old, read), RUNS)
    kinds = sorted(proposal.kind for proposal in found.proposals)
    print(f"{'proposals':44} {', '.join(kinds)}")


def meeting_pack_bench(law_nodes) -> None:
    """A draft of `AMENDMENTS` accepted amendments (with rationales and treaty references)
    and as many open comments, against the law stored in a new SQLite database with the
    three treaties loaded: the pack's reads, then its building, then the PDF."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'kanun.db'}"
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as session:
            loader.load_shipped(session)
            user, actor, instrument, base = admin_and_law(session, law_nodes)
            draft = drafts.create_draft(
                session=session,
                data=DraftCreate(
                    title="Benchmark draft",
                    description="Aligns the benchmark law with the CRC.",
                    targets=[TargetIn(instrument_id=instrument.id)],
                ),
                user=user,
                actor=actor,
            )
            drafts.move_stage(
                session=session, draft=draft, to="working_group", user=user, actor=actor
            )
            tree = service.read_tree(session=session, version=base)
            paragraphs = [node for node in walk(tree) if node.kind == "paragraph"]
            for n, node in enumerate(paragraphs[:: len(paragraphs) // AMENDMENTS][:AMENDMENTS]):
                amendment = amendments.propose(
                    session=session,
                    draft=draft,
                    data=AmendmentCreate(
                        instrument_id=instrument.id,
                        kind="replace_text",
                        provision_id=node.provision_id,
                        text=node.text.replace("every person", "every child"),
                        rationale=f"Children first ({n}).",
                        treaty_refs=[{"framework": "CRC", "articles": [3, n % 54 + 1]}],
                    ),
                    user=user,
                    actor=actor,
                )
                amendments.decide(
                    session=session,
                    amendment=amendment,
                    decision="accepted",
                    user=user,
                    actor=actor,
                )
                comments.create(
                    session=session,
                    draft=draft,
                    data=CommentCreate(body=f"Is change {n} agreed?", amendment_id=amendment.id),
                    user=user,
                    actor=actor,
                )
            session.flush()
            data = timed(
                "read the draft for its meeting pack",
                lambda: read_draft(session=session, draft=draft),
            )
            pack = timed("build the meeting pack .docx", lambda: meeting_pack(data))
            print(f"{'size of the meeting pack':40} {len(pack) // 1024:7d} KB")
            if soffice():
                timed("convert the meeting pack to PDF", lambda: docx_to_pdf(pack))
            session.rollback()
        engine.dispose()


if __name__ == "__main__":
    main()
