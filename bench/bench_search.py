"""Benchmark of the search index: `python bench/bench_search.py [provisions]`.

Generates a seeded corpus of legal sentences in English, Russian and Turkmen (200,000
provisions by default, plus treaty articles), indexes it in one batch under a temporary
folder, then times a few hundred varied queries with filters, facets and snippets, and
prints the figures next to the targets.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alignment.search import SearchDocument, SearchFilters, SearchIndex

SEED = 20250301
PROVISIONS = 200_000
QUERIES = 200
TARGET_RATE = 5_000
TARGET_P95_MS = 20.0
INSTRUMENTS = 300
FRAMEWORKS = {"CRC": 54, "CRPD": 50, "CEDAW": 30}
STATUSES = ("in_force", "in_force", "in_force", "repealed", "draft")

SUBJECTS = {
    "en": "the state|local authorities|the ministry|the competent body|every parent|the guardian"
    "|the court|the employer|the school|the social protection service",
    "ru": "государство|органы местной власти|министерство|уполномоченный орган|каждый родитель"
    "|опекун|суд|работодатель|школа|служба социальной защиты",
    "tk": "döwlet|ýerli häkimiýet|ministrlik|ygtyýarly edara|her bir ene-ata|hossar|kazyýet"
    "|iş beriji|mekdep|durmuş goragy gullugy",
}
VERBS = {
    "en": "shall ensure|shall provide|guarantees|protects|shall promote|may restrict|shall respect"
    "|shall register|shall pay|shall review",
    "ru": "обеспечивает|предоставляет|гарантирует|защищает|содействует|может ограничить"
    "|уважает|регистрирует|выплачивает|рассматривает",
    "tk": "üpjün edýär|berýär|kepillendirýär|goraýar|ýardam edýär|çäklendirip biler|hormatlaýar"
    "|hasaba alýar|töleýär|seredýär",
}
OBJECTS = {
    "en": "the rights of children|the best interests of the child|access to education"
    "|health care for women|social benefits for persons with disabilities|a monthly allowance"
    "|the personal data of applicants|equal pay for equal work|inclusive education"
    "|the right to be heard|protection from violence|family support services",
    "ru": "права детей|наилучшие интересы ребёнка|доступ к образованию|охрану здоровья женщин"
    "|социальные пособия лицам с инвалидностью|ежемесячное пособие|персональные данные заявителей"
    "|равную оплату за равный труд|инклюзивное образование|право быть заслушанным"
    "|защиту от насилия|услуги поддержки семьи",
    "tk": "çagalaryň hukuklaryny|çaganyň iň gowy bähbitlerini|bilim almagyň elýeterliligini"
    "|aýallaryň saglygyny goramagy|maýyplygy bolan adamlara durmuş kömek pullaryny"
    "|aýlyk kömek puluny|ýüz tutujylaryň şahsy maglumatlaryny|deň zähmet üçin deň haky"
    "|inklýuziw bilimi|diňlenilmek hukugyny|zorlukdan goragy|maşgala goldaw hyzmatlaryny",
}
TAILS = {
    "en": "within the limits of the budget|in accordance with this law|without discrimination"
    "|within thirty days of the application|as determined by the Cabinet of Ministers"
    "|on grounds established by law|in the manner prescribed by the ministry",
    "ru": "в пределах бюджета|в соответствии с настоящим законом|без дискриминации"
    "|в течение тридцати дней со дня обращения|в порядке, установленном Кабинетом министров"
    "|по основаниям, установленным законом|в порядке, определённом министерством",
    "tk": "býujetiň çäklerinde|şu Kanuna laýyklykda|kemsitmezden"
    "|ýüz tutulan gününden otuz günüň dowamynda|Ministrler Kabineti tarapyndan kesgitlenen tertipde"
    "|kanun bilen bellenen esaslarda|ministrlik tarapyndan bellenen tertipde",
}
HEADINGS = {
    "en": "General provisions|Rights of the child|Social benefits|Procedure|Education|Health",
    "ru": "Общие положения|Права ребёнка|Социальные пособия|Порядок|Образование|Здоровье",
    "tk": "Umumy düzgünler|Çaganyň hukuklary|Durmuş kömek pullary|Tertip|Bilim|Saglyk",
}
QUERY_WORDS = {
    "en": "child children education disability allowance violence discrimination court"
    " employer data budget guardian health",
    "ru": "детей ребёнка образование инвалидностью пособие насилия дискриминации суд"
    " работодатель данные бюджета опекун здоровья",
    "tk": "cagalar caganyn bilim mayyplygy komek zorluk kemsitmezden kazyyet maglumat"
    " byujet hossar saglyk",
}
PHRASES = {
    "en": '"best interests"|"equal pay"|"social benefits"|"right to be heard"',
    "ru": '"наилучшие интересы"|"равную оплату"|"социальные пособия"',
    "tk": '"deň haky"|"durmuş kömek"|"iň gowy"',
}


def pick(rng: random.Random, options: str) -> str:
    return rng.choice(options.split("|"))


def sentence(rng: random.Random, language: str) -> str:
    parts = (pick(rng, table[language]) for table in (SUBJECTS, VERBS, OBJECTS, TAILS))
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def corpus(rng: random.Random, provisions: int) -> Iterator[SearchDocument]:
    """Provisions of instruments with version ranges and dates, then treaty articles."""
    start = date(2010, 1, 1)
    for n in range(provisions):
        language = rng.choice(("en", "ru", "tk", "tk", "ru"))
        first = rng.randint(1, 8)
        last = rng.choice((None, first + rng.randint(1, 4)))
        valid_from = start + timedelta(days=rng.randint(0, 5000))
        ended = rng.random() < 0.3
        valid_to = valid_from + timedelta(days=rng.randint(30, 2000)) if ended else None
        yield SearchDocument(
            doc_id=f"revision:{n}",
            type=rng.choice(("provision",) * 18 + ("amendment", "recommendation")),
            language=language,
            title=f"{pick(rng, HEADINGS[language])} {rng.randint(1, 80)}",
            text=" ".join(sentence(rng, language) for _ in range(rng.randint(1, 3))),
            instrument_id=f"instrument:{rng.randrange(INSTRUMENTS)}",
            version_from=first,
            version_to=last,
            valid_from=valid_from,
            valid_to=valid_to,
            status=rng.choice(STATUSES),
            framework=rng.choice((None, None, None, *FRAMEWORKS)),
            eid=f"art_{rng.randint(1, 80)}__para_{rng.randint(1, 6)}",
            provision_id=f"provision:{n}",
        )
    for framework, articles in FRAMEWORKS.items():
        for number in range(1, articles + 1):
            for language in ("en", "ru", "tk"):
                yield SearchDocument(
                    doc_id=f"article:{framework}:{number}:{language}",
                    type="article",
                    language=language,
                    title=f"{framework} {number}",
                    text=" ".join(sentence(rng, language) for _ in range(4)),
                    framework=framework,
                    article=f"{framework}:{number}",
                )


def queries(rng: random.Random, count: int) -> Iterator[tuple[str, SearchFilters]]:
    """Words, two-word queries, phrases and field queries, most of them with filters."""
    for _ in range(count):
        language = rng.choice(("en", "ru", "tk"))
        words = QUERY_WORDS[language].split()
        query = rng.choice(
            (
                rng.choice(words),
                f"{rng.choice(words)} {rng.choice(words)}",
                pick(rng, PHRASES[language]),
                f"{rng.choice(words)} framework:{rng.choice(list(FRAMEWORKS))}",
                f"title:{rng.choice(words)}",
            )
        )
        filters = rng.choice(
            (
                SearchFilters(),
                SearchFilters(language=language),
                SearchFilters(language=language, type="provision", status="in_force"),
                SearchFilters(instrument_id=f"instrument:{rng.randrange(INSTRUMENTS)}"),
                SearchFilters(
                    instrument_id=f"instrument:{rng.randrange(INSTRUMENTS)}",
                    version=rng.randint(1, 10),
                ),
                SearchFilters(language=language, as_at=date(2010 + rng.randint(0, 14), 6, 1)),
                SearchFilters(framework=rng.choice(list(FRAMEWORKS)), type="article"),
            )
        )
        yield query, filters


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def main() -> None:
    provisions = int(sys.argv[1]) if len(sys.argv) > 1 else PROVISIONS
    rng = random.Random(SEED)
    docs = list(corpus(rng, provisions))
    with tempfile.TemporaryDirectory(prefix="kanun-search-") as folder:
        index = SearchIndex.create(folder)
        seconds = timed(lambda: index.add(docs))
        rate = len(docs) / seconds
        print(f"indexed {len(docs):,} documents in {seconds:.1f} s")
        work = list(queries(rng, QUERIES))
        for query, filters in work[:20]:
            index.search(query, filters=filters)
        totals: list[int] = []
        latencies = [
            timed(lambda q=q, f=f: totals.append(index.search(q, filters=f).total)) * 1000
            for q, f in work
        ]
        cuts = statistics.quantiles(latencies, n=100)
        similar = [
            timed(lambda d=d: index.more_like_this(d.text, filters=SearchFilters(type="article")))
            * 1000
            for d in docs[: QUERIES // 4]
        ]
    print(f"{'measure':<28}{'reached':>14}{'target':>14}")
    print(f"{'indexing (documents/s)':<28}{rate:>14,.0f}{TARGET_RATE:>14,}")
    print(f"{'query p50 (ms)':<28}{cuts[49]:>14.1f}{'':>14}")
    print(f"{'query p95 (ms)':<28}{cuts[94]:>14.1f}{TARGET_P95_MS:>14.1f}")
    print(f"{'query max (ms)':<28}{max(latencies):>14.1f}{'':>14}")
    print(f"{'hits per query (median)':<28}{statistics.median(totals):>14,.0f}{'':>14}")
    print(f"{'more_like_this p50 (ms)':<28}{statistics.median(similar):>14.1f}{'':>14}")


if __name__ == "__main__":
    main()
