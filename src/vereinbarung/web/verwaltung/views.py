"""``/benutzer/``: the user administration pages for *Verwalten* (:mod:`.service` acts).

- ``/benutzer/``: all accounts with role, origin (local, LDAP, OpenID Connect), second factor
  and state; the login lockouts with »entsperren«;
- ``/benutzer/neu/``: a new local account (the password checked like ``createuser``);
- ``/benutzer/<nr>/``: one account: role in all Fachbereiche and roles in single Fachbereiche
  (memberships, :mod:`vereinbarung.web.rights`), enable/disable, its API keys and calendar address
  (revoke), its second factor (remove, for a lost phone).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from vereinbarung.web.accounts.roles import ROLES, VERWALTEN, role_required
from vereinbarung.web.api.models import ApiToken
from vereinbarung.web.directory import totp
from vereinbarung.web.directory.models import SOURCES, DirectoryAccount
from vereinbarung.web.feeds.models import Feed
from vereinbarung.web.rights.models import Fachbereich, Membership
from vereinbarung.web.verwaltung import service

#: Accounts listed on one page at most (a register has tens, a Kreis a few hundred).
PAGE = 500
#: The fields of the form »Neuer Benutzer« and their labels (named in the list of errors).
FIELDS = {"username": "Benutzername", "first_name": "Vorname", "last_name": "Nachname",
          "email": "E-Mail-Adresse", "role": "Rolle", "fachbereich": "Fachbereich",
          "password": "Erstes Passwort"}  # fmt: skip


def _fachbereiche() -> list[Fachbereich]:
    return list(Fachbereich.objects.select_related("kommune")[:1000])


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 18


@role_required(VERWALTEN)
def benutzer(request: HttpRequest) -> HttpResponse:
    """The list of accounts and of the login lockouts (POST ``entsperren``)."""
    user: Any = request.user
    if request.method == "POST" and request.POST.get("aktion") == "entsperren":
        name = request.POST.get("username", "")
        if service.unlock(user, name):
            messages.success(request, f"Anmeldesperre von »{name[:150]}« aufgehoben.")
        return HttpResponseRedirect(reverse("benutzer"))
    people = list(
        get_user_model()
        .objects.order_by("username")
        .prefetch_related("groups", "memberships__fachbereich__kommune")[:PAGE]
    )
    sources = dict(DirectoryAccount.objects.values_list("user_id", "source"))
    with_totp = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    rows = [
        {"user": p, "roles": service.roles_of(p),
         "source": SOURCES.get(sources.get(p.pk, ""), "lokal"), "totp": p.pk in with_totp}
        for p in people
    ]  # fmt: skip
    context = {"rows": rows, "lockouts": service.lockouts(), "more": len(people) == PAGE}
    return render(request, "verwaltung/benutzer.html", context)


@role_required(VERWALTEN)
def neu(request: HttpRequest) -> HttpResponse:
    """A new local account."""
    values = {key: request.POST.get(key, "")[:300] for key in FIELDS}
    errors: dict[str, str] = {}
    if request.method == "POST":
        created, errors = service.create_local_user(request.user, values)
        if created is not None:
            messages.success(request, f"Benutzer »{created.username}« angelegt.")
            return HttpResponseRedirect(reverse("benutzer_person", args=[created.pk]))
    values.pop("password")
    listed = [(key, FIELDS[key], message) for key, message in errors.items()]
    context = {"values": values, "errors": errors, "listed": listed, "roles": ROLES,
               "fachbereiche": _fachbereiche()}  # fmt: skip
    return render(request, "verwaltung/neu.html", context, status=400 if errors else 200)


def _act(request: HttpRequest, person: Any) -> str:
    """Carry out the posted action on *person*; returns an error text or ''."""
    by: Any = request.user
    action = request.POST.get("aktion", "")
    done = ""
    if action == "rolle":
        error = service.set_role(by, person, request.POST.get("rolle", ""))
        done = "Rolle gespeichert."
    elif action == "fachbereich_geben":
        post = request.POST
        error = service.add_membership(
            by, person, post.get("fachbereich", ""), post.get("rolle", "")
        )
        done = "Rolle gegeben."
    elif action == "fachbereich_nehmen":
        error = service.remove_membership(by, person, request.POST.get("pk", ""))
        done = "Rolle genommen."
    elif action in ("deaktivieren", "aktivieren"):
        error = service.set_active(by, person, action == "aktivieren")
        done = "Konto deaktiviert." if action == "deaktivieren" else "Konto aktiviert."
    elif action == "schluessel_widerrufen":
        pk = request.POST.get("pk", "")
        found = _is_number(pk) and service.revoke_token(by, person, int(pk))
        error = "" if found else "Diesen API-Schlüssel gibt es nicht (mehr)."
        done = "API-Schlüssel widerrufen."
    elif action == "kalender_widerrufen":
        error = "" if service.revoke_feed(by, person) else "Keine aktive Kalenderadresse."
        done = "Kalenderadresse widerrufen."
    elif action == "totp_entfernen":
        removed = totp.remove(person, by.get_username())
        error = "" if removed else "Kein zweiter Faktor eingerichtet."
        done = "Zweiter Faktor entfernt; bei der nächsten Anmeldung wird er neu eingerichtet."
    else:
        error = "Unbekannte Aktion."
    if not error:
        messages.success(request, done)
    return error


@role_required(VERWALTEN)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """One account and what can be done to it."""
    found = get_user_model().objects.filter(pk=pk).first()
    if found is None:
        raise Http404("Diesen Benutzer gibt es nicht.")
    error = ""
    if request.method == "POST":
        error = _act(request, found)
        if not error:
            return HttpResponseRedirect(reverse("benutzer_person", args=[found.pk]))
        found.refresh_from_db()
    account = DirectoryAccount.objects.filter(user=found).first()
    context = {
        "person": found,
        "error": error,
        "role": service.assigned_role(found),
        "roles": ROLES,
        "memberships": Membership.objects.filter(user=found).select_related("fachbereich__kommune"),
        "fachbereiche": _fachbereiche(),
        "source": SOURCES.get(account.source, "") if account else "",
        "account": account,
        "tokens": ApiToken.objects.filter(user=found, revoked__isnull=True),
        "feed": Feed.objects.filter(user=found, revoked__isnull=True).first(),
        "totp": totp.confirmed_device(found),
        "self": found.pk == request.user.pk,
    }
    return render(request, "verwaltung/person.html", context, status=400 if error else 200)
