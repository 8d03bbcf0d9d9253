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

from vereinbarung.clauses import Costs, Paragraph, Section, Term
from vereinbarung.costs import ChangeRule, CostKey
from vereinbarung.dates import format_date, format_long_date, parse_date
from vereinbarung.errors import (
    AgreementFileError,
    DateParseError,
    PeriodParseError,
    VereinbarungError,
)
from vereinbarung.events import Event, NoticeForm, OnPartyNotice
from vereinbarung.files import agreement_from_data, find_agreement_files, load_agreement
from vereinbarung.lifecycle import LifecycleStatus, lifecycle_on
from vereinbarung.model import (
    Address,
    Agreement,
    Party,
    PartyKind,
    Profile,
    Regime,
    Representative,
    Signature,
)
from vereinbarung.periods import Period
from vereinbarung.terms import DayStatus, NoticeTo, Span, Status, TermRule, status_on

if TYPE_CHECKING:  # documents (jinja2, docxtpl) and the importer: imported on first use
    from vereinbarung.german import format_amount
    from vereinbarung.import_text import ImportReadError
    from vereinbarung.importer import (
        ImportResult,
        NotAnAgreementError,
        Provenance,
        import_agreement,
    )
    from vereinbarung.render import (
        BUILTIN_TEMPLATES,
        RenderedDocument,
        render_agreement,
        render_overview,
    )
    from vereinbarung.template_check import TemplateFinding, TemplateReport, check_template
    from vereinbarung.template_errors import DocumentTemplateError
    from vereinbarung.umlage import CostBreakdown, cost_shares

_LAZY = {
    "BUILTIN_TEMPLATES": "vereinbarung.render",
    "RenderedDocument": "vereinbarung.render",
    "render_agreement": "vereinbarung.render",
    "render_overview": "vereinbarung.render",
    "TemplateFinding": "vereinbarung.template_check",
    "TemplateReport": "vereinbarung.template_check",
    "check_template": "vereinbarung.template_check",
    "DocumentTemplateError": "vereinbarung.template_errors",
    "ImportReadError": "vereinbarung.import_text",
    "ImportResult": "vereinbarung.importer",
    "NotAnAgreementError": "vereinbarung.importer",
    "Provenance": "vereinbarung.importer",
    "import_agreement": "vereinbarung.importer",
    "format_amount": "vereinbarung.german",
    "CostBreakdown": "vereinbarung.umlage",
    "cost_shares": "vereinbarung.umlage",
}


def __getattr__(name: str) -> Any:
    """Import the document and import API when first used (keeps the command line fast)."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vereinbarung' has no attribute {name!r}")


__version__ = "0.1.0"

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
