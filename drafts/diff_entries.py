"""One entry of a diff's merged view: what happened to one provision.

A provision kept in both texts is `modified` when the words of its heading or text changed
(`reformatted` when only their form did: numbers, spaces, quotes), `repealed` when its text
became a stub, `moved` and `renumbered` as its place and number say; an inserted or deleted
provision carries its whole text as one insertion or deletion. The statuses are those of
`drafts.diff_statuses`.
"""

from __future__ import annotations

from typing import NamedTuple

from drafts import worddiff
from drafts.diff_statuses import (
    DELETED,
    INSERTED,
    MODIFIED,
    MOVED,
    NOT_CHANGES,
    REFORMATTED,
    RENUMBERED,
    REPEALED,
    UNCHANGED,
)
from drafts.matching import Side
from drafts.normalize import is_stub, number, same
from drafts.tree import Node
from drafts.worddiff import Op


class Entry(NamedTuple):
    """One provision of the merged view; `old_*` is None when inserted, `new_*` when deleted.

    A named tuple rather than a frozen dataclass: a diff of a large code makes one for each of
    its thousands of provisions, and a tuple is made several times faster."""

    kind: str
    statuses: tuple[str, ...]
    depth: int
    provision_id: str | None = None
    old_eid: str | None = None
    new_eid: str | None = None
    old_num: str | None = None
    new_num: str | None = None
    old_heading: str | None = None
    new_heading: str | None = None
    heading_ops: tuple[Op, ...] = ()
    text_ops: tuple[Op, ...] = ()
    modified: tuple[str, ...] = ()
    """Which parts of a modified provision changed: "heading", "text"."""
    confidence: float | None = None
    """How sure the pairing of the old and new provision is (1.0 for an identity or the same
    words); None for inserted and deleted provisions."""

    @property
    def changed(self) -> bool:
        """True for a change of the law (a formatting-only difference is not one)."""
        return not NOT_CHANGES.issuperset(self.statuses)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "provision_id": self.provision_id,
            "old_eid": self.old_eid,
            "new_eid": self.new_eid,
            "old_num": self.old_num,
            "new_num": self.new_num,
            "old_heading": self.old_heading,
            "new_heading": self.new_heading,
            "heading_ops": list(map(list, self.heading_ops)),
            "text_ops": list(map(list, self.text_ops)),
            "statuses": list(self.statuses),
            "modified": list(self.modified),
            "depth": self.depth,
            "confidence": self.confidence,
        }


def with_(entry: Entry, **changes) -> Entry:
    return entry._replace(**changes)


def deleted_entries(
    out: list[Entry], before: Side, pairs: dict[int, int], i: int, depth: int
) -> None:
    node = before.nodes[i]
    out.append(
        Entry(
            kind=node.kind,
            statuses=(DELETED,),
            depth=depth,
            provision_id=node.provision_id,
            old_eid=node.eid,
            old_num=node.num,
            old_heading=node.heading,
            heading_ops=((worddiff.DELETE, node.heading),) if node.heading else (),
            text_ops=((worddiff.DELETE, node.text),) if node.text else (),
        )
    )
    for child in before.kids[i]:
        if child not in pairs:
            deleted_entries(out, before, pairs, child, depth + 1)


def inserted_entry(node: Node, depth: int) -> Entry:
    return Entry(
        kind=node.kind,
        statuses=(INSERTED,),
        depth=depth,
        provision_id=node.provision_id,
        new_eid=node.eid,
        new_num=node.num,
        new_heading=node.heading,
        heading_ops=((worddiff.INSERT, node.heading),) if node.heading else (),
        text_ops=((worddiff.INSERT, node.text),) if node.text else (),
    )


_UNCHANGED = (UNCHANGED,)
_EQUAL = worddiff.EQUAL


def kept_entry(
    old: Node, new: Node, moved: bool, depth: int, confidence: float | None = None
) -> Entry:
    if not moved and old.num == new.num and _same_revision(old, new):
        # Most provisions of a code are unchanged: one tuple, no comparison.
        heading, text = new.heading, new.text
        return Entry(
            new.kind,
            _UNCHANGED,
            depth,
            new.provision_id or old.provision_id,
            old.eid,
            new.eid,
            old.num,
            new.num,
            old.heading,
            heading,
            ((_EQUAL, heading),) if heading else (),
            ((_EQUAL, text),) if text else (),
            (),
            confidence,
        )
    modified: tuple[str, ...] = ()
    formatting = False
    if old.revision_id is None or old.revision_id != new.revision_id:
        for part in ("heading", "text"):
            before, after = getattr(old, part), getattr(new, part)
            if before != after:
                if same(before, after):
                    formatting = True
                else:
                    modified += (part,)
    stubs = (_stub(old), _stub(new)) if modified or formatting else (False, False)
    if stubs == (False, True):
        statuses: tuple[str, ...] = (REPEALED,)
        modified = ()
    elif stubs == (True, True) and modified:
        statuses, modified, formatting = (), (), True
    else:
        statuses = (MODIFIED,) if modified else ()
    if moved:
        statuses += (MOVED,)
    if old.num != new.num:
        if number(old.num) == number(new.num):
            formatting = True
        elif not _named_instead(old, new):
            statuses += (RENUMBERED,)
    if not statuses and formatting:
        statuses = (REFORMATTED,)
    return Entry(
        kind=new.kind,
        statuses=statuses or (UNCHANGED,),
        depth=depth,
        provision_id=new.provision_id or old.provision_id,
        old_eid=old.eid,
        new_eid=new.eid,
        old_num=old.num,
        new_num=new.num,
        old_heading=old.heading,
        new_heading=new.heading,
        heading_ops=_ops(old.heading, new.heading, "heading" in modified),
        text_ops=_ops(old.text, new.text, "text" in modified or (REPEALED in statuses)),
        modified=modified,
        confidence=confidence,
    )


def _named_instead(old: Node, new: Node) -> bool:
    """True when a heading takes the place of a number or the reverse (a numbered section of
    an appropriations act becomes the paragraph under its account's heading): the provision is
    named otherwise, not renumbered; its heading is modified."""
    return (
        bool(old.num) != bool(new.num)
        and bool(old.heading) != bool(new.heading)
        and (bool(old.num) == bool(new.heading))
    )


def _same_revision(old: Node, new: Node) -> bool:
    """Whether both show one stored revision, or the same words in the same form."""
    if old.revision_id is not None:
        return old.revision_id == new.revision_id
    return old.heading == new.heading and old.text == new.text


def _stub(node: Node) -> bool:
    return not node.children and is_stub(node.heading, node.text)


def _ops(old: str, new: str, changed: bool) -> tuple[Op, ...]:
    if changed:
        return worddiff.diff(old, new)
    return ((worddiff.EQUAL, new),) if new else ()
