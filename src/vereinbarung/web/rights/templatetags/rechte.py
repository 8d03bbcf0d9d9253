"""Template tags of the rights (issue 26) on the agreement's page.

* ``{% freigaben record %}``: the acts waiting for a Freigabe, next to the state (the state is
  computed without them: the one state function); what waits, who recorded it, a link.
* ``{% vertraulich record %}``: »vertraulich« where set, and for whoever may edit the agreement
  the button to set or clear it; in a register of several Kommunen the partner Kommunen
  (:mod:`vereinbarung.web.rights.partners`) and for editors the link to set them.
* ``{% demo_zugaenge %}``: on the login page of ``vereinbarung web --demo`` (``VEREINBARUNG_DEMO``
  is ``1``) the demo users, so that the demo can show a Freigabe (Vier-Augen).
"""

from __future__ import annotations

import os
from typing import Any

from django import template

from vereinbarung.web.rights.approval import open_acts
from vereinbarung.web.rights.checks import allowed

register = template.Library()


@register.inclusion_tag("rights/_offen.html")
def freigaben(record: Any) -> dict[str, Any]:
    """The open acts of *record*, oldest first."""
    return {"record": record, "acts": list(open_acts(record).order_by("created", "pk")[:20])}


@register.inclusion_tag("rights/_vertraulich.html", takes_context=True)
def vertraulich(context: Any, record: Any) -> dict[str, Any]:
    """»vertraulich« and, for an editor of *record*, the button to change it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    from vereinbarung.web.rights.models import Kommune, Partner

    many = Kommune.objects.exists()  # a register of several Kommunen: its partners
    return {
        "record": record,
        "may_change": allowed(user, "edit", record),
        "csrf_token": context.get("csrf_token"),
        "kommunen": many,
        "partners": list(
            Partner.objects.filter(agreement=record).select_related("kommune")[:50] if many else []
        ),
    }


@register.inclusion_tag("rights/_demo.html")
def demo_zugaenge() -> dict[str, Any]:
    """The users of the demo (:data:`vereinbarung.web.command.DEMO_USERS`), only in the demo."""
    if os.environ.get("VEREINBARUNG_DEMO") != "1":
        return {"users": []}
    from vereinbarung.web.command import DEMO_USERS

    return {"users": DEMO_USERS}
