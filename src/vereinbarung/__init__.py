"""vereinbarung: cooperation agreements between German municipalities.

Model an agreement, compute its terms, renewals and notice deadlines exactly as §§ 187–188 BGB
require, and explain every date::

    >>> import datetime as dt, vereinbarung
    >>> a = vereinbarung.load_agreement("examples/kinderschutz-rhein-kreis-neuss.yaml")  # doctest: +SKIP
    >>> s = a.status_on(dt.date(2026, 11, 21))                                          # doctest: +SKIP
    >>> s.terminates_on, s.notice_deadline                                              # doctest: +SKIP
    (datetime.date(2028, 12, 31), datetime.date(2028, 6, 30))
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from vereinbarung.errors import (
    AgreementFileError,
    DateParseError,
    PeriodParseError,
    VereinbarungError,
)
from vereinbarung.files.io import agreement_from_data, find_agreement_files, load_agreement
from vereinbarung.law.dates import format_date, format_long_date, parse_date
from vereinbarung.law.periods import Period
from vereinbarung.law.terms import DayStatus, NoticeTo, Span, Status, TermRule, status_on
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
from vereinbarung.model.clauses import Costs, Paragraph, Section, Term
from vereinbarung.model.costs import ChangeRule, CostKey
from vereinbarung.model.events import Event, NoticeForm, OnPartyNotice
from vereinbarung.state.lifecycle import LifecycleStatus, lifecycle_on

if TYPE_CHECKING:  # documents (jinja2, docxtpl) and the importer: imported on first use
    from vereinbarung.documents.check import TemplateFinding, TemplateReport, check_template
    from vereinbarung.documents.errors import DocumentTemplateError
    from vereinbarung.documents.render import (
        BUILTIN_TEMPLATES,
        RenderedDocument,
        render_agreement,
        render_overview,
    )
    from vereinbarung.importing.importer import (
        ImportResult,
        NotAnAgreementError,
        Provenance,
        import_agreement,
    )
    from vereinbarung.importing.text import ImportReadError
    from vereinbarung.model.german import format_amount
    from vereinbarung.state.umlage import CostBreakdown, cost_shares

_LAZY = {
    "BUILTIN_TEMPLATES": "vereinbarung.documents.render",
    "RenderedDocument": "vereinbarung.documents.render",
    "render_agreement": "vereinbarung.documents.render",
    "render_overview": "vereinbarung.documents.render",
    "TemplateFinding": "vereinbarung.documents.check",
    "TemplateReport": "vereinbarung.documents.check",
    "check_template": "vereinbarung.documents.check",
    "DocumentTemplateError": "vereinbarung.documents.errors",
    "ImportReadError": "vereinbarung.importing.text",
    "ImportResult": "vereinbarung.importing.importer",
    "NotAnAgreementError": "vereinbarung.importing.importer",
    "Provenance": "vereinbarung.importing.importer",
    "import_agreement": "vereinbarung.importing.importer",
    "format_amount": "vereinbarung.model.german",
    "CostBreakdown": "vereinbarung.state.umlage",
    "cost_shares": "vereinbarung.state.umlage",
}


def __getattr__(name: str) -> Any:
    """Import the document and import API when first used (keeps the command line fast)."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vereinbarung' has no attribute {name!r}")


from vereinbarung.version import __version__  # noqa: E402

__all__ = [
    "BUILTIN_TEMPLATES",
    "Address",
    "Agreement",
    "AgreementFileError",
    "ChangeRule",
    "CostBreakdown",
    "CostKey",
    "Costs",
    "DateParseError",
    "DayStatus",
    "DocumentTemplateError",
    "Event",
    "ImportReadError",
    "ImportResult",
    "LifecycleStatus",
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
    "Signature",
    "Span",
    "Status",
    "TemplateFinding",
    "TemplateReport",
    "Term",
    "TermRule",
    "VereinbarungError",
    "__version__",
    "agreement_from_data",
    "check_template",
    "cost_shares",
    "find_agreement_files",
    "format_amount",
    "format_date",
    "format_long_date",
    "import_agreement",
    "lifecycle_on",
    "load_agreement",
    "parse_date",
    "render_agreement",
    "render_overview",
    "status_on",
]
