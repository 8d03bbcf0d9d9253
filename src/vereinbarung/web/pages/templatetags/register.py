"""Template filters: German dates."""

from __future__ import annotations

import datetime as dt

from django import template

import vereinbarung

register = template.Library()


@register.filter
def datum(value: dt.date | None) -> str:
    """``30.06.2026``; empty for no date."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    return vereinbarung.format_date(value)


@register.filter
def get_item(mapping: dict[str, str], key: str) -> str:
    """``mapping[key]`` or ''."""
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.filter
def split(text: str) -> list[str]:
    """``"a b c"|split`` → ``["a", "b", "c"]``."""
    return text.split()


@register.filter
def row_error(errors: dict[str, str], index: int) -> dict[str, str]:
    """The errors of party row *index*, by column: ``{"name": …}``."""
    prefix = f"partei-{index}-"
    return {k.removeprefix(prefix): v for k, v in errors.items() if k.startswith(prefix)}


@register.filter
def row_error_p(errors: dict[str, str], index: int) -> str:
    """The error of section row *index*."""
    return errors.get(f"paragraph-{index}-ueberschrift", "")


@register.filter
def dictget(mapping: object, key: str) -> object:
    """``mapping[key]`` for dicts and query dicts, else ''."""
    getter = getattr(mapping, "get", None)
    return getter(key, "") if callable(getter) else ""


@register.filter
def zugang(mapping: object, index: int) -> object:
    """The value (or error) of the receipt field of party *index*."""
    return dictget(mapping, f"zugang-{index}")
