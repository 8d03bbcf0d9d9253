"""Full-text search over the agreements' texts and their attachments' texts.

One :class:`~vereinbarung.web.akte.models.SearchText` row per agreement (title, Kurzname,
Aktenzeichen, parties and the file's text, kept on every save by a ``post_save`` signal) and
per attachment (name, kind, description and the text read from it).

* **PostgreSQL**: full-text search with the German configuration (stemming, stop words):
  ``to_tsvector('german', body) @@ websearch_to_tsquery('german', q)`` through
  ``django.contrib.postgres.search`` (SearchVector, SearchQuery ``search_type="websearch"``,
  SearchRank, SearchHeadline), with a GIN index on the same expression (migration 0001;
  https://www.postgresql.org/docs/current/textsearch-tables.html).
* **SQLite** (the default): an FTS5 table over the same rows (external content, kept by
  triggers; https://www.sqlite.org/fts5.html), tokenizer ``unicode61 remove_diacritics 2``,
  each word of the query as a quoted prefix term (no FTS5 syntax of the user reaches it),
  ``bm25`` ranking and ``snippet()`` for the passage.

The passage comes back with private markers around the matches; :func:`highlight` escapes all
of it as HTML and only then turns the markers into ``<mark>``. Only agreements the user may
read are searched (:func:`vereinbarung.web.rights.checks.readable`).
"""

from __future__ import annotations

import re
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


def agreement_body(record: Record) -> str:
    """What is searched of an agreement itself."""
    return "\n".join(
        (record.title, record.short_name, record.reference, record.department, record.parties,
         record.text)
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


def search(query: str, records: Any) -> list[Hit]:
    """Agreements among *records* (a queryset) whose text or attachments match *query*."""
    terms = words(query)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        rows = _postgres(" ".join(terms), records)
    else:
        rows = _sqlite(terms, records)
    attachments = Attachment.objects.in_bulk([a for _, a, _ in rows if a is not None])
    found = Record.objects.in_bulk([pk for pk, _, _ in rows])
    hits: list[Hit] = []
    seen: set[int] = set()
    for pk, attachment, passage in rows:
        if pk in seen or pk not in found:
            continue
        seen.add(pk)
        hits.append(Hit(found[pk], attachments.get(attachment) if attachment else None,
                        highlight(passage)))  # fmt: skip
    return hits


def _postgres(text: str, records: Any) -> list[tuple[int, int | None, str]]:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    query = SearchQuery(text, config="german", search_type="websearch")
    vector = SearchVector("body", config="german")
    matches = (
        SearchText.objects.annotate(vector=vector)
        .filter(vector=query, agreement__in=records.values("pk"))
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "agreement_id")[: MAX_HITS * 3]
    )
    rows = list(
        matches.annotate(
            passage=SearchHeadline("body", query, config="german", start_sel=_START,
                                   stop_sel=_STOP, max_words=30, min_words=10)
        ).values_list("agreement_id", "attachment_id", "passage")
    )  # fmt: skip
    return [(a, b, c) for a, b, c in rows]


def _sqlite(terms: list[str], records: Any) -> list[tuple[int, int | None, str]]:
    match = " ".join('"' + term.replace('"', '""') + '"*' for term in terms)
    allowed, params = records.values("pk").query.sql_with_params()
    sql = (
        "SELECT s.agreement_id, s.attachment_id, "
        f"snippet(akte_fts, 0, '{_START}', '{_STOP}', '…', 24) "
        "FROM akte_fts JOIN vereinbarung_akte_searchtext s ON s.id = akte_fts.rowid "
        f"WHERE akte_fts MATCH %s AND s.agreement_id IN ({allowed}) "
        "ORDER BY bm25(akte_fts), s.agreement_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, MAX_HITS * 3])
        return [(int(a), b, str(c)) for a, b, c in cursor.fetchall()]
