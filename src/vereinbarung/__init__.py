"""vereinbarung: cooperation agreements between German municipalities.

Model an agreement, compute its terms, renewals and notice deadlines exactly as §§ 187–188 BGB
require, and explain every date::

    >>> import datetime as dt, vereinbarung
    >>> a = vereinbarung.load_agreement("examples/kinderschutz-rhein-kreis-neuss.yaml")  # doctest: +SKIP
    >>> s = vereinbarung.state_on(a, dt.date(2026, 11, 21))                             # doctest: +SKIP
    >>> s.status, s.terminates_on, s.notice_deadline                                    # doctest: +SKIP
    ('in_force', datetime.date(2028, 12, 31), datetime.date(2028, 6, 30))

The one function for what holds on a day is :func:`state_on`; every command, document and
export shows its answer.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from vereinbarung.errors import (
    AgreementFileError,
    DateParseError,
    PeriodParseError,
    VereinbarungError,
)

if TYPE_CHECKING:
    from vereinbarung.documents.builtin import BUILTIN_TEMPLATES
    from vereinbarung.documents.check import TemplateFinding, TemplateReport, check_template
    from vereinbarung.documents.errors import DocumentTemplateError
    from vereinbarung.documents.pdf import convert_to_pdf, find_office
    from vereinbarung.documents.render import RenderedDocument, render_agreement, render_overview
    from vereinbarung.documents.views.letter import LetterOptions
    from vereinbarung.exports.calendar import (
        CalendarEntry,
        calendar_entries,
        previous_sequences,
        to_ical,
    )
    from vereinbarung.exports.reports import DeadlineRow, deadline_rows
    from vereinbarung.exports.spreadsheet import csv_cell, csv_cell_text
    from vereinbarung.files.io import (
        agreement_from_data,
        find_agreement_files,
        load_agreement,
        read_data,
    )
    from vereinbarung.files.limits import load_json_limited, read_limited
    from vereinbarung.files.recording import append_event, set_event_field
    from vereinbarung.files.sender import sender_from_data, sender_yaml
    from vereinbarung.files.writing import (
        write_atomic,  # documents (jinja2, docxtpl) and the importer: imported on first use
    )
    from vereinbarung.importing.fulltext import DocumentText, document_text
    from vereinbarung.importing.importer import (
        ImportResult,
        NotAnAgreementError,
        Provenance,
        import_agreement,
    )
    from vereinbarung.importing.table import Sheet, read_sheet
    from vereinbarung.importing.table_rows import (
        TABLE_COLUMNS,
        TableImportError,
        TableRow,
        find_columns,
        import_table,
        row_yaml,
        table_agreements,
    )
    from vereinbarung.importing.text import ImportReadError
    from vereinbarung.law.budget import BudgetExceeded, date_budget
    from vereinbarung.law.dates import format_date, format_long_date, parse_date
    from vereinbarung.law.periods import Period
    from vereinbarung.law.terms import NoticeTo, Span, TermRule
    from vereinbarung.law.workdays import LANDS, LOCAL_HOLIDAYS
    from vereinbarung.model.agreement import (
        Address,
        Agreement,
        Party,
        PartyKind,
        Profile,
        Regime,
        Representative,
        Signature,
    )
    from vereinbarung.model.clause_wording import term_paragraphs
    from vereinbarung.model.clauses import Costs, Paragraph, Section, Term
    from vereinbarung.model.costs import ChangeRule, CostKey
    from vereinbarung.model.events import Event, NoticeForm, OnPartyNotice
    from vereinbarung.model.german import format_amount
    from vereinbarung.model.sender import Sender, Signatory
    from vereinbarung.state.checks import Finding, check_agreement
    from vereinbarung.state.day import (
        PLACEHOLDER_DAY,
        STATUS_LABELS,
        AgreementState,
        StateStatus,
        state_on,
    )
    from vereinbarung.state.effects import EventEffect, event_effect
    from vereinbarung.state.facts import Dated
    from vereinbarung.state.umlage import CostBreakdown, cost_shares
    from vereinbarung.state.upcoming import upcoming_states

_LAZY = {
    "agreement_from_data": "vereinbarung.files.io",
    "find_agreement_files": "vereinbarung.files.io",
    "load_agreement": "vereinbarung.files.io",
    "BudgetExceeded": "vereinbarung.law.budget",
    "date_budget": "vereinbarung.law.budget",
    "format_date": "vereinbarung.law.dates",
    "format_long_date": "vereinbarung.law.dates",
    "parse_date": "vereinbarung.law.dates",
    "Period": "vereinbarung.law.periods",
    "LANDS": "vereinbarung.law.workdays",
    "LOCAL_HOLIDAYS": "vereinbarung.law.workdays",
    "NoticeTo": "vereinbarung.law.terms",
    "Span": "vereinbarung.law.terms",
    "TermRule": "vereinbarung.law.terms",
    "Address": "vereinbarung.model.agreement",
    "Agreement": "vereinbarung.model.agreement",
    "Party": "vereinbarung.model.agreement",
    "PartyKind": "vereinbarung.model.agreement",
    "Profile": "vereinbarung.model.agreement",
    "Regime": "vereinbarung.model.agreement",
    "Representative": "vereinbarung.model.agreement",
    "Signature": "vereinbarung.model.agreement",
    "Costs": "vereinbarung.model.clauses",
    "Paragraph": "vereinbarung.model.clauses",
    "Section": "vereinbarung.model.clauses",
    "Term": "vereinbarung.model.clauses",
    "ChangeRule": "vereinbarung.model.costs",
    "CostKey": "vereinbarung.model.costs",
    "Event": "vereinbarung.model.events",
    "NoticeForm": "vereinbarung.model.events",
    "OnPartyNotice": "vereinbarung.model.events",
    "PLACEHOLDER_DAY": "vereinbarung.state.day",
    "STATUS_LABELS": "vereinbarung.state.day",
    "AgreementState": "vereinbarung.state.day",
    "StateStatus": "vereinbarung.state.day",
    "state_on": "vereinbarung.state.day",
    "EventEffect": "vereinbarung.state.effects",
    "event_effect": "vereinbarung.state.effects",
    "Dated": "vereinbarung.state.facts",
    "upcoming_states": "vereinbarung.state.upcoming",
    "previous_sequences": "vereinbarung.exports.calendar",
    "read_data": "vereinbarung.files.io",
    "read_limited": "vereinbarung.files.limits",
    "load_json_limited": "vereinbarung.files.limits",
    "write_atomic": "vereinbarung.files.writing",
    "sender_from_data": "vereinbarung.files.sender",
    "sender_yaml": "vereinbarung.files.sender",
    "Sender": "vereinbarung.model.sender",
    "Signatory": "vereinbarung.model.sender",
    "convert_to_pdf": "vereinbarung.documents.pdf",
    "find_office": "vereinbarung.documents.pdf",
    "CalendarEntry": "vereinbarung.exports.calendar",
    "calendar_entries": "vereinbarung.exports.calendar",
    "to_ical": "vereinbarung.exports.calendar",
    "DeadlineRow": "vereinbarung.exports.reports",
    "deadline_rows": "vereinbarung.exports.reports",
    "csv_cell": "vereinbarung.exports.spreadsheet",
    "csv_cell_text": "vereinbarung.exports.spreadsheet",
    "append_event": "vereinbarung.files.recording",
    "set_event_field": "vereinbarung.files.recording",
    "Finding": "vereinbarung.state.checks",
    "check_agreement": "vereinbarung.state.checks",
    "BUILTIN_TEMPLATES": "vereinbarung.documents.builtin",
    "RenderedDocument": "vereinbarung.documents.render",
    "LetterOptions": "vereinbarung.documents.views.letter",
    "render_agreement": "vereinbarung.documents.render",
    "render_overview": "vereinbarung.documents.render",
    "TemplateFinding": "vereinbarung.documents.check",
    "TemplateReport": "vereinbarung.documents.check",
    "check_template": "vereinbarung.documents.check",
    "DocumentTemplateError": "vereinbarung.documents.errors",
    "ImportReadError": "vereinbarung.importing.text",
    "Sheet": "vereinbarung.importing.table",
    "read_sheet": "vereinbarung.importing.table",
    "TABLE_COLUMNS": "vereinbarung.importing.table_rows",
    "TableImportError": "vereinbarung.importing.table_rows",
    "TableRow": "vereinbarung.importing.table_rows",
    "find_columns": "vereinbarung.importing.table_rows",
    "import_table": "vereinbarung.importing.table_rows",
    "row_yaml": "vereinbarung.importing.table_rows",
    "table_agreements": "vereinbarung.importing.table_rows",
    "ImportResult": "vereinbarung.importing.importer",
    "NotAnAgreementError": "vereinbarung.importing.importer",
    "Provenance": "vereinbarung.importing.importer",
    "import_agreement": "vereinbarung.importing.importer",
    "DocumentText": "vereinbarung.importing.fulltext",
    "document_text": "vereinbarung.importing.fulltext",
    "format_amount": "vereinbarung.model.german",
    "term_paragraphs": "vereinbarung.model.clause_wording",
    "CostBreakdown": "vereinbarung.state.umlage",
    "cost_shares": "vereinbarung.state.umlage",
}


def __getattr__(name: str) -> Any:
    """Import each part of the API when it is first used (keeps the command line fast)."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vereinbarung' has no attribute {name!r}")


from vereinbarung.version import __version__  # noqa: E402

__all__ = [
    "BUILTIN_TEMPLATES",
    "LANDS",
    "LOCAL_HOLIDAYS",
    "PLACEHOLDER_DAY",
    "STATUS_LABELS",
    "TABLE_COLUMNS",
    "Address",
    "Agreement",
    "AgreementFileError",
    "AgreementState",
    "BudgetExceeded",
    "CalendarEntry",
    "ChangeRule",
    "CostBreakdown",
    "CostKey",
    "Costs",
    "DateParseError",
    "Dated",
    "DeadlineRow",
    "DocumentTemplateError",
    "DocumentText",
    "Event",
    "EventEffect",
    "Finding",
    "ImportReadError",
    "ImportResult",
    "LetterOptions",
    "NotAnAgreementError",
    "NoticeForm",
    "NoticeTo",
    "OnPartyNotice",
    "Paragraph",
    "Party",
    "PartyKind",
    "Period",
    "PeriodParseError",
    "Profile",
    "Provenance",
    "Regime",
    "RenderedDocument",
    "Representative",
    "Section",
    "Sender",
    "Sheet",
    "Signatory",
    "Signature",
    "Span",
    "StateStatus",
    "TableImportError",
    "TableRow",
    "TemplateFinding",
    "TemplateReport",
    "Term",
    "TermRule",
    "VereinbarungError",
    "__version__",
    "agreement_from_data",
    "append_event",
    "calendar_entries",
    "check_agreement",
    "check_template",
    "convert_to_pdf",
    "cost_shares",
    "csv_cell",
    "csv_cell_text",
    "date_budget",
    "deadline_rows",
    "document_text",
    "event_effect",
    "find_agreement_files",
    "find_columns",
    "find_office",
    "format_amount",
    "format_date",
    "format_long_date",
    "import_agreement",
    "import_table",
    "load_agreement",
    "load_json_limited",
    "parse_date",
    "previous_sequences",
    "read_data",
    "read_limited",
    "read_sheet",
    "render_agreement",
    "render_overview",
    "row_yaml",
    "sender_from_data",
    "sender_yaml",
    "set_event_field",
    "state_on",
    "table_agreements",
    "term_paragraphs",
    "to_ical",
    "upcoming_states",
    "write_atomic",
]


def __dir__() -> list[str]:
    """The public API (also the names not imported yet), for ``dir()`` and completion."""
    return sorted({*globals(), *__all__})
