"""``/barrierefreiheit/``: the Erklärung zur Barrierefreiheit and its feedback form, open to all.

A report is stored (:class:`Feedback`) and, when ``VEREINBARUNG_BARRIEREFREIHEIT_KONTAKT`` names
an address, mailed there; a mail server out of reach loses nothing (the report stays stored and
is marked not mailed). Anyone may write, so the form is bounded (lengths) and limited to
:data:`RATE` reports per client address (django-ratelimit, the register's counter cache).
"""

from __future__ import annotations

import datetime as dt
import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped]  # no types shipped

from vereinbarung.web.barrierefreiheit.models import CONTACT_MAX, MESSAGE_MAX, PAGE_MAX, Feedback

log = logging.getLogger(__name__)

#: Reports per client address; more are refused with 429 (a person reports a few barriers).
RATE = "10/h"
#: When this statement was made and last reviewed (method: axe-core in the browser tests of
#: every page type and state, and a manual check; see the page).
STATEMENT_MADE = dt.date(2026, 12, 7)
STATEMENT_REVIEWED = dt.date(2026, 12, 7)


class FeedbackForm(forms.Form):
    """The report: the barrier, where it was met, how to answer."""

    message = forms.CharField(
        label="Welche Barriere ist Ihnen aufgefallen?",
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Bitte beschreiben Sie die Barriere.",
            "max_length": f"Bitte höchstens {MESSAGE_MAX} Zeichen.",
        },
    )
    page = forms.CharField(
        label="Auf welcher Seite oder bei welcher Aufgabe? (freiwillig)",
        max_length=PAGE_MAX,
        required=False,
        error_messages={"max_length": f"Bitte höchstens {PAGE_MAX} Zeichen."},
    )
    contact = forms.CharField(
        label="E-Mail-Adresse oder Telefonnummer für die Antwort (freiwillig)",
        max_length=CONTACT_MAX,
        required=False,
        error_messages={"max_length": f"Bitte höchstens {CONTACT_MAX} Zeichen."},
    )


def _mail(feedback: Feedback, address: str) -> bool:
    """Send *feedback* to *address*; False when the mail server refuses or is out of reach."""
    body = (
        f"Rückmeldung zur Barrierefreiheit vom {feedback.created:%d.%m.%Y %H:%M}\n\n"
        f"{feedback.message}\n\nSeite/Aufgabe: {feedback.page or '–'}\n"
        f"Antwort an: {feedback.contact or '– (keine Angabe)'}\n"
    )
    try:
        send_mail("Rückmeldung zur Barrierefreiheit (Register der Vereinbarungen)", body,
                  None, [address])  # fmt: skip
    except OSError as exc:
        log.warning("Rückmeldung %s nicht per E-Mail gesendet: %s", feedback.pk, exc)
        return False
    return True


@require_http_methods(["GET", "HEAD", "POST"])
def erklaerung(request: HttpRequest) -> HttpResponse:
    """The statement; POST: store (and mail) a report, then show the statement again."""
    contact = settings.ACCESSIBILITY_CONTACT
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if is_ratelimited(request, group="barrierefreiheit", key="ip", rate=RATE,
                          method="POST", increment=True):  # fmt: skip
            form.add_error(None, "Zu viele Rückmeldungen von dieser Adresse; bitte später "
                                 "erneut senden oder per E-Mail schreiben.")  # fmt: skip
            status = 429
        elif form.is_valid():
            feedback = Feedback.objects.create(**form.cleaned_data)
            if contact:
                feedback.mailed = _mail(feedback, contact)
                feedback.save(update_fields=["mailed"])
            messages.success(request, "Danke! Ihre Rückmeldung ist eingegangen.")
            return redirect("barrierefreiheit")
        else:
            status = 400
    else:
        form = FeedbackForm()
    context = {
        "form": form,
        "contact": contact,
        "made": STATEMENT_MADE,
        "reviewed": STATEMENT_REVIEWED,
        "rate": RATE,
    }
    return render(request, "barrierefreiheit/erklaerung.html", context, status=status)
