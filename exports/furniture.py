"""The words documents are furnished with, in the language of the text they carry.

Covers, headers, "Page X of Y", the contents, table headings, labels and the sentences that
frame a text are written in the instrument's language (English, Russian or Turkmen),
whatever language the person asking for the document reads the pages in. One table per
language; `words(language)` gives the one to use (English for any other language).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from drafts.diff_statuses import NOT_CHANGES
from exports.info import Edition

EN: dict[str, str] = {
    "page": "Page {page} of {pages}",
    "contents": "Contents",
    "version": "Version {number}",
    "status": "Status: {status}",
    "date": "Date: {date}",
    "draft_notice": "Draft — for working group discussion",
    "status.draft": "Draft",
    "status.adopted": "Adopted",
    "status.in_force": "In force",
    "status.repealed": "Repealed",
    "redline.title": "Redline: {title}",
    "redline.from": "From: {name}, {version} ({date})",
    "redline.to": "To: {name}, {version} ({date})",
    "redline.by": "Changes by {author}, {date}: {counts}",
    "none": "none",
    "change.modified": "{count} modified",
    "change.inserted": "{count} inserted",
    "change.deleted": "{count} deleted",
    "change.moved": "{count} moved",
    "change.renumbered": "{count} renumbered",
    "change.reformatted": "{count} reformatted",
    "change.repealed": "{count} repealed",
    "change.split": "{count} split",
    "change.merged": "{count} merged",
    "table.title": "Comparative table: {title}",
    "table.current": "Current wording",
    "table.proposed": "Proposed wording",
    "table.rationale": "Rationale and treaty references",
    "table.new": "(new provision)",
    "table.deleted": "(deleted)",
    "table.same": "The two texts are the same: there is nothing to compare.",
    "moved.from": "moved from {place}",
    "moved.to": "moved to {place}",
    "amendment": "Amendment {id} ({author}): {rationale}",
    "no_rationale": "no rationale given",
    "references": "Treaty references: {references}",
    "pack.title": "Meeting pack",
    "pack.draft": "Draft package {id}, stage: {stage}",
    "pack.amends": "Amends {name}, {version}",
    "pack.prepared": "Prepared by {owner}, {date}",
    "pack.no_targets": "The draft amends no instrument yet.",
    "pack.no_note": "The draft has no explanatory note yet.",
    "pack.no_comments": "There are no open comments.",
    "part.note": "Explanatory note",
    "part.table": "Comparative table",
    "part.text": "Consolidated text",
    "part.annex": "Alignment annex",
    "part.comments": "Open comments",
    "stage.drafting": "drafting",
    "stage.working_group": "working group",
    "stage.consultation": "consultation",
    "stage.submitted": "submitted",
    "stage.first_reading": "first reading",
    "stage.second_reading": "second reading",
    "stage.adopted": "adopted",
    "stage.in_force": "in force",
    "stage.withdrawn": "withdrawn",
    "minutes.title": "Minutes: {title}",
    "minutes.draft": "Draft package {id}: {title}",
    "minutes.place": "Place: {place}",
    "minutes.no_place": "not recorded",
    "minutes.attendees": "Attendees",
    "minutes.no_attendees": "No attendees were recorded.",
    "minutes.notes": "Notes",
    "minutes.no_notes": "No notes were recorded.",
    "minutes.decisions": "Decisions",
    "minutes.no_decisions": "No decisions were recorded against this meeting.",
    "minutes.amendments": "Amendments",
    "minutes.moves": "Stage moves",
    "minutes.amendment": "Amendment",
    "minutes.what": "What it does",
    "minutes.decision": "Decision",
    "minutes.note": "Note",
    "minutes.numbered": "Amendment {id}",
    "minutes.rationale": "Rationale: {rationale}",
    "minutes.accepted": "Accepted",
    "minutes.rejected": "Rejected",
    "minutes.move": "From {start} to {end}, by {by}",
    "minutes.new_draft": "a new draft",
    "annex.title": "Alignment annex: {title}",
    "annex.article": "Article",
    "annex.before": "Before",
    "annex.after": "After",
    "annex.behind": "Provisions and suggestions after the draft",
    "annex.none": (
        "No treaty frameworks are loaded, so there is no coverage to show; an "
        "administrator loads them with `kanun load-frameworks`."
    ),
    "annex.coverage": (
        "Coverage {before}% before the draft and {after}% after it, of "
        "{articles} articles ({counts})."
    ),
    "annex.untouched": "The draft neither changes nor refers to any of them.",
    "annex.touched": "The draft changes or refers to {changed} of them, shown in bold.",
    "coverage.conflict": "Conflict",
    "coverage.covered": "Covered",
    "coverage.partial": "Partial",
    "coverage.referenced": "Referenced",
    "coverage.gap": "Gap",
    "relation.implements": "implements",
    "relation.partially_implements": "partially implements",
    "relation.references": "references",
    "relation.conflicts_with": "conflicts with",
    "relation.recheck": "to recheck",
    "relation.suggested": "suggested: {relation}",
}

RU: dict[str, str] = {
    "page": "Страница {page} из {pages}",
    "contents": "Содержание",
    "version": "Версия {number}",
    "status": "Статус: {status}",
    "date": "Дата: {date}",
    "draft_notice": "Проект — для обсуждения в рабочей группе",
    "status.draft": "Проект",
    "status.adopted": "Принят",
    "status.in_force": "Действует",
    "status.repealed": "Утратил силу",
    "redline.title": "Сравнение редакций: {title}",
    "redline.from": "Прежняя редакция: {name}, {version} ({date})",
    "redline.to": "Новая редакция: {name}, {version} ({date})",
    "redline.by": "Изменения: {author}, {date}; {counts}",
    "none": "нет",
    "change.modified": "изменено: {count}",
    "change.inserted": "добавлено: {count}",
    "change.deleted": "исключено: {count}",
    "change.moved": "перемещено: {count}",
    "change.renumbered": "перенумеровано: {count}",
    "change.reformatted": "изменено оформление: {count}",
    "change.repealed": "утратило силу: {count}",
    "change.split": "разделено: {count}",
    "change.merged": "объединено: {count}",
    "table.title": "Сравнительная таблица: {title}",
    "table.current": "Действующая редакция",
    "table.proposed": "Предлагаемая редакция",
    "table.rationale": "Обоснование и ссылки на международные договоры",
    "table.new": "(новое положение)",
    "table.deleted": "(исключено)",
    "table.same": "Тексты совпадают: сравнивать нечего.",
    "moved.from": "перенесено из {place}",
    "moved.to": "перенесено в {place}",
    "amendment": "Поправка {id} ({author}): {rationale}",
    "no_rationale": "обоснование не приведено",
    "references": "Ссылки на международные договоры: {references}",
    "pack.title": "Материалы к заседанию",
    "pack.draft": "Пакет проекта {id}, стадия: {stage}",
    "pack.amends": "Изменяет: {name}, {version}",
    "pack.prepared": "Подготовил(а): {owner}, {date}",
    "pack.no_targets": "Проект пока не изменяет ни одного акта.",
    "pack.no_note": "Пояснительной записки к проекту пока нет.",
    "pack.no_comments": "Открытых замечаний нет.",
    "part.note": "Пояснительная записка",
    "part.table": "Сравнительная таблица",
    "part.text": "Текст с изменениями",
    "part.annex": "Соответствие международным договорам",
    "part.comments": "Открытые замечания",
    "stage.drafting": "подготовка",
    "stage.working_group": "рабочая группа",
    "stage.consultation": "общественное обсуждение",
    "stage.submitted": "внесён",
    "stage.first_reading": "первое чтение",
    "stage.second_reading": "второе чтение",
    "stage.adopted": "принят",
    "stage.in_force": "вступил в силу",
    "stage.withdrawn": "отозван",
    "minutes.title": "Протокол: {title}",
    "minutes.draft": "Пакет проекта {id}: {title}",
    "minutes.place": "Место: {place}",
    "minutes.no_place": "не указано",
    "minutes.attendees": "Присутствовали",
    "minutes.no_attendees": "Присутствующие не отмечены.",
    "minutes.notes": "Ход заседания",
    "minutes.no_notes": "Записей нет.",
    "minutes.decisions": "Решения",
    "minutes.no_decisions": "На этом заседании решений не принято.",
    "minutes.amendments": "Поправки",
    "minutes.moves": "Переходы между стадиями",
    "minutes.amendment": "Поправка",
    "minutes.what": "Содержание",
    "minutes.decision": "Решение",
    "minutes.note": "Примечание",
    "minutes.numbered": "Поправка {id}",
    "minutes.rationale": "Обоснование: {rationale}",
    "minutes.accepted": "Принята",
    "minutes.rejected": "Отклонена",
    "minutes.move": "Со стадии «{start}» на стадию «{end}», {by}",
    "minutes.new_draft": "новый проект",
    "annex.title": "Соответствие международным договорам: {title}",
    "annex.article": "Статья",
    "annex.before": "До",
    "annex.after": "После",
    "annex.behind": "Положения и предложения после проекта",
    "annex.none": (
        "Международные договоры не загружены, поэтому охват показать нельзя; "
        "администратор загружает их командой `kanun load-frameworks`."
    ),
    "annex.coverage": (
        "Охват: {before}% до проекта и {after}% после него, статей: {articles} ({counts})."
    ),
    "annex.untouched": "Проект не изменяет ни одну из них и не ссылается на них.",
    "annex.touched": "Проект изменяет их или ссылается на них: {changed}; они выделены полужирным.",
    "coverage.conflict": "Противоречие",
    "coverage.covered": "Охвачено",
    "coverage.partial": "Частично",
    "coverage.referenced": "Упомянуто",
    "coverage.gap": "Пробел",
    "relation.implements": "реализует",
    "relation.partially_implements": "частично реализует",
    "relation.references": "ссылается",
    "relation.conflicts_with": "противоречит",
    "relation.recheck": "проверить снова",
    "relation.suggested": "предложено: {relation}",
}

TK: dict[str, str] = {
    "page": "Sahypa {page} / {pages}",
    "contents": "Mazmuny",
    "version": "Wersiýa {number}",
    "status": "Ýagdaýy: {status}",
    "date": "Senesi: {date}",
    "draft_notice": "Taslama — iş toparynda ara alyp maslahatlaşmak üçin",
    "status.draft": "Taslama",
    "status.adopted": "Kabul edildi",
    "status.in_force": "Güýjüne girdi",
    "status.repealed": "Güýjüni ýitirdi",
    "redline.title": "Redaksiýalaryň deňeşdirmesi: {title}",
    "redline.from": "Öňki redaksiýa: {name}, {version} ({date})",
    "redline.to": "Täze redaksiýa: {name}, {version} ({date})",
    "redline.by": "Üýtgetmeler: {author}, {date}; {counts}",
    "none": "ýok",
    "change.modified": "üýtgedildi: {count}",
    "change.inserted": "goşuldy: {count}",
    "change.deleted": "aýryldy: {count}",
    "change.moved": "göçürildi: {count}",
    "change.renumbered": "belgisi üýtgedildi: {count}",
    "change.reformatted": "bezegi üýtgedildi: {count}",
    "change.repealed": "güýjüni ýitirdi: {count}",
    "change.split": "bölündi: {count}",
    "change.merged": "birleşdirildi: {count}",
    "table.title": "Deňeşdirme tablisasy: {title}",
    "table.current": "Hereket edýän redaksiýa",
    "table.proposed": "Teklip edilýän redaksiýa",
    "table.rationale": "Esaslandyrma we halkara şertnamalara salgylanmalar",
    "table.new": "(täze düzgün)",
    "table.deleted": "(aýryldy)",
    "table.same": "Tekstler birmeňzeş: deňeşdirer ýaly zat ýok.",
    "moved.from": "öňki ýeri: {place}",
    "moved.to": "täze ýeri: {place}",
    "amendment": "Düzediş {id} ({author}): {rationale}",
    "no_rationale": "esaslandyrma berilmedi",
    "references": "Halkara şertnamalara salgylanmalar: {references}",
    "pack.title": "Maslahat üçin materiallar",
    "pack.draft": "Taslama bukjasy {id}, tapgyry: {stage}",
    "pack.amends": "Üýtgedýär: {name}, {version}",
    "pack.prepared": "Taýýarlan: {owner}, {date}",
    "pack.no_targets": "Taslama heniz hiç bir namany üýtgetmeýär.",
    "pack.no_note": "Taslamanyň heniz düşündiriş haty ýok.",
    "pack.no_comments": "Açyk bellik ýok.",
    "part.note": "Düşündiriş haty",
    "part.table": "Deňeşdirme tablisasy",
    "part.text": "Üýtgetmeler bilen tekst",
    "part.annex": "Halkara şertnamalaryna laýyklyk",
    "part.comments": "Açyk bellikler",
    "stage.drafting": "taýýarlanylýar",
    "stage.working_group": "iş topary",
    "stage.consultation": "jemgyýetçilik ara alyp maslahatlaşmasy",
    "stage.submitted": "hödürlendi",
    "stage.first_reading": "birinji okalyş",
    "stage.second_reading": "ikinji okalyş",
    "stage.adopted": "kabul edildi",
    "stage.in_force": "güýje girdi",
    "stage.withdrawn": "yzyna alyndy",
    "minutes.title": "Teswirnama: {title}",
    "minutes.draft": "Taslama bukjasy {id}: {title}",
    "minutes.place": "Ýeri: {place}",
    "minutes.no_place": "görkezilmedi",
    "minutes.attendees": "Gatnaşyjylar",
    "minutes.no_attendees": "Gatnaşyjylar bellenilmedi.",
    "minutes.notes": "Bellikler",
    "minutes.no_notes": "Bellik ýok.",
    "minutes.decisions": "Kararlar",
    "minutes.no_decisions": "Bu maslahatda karar kabul edilmedi.",
    "minutes.amendments": "Düzedişler",
    "minutes.moves": "Tapgyr geçişleri",
    "minutes.amendment": "Düzediş",
    "minutes.what": "Mazmuny",
    "minutes.decision": "Karar",
    "minutes.note": "Bellik",
    "minutes.numbered": "Düzediş {id}",
    "minutes.rationale": "Esaslandyrma: {rationale}",
    "minutes.accepted": "Kabul edildi",
    "minutes.rejected": "Ret edildi",
    "minutes.move": "«{start}» tapgyryndan «{end}» tapgyryna, {by}",
    "minutes.new_draft": "täze taslama",
    "annex.title": "Halkara şertnamalaryna laýyklyk: {title}",
    "annex.article": "Madda",
    "annex.before": "Öň",
    "annex.after": "Soň",
    "annex.behind": "Taslamadan soňky düzgünler we teklipler",
    "annex.none": (
        "Halkara şertnamalar ýüklenmedi, şonuň üçin gurşawy görkezip bolmaýar; "
        "administrator olary `kanun load-frameworks` buýrugy bilen ýükleýär."
    ),
    "annex.coverage": (
        "Gurşaw: taslamadan öň {before}%, soň {after}%, maddalar: {articles} ({counts})."
    ),
    "annex.untouched": "Taslama olaryň hiç birini üýtgetmeýär we olara salgylanmaýar.",
    "annex.touched": (
        "Taslamanyň üýtgedýän ýa-da salgylanýan maddalary: {changed}; olar "
        "galyň harplar bilen görkezilýär."
    ),
    "coverage.conflict": "Gapma-garşylyk",
    "coverage.covered": "Doly",
    "coverage.partial": "Bölekleýin",
    "coverage.referenced": "Agzalýar",
    "coverage.gap": "Boşluk",
    "relation.implements": "ýerine ýetirýär",
    "relation.partially_implements": "bölekleýin ýerine ýetirýär",
    "relation.references": "salgylanýar",
    "relation.conflicts_with": "gapma-garşy gelýär",
    "relation.recheck": "gaýtadan barlamaly",
    "relation.suggested": "teklip edildi: {relation}",
}

TABLES: dict[str, dict[str, str]] = {"en": EN, "ru": RU, "tk": TK}


@dataclass(frozen=True, slots=True)
class Words:
    """The furniture of documents in one language."""

    language: str
    table: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        return self.table.get(key, EN[key]).format(**values)

    def status(self, status: str) -> str:
        key = f"status.{status}"
        return self(key) if key in EN else status.replace("_", " ").capitalize()

    def describe(self, edition: Edition) -> str:
        """'Version 2 — As amended in 2023'."""
        name = self("version", number=edition.number)
        return f"{name} — {edition.label}" if edition.label else name

    def change_counts(self, summary: Mapping[str, int]) -> str:
        """'3 modified, 1 moved', or 'none'."""
        counted = [
            self(f"change.{status}", count=count)
            for status, count in summary.items()
            if count and status not in NOT_CHANGES
        ]
        return ", ".join(counted) or self("none")

    def stage(self, stage: str) -> str:
        key = f"stage.{stage}"
        return self(key) if key in EN else stage.replace("_", " ")

    def page_pieces(self) -> tuple[str, str, str]:
        """The words before the page number, between it and the page count, and after."""
        before, _, rest = self("page", page="\0", pages="\1").partition("\0")
        between, _, after = rest.partition("\1")
        return before, between, after

    def redline_title(self, title: str) -> str:
        return self("redline.title", title=title)

    def redline_from(self, name: str, version: str, when: date) -> str:
        return self("redline.from", name=name, version=version, date=when.isoformat())

    def redline_to(self, name: str, version: str, when: date) -> str:
        return self("redline.to", name=name, version=version, date=when.isoformat())

    def changes_by(self, author: str, when: date, counts: str) -> str:
        return self("redline.by", author=author, date=when.isoformat(), counts=counts)


def words(language: str) -> Words:
    """The furniture in `language`, or in English for a language without a table."""
    return Words(language if language in TABLES else "en", TABLES.get(language, EN))
