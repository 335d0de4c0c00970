"""Where a provision stands, as a person cites it: "Article 6(3)", «часть 3 статьи 6».

Citations come from `drafts.citations`, in the language and citation style of the text's
instrument; a provision is looked up by its eId in the text it belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence

from drafts import citations
from drafts.tree import Node
from exports.info import DocumentInfo


class Places:
    """The citations of the provisions of one text."""

    def __init__(self, nodes: Sequence[Node], info: DocumentInfo) -> None:
        self.paths = citations.index(nodes)
        self.language = citations.language_of(info.language)
        self.style = citations.style_for(info.jurisdiction, info.language)

    def cite(self, eid: str | None, case: str = "nom") -> str:
        """The citation of the provision with this eId, or '' when the text has none."""
        path = self.paths.get(eid or "")
        if not path:
            return ""
        if case not in citations.CASES[self.language]:
            case = "nom"
        return citations.cite(path, lang=self.language, style=self.style, case=case)
