"""``{% freigaben record %}``: the acts of an agreement waiting for a Freigabe (issue 26).

Shown on the agreement's page next to its state: the state is computed without them (the one
state function), the box says what waits, who recorded it and links to the act's page.
"""

from __future__ import annotations

from typing import Any

from django import template

from vereinbarung.web.rights.approval import open_acts

register = template.Library()


@register.inclusion_tag("rights/_offen.html")
def freigaben(record: Any) -> dict[str, Any]:
    """The open acts of *record*, oldest first."""
    return {"record": record, "acts": list(open_acts(record).order_by("created", "pk")[:20])}
