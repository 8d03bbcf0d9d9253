"""What every command of the command-line tool shares: the clock, the date option, settings.

The CLI is the only part of the project that reads the clock; everything below it is given
the day (and, for calendar stamps, the moment) as a value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

from vereinbarung.errors import VereinbarungError
from vereinbarung.law.dates import parse_date
from vereinbarung.law.workdays import LANDS

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "CONTEXT",
    "DATE",
    "EXIT_BAD_INPUT",
    "EXIT_WARNINGS",
    "OPTIONS_METAVAR",
    "DateType",
    "land_option",
    "now_utc",
    "on_option",
    "today_in_berlin",
]

EXIT_BAD_INPUT = 2
EXIT_WARNINGS = 1
CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
OPTIONS_METAVAR = "[OPTIONEN]"


def today_in_berlin() -> dt.date:
    """The current day in Europe/Berlin."""
    import pendulum

    now = pendulum.now("Europe/Berlin")
    return dt.date(now.year, now.month, now.day)


def now_utc() -> dt.datetime:
    """The current moment in UTC, to the second (for DTSTAMP of calendar files)."""
    import pendulum

    now = pendulum.now("UTC")
    return dt.datetime(
        now.year, now.month, now.day, now.hour, now.minute, now.second, tzinfo=dt.UTC
    )


class DateType(click.ParamType):  # type: ignore[type-arg]
    """A day written ``2026-11-21``, ``21.11.2026`` or ``21.11.2026``; ``heute`` for today."""

    name = "DATUM"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and value.strip().lower() in ("heute", "today"):
            return today_in_berlin()
        try:
            return parse_date(value)
        except VereinbarungError as exc:
            self.fail(exc.message, param, ctx)


DATE = DateType()


def on_option(help_text: str = "Stichtag (Standard: heute in Berlin).") -> Callable[[F], F]:
    """The ``--on DATUM`` option: the day asked about; None means today in Europe/Berlin."""
    return click.option("--on", "on", type=DATE, default=None, help=help_text)


def land_option(help_text: str) -> Callable[[F], F]:
    """The ``--land`` option: the Land whose public holidays count (ISO code, e.g. NW)."""
    return click.option("--land", type=click.Choice(sorted(LANDS)), default=None, help=help_text)
