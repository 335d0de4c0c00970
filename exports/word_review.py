"""A Word document a reviewer marked up, read back as proposed amendments and comments.

The document is read twice: with every tracked change rejected (what the reviewer started
from) and with every one accepted (what the reviewer wants). What the reviewer wants is
compared with a reference text whose provisions carry their identities (the draft's base
version, or the draft's text with its accepted amendments: whichever the document is closer
to), and each changed provision gives one proposal: a new text or heading, a new number, an
insertion (consecutive new provisions together), a deletion or a move. Each proposal carries
the author and date of the tracked changes in its paragraphs, and each Word comment is placed
on the provision its paragraph belongs to. Nothing here touches a database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from drafts import diff
from drafts.diff import Entry
from drafts.parse_patterns import LANGUAGES
from drafts.tree import Node, from_dict, to_dict, walk
from exports.docx_read import Mark, Package, Para, W, clean, open_package, paragraphs, text_of
from exports.docx_tree import Built, build

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
KEPT_SIDES = frozenset({"unchanged", "modified", "renumbered", "moved"})


@dataclass(frozen=True, slots=True)
class WordComment:
    id: str
    author: str
    date: datetime | None
    text: str
    parent: str | None
    paragraph: int
    """The number of the paragraph it is anchored in."""


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What a reviewed document holds: both its texts, its tracked changes and comments."""

    new: Built
    """Every change accepted."""
    old: Built
    """Every change rejected."""
    marks: dict[int, tuple[Mark, ...]]
    """The tracked changes of each paragraph, by its number."""
    comments: tuple[WordComment, ...]

    @property
    def tracked(self) -> bool:
        return bool(self.marks)


@dataclass(frozen=True, slots=True)
class Proposal:
    """One amendment a reviewed document proposes, in the shape `drafts.amend` reads."""

    kind: str
    provision_id: str | None = None
    anchor_id: str | None = None
    position: str | None = None
    num: str | None = None
    heading: str | None = None
    text: str | None = None
    nodes: tuple[Node, ...] = ()
    old_eid: str | None = None
    """Where it acts in the reference text."""
    new_eid: str | None = None
    """Where it shows in the reviewed text."""
    author: str = ""
    """Who made the tracked changes behind it in Word ('' without tracked changes)."""
    date: datetime | None = None

    def fields(self) -> dict:
        """The fields of an amendment of this kind (the API's shape)."""
        values = {
            "kind": self.kind,
            "provision_id": self.provision_id,
            "anchor_id": self.anchor_id,
            "position": self.position,
            "num": self.num,
            "heading": self.heading,
            "text": self.text,
            "nodes": [_plain(node) for node in self.nodes],
        }
        return {name: value for name, value in values.items() if value not in (None, [])}


@dataclass(frozen=True, slots=True)
class Placed:
    """A Word comment and the provision it is about (None: the text as a whole)."""

    comment: WordComment
    provision_id: str | None
    new_eid: str | None
    proposal: int | None = None
    """The index of the proposal that inserts the provision it is about."""


@dataclass(frozen=True, slots=True)
class Review:
    proposals: tuple[Proposal, ...]
    comments: tuple[Placed, ...]
    problems: tuple[str, ...] = field(default=())


def read_reviewed(data: bytes, language: str) -> Reviewed:
    """Both texts of a reviewed .docx, its tracked changes and its comments."""
    package = open_package(data)
    lang = LANGUAGES.get(language, LANGUAGES["en"])
    new_paras, old_paras = paragraphs(package, "new"), paragraphs(package, "old")
    marks = {para.index: para.marks for para in (*new_paras, *old_paras) if para.marks}
    return Reviewed(
        new=build(new_paras, lang),
        old=build(old_paras, lang),
        marks=marks,
        comments=tuple(_comments(package, new_paras, old_paras)),
    )


def closest(candidates: Sequence[tuple[Node, ...]], text: tuple[Node, ...]) -> int:
    """The index of the candidate text that differs from `text` in the fewest provisions."""
    changed = [
        sum(1 for entry in diff.compare(candidate, text).entries if entry.changed)
        for candidate in candidates
    ]
    return changed.index(min(changed))


def review(reference: tuple[Node, ...], reviewed: Reviewed) -> Review:
    """The proposals that turn `reference` into what the reviewer wants, and the comments."""
    result = diff.compare(reference, reviewed.new.nodes)
    wanted = {node.eid: node for node in walk(reviewed.new.nodes)}
    old_marks = _old_marks(reference, reviewed)
    proposals: list[Proposal] = []
    problems: list[str] = []
    inserting: dict[str, int] = {}
    entries = list(result.entries)
    for index, entry in enumerate(entries):
        parent = _parent(entries, index)
        if "inserted" in entry.statuses:
            if parent is not None and "inserted" in parent.statuses:
                continue
            if index and _same_insertion(entries, index - 1, entry):
                continue
            group = _siblings(entries, index)
            where = _place(entries, index, group)
            if where is None:
                problems.append(_unplaceable(entry))
                continue
            for member in group:
                inserting[member.new_eid] = len(proposals)
            proposals.append(
                Proposal(
                    "insert",
                    anchor_id=where[0],
                    position=where[1],
                    nodes=tuple(_plain_node(wanted[m.new_eid]) for m in group),
                    new_eid=entry.new_eid,
                    **_authored(reviewed, reviewed.new.sources.get(entry.new_eid, ())),
                )
            )
            continue
        if entry.provision_id is None:
            if entry.changed:
                problems.append(_not_in_reference(entry))
            continue
        if "deleted" in entry.statuses:
            if parent is None or "deleted" not in parent.statuses:
                proposals.append(
                    Proposal(
                        "delete",
                        provision_id=entry.provision_id,
                        old_eid=entry.old_eid,
                        **_authored(reviewed, old_marks.get(entry.old_eid, ())),
                    )
                )
            continue
        proposals.extend(_changes(entries, index, wanted, reviewed, problems))
    return Review(tuple(proposals), tuple(_placed(reviewed, result, inserting)), tuple(problems))


def _changes(
    entries: list[Entry],
    index: int,
    wanted: dict[str, Node],
    reviewed: Reviewed,
    problems: list[str],
) -> Iterator[Proposal]:
    """The proposals for a provision kept in the reviewed text: moved, reworded, renumbered."""
    entry = entries[index]
    node = wanted[entry.new_eid]
    said = {
        "provision_id": entry.provision_id,
        "old_eid": entry.old_eid,
        "new_eid": entry.new_eid,
        **_authored(reviewed, reviewed.new.sources.get(entry.new_eid, ())),
    }
    if "moved" in entry.statuses:
        where = _place(entries, index, [entry])
        if where is None:
            problems.append(_unplaceable(entry))
        else:
            yield Proposal("move", anchor_id=where[0], position=where[1], **said)
    if "text" in entry.modified:
        yield Proposal("replace_text", text=node.text, **said)
    if "heading" in entry.modified:
        yield Proposal("replace_heading", heading=node.heading, **said)
    if "renumbered" in entry.statuses and node.num:
        yield Proposal("renumber", num=node.num, **said)


def _parent(entries: list[Entry], index: int) -> Entry | None:
    depth = entries[index].depth
    return next((e for e in reversed(entries[:index]) if e.depth < depth), None)


def _same_insertion(entries: list[Entry], before: int, entry: Entry) -> bool:
    """Whether the entry just before (at the same depth) is an insertion this one joins."""
    for earlier in reversed(entries[: before + 1]):
        if earlier.depth < entry.depth:
            return False
        if earlier.depth == entry.depth:
            return "inserted" in earlier.statuses
    return False


def _siblings(entries: list[Entry], index: int) -> list[Entry]:
    """The inserted provision at `index` and the inserted siblings right after it."""
    depth = entries[index].depth
    group = [entries[index]]
    for entry in entries[index + 1 :]:
        if entry.depth < depth:
            break
        if entry.depth > depth:
            continue
        if "inserted" not in entry.statuses:
            break
        group.append(entry)
    return group


def _stays(entry: Entry) -> bool:
    """Whether a provision of the reference is still in the reviewed text, where it was."""
    return (
        entry.provision_id is not None
        and entry.new_eid is not None
        and entry.old_eid is not None
        and "moved" not in entry.statuses
    )


def _place(entries: list[Entry], index: int, group: list[Entry]) -> tuple[str | None, str] | None:
    """Where provisions put at `index` go: after the sibling before them that stays, before
    the one after them, at the end of their parent, or at the end of the text."""
    depth = entries[index].depth
    for entry in reversed(entries[:index]):
        if entry.depth < depth:
            break
        if entry.depth == depth and _stays(entry):
            return entry.provision_id, "after"
    last = entries.index(group[-1])
    for entry in entries[last + 1 :]:
        if entry.depth < depth:
            break
        if entry.depth == depth and _stays(entry):
            return entry.provision_id, "before"
    parent = _parent(entries, index)
    if parent is None:
        return (None, "last_child") if index == len(entries) - 1 or depth == 0 else None
    return (parent.provision_id, "last_child") if _stays(parent) else None


def _authored(reviewed: Reviewed, paragraphs_: Sequence[int]) -> dict:
    """The author and date of the latest tracked change in these paragraphs."""
    found = [mark for number in paragraphs_ for mark in reviewed.marks.get(number, ())]
    if not found:
        return {}
    latest = max(found, key=lambda mark: mark.date)
    return {"author": latest.author, "date": _when(latest.date)}


def _old_marks(reference: tuple[Node, ...], reviewed: Reviewed) -> dict[str, tuple[int, ...]]:
    """The paragraphs each provision of the reference had in the rejected view, by eId."""
    paired = diff.compare(reference, reviewed.old.nodes)
    return {
        entry.old_eid: reviewed.old.sources.get(entry.new_eid, ())
        for entry in paired.entries
        if entry.old_eid and entry.new_eid
    }


def _placed(reviewed: Reviewed, result: diff.Diff, inserting: dict[str, int]) -> Iterator[Placed]:
    """Each comment with the provision of its paragraph (the innermost one)."""
    holders: dict[int, str] = {}
    for eid, numbers in reviewed.new.sources.items():
        for number in numbers:
            if number not in holders or eid.startswith(holders[number]):
                holders[number] = eid
    identity = {e.new_eid: e.provision_id for e in result.entries if e.new_eid}
    for comment in reviewed.comments:
        eid = holders.get(comment.paragraph)
        yield Placed(comment, identity.get(eid), eid, inserting.get(eid or ""))


def _comments(package: Package, *views: list[Para]) -> Iterator[WordComment]:
    if package.comments is None:
        return
    anchored: dict[str, int] = {}
    for view in reversed(views):
        anchored.update({cid: para.index for para in view for cid in para.comments})
    parents = _threads(package)
    for comment in package.comments.iter(f"{W}comment"):
        cid = comment.get(f"{W}id", "")
        if cid not in anchored:
            continue
        text = "\n".join(clean(text_of(p)) for p in comment.iter(f"{W}p")).strip()
        if not text:
            continue
        yield WordComment(
            id=cid,
            author=comment.get(f"{W}author", ""),
            date=_when(comment.get(f"{W}date", "")),
            text=text,
            parent=parents.get(cid),
            paragraph=anchored[cid],
        )


def _threads(package: Package) -> dict[str, str]:
    """Which comment each reply answers (Word keeps it by paragraph ids), by comment id."""
    if package.threads is None or package.comments is None:
        return {}
    by_paragraph: dict[str, str] = {}
    for comment in package.comments.iter(f"{W}comment"):
        last = [p for p in comment.iter(f"{W}p") if p.get(f"{W14}paraId")]
        if last:
            by_paragraph[last[-1].get(f"{W14}paraId")] = comment.get(f"{W}id", "")
    found = {}
    for extended in package.threads.iter(f"{W15}commentEx"):
        own = by_paragraph.get(extended.get(f"{W15}paraId", ""))
        parent = by_paragraph.get(extended.get(f"{W15}paraIdParent", ""))
        if own and parent:
            found[own] = parent
    return found


def _when(value: str) -> datetime | None:
    """A date as Word writes it ("2024-05-01T09:30:00Z"), in UTC; None when there is none."""
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


def _plain_node(node: Node) -> Node:
    """A provision to insert: its words and children, without eIds."""
    return from_dict(_plain(node))


def _plain(node: Node) -> dict:
    shape = to_dict(node)
    stack = [shape]
    while stack:
        current = stack.pop()
        current.pop("eid", None)
        current.pop("provision_id", None)
        stack.extend(current["children"])
    return shape


def _unplaceable(entry: Entry) -> str:
    where = entry.new_eid or entry.old_eid
    return f"The provision at {where} could not be placed next to one the base text has."


def _not_in_reference(entry: Entry) -> str:
    return (
        f"The provision at {entry.new_eid or entry.old_eid} was inserted by another amendment "
        "of the draft; change that amendment instead."
    )
