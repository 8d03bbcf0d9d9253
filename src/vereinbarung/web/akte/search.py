"""Full-text search over the agreements' texts and their attachments' texts.

One :class:`~vereinbarung.web.akte.models.SearchText` row per agreement (title, Kurzname,
Aktenzeichen, parties and the file's text, kept on every save by a ``post_save`` signal) and
per attachment (name, kind, description and the text read from it).

* **PostgreSQL**: full-text search with the German configuration (stemming, stop words):
  ``vector @@ websearch_to_tsquery('german', q)`` on a stored generated column
  ``vector = to_tsvector('german', body)`` with a GIN index (migration 0001), ``ts_rank`` and
  ``ts_headline`` (https://www.postgresql.org/docs/current/textsearch-controls.html). Raw SQL
  with parameters, not ``django.contrib.postgres.search``: its SearchVector computes the
  vector anew for every row (seconds for 40,000 texts), the stored column is read instead.
* **SQLite** (the default): an FTS5 table over the same rows (external content, kept by
  triggers; https://www.sqlite.org/fts5.html), tokenizer ``unicode61 remove_diacritics 2``,
  each word of the query as a quoted prefix term (no FTS5 syntax of the user reaches it),
  ranked by ``rank`` (bm25); the passage is cut from the stored text around the first match.

Ranking costs time for every matching text: at most :data:`RANK_LIMIT` are ranked, beyond
that the newest come first (the page says so). The passage comes back with private markers around the matches; :func:`highlight` escapes all
of it as HTML and only then turns the markers into ``<mark>``. Only agreements the user may
read are searched (:func:`vereinbarung.web.rights.checks.readable`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models.signals import post_save
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vereinbarung.web.akte.models import Attachment, SearchText
from vereinbarung.web.register.models import Agreement as Record

#: Most hits shown; the longest query taken.
MAX_HITS = 50
MAX_QUERY = 200
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)


def strings_of(data: Any) -> list[str]:
    """Every text value in the agreement's data (the keys of the file format left out)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings_of(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings_of(value)]
    return []


def agreement_body(record: Record) -> str:
    """What is searched of an agreement itself: its register fields and the values of its
    file (the words of the text, not the YAML keys, which would show in the passage)."""
    return "\n".join(
        (record.title, record.short_name, record.reference, record.department, record.parties,
         *strings_of(record.data))
    )  # fmt: skip


def attachment_body(attachment: Attachment, text: str) -> str:
    """What is searched of an attachment."""
    return "\n".join((attachment.name, attachment.kind_label, attachment.description, text))


def index_agreement(record: Record) -> None:
    """Keep the search text of *record* (its own row)."""
    body = agreement_body(record)
    updated = SearchText.objects.filter(agreement=record, attachment__isnull=True).update(body=body)
    if not updated:
        SearchText.objects.create(agreement=record, body=body)


def _record_saved(sender: Any, instance: Record, **kwargs: Any) -> None:  # noqa: ARG001
    if kwargs.get("raw"):
        return
    index_agreement(instance)


def connect() -> None:
    post_save.connect(_record_saved, sender=Record, dispatch_uid="akte-search-agreement")


@dataclass(frozen=True)
class Hit:
    """One agreement found: the record, the attachment the passage is from (or none)."""

    record: Record
    attachment: Attachment | None
    passage: SafeString


def highlight(passage: str) -> SafeString:
    """*passage* escaped as HTML, the matches (between the markers) in ``<mark>``."""
    safe = str(escape(passage.replace(_START, "\x00s").replace(_STOP, "\x00e")))
    return mark_safe(safe.replace("\x00s", "<mark>").replace("\x00e", "</mark>"))


def words(query: str) -> list[str]:
    """The words of *query* (letters and digits), at most 20."""
    return _WORD.findall(query[:MAX_QUERY])[:20]


@dataclass(frozen=True)
class Result:
    """The hits, best first; ``ranked`` False: more than :data:`RANK_LIMIT` texts matched and
    the newest are shown (ranking them all would take too long; the page says so)."""

    hits: list[Hit]
    ranked: bool = True


Row = tuple[int, int, int | None]  # search text id, agreement, attachment


def search(query: str, records: Any) -> Result:
    """Agreements among *records* (a queryset) whose text or attachments match *query*.

    Ranking (bm25 on SQLite, ``ts_rank`` on PostgreSQL) costs time for every matching text, so
    it is done when at most :data:`RANK_LIMIT` texts match; beyond that the newest texts come
    first. The passage is taken only for the texts shown.
    """
    terms = words(query)
    if not terms:
        return Result([])
    backend = _Postgres(" ".join(terms)) if connection.vendor == "postgresql" else _Sqlite(terms)
    allowed = records.order_by().values("pk")  # no ORDER BY in the subquery
    rows = backend.newest(allowed, max(RANK_LIMIT + 1, MAX_HITS * 3))
    ranked = len(rows) <= RANK_LIMIT
    if ranked and rows:
        rows = backend.best(allowed, [row[0] for row in rows])
    shown = _first_per_agreement(rows)
    passages = backend.passages([row[0] for row in shown]) if shown else {}
    attachments = Attachment.objects.in_bulk([row[2] for row in shown if row[2] is not None])
    found = Record.objects.only("pk", "title", "short_name").in_bulk([row[1] for row in shown])
    hits = [
        Hit(found[pk], attachments.get(attachment) if attachment else None,
            highlight(passages.get(text, "")))
        for text, pk, attachment in shown if pk in found
    ]  # fmt: skip
    return Result(hits, ranked)


#: Most matching texts ranked; more: the newest first.
RANK_LIMIT = 1000
#: Characters around the first match in a passage (SQLite).
PASSAGE_CHARS = 220


def _plain(word: str) -> str:
    """*word* compared as FTS5's ``unicode61 remove_diacritics 2`` does: case and accents off."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def passage(body: str, terms: list[str]) -> str:
    """The words of *body* around the first word starting with one of *terms*, the matching
    words between the markers (as :func:`highlight` expects)."""
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, terms)) + r")\w*", re.IGNORECASE)
    found = pattern.search(body)
    if found is None:  # matched without its accents (»Kundigung« for »Kündigung«)
        prefixes = tuple(_plain(term) for term in terms)
        found = next((t for t in _WORD.finditer(body) if _plain(t.group()).startswith(prefixes)),
                     None)  # fmt: skip
        if found is None:
            return ""
        pattern = re.compile(re.escape(found.group()))
    start = max(0, found.start() - PASSAGE_CHARS // 3)
    end = min(len(body), start + PASSAGE_CHARS)
    window = body[start:end]
    if start:  # whole words only
        window = window.split(None, 1)[-1] if " " in window else window
    if end < len(body):
        window = window.rsplit(None, 1)[0] if " " in window else window
    marked = pattern.sub(lambda m: f"{_START}{m.group()}{_STOP}", window)
    return ("…" if start else "") + " ".join(marked.split()) + ("…" if end < len(body) else "")


def _first_per_agreement(rows: list[Row]) -> list[Row]:
    """The best row of each agreement, in order, at most :data:`MAX_HITS` agreements."""
    found: list[Row] = []
    seen: set[int] = set()
    for text, pk, attachment in rows:
        if pk not in seen and len(found) < MAX_HITS:
            seen.add(pk)
            found.append((int(text), int(pk), attachment))
    return found


class _Sqlite:
    """FTS5: each word a quoted prefix term (no FTS5 syntax of the user reaches it)."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms
        self.match = " ".join('"' + term.replace('"', '""') + '"*' for term in terms)

    def _rows(self, sql: str, params: list[Any]) -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def newest(self, allowed: Any, limit: int) -> list[Row]:
        where, params = allowed.query.sql_with_params()
        return self._rows(
            "SELECT akte_fts.rowid, s.agreement_id, s.attachment_id FROM akte_fts "
            "JOIN vereinbarung_akte_searchtext s ON s.id = akte_fts.rowid "
            f"WHERE akte_fts MATCH %s AND s.agreement_id IN ({where}) "
            "ORDER BY akte_fts.rowid DESC LIMIT %s",
            [self.match, *params, limit],
        )

    def best(self, allowed: Any, ids: list[int]) -> list[Row]:  # noqa: ARG002 (all of them)
        # the same match again, ranked (bm25 for the at most RANK_LIMIT matching texts); a
        # »rowid IN (…)« beside MATCH would read the match's doclist once per id
        where, params = allowed.query.sql_with_params()
        return self._rows(
            "SELECT akte_fts.rowid, s.agreement_id, s.attachment_id FROM akte_fts "
            "JOIN vereinbarung_akte_searchtext s ON s.id = akte_fts.rowid "
            f"WHERE akte_fts MATCH %s AND s.agreement_id IN ({where}) ORDER BY rank LIMIT %s",
            [self.match, *params, MAX_HITS * 3],
        )

    def passages(self, ids: list[int]) -> dict[int, str]:
        # FTS5's snippet() beside »rowid IN (…)« reads the match once per row (10 ms each):
        # the passage is cut from the stored text here, the words marked as FTS5 matched them
        bodies = SearchText.objects.filter(id__in=ids).values_list("id", "body")
        return {int(pk): passage(body, self.terms) for pk, body in bodies}


class _Postgres:
    """``vector @@ websearch_to_tsquery('german', …)``: the stored, GIN-indexed column ``vector``
    (migration 0001), ranked with ``ts_rank``, passages by ``ts_headline``."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _rows(self, sql: str, params: list[Any]) -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def newest(self, allowed: Any, limit: int) -> list[Row]:
        where, params = allowed.query.sql_with_params()
        rows = self._rows(
            "SELECT id, agreement_id, attachment_id FROM vereinbarung_akte_searchtext "
            "WHERE vector @@ websearch_to_tsquery('german', %s) "
            f"AND agreement_id IN ({where}) ORDER BY id DESC LIMIT %s",
            [self.text, *params, limit],
        )
        return [(int(a), int(b), c) for a, b, c in rows]

    def best(self, allowed: Any, ids: list[int]) -> list[Row]:  # noqa: ARG002 (ids are allowed)
        rows = self._rows(
            "SELECT id, agreement_id, attachment_id FROM vereinbarung_akte_searchtext "
            "WHERE id = ANY(%s) "
            "ORDER BY ts_rank(vector, websearch_to_tsquery('german', %s)) DESC, id DESC",
            [ids, self.text],
        )
        return [(int(a), int(b), c) for a, b, c in rows]

    def passages(self, ids: list[int]) -> dict[int, str]:
        options = f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=10"
        rows = self._rows(
            "SELECT id, ts_headline('german', body, websearch_to_tsquery('german', %s), %s) "
            "FROM vereinbarung_akte_searchtext WHERE id = ANY(%s)",
            [self.text, options, ids],
        )
        return {int(pk): str(text) for pk, text in rows}
