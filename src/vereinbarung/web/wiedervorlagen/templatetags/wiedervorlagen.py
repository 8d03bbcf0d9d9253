"""``{% meine_wiedervorlagen %}``: the »Meine Wiedervorlagen« box of the start page.

The follow-ups due today or earlier that the logged-in person handles (as owner, or as deputy
during an absence or after escalation: :func:`vereinbarung.web.wiedervorlagen.service.due_on`)
and the next ones ahead. Django's inclusion tags:
https://docs.djangoproject.com/en/5.2/howto/custom-template-tags/#inclusion-tags
"""

from __future__ import annotations

from typing import Any

from django import template

from vereinbarung.web import clock
from vereinbarung.web.wiedervorlagen import service
from vereinbarung.web.wiedervorlagen.models import Absence

register = template.Library()

#: Upcoming follow-ups shown in the box besides the due ones.
AHEAD = 5


@register.inclusion_tag("wiedervorlagen/_box.html", takes_context=True)
def meine_wiedervorlagen(context: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"shown": False}
    due, ahead = service.box_of(user, clock.today(), AHEAD)
    return {"shown": True, "due": due, "ahead": ahead}


@register.inclusion_tag("wiedervorlagen/_abwesenheit.html", takes_context=True)
def meine_abwesenheit(context: Any) -> dict[str, Any]:
    """The absence field of »Mein Konto«: the person's coming absences and a form (it posts to
    the Wiedervorlagen page, which checks it and shows any error at its field)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"shown": False}
    coming = Absence.objects.filter(user=user, last__gte=clock.today())
    return {"shown": True, "absences": list(coming), "csrf_token": context.get("csrf_token")}
