"""Suggested links: the treaty articles (and recommendations) a provision's wording is
closest to, and the provisions of a version closest to an article.

The ranking starts from the index's `more_like_this` (BM25 over the provision's most telling
words) and adds a small table of topics: each topic names the word stems that reveal it in
English, Russian, Turkmen and German, the English words of the treaties that say it, and the
articles about it. A provision in Russian or Turkmen reaches the English treaty texts only
through this table; in English the table catches synonyms the treaties do not use.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from alignment.search import (
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    SearchDocument,
    SearchFilters,
    SearchIndex,
)


@dataclass(frozen=True, slots=True)
class Topic:
    stems: tuple[str, ...]
    """Lowercase word beginnings, in any language, that reveal the topic."""
    words: str
    """English words of the treaties for it."""
    articles: tuple[str, ...]


def _topic(stems: str, words: str, articles: str) -> Topic:
    return Topic(tuple(stems.split()), words, tuple(articles.split()))


TOPICS: tuple[Topic, ...] = (
    _topic("child minor juvenile ребен ребён дет несовершеннолет çaga kind minderjährig jugendlich",
           "child children", "CRC:1 CRC:3"),
    _topic("disab handicap impair инвалид ограниченными maýyp behinder",
           "persons with disabilities disability", "CRPD:1 CRPD:4 CRC:23"),
    _topic("woman women female gender girl женщин девоч гендер aýal gyz frau mädchen geschlecht",
           "women discrimination against women", "CEDAW:1 CEDAW:2"),
    _topic("discriminat equal equality дискримин равн kemsit deň diskrimin gleichbehand "
           "benachteilig",
           "discrimination equality equal", "CRC:2 CRPD:5 CEDAW:2"),
    _topic("violence abuse assault harass насили жесток zorluk gewalt misshandl",
           "violence abuse protection from all forms of violence", "CRC:19 CRPD:16"),
    _topic("domestic household spouse partner семейн супруг домашн maşgala häusl ehegatt partner",
           "family marriage", "CEDAW:16 CRC:19"),
    _topic("educat school learn training образован обучен школ bilim mekdep bildung schul ausbild",
           "education school", "CRC:28 CRPD:24 CEDAW:10"),
    _topic("health medical hospital treatment здоров медицин лечен saglyk lukman gesundheit "
           "medizin",
           "health health care medical", "CRC:24 CRPD:25 CEDAW:12"),
    _topic("rehabilitat habilitat реабилит abilit reabilit rehabilit",
           "rehabilitation habilitation", "CRPD:26 CRC:23"),
    _topic("access barrier building transport доступн беспрепят elýeter barrierefrei zugang",
           "accessibility access physical environment", "CRPD:9"),
    _topic("benefit allowance pension social secur пособи пенси выплат социальн kömek pul sosial "
           "leistung rente sozial",
           "social security social protection benefits", "CRC:26 CRPD:28 CEDAW:13"),
    _topic("poverty housing standard living жиль бедн малообеспеч ýaşaýyş wohn armut unterhalt",
           "adequate standard of living housing", "CRC:27 CRPD:28"),
    _topic("employ work job labour labor труд работ занятост zähmet iş arbeit beschäftig beruf",
           "work employment", "CRPD:27 CEDAW:11 CRC:32"),
    _topic("parent guardian famil родител опекун семь ene ata hossar eltern vormund familie",
           "parents family guardians", "CRC:5 CRC:18 CRC:9"),
    _topic("foster residential alternative care placement custody adopt приёмн прием опек "
           "попечител усынов детск дом heimerzieh pflege adoption unterbring obhut",
           "alternative care placement adoption foster", "CRC:20 CRC:21 CRC:25"),
    _topic("view opinion heard consult participat мнени заслуш участи pikir meinung anhör beteilig",
           "views heard participation", "CRC:12 CRPD:29"),
    _topic("privacy personal data confidential персональн конфиденц тайн şahsy maglumat "
           "datenschutz sozialdaten vertraulich",
           "privacy personal information", "CRC:16 CRPD:22"),
    _topic("information publish awareness информац осведомл maglumat information aufklär",
           "information awareness", "CRC:17 CRPD:8 CRPD:21"),
    _topic("independent living community самостоятельн независим garaşsyz selbstbestimm "
           "selbständig",
           "living independently community", "CRPD:19"),
    _topic("legal capacity court justice proceeding суд правосуд kazyýet gericht verfahren",
           "access to justice equal recognition before the law", "CRPD:12 CRPD:13 CEDAW:15"),
    _topic("liberty detention deprived custody арест задержан свобод лишен azatlyk haft freiheits",
           "liberty detention", "CRC:37 CRPD:14"),
    _topic("offend crime criminal penal преступ уголовн правонаруш jenaýat straf straftat",
           "penal law criminal", "CRC:40"),
    _topic("exploit trafficking prostitution торговл эксплуатац ausbeut menschenhandel",
           "exploitation trafficking", "CRC:34 CRC:35 CRC:36 CEDAW:6"),
    _topic("sexual сексуал половой jynsy sexuell", "sexual exploitation sexual abuse",
           "CRC:34"),
    _topic("birth regist name nationality рожден регистрац имя гражданств doglu raýatlyk "
           "geburt staatsangehörig",
           "birth registration name nationality", "CRC:7 CRPD:18 CEDAW:9"),
    _topic("play leisure recreation sport culture cultur отдых досуг спорт культур dynç "
           "medeni freizeit sport kultur",
           "leisure recreation culture play", "CRC:31 CRPD:30"),
    _topic("marriage marri брак замуж nika ehe heirat", "marriage family relations",
           "CEDAW:16 CRPD:23"),
    _topic("pregnan maternity mother беремен материн mother göwreli enelik schwanger mutter",
           "maternity pregnancy", "CEDAW:11 CEDAW:12 CRC:24"),
    _topic("rural village сельск село oba ländlich", "rural women", "CEDAW:14"),
    _topic("elect vote public office politic выбор голосован политич saýlaw wahl politisch",
           "political and public life", "CEDAW:7 CRPD:29"),
    _topic("stereotyp prejudice стереотип предрассуд stereotip vorurteil",
           "stereotypes prejudices", "CEDAW:5 CRPD:8"),
    _topic("refugee asylum беженц убежищ bosgun flüchtling asyl", "refugee", "CRC:22"),
    _topic("statistic data collection monitor статист мониторинг statistika statistik",
           "statistics data collection monitoring", "CRPD:31 CRPD:33"),
    _topic("emergenc disaster humanitarian чрезвычайн бедстви adatdan katastroph notfall",
           "situations of risk humanitarian emergencies", "CRPD:11"),
    _topic("mobility wheelchair assistive мобильн кресл технич hilfsmittel rollstuhl mobilität",
           "personal mobility assistive technologies", "CRPD:20"),
    _topic("assess needs plan individual оценк потребност индивидуальн bedarf hilfeplan "
           "ermittl",
           "services needs", "CRPD:26 CRC:23"),
)  # fmt: skip
TOPIC_WEIGHT = 0.25
"""What one topic naming an article adds to a score where the best text match scores 1."""
CANDIDATES = MAX_PER_PAGE

_WORD = re.compile(r"\w+")
_MARK = re.compile(r"<mark>(.*?)</mark>")
_CYRILLIC = re.compile("[а-яё]")


@dataclass(frozen=True, slots=True)
class Suggestion:
    document: SearchDocument
    score: float
    matched_terms: tuple[str, ...]
    """Words of the provision that the article shares, and the topics that tie them."""


def topics_of(text: str) -> list[tuple[Topic, str]]:
    """The topics `text` shows, each with the first word of the text that shows it."""
    words = [word.lower() for word in _WORD.findall(text)]
    found = []
    for topic in TOPICS:
        word = next((w for w in words if w.startswith(topic.stems)), None)
        if word is not None:
            found.append((topic, word))
    return found


def suggest_articles(
    index: SearchIndex,
    *,
    text: str,
    framework: str | None = None,
    type: str = "article",
    limit: int = 10,
) -> list[Suggestion]:
    """Articles (or recommendations, with `type`) ranked by closeness to `text`."""
    shown = topics_of(text)
    query = " ".join([text, *(topic.words for topic, _ in shown)])
    similar = index.more_like_this(
        query,
        filters=SearchFilters(type=type, framework=framework, language="en"),
        limit=CANDIDATES,
    )
    best = max((s.score for s in similar), default=0.0) or 1.0
    own = {word.lower() for word in _WORD.findall(text)}
    ranked = []
    for item in similar:
        backing = [word for topic, word in shown if item.document.article in topic.articles]
        score = item.score / best + TOPIC_WEIGHT * len(backing)
        shared = (word for word in item.matched_terms if word.lower() in own)
        terms = tuple(sorted({*shared, *backing}))
        ranked.append(Suggestion(item.document, score, terms))
    ranked.sort(key=lambda s: (-s.score, s.document.doc_id))
    return ranked[:limit]


def suggest_provisions(
    index: SearchIndex,
    *,
    text: str,
    instrument_id: int,
    version: int,
    language: str,
    limit: int = 10,
) -> list[Suggestion]:
    """Provisions of one version ranked by closeness to an (English) article's `text`; in
    another language, by the stems of the article's topics in that language."""
    filters = SearchFilters(
        type="provision", instrument_id=str(instrument_id), version=version, language=language
    )
    if language == "en":
        similar = index.more_like_this(text, filters=filters, limit=limit)
        return [Suggestion(s.document, s.score, s.matched_terms) for s in similar]
    query = _stem_query(text, language)
    if not query:
        return []
    hits = index.search(query, filters=filters, per_page=limit).hits
    return [Suggestion(hit.document, hit.score, _marked(hit.snippet)) for hit in hits]


def _stem_query(text: str, language: str) -> str:
    """Prefix words for the stems, in `language`'s script, of the topics `text` shows."""
    fold = _folded if language == "tk" else _plain
    cyrillic = language == "ru"
    words: list[str] = []
    for topic, _ in topics_of(text):
        for stem in topic.stems:
            word = f"{fold(stem)}*"
            if bool(_CYRILLIC.search(stem)) == cyrillic and word not in words:
                words.append(word)
    query = ""
    for word in words:
        longer = f"{query} OR {word}" if query else word
        if len(longer) > MAX_QUERY_LENGTH:
            break
        query = longer
    return query


def _plain(stem: str) -> str:
    return stem.replace("ё", "е")


def _folded(stem: str) -> str:
    """The stem as the Turkmen analyzer indexes it: without diacritics."""
    decomposed = unicodedata.normalize("NFD", stem)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _marked(snippet: str) -> tuple[str, ...]:
    return tuple(sorted({html.unescape(word) for word in _MARK.findall(snippet)}))
