"""Letters from the agreement page with a sender profile: Kündigung, Vermerk, Umlageberechnung.

``/vereinbarung/<pk>/schreiben/?vorlage=kuendigung&von=PARTEI`` offers the sender profiles of
the register (:mod:`vereinbarung.web.absender`) that may write for the party, the recipients
and the format; its form asks the document address with ``absender=<Nummer>``. With a profile
the library renders the letter as final, with the profile's Informationsblock (DIN 5008:
Aktenzeichen, Ansprechperson, Telefon, E-Mail) and its signatories (§ 64 Abs. 1 GO NRW); a
letter that would still lack something is refused with what is missing, never printed with
placeholder lines. Without a profile the letter stays the marked »ENTWURF« (as
``render --entwurf``; :func:`vereinbarung.render_agreement`, issue 23); so does a Kündigung
while a Kündigung of the agreement waits for its Freigabe (Vier-Augen, issue 26).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

import vereinbarung
from vereinbarung import convert_to_pdf, find_office
from vereinbarung.web import clock
from vereinbarung.web.absender.models import SenderProfile
from vereinbarung.web.accounts.roles import LESEN, role_required
from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement as Record
from vereinbarung.web.rights.approval import open_acts
from vereinbarung.web.rights.checks import record_or_404
from vereinbarung.web.rights.models import PendingAct

#: The letters a sender profile is chosen for, with their German names.
LETTERS = {
    "kuendigung": "Kündigung",
    "kuendigungsvermerk": "Vermerk zur Kündigung",
    "umlage": "Umlageberechnung",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def writer_of(agreement: vereinbarung.Agreement, template: str, by: str) -> str:
    """The party a letter is written for: the one giving notice, or for an Umlageberechnung
    the payee (else the lead party), who writes to the paying party *by*."""
    if template == "umlage":
        costs = agreement.costs
        return (costs.payee if costs is not None else None) or agreement.lead or ""
    return by


def profiles_for(party: str) -> list[SenderProfile]:
    """The profiles that may write for *party*: its own and those without a party."""
    return [p for p in SenderProfile.objects.all() if p.party in ("", party)]


def _problem(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    return render(request, "pages/problem.html", {"message": message}, status=status)


def _for_staff(message: str) -> str:
    """The library's message without its command-line hints (``--absender DATEI`` …)."""
    message = message.split(" Die Absenderangaben mit --absender", 1)[0]
    message = re.sub(r" ?\((?:Absenderangaben mit )?--absender[^)]*\)", "", message)
    message = message.replace("--absender: ", "").replace("--absender", "Absender")
    return message.replace(", oder mit --entwurf", "")


@role_required(LESEN)
@require_GET
def schreiben(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the sender profile, recipients and format of a letter, then download it."""
    record = record_or_404(request, pk)  # the one check of rights (issue 26)
    template = request.GET.get("vorlage", "")
    if template not in LETTERS:
        raise Http404("Dieses Schreiben gibt es nicht.")
    agreement = services.agreement_of(record)
    names = [party.name for party in agreement.parties]
    by = request.GET.get("von", "")
    if by not in names:
        return _problem(request, "Diese Partei gehört nicht zur Vereinbarung.")
    writer = writer_of(agreement, template, by)
    context: dict[str, Any] = {
        "record": record,
        "template": template,
        "letter": LETTERS[template],
        "by": by,
        "writer": writer,
        "recipients": [n for n in names if n != by] if template == "kuendigung" else [],
        "profiles": profiles_for(writer),
        "office": find_office() is not None,
        "today": clock.today(),
    }
    return render(request, "pages/schreiben.html", context)


def _notice_waiting(record: Record) -> bool:
    """Whether a Kündigung of *record* waits for a second person's Freigabe."""
    return open_acts(record).filter(kind=PendingAct.KUENDIGUNG).exists()


def download(
    request: HttpRequest, record: Record, template: str, by: str | None, to: str | None
) -> HttpResponse:
    """The letter *template* with the profile ``absender`` of the request (checked first)."""
    try:
        profile = SenderProfile.objects.get(pk=int(request.GET.get("absender", "")))
    except (ValueError, SenderProfile.DoesNotExist):
        return _problem(request, "Diesen Absender gibt es nicht (mehr); bitte neu wählen.")
    agreement = services.agreement_of(record)
    writer = writer_of(agreement, template, by or "")
    if profile.party and profile.party != writer:
        return _problem(
            request,
            f"Der Absender »{profile.name}« schreibt für »{profile.party}«, das Schreiben ist "
            f"aber von »{writer}«. Bitte einen Absender dieser Partei wählen.",
        )
    try:
        sender = profile.sender()
        document = vereinbarung.render_agreement(
            agreement, on=clock.today(), template=template, by=by, recipient=to,
            now=clock.now().astimezone(dt.UTC), sender_profile=sender,
            draft=template != "umlage" and _notice_waiting(record),
        )  # fmt: skip
        return document_download(request, record, template, (by, to), document.content)
    except vereinbarung.VereinbarungError as exc:
        return _problem(
            request,
            f"Das Schreiben mit dem Absender »{profile.name}« lässt sich nicht erstellen: "
            f"{_for_staff(exc.message)} Bitte den Absender ergänzen.",
        )


def document_download(
    request: HttpRequest,
    record: Record,
    template: str,
    parties: tuple[str | None, str | None],
    docx: bytes,
) -> HttpResponse:
    """*docx* as the download the request asks for: Word, or PDF (``format=pdf``, converted by
    LibreOffice; without it a German page saying so), named after the agreement, the template
    and the *parties* (writer, recipient). A failed conversion raises the library's
    VereinbarungError for the caller to word."""
    content, suffix, kind = docx, "docx", DOCX
    if request.GET.get("format") == "pdf":
        office = find_office()
        if office is None:
            return _problem(request, "PDF gibt es nur, wo LibreOffice installiert ist; "
                            "bitte die Word-Datei (.docx) herunterladen.")  # fmt: skip
        content, suffix, kind = convert_to_pdf(docx, office=office), "pdf", "application/pdf"
    stem = services._safe_name(record.short_name or record.title, set()).removesuffix(".yaml")
    extra = "".join(
        f"-{services._safe_name(name, set()).removesuffix('.yaml')}" for name in parties if name
    )
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{stem}-{template}{extra}.{suffix}"'
    return response
