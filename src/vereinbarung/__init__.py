"""vereinbarung: cooperation agreements between German municipalities.

Model an agreement, compute its terms, renewals and notice deadlines exactly as §§ 187–188 BGB
require, and explain every date::

    >>> import datetime as dt, vereinbarung
    >>> a = vereinbarung.load_agreement("examples/kinderschutz-rhein-kreis-neuss.yaml")  # doctest: +SKIP
    >>> s = a.status_on(dt.date(2026, 11, 21))                                          # doctest: +SKIP
    >>> s.terminates_on, s.notice_deadline                                              # doctest: +SKIP
    (datetime.date(2028, 12, 31), datetime.date(2028, 6, 30))
"""

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
from vereinbarung.umlage import CostBreakdown, cost_shares

__version__ = "0.1.0"

__all__ = [
    "Address",
    "Agreement",
    "AgreementFileError",
    "ChangeRule",
    "CostBreakdown",
    "CostKey",
    "Costs",
    "DateParseError",
    "DayStatus",
    "Event",
    "LifecycleStatus",
    "NoticeForm",
    "NoticeTo",
    "OnPartyNotice",
    "Paragraph",
    "Party",
    "PartyKind",
    "Period",
    "PeriodParseError",
    "Profile",
    "Regime",
    "Representative",
    "Section",
    "Signature",
    "Span",
    "Status",
    "Term",
    "TermRule",
    "VereinbarungError",
    "__version__",
    "agreement_from_data",
    "cost_shares",
    "find_agreement_files",
    "format_date",
    "format_long_date",
    "lifecycle_on",
    "load_agreement",
    "parse_date",
    "status_on",
]
