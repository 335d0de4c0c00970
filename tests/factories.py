"""Small builders of test data, used by many test modules."""

from __future__ import annotations

from itertools import count

_serial = count(1)


def instrument_body(**overrides) -> dict:
    n = next(_serial)
    body = {
        "title": f"Law on Social Services {n}",
        "short_title": f"Social Services {n}",
        "kind": "law",
        "jurisdiction": "tm",
        "language": "en",
        "work_uri": f"/akn/tm/act/2021/social-services-{n}",
    }
    return body | overrides


def article(num: str, *paragraphs: str, heading: str = "") -> dict:
    return {
        "kind": "article",
        "num": num,
        "heading": heading,
        "children": [
            {"kind": "paragraph", "num": str(i), "text": text}
            for i, text in enumerate(paragraphs, 1)
        ],
    }


def sample_provisions() -> list[dict]:
    return [
        {"kind": "preamble", "text": "This Law sets out the social services of the State."},
        {
            "kind": "chapter",
            "num": "1",
            "heading": "General provisions",
            "children": [
                article("1", "This Law governs social services.", heading="Scope"),
                article(
                    "2",
                    "Everyone has the right to social services.",
                    "Services are given without discrimination.",
                    heading="Right to services",
                ),
            ],
        },
        {
            "kind": "chapter",
            "num": "2",
            "heading": "Services for children",
            "children": [article("3", "The best interests of the child come first.")],
        },
    ]


def big_law(articles: int, paragraphs: int = 4) -> list[dict]:
    """A law of `articles * (paragraphs + 1)` provisions with distinct wording."""
    return [
        article(
            str(a),
            *(
                f"Article {a} paragraph {p}: the competent authority shall provide the service "
                f"number {a * 100 + p} to every person who applies for it."
                for p in range(1, paragraphs + 1)
            ),
            heading=f"Service {a}",
        )
        for a in range(1, articles + 1)
    ]
