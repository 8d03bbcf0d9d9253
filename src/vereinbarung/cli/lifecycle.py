"""Commands of the lifecycle: ``status`` and ``record`` (``calendar``: :mod:`vereinbarung.cli.calendar`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vereinbarung.cli.common import (
    CONTEXT,
    DATE,
    OPTIONS_METAVAR,
    on_option,
    today_in_berlin,
)
from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import format_date, parse_date

__all__ = ["register"]

if TYPE_CHECKING:
    from vereinbarung.state.day import AgreementState

#: ``record``: the event was written, but has no effect (yet).
EXIT_NO_EFFECT = 1

EVENT_TYPES = (
    "signed",
    "approval_requested",
    "approved",
    "approval_refused",
    "published",
    "notice",
    "extraordinary_notice",
    "amendment",
    "terminated_by_agreement",
    "joined",
    # completing an amendment already recorded (GkG NRW, § 24 Abs. 2–4): its approval and
    # its publication, set on the last amendment that lacks them
    "amendment_approved",
    "amendment_published",
)

#: The pseudo-events that complete a recorded amendment, and the key each sets.
_AMENDMENT_STEPS = {"amendment_approved": "approved", "amendment_published": "published"}


def _status_text(path: str, state: AgreementState, title: str) -> str:
    lines = [f"{title} ({path})", f"Stand {format_date(state.on)}: {state.status_label}"]
    lines += list(state.partial_notices)  # one party leaves, the others continue
    if state.effective is not None:
        since = "seit" if state.effective.day <= state.on else "ab"  # not yet in force: »ab«
        lines.append(f"Wirksam {since}: {format_date(state.effective.day)}")
    lines.append(
        f"Endet: {format_date(state.ends_on.day)}"
        if state.ends_on
        else "Endet: kein Ende festgelegt"
    )
    if state.notice_deadline is not None and state.terminates_on is not None:
        practical = state.practical_deadline
        extra = (
            f" (praktisch: {format_date(practical)})"
            if practical and practical != state.notice_deadline
            else ""
        )
        when = f"Zugang bis: {format_date(state.notice_deadline)}{extra}"
        if state.receipt_windows:  # a pending amendment leaves a gap (issue 24)
            when = "Zugang: " + " oder ".join(
                f"vom {format_date(a)} bis {format_date(b)}" for a, b in state.receipt_windows
            )
            when += extra
        lines.append(f"{when} für ein Ende zum {format_date(state.terminates_on)}")
    lines.append(f"Gebunden: {', '.join(state.parties) if state.parties else '–'}")
    if state.next_deadline is not None:
        n = state.next_deadline
        lines.append(f"Nächste Frist: {format_date(n.day)} – {n.label}: {n.derivation}")
    if state.open_points:
        lines += ["", "Zuerst eintragen bzw. prüfen:"] + [f"  {p}" for p in state.open_points]
    lines += ["", "Zeitleiste:"]
    for day, text in state.timeline:
        mark = "  " if day <= state.on else "→ "
        lines.append(f"  {mark}{format_date(day)}  {text}")
    lines += ["", "Herleitung:"] + [f"  {line}" for line in state.derivation]
    if state.warnings:
        lines += ["", "Hinweise:"] + [f"  {w}" for w in state.warnings]
    return "\n".join(lines) + "\n"


@click.command(context_settings=CONTEXT, options_metavar=OPTIONS_METAVAR)
@click.argument("path", metavar="VEREINBARUNG")
@on_option()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Ausgabe als Text (deutsch) oder JSON.",
)  # fmt: skip
def status(path: str, on: dt.date | None, fmt: str) -> int:
    """Zeitleiste und Status einer Vereinbarung an einem Stichtag.

    Berücksichtigt Unterschriften, Genehmigung und Bekanntmachung (GkG NRW), Kündigungen mit
    Form und Zugang bei allen Parteien, Ausscheiden von Parteien und Änderungen.
    """
    from vereinbarung.exports.reports import DeadlineRow
    from vereinbarung.files.failures import file_failure
    from vereinbarung.files.io import load_agreement
    from vereinbarung.state.day import state_on

    try:
        agreement = load_agreement(path)
        result = state_on(agreement, on or today_in_berlin())
    except Exception as exc:  # name the file: dates beyond 9999, system errors, …
        raise VereinbarungError(file_failure(path, exc)) from None
    if fmt == "json":
        record = DeadlineRow(path, agreement.full_title, result).to_json()
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        click.echo(_status_text(path, result, agreement.full_title), nl=False)
    return 0


def _receipts(values: tuple[str, ...]) -> dict[str, str] | str | None:
    if not values:
        return None
    if len(values) == 1 and "=" not in values[0]:
        try:
            return parse_date(values[0]).isoformat()
        except VereinbarungError:
            raise VereinbarungError(
                f"--received »{values[0]}«: erwartet wird PARTEI=DATUM, z. B. »Stadt Neuss=30.06.2026«, "
                "oder ein Datum für den Zugang bei allen anderen Parteien."
            ) from None
    result: dict[str, str] = {}
    for value in values:
        party, sep, day = value.rpartition("=")
        if not sep or not party.strip():
            raise VereinbarungError(
                f"--received »{value}«: erwartet wird PARTEI=DATUM, z. B. »Stadt Neuss=30.06.2026«."
            )
        result[party.strip()] = parse_date(day.strip()).isoformat()
    return result


@click.command(context_settings=CONTEXT, options_metavar=OPTIONS_METAVAR)
@click.argument("path", metavar="VEREINBARUNG")
@click.argument("event_type", metavar="EREIGNIS", type=click.Choice(EVENT_TYPES))
@click.option("--party", metavar="PARTEI", help="Partei (signed, joined).")
@click.option(
    "--by", "by", metavar="PARTEI", help="Kündigende Partei (notice, extraordinary_notice)."
)
@click.option("--date", "day", type=DATE, help="Datum des Ereignisses.")
@click.option(
    "--received",
    metavar="PARTEI=DATUM",
    multiple=True,
    help="Zugang: PARTEI=DATUM, mehrfach; oder ein Datum für alle.",
)
@click.option(
    "--form",
    type=click.Choice(["written", "qualified_electronic", "email"]),
    help="Form der Kündigung.",
)
@click.option("--sent", type=DATE, help="Absendedatum der Kündigung.")
@click.option("--notified", type=DATE, help="Anzeige bei der Aufsichtsbehörde (GkG NRW).")
@click.option(
    "--published", type=DATE, help="Bekanntmachung der Kündigung/Aufhebung/Änderung (GkG NRW)."
)
@click.option("--approved", type=DATE, help="Genehmigung der Änderung (amendment, GkG NRW).")
@click.option(
    "--effective",
    type=DATE,
    help="Wirksam ab / letzter Tag (amendment, terminated_by_agreement, joined).",
)
@click.option("--place", metavar="ORT", help="Ort der Unterschrift.")
@click.option("--signer", metavar="NAME", help="Unterzeichnende Person.")
@click.option("--gazette", metavar="AMTSBLATT", help="Amtsblatt (published).")
@click.option("--authority", metavar="BEHÖRDE", help="Aufsichtsbehörde (approval_requested).")
@click.option("--text", metavar="WORTLAUT", help="Inhalt der Änderung (amendment).")
@click.option(
    "--reasons", metavar="GRÜNDE", help="Gründe (extraordinary_notice, approval_refused)."
)
@click.option(
    "--term",
    "term_changes",
    metavar="FELD=WERT",
    multiple=True,
    help=(
        'amendment: neue Laufzeitregelung ab --effective, z. B. --term notice="3 Monate" '
        "--term ends=31.12.2030 (Felder wie unter term; übrige bleiben)."
    ),
)
@click.option(
    "--section",
    "sections",
    metavar="»§ 3 Abs. 2«",
    multiple=True,
    help="amendment: der geänderte Paragraph oder Absatz (»§ 3« oder »§ 3 Abs. 2«), mehrfach; "
    "je eines mit --wording.",
)
@click.option(
    "--wording",
    "wordings",
    metavar="WORTLAUT",
    multiple=True,
    help="amendment: der neue Wortlaut zu --section (in derselben Reihenfolge); für einen "
    "ganzen Paragraphen die Absätze durch eine Leerzeile getrennt.",
)
def record(path: str, event_type: str, **options: Any) -> int:
    """Ein Ereignis prüfen und an die Vereinbarungsdatei anhängen (Kommentare bleiben erhalten).

    Danach steht da, was das Ereignis bewirkt (»Kündigung wirkt zum 31.12.2028«, »noch ohne
    Wirkung: Zugang fehlt bei Stadt Neuss«, »unwirksam: … E-Mail …«).

    Bei einer öffentlich-rechtlichen Vereinbarung (GkG NRW) gilt eine Änderung erst nach
    Genehmigung und Bekanntmachung: später erfasst mit »amendment_approved --date …« und
    »amendment_published --date …« (an der letzten Änderung, der sie fehlen).

    \b
    Rückgabewert: 0 eingetragen und wirksam; 1 eingetragen, aber (noch) ohne Wirkung;
    2 nicht eingetragen (fehlerhafte Eingabe, Datei unverändert).

    Beispiel: vereinbarung record vereinbarung.yaml notice --by "Stadt Kaarst"
    --received "Stadt Dormagen=29.06.2026" --received "Stadt Neuss=30.06.2026" --form written
    """
    from vereinbarung.files.io import load_agreement
    from vereinbarung.files.recording import append_event

    if event_type in ("notice", "extraordinary_notice") and options.get("form") is None:
        raise VereinbarungError(
            "Bitte die Form der Kündigung angeben: --form written (unterschriebenes Original), "
            "qualified_electronic (qualifizierte elektronische Signatur) oder email."
        )
    if event_type in _AMENDMENT_STEPS:
        return _complete_amendment(path, _AMENDMENT_STEPS[event_type], options.get("day"))
    if options.get("approved") is not None and event_type != "amendment":
        raise VereinbarungError("--approved gehört zu einer Änderung (amendment).")
    event: dict[str, Any] = {"type": event_type}
    term_changes = options.pop("term_changes")
    if term_changes:
        if event_type != "amendment":
            raise VereinbarungError("--term gehört zu einer Änderung (amendment).")
        event["term"] = _amended_term(path, term_changes, options.get("effective"))
    wording = _wording(options.pop("sections"), options.pop("wordings"), event_type)
    if wording:
        event["wording"] = wording
    received = _receipts(options.pop("received"))
    if isinstance(received, str) and event_type == "notice":
        # one date: received by every other party that day
        others = [p.name for p in load_agreement(path).parties if p.name != options.get("by")]
        received = dict.fromkeys(others, received)
    if received is not None:
        event["received"] = received
    names = {"day": "date"}
    for key, value in options.items():
        if value is not None:
            event[names.get(key, key)] = value.isoformat() if isinstance(value, dt.date) else value
    from vereinbarung.state.effects import event_effect

    today = today_in_berlin()
    updated = append_event(path, event, today=today)
    effect = event_effect(updated, updated.events[-1], today)
    click.echo(f"{path}: Ereignis »{event_type}« eingetragen.")
    click.echo(f"Wirkung: {effect.text}")
    if event_type == "amendment":
        note = _unworded_note(updated, updated.events[-1])
        if note:
            click.echo(note, err=True)
    return 0 if effect.effective else EXIT_NO_EFFECT


def _complete_amendment(path: str, key: str, day: dt.date | None) -> int:
    """Set *key* (approved, published) to *day* on the last amendment that lacks it."""
    from vereinbarung.files.io import _parse, agreement_from_data, read_data
    from vereinbarung.files.limits import read_limited
    from vereinbarung.files.recording import set_event_field
    from vereinbarung.files.writing import locked, write_atomic
    from vereinbarung.model.events import Amendment
    from vereinbarung.state.effects import event_effect

    what = "Genehmigung" if key == "approved" else "Bekanntmachung"
    if day is None:
        raise VereinbarungError(f"Bitte --date angeben: den Tag der {what} der Änderung.")
    today = today_in_berlin()
    if day > today:
        raise VereinbarungError(
            f"--date {format_date(day)}: liegt in der Zukunft; erfasst wird, was geschehen ist."
        )
    file = Path(path)
    with locked(file):
        data = read_data(file)
        agreement = agreement_from_data(data, source=path)
        open_ = [
            index
            for index, event in enumerate(agreement.events)
            if isinstance(event, Amendment) and getattr(event, key) is None
        ]
        if not open_:
            raise VereinbarungError(f"{path}: keine Änderung ohne {what} erfasst.")
        index = open_[-1]
        text = read_limited(file).decode("utf-8")
        newline = "\r\n" if "\r\n" in text else "\n"
        content = set_event_field(text.replace("\r\n", "\n"), index, key, day)
        parsed = _parse(content, path, json_format=file.suffix.lower() == ".json")
        updated = agreement_from_data(parsed, source=path)
        write_atomic(file, content.replace("\n", newline).encode("utf-8"), force=True)
    effect = event_effect(updated, updated.events[index], today)
    click.echo(
        f"{path}: {what} der Änderung vom {format_date(updated.events[index].day)} eingetragen."
    )
    click.echo(f"Wirkung: {effect.text}")
    return 0 if effect.effective else EXIT_NO_EFFECT


def _wording(
    sections: tuple[str, ...], wordings: tuple[str, ...], event_type: str
) -> list[dict[str, str]]:
    """The ``wording`` list of an amendment from pairs of --section and --wording."""
    if not sections and not wordings:
        return []
    if event_type != "amendment":
        raise VereinbarungError("--section und --wording gehören zu einer Änderung (amendment).")
    if len(sections) != len(wordings):
        raise VereinbarungError(
            f"--section ({len(sections)}-mal) und --wording ({len(wordings)}-mal) gehören "
            "paarweise zusammen: zu jedem geänderten Paragraphen oder Absatz ein neuer Wortlaut."
        )
    return [{"section": s, "text": w} for s, w in zip(sections, wordings, strict=True)]


def _unworded_note(agreement: Any, amendment: Any) -> str | None:
    """A note where a recorded amendment replaces the term clause without its new wording."""
    from vereinbarung.model.consolidation import term_text_section, unworded_term_changes

    day = max(amendment.effective, amendment.date)
    if amendment not in unworded_term_changes(agreement, day):
        return None
    number = term_text_section(agreement)
    return (
        f"Hinweis: die Änderung ersetzt die Laufzeitregelung, gibt aber keinen neuen Wortlaut "
        f"von § {number} an; eine Lesefassung ab {day:%d.%m.%Y} wird deshalb abgelehnt. Den "
        f'Wortlaut angeben mit --section "§ {number} Abs. …" --wording "…".'
    )


_YES_NO = {"ja": True, "true": True, "nein": False, "false": False}


def _amended_term(path: str, changes: tuple[str, ...], effective: dt.date | None) -> dict[str, Any]:
    """The term clause in force on *effective* with the given fields replaced."""
    from vereinbarung.files.io import load_agreement

    if effective is None:
        raise VereinbarungError("Für --term bitte --effective angeben (ab wann die Änderung gilt).")
    term = (
        load_agreement(path).version_on(effective).term.model_dump(mode="json", exclude_none=True)
    )
    fields = set(term) | {
        "ends",
        "duration",
        "renewal",
        "notice",
        "notice_to",
        "earliest_end",
        "notice_during_term",
        "clause",
    }
    for change in changes:
        key, sep, value = change.partition("=")
        key = key.strip()
        if not sep or key not in fields or key == "effective":
            allowed = ", ".join(sorted(fields - {"effective"}))
            raise VereinbarungError(
                f"--term »{change}«: erwartet wird FELD=WERT mit FELD aus {allowed}."
            )
        if key in ("ends", "duration"):  # one replaces the other
            term.pop("duration" if key == "ends" else "ends", None)
        if value.strip() == "":
            term.pop(key, None)
        elif key == "notice_during_term":  # »kann auch vor Ablauf der Laufzeit …« (issue 24)
            answer = _YES_NO.get(value.strip().lower())
            if answer is None:
                raise VereinbarungError(
                    f"--term »{change}«: notice_during_term ist ja oder nein (true/false)."
                )
            term[key] = answer
        else:
            term[key] = value.strip()
    for key in ("effective", "ends", "earliest_end"):  # dates as dates, not quoted text
        if key in term:
            term[key] = parse_date(term[key])
    return term


def register(group: click.Group) -> None:
    """Add the lifecycle commands to the ``vereinbarung`` command group."""
    for command in (status, record):
        group.add_command(command)
