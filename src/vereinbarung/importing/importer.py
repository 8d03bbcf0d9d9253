"""Import an existing agreement (``.docx``, ``.pdf``, ``.txt``, ``.md``) into an agreement file.

A file is read in a child process with the time and memory limits of a user's template
(:func:`import_agreement`, :mod:`vereinbarung.files.child`), whatever its kind.
Rule-based and offline. The document is read into blocks (:mod:`vereinbarung.importing.text`),
then walked in the order agreements are written:

1. title and subtitle ("Kooperationsvereinbarung", "über …"), legal basis if stated;
2. the parties block from "zwischen" to "wird folgende … geschlossen"
   (:mod:`vereinbarung.importing.parties`);
3. the preamble (after "Präambel" or the conclusion line) up to the first "§";
4. the sections: "§ n" with heading, numbered paragraphs "(1)", lettered items "a)";
5. the signature blocks ("Dormagen, den", line, name, office).

From the sections' sentences come the term clause (:mod:`vereinbarung.importing.term`), the form
requirements, what one party's notice does, the lead party and the cost clause
(:mod:`vereinbarung.importing.costs`). Each value keeps its source sentence and place
(:class:`Provenance`). What was not found, not understood or ambiguous is a :class:`Problem`:
*review* items make the result incomplete (``complete`` is False; the command exits with 3),
the rest are notes. The result is always a valid :class:`~vereinbarung.model.agreement.Agreement`; where the
text gives no day of effect, ``term.effective`` is a marked placeholder and a review item
says so (see :mod:`vereinbarung.importing.resolve`).

>>> result = import_markdown(Path("tests/fixtures/seed_002.txt").read_text())  # doctest: +SKIP
>>> result.complete, result.agreement.term.ends                               # doctest: +SKIP
(True, datetime.date(2026, 12, 31))
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vereinbarung.errors import VereinbarungError
from vereinbarung.files.child import MEMORY_LIMIT, TIME_LIMIT
from vereinbarung.importing import assemble
from vereinbarung.importing.bekanntmachung import wrapper_events
from vereinbarung.importing.costs import read_costs
from vereinbarung.importing.furniture import drop_furniture
from vereinbarung.importing.outline import as_sections, loose_sentences
from vereinbarung.importing.parties import PartyReading
from vereinbarung.importing.parties_fallback import (
    agreement_evidence,
    fallback_parties,
    sentence_is_better,
    suspicious_names,
)
from vereinbarung.importing.parties_missing import missing_parties
from vereinbarung.importing.regions import (
    body_and_signatures,
    inline_legal_basis,
    party_region,
    split_glued_title,
)
from vereinbarung.importing.resolve import ResolvedTerm, resolve_term
from vereinbarung.importing.result import ImportResult, plain
from vereinbarung.importing.running_text import split_running_text
from vereinbarung.importing.sections import read_sections, section_sentences
from vereinbarung.importing.signatures import parse_signatures
from vereinbarung.importing.structure import (
    DocumentWalk,
    NotAnAgreementError,
    is_section_heading,
)
from vereinbarung.importing.term import TermReading, read_term
from vereinbarung.importing.text import Block, ImportReadError, read_blocks, read_markdown
from vereinbarung.importing.title_line import (
    join_wrapped_title,
    split_title_line,
    with_title_after,
)
from vereinbarung.importing.verb_sentence import join_verb_sentence
from vereinbarung.importing.words import Provenance
from vereinbarung.model.agreement import Agreement

__all__ = [
    "MEMORY_LIMIT",
    "TIME_LIMIT",
    "ImportResult",
    "NotAnAgreementError",
    "Provenance",
    "import_agreement",
    "import_blocks",
    "import_markdown",
]


def import_blocks(
    blocks: Sequence[Block], *, source: str = "<Text>", notes: Sequence[str] = ()
) -> ImportResult:
    """Import an agreement from its blocks (see :mod:`vereinbarung.importing.text`).

    Raises :class:`NotAnAgreementError` if no parties are found (the text is no agreement the importer
    can read); everything else that is missing or unclear is in the result's ``review``.
    """
    blocks = split_running_text(
        join_verb_sentence(
            split_title_line(join_wrapped_title(split_glued_title(drop_furniture(blocks))))
        )
    ) or list(blocks)
    walk = DocumentWalk(blocks, source)
    for message in notes:
        walk.note("Datei", message)
    title_at, start, end, parties = _parties(walk, blocks, source)
    rest, outline = as_sections(blocks[end:])
    if outline is not None:
        walk.note("sections", outline)
    first_section = next((i for i, b in enumerate(rest) if is_section_heading(b)), len(rest))
    walk.preamble(rest[:first_section])
    body, signature_blocks, trailer = body_and_signatures(rest[first_section:])
    sections = read_sections(walk, body)
    sentences = section_sentences(sections)
    if not sections:
        walk.review(
            "sections",
            "keine Paragraphen (§ 1 …) und keine andere Gliederung (Artikel, 1., I.) gefunden; "
            "die Laufzeit- und Kostenregeln wurden im ganzen Text gesucht",
        )
        whole, _, _ = body_and_signatures(rest)
        sentences = loose_sentences(whole)
    signatures, signature_problems = parse_signatures(signature_blocks, parties)
    walk.problems += signature_problems
    reading = read_term(sentences)
    if sections and not reading.found:  # a term stated in the preamble only (issue 22)
        in_preamble = read_term(loose_sentences(rest[:first_section]))
        if in_preamble.found:
            reading = in_preamble
            walk.note("term", "keine Laufzeitklausel in den Paragraphen; Laufzeit aus der Präambel")
    wrapper = wrapper_events(
        [b for i, b in enumerate(blocks[:start]) if i != title_at] + list(trailer)
    )
    walk.problems += wrapper.problems
    publication, publication_source = assemble.publication(wrapper, blocks)
    by_party = {s.party: s for s in signatures}
    resolved = resolve_term(
        reading,
        signature_dates=[by_party[p.name].date if p.name in by_party else None for p in parties],
        publication=publication,
    )
    walk.problems += resolved.problems
    _dropped_values(walk, reading, resolved)
    _dropped_values(walk, read_term(loose_sentences(blocks[:400])), resolved)
    assemble.write_term(walk, resolved, publication_source)
    assemble.events(walk, wrapper)
    assemble.regime(walk, reading)
    if not resolved.placeholder:
        assemble.in_force_by_text(walk)
    assemble.lead(walk, sentences, parties)
    if reading.on_party_notice is not None:
        walk.data["on_party_notice"] = reading.on_party_notice.value
        fact = next(f for f in reading.facts if f.field == "on_party_notice")
        walk.cite(("on_party_notice",), [fact.sentence], reading.on_party_notice.label)
    costs = read_costs(
        sentences, {s.number: s.heading for s in sections}, [p.name for p in parties]
    )
    if costs is not None:
        walk.data["costs"] = {"summary": costs.summary}
        if costs.section is not None:
            walk.data["costs"]["section"] = costs.section
        walk.cite(("costs",), list(costs.sources), assemble.cost_note(costs))
        walk.problems += costs.problems
    else:
        walk.note("costs", "keine Kostenregelung gefunden")
    if signatures:
        entries = []
        party_reps = {p.name: p.representative for p in parties if p.representative is not None}
        for index, signature in enumerate(signatures):
            entry: dict[str, Any] = {"party": signature.party, "place": signature.place}
            if signature.date is not None:
                entry["date"] = signature.date
            rep = party_reps.get(signature.party or "")
            if signature.name and (rep is None or rep.name != signature.name):
                entry["name"] = signature.name
            if signature.title and (rep is None or rep.title != signature.title):
                entry["title"] = signature.title
            entries.append(entry)
            walk.cite(("signatures", index), [signature.source])
        walk.data["signatures"] = entries
    else:
        walk.note("signatures", "keine Unterschriftenblöcke (»Ort, den …«) gefunden")
    form: dict[str, str] = {}
    for key, value in (
        ("notice", reading.notice_form),
        ("notice_addressees", reading.notice_addressees),
        ("amendments", reading.amendment_form),
    ):
        if value:
            form[key] = value
    if "preamble" not in walk.data:
        walk.note("preamble", "keine Präambel gefunden")
    agreement, data = _validated(walk, source)
    review = tuple(p for p in walk.problems if p.review)
    notes_ = tuple(p for p in walk.problems if not p.review)
    if review:  # in the file too, so that deadlines, status and check keep pointing at them
        data["review"] = [f"{p.field}: {p.message}" for p in review]
        agreement = agreement.model_copy(update={"review": tuple(data["review"])})
    return ImportResult(
        source=source,
        data=data,
        agreement=agreement,
        provenance=tuple(walk.provenance),
        review=review,
        notes=notes_,
        term=reading,
        costs=costs,
        form=form,
        placeholder_effective=resolved.placeholder,
    )


def _parties(
    walk: DocumentWalk, blocks: Sequence[Block], source: str
) -> tuple[int, int, int, list[PartyReading]]:
    """Title and parties: the parties block, else a sentence naming them, else placeholders
    (:mod:`vereinbarung.importing.parties_fallback`); the position of the title block and
    where the parties block starts and ends.
    Raises :class:`NotAnAgreementError` only for a text that does not read as an agreement."""
    try:
        start, end, region, nominative = party_region(blocks, source)
    except NotAnAgreementError as exc:
        refusal = exc.message
        start = end = -1
    if start >= 0:
        candidate = DocumentWalk(blocks, source)
        parties = candidate.parties(region, nominative=nominative)
        if len(parties) >= 2:
            title_at = walk.header(with_title_after(blocks, start, end))
            problems = candidate.problems
            if sentence_is_better(blocks, parties):  # the names change, the title does not
                sentence = fallback_parties(blocks, agreement_evidence(blocks) or "")
                parties, problems = sentence.parties, sentence.problems
                end = max(start, min(end, sentence.start))  # a block reading ate the sections
            walk.problems += (
                problems + suspicious_names(parties) + missing_parties(blocks, end, parties)
            )
            walk.write_parties(parties)
            if "legal_basis" not in walk.data:
                inline_legal_basis(walk, blocks[start:end])
            return title_at, start, end, parties
        refusal = (
            f"{source}: keine Vereinbarung erkannt: im Parteienblock ab {blocks[start].where} "
            f"{'nur eine Partei' if parties else 'keine Partei'} gefunden (mindestens zwei nötig)."
        )
    evidence = agreement_evidence(blocks)
    if evidence is None:
        raise NotAnAgreementError(
            refusal + " Der Text liest sich auch nicht als Vereinbarung (kein Wort wie "
            "»Vereinbarung« oder »Vertrag« zusammen mit §-Gliederung, Laufzeit, Kündigung oder "
            "Vertragsparteien)."
        )
    fallback = fallback_parties(blocks, evidence)
    title_at = walk.header(blocks[: fallback.start])
    walk.problems += (
        fallback.problems
        + suspicious_names(fallback.parties)
        + missing_parties(blocks, fallback.start, fallback.parties)
    )
    walk.write_parties(fallback.parties)
    return title_at, fallback.start, fallback.start, fallback.parties


_TERM_KEYS = ("ends", "duration", "renewal", "notice", "notice_to", "notice_by", "earliest_end")


def _dropped_values(walk: DocumentWalk, reading: TermReading, resolved: ResolvedTerm) -> None:
    """A term value read from the text but not in the result, without a review item of its
    own, becomes one: a value stated in the text is never lost silently (issue 22)."""
    flagged = {p.field for p in walk.problems if p.review}
    if "term" in flagged:
        return
    for fact in reading.facts:
        key = fact.field
        kept = (
            key in resolved.data
            or (key in ("ends", "duration") and {"ends", "duration"} & set(resolved.data))
            or (key == "notice" and "notice_by" in resolved.data)
        )
        # the end date a duration gives ("wie im Text") is kept as the duration; a notice
        # that must reach the others by a day is kept as notice_by
        if key in _TERM_KEYS and not kept and f"term › {key}" not in flagged:
            walk.review(
                f"term › {key}",
                f"im Text gelesen (»{fact.sentence.text[:80]}«), aber nicht übernommen "
                "(passt nicht zu anderen Angaben oder steht außerhalb der Paragraphen) – bitte "
                "prüfen",
            )
            flagged.add(f"term › {key}")


_DROP_ORDER = ("earliest_end", "notice_to", "notice", "notice_by", "renewal", "duration", "ends")


def _validated(walk: DocumentWalk, source: str) -> tuple[Agreement, dict[str, Any]]:
    """The agreement; term values the model refuses are dropped one by one, each a review item."""
    from vereinbarung.files.io import agreement_from_data

    data = walk.data
    while True:
        try:
            return agreement_from_data(plain(data), source=source), data
        except VereinbarungError as exc:
            term = data.get("term", {})
            droppable = [k for k in _DROP_ORDER if k in term]
            if not droppable or "term" not in exc.message:
                raise NotAnAgreementError(
                    f"{source}: die gelesenen Angaben ergeben keine gültige Vereinbarung:\n"
                    f"{exc.message}"
                ) from None
            key = droppable[0]
            del term[key]
            walk.provenance = [p for p in walk.provenance if p.path != ("term", key)]
            walk.review(
                f"term › {key}",
                "nicht übernommen, weil die Angaben zusammen ungültig sind: "
                + exc.message.split(": ", 1)[-1],
            )


def import_markdown(text: str, *, source: str = "<Text>") -> ImportResult:
    """Import an agreement written as Markdown or plain text (as the seed files are)."""
    return import_blocks(read_markdown(text), source=source)


def import_agreement(
    path: str | os.PathLike[str],
    *,
    time_limit: float | None = None,
    memory_limit: int | None = None,
) -> ImportResult:
    """Import the agreement in the file at *path* (``.docx``, ``.pdf``, ``.txt`` or ``.md``).

    The file is read in a child process with the limits of a user's template
    (:func:`vereinbarung.files.child.run_in_child`: *time_limit* seconds, default
    :data:`TIME_LIMIT`, and *memory_limit* bytes, default :data:`MEMORY_LIMIT`); a text file
    may have at most :data:`~vereinbarung.files.limits.MAX_TEXT_BYTES`. Raises
    :class:`~vereinbarung.importing.text.ImportReadError` for a file that cannot be read, is too
    large or takes too long, and :class:`NotAnAgreementError` for a text without parties; both
    are :class:`~vereinbarung.errors.VereinbarungError` with a German message naming the file.
    """
    from vereinbarung.files.child import run_in_child
    from vereinbarung.files.limits import check_text_size
    from vereinbarung.importing.text import check_source

    file = Path(path)
    check_source(file)
    if file.suffix.lower() in (".txt", ".md"):
        check_text_size(file)
    _load_reader(file)
    seconds = TIME_LIMIT if time_limit is None else time_limit
    memory = MEMORY_LIMIT if memory_limit is None else memory_limit
    return run_in_child(
        _import_file,
        (file,),
        time_limit=seconds,
        memory_limit=memory,
        too_long=(
            f"{file}: das Lesen der Datei dauert länger als {seconds:.0f} Sekunden und wurde "
            "abgebrochen; nichts geschrieben. (Sehr lange oder beschädigte Datei?)"
        ),
        too_large=(
            f"{file}: das Lesen der Datei braucht mehr als {memory // 1024**2} MB "
            "Arbeitsspeicher und wurde abgebrochen; nichts geschrieben. (Sehr große oder "
            "beschädigte Datei?)"
        ),
    )


def _load_reader(file: Path) -> None:
    """Import the reader of *file*'s kind here, before the child is forked: the child then
    starts with it loaded (and needs no import lock another thread might hold)."""
    import contextlib
    import importlib

    readers = {".docx": ("docx", "lxml.etree"), ".pdf": ("pypdf",)}
    for module in readers.get(file.suffix.lower(), ()):
        with contextlib.suppress(ImportError):  # the reader says so in German in the child
            importlib.import_module(module)


def _import_file(file: Path) -> ImportResult:
    """Read and import *file* (in the child process)."""
    blocks, notes = read_blocks(file)
    if not blocks:
        raise ImportReadError(f"{file}: die Datei enthält keinen Text.")
    return import_blocks(blocks, source=str(file), notes=notes)
