"""Reading reference data files into checked shapes: a framework from JSON in the shipped
treaty files' shape, a recommendation set from JSON (the shipped UPR file's shape) or CSV.

Every problem is an `InvalidInput` whose sentence names the article, recommendation or CSV row
and the field; nothing here touches the database.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from drafts.errors import InvalidInput
from frameworks.schemas import (
    CSV_COLUMNS,
    CSV_LIST_COLUMNS,
    ArticleIn,
    FrameworkIn,
    RecommendationIn,
    RecommendationSetIn,
)

Model = TypeVar("Model", bound=BaseModel)
JSON_ALIASES = {
    "id": "number",
    "position": "response",
    "recommending_states": "recommended_by",
    "document_symbol": "document",
}


def read_json(content: bytes) -> Any:
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidInput(f"The file is not valid UTF-8 JSON ({error}).") from None


def read_framework(raw: Any) -> FrameworkIn:
    """A framework in the shipped treaty files' shape; `*_note` fields become its notes."""
    if not isinstance(raw, dict):
        raise InvalidInput("A framework file holds one JSON object with its articles.")
    items = _objects(raw.get("articles"), "articles", "Article {} of the file")
    articles = [validated(ArticleIn, item, label) for label, item in items]
    seen: set[str] = set()
    for (label, _), article in zip(items, articles, strict=True):
        if article.number in seen:
            raise InvalidInput(f"{label} repeats the article number {article.number}.")
        seen.add(article.number)
    notes = {key: value for key, value in raw.items() if key.endswith("_note")}
    return validated(FrameworkIn, {**raw, "notes": notes, "articles": articles}, "The framework")


def read_recommendations_json(
    raw: Any, *, code: str, title: str | None = None, mechanism: str | None = None
) -> tuple[RecommendationSetIn, list[str]]:
    """A set from JSON shaped like the shipped UPR file; `title`/`mechanism` override the
    file's. Gives the set and a label per recommendation for later error sentences."""
    if not isinstance(raw, dict):
        raise InvalidInput("A recommendations file holds one JSON object.")
    items = _objects(raw.get("recommendations"), "recommendations", "Recommendation {}")
    fields = {
        "code": code,
        "title": title or raw.get("title"),
        "mechanism": mechanism or raw.get("mechanism") or "",
        "source": raw.get("source") or "",
        "note": raw.get("note") or "",
    }
    return _set_of(fields, [(label, _from_source(item)) for label, item in items])


def read_recommendations_csv(
    content: bytes, *, code: str, title: str, mechanism: str = "", source: str = ""
) -> tuple[RecommendationSetIn, list[str]]:
    """A set from UTF-8 CSV with a header row; rows are counted as a spreadsheet shows them,
    the header being row 1. List cells separate their entries with ';'."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("The CSV file is not UTF-8 text.") from None
    if not title.strip():
        raise InvalidInput("A set read from CSV needs a title.")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in ("number", "text") if name not in header]
    if missing:
        raise InvalidInput(f"The CSV has no '{missing[0]}' column; it needs number and text.")
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown:
        raise InvalidInput(
            f"The CSV column '{unknown[0]}' is not one Kanun reads; the columns are "
            f"{', '.join(CSV_COLUMNS)}."
        )
    reader.fieldnames = header
    rows = []
    for index, record in enumerate(reader, 2):
        if None in record:
            raise InvalidInput(f"Row {index} has more cells than the header has columns.")
        cells = {name: (value or "").strip() for name, value in record.items()}
        for name in CSV_LIST_COLUMNS & cells.keys():
            cells[name] = [part.strip() for part in cells[name].split(";") if part.strip()]
        rows.append((f"Row {index}", {name: value for name, value in cells.items() if value}))
    fields = {"code": code, "title": title, "mechanism": mechanism, "source": source}
    return _set_of(fields, rows)


def validated(model: type[Model], values: dict, label: str) -> Model:
    """`values` checked against `model`, or InvalidInput naming `label` and the field."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        errors = [
            {
                "field": ".".join(str(part) for part in issue["loc"]) or "value",
                "message": f"{label}: {issue['msg']}",
            }
            for issue in error.errors(include_url=False)
        ]
        first = errors[0]
        reason = first["message"].removeprefix(f"{label}: ").rstrip(".")
        detail = f"{label}, field {first['field']}: {reason}."
        raise InvalidInput(detail, errors=errors) from None


def _objects(items: Any, key: str, label: str) -> list[tuple[str, dict]]:
    """The JSON objects of the list under `key`, each with its label (counted from 1)."""
    if not isinstance(items, list) or not items:
        raise InvalidInput(f"The file has no list of '{key}'.")
    labelled = [(label.format(index), item) for index, item in enumerate(items, 1)]
    for name, item in labelled:
        if not isinstance(item, dict):
            raise InvalidInput(f"{name} is not a JSON object.")
    return labelled


def _from_source(item: dict) -> dict:
    """Kanun's field names for a source item; fields Kanun does not read go to `details`."""
    renamed = {JSON_ALIASES.get(key, key): value for key, value in item.items()}
    known = {k: v for k, v in renamed.items() if k in RecommendationIn.model_fields}
    details = {k: v for k, v in renamed.items() if k not in known and v is not None}
    return {k: v for k, v in known.items() if v is not None} | {"details": details}


def _set_of(fields: dict, rows: list[tuple[str, dict]]) -> tuple[RecommendationSetIn, list[str]]:
    if not rows:
        raise InvalidInput("The file holds no recommendations.")
    items = [validated(RecommendationIn, row, label) for label, row in rows]
    data = validated(RecommendationSetIn, {**fields, "recommendations": items}, "The set")
    return data, [label for label, _ in rows]
