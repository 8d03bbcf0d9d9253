"""The register has no sender profiles yet: its Kündigung downloads are the marked »ENTWURF«
and the agreement page says so, instead of a letter with a placeholder signature or an error
page (issue 23); a mostly empty Steckbrief is refused with the German reason."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document

from vereinbarung.web.register import services
from vereinbarung.web.register.models import Agreement

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("users", "examples")
def test_the_kuendigung_download_is_the_marked_draft_and_the_page_says_so(client: Client) -> None:
    login(client, "leser")
    record = Agreement.objects.get(file_name="kinderschutz-rhein-kreis-neuss.yaml")
    page = client.get(f"/vereinbarung/{record.pk}/").content.decode()
    by = services.agreement_of(record).parties[0].name
    assert f"Kündigung durch {by} (alle Schreiben in einem Dokument) – ENTWURF" in page
    assert "Ohne Absender ist ein Kündigungsschreiben ein »ENTWURF«" in page
    assert "--absender" not in page  # no options of the command line for staff
    answer = client.get(
        f"/vereinbarung/{record.pk}/dokument/", {"vorlage": "kuendigung", "von": by}
    )
    assert answer.status_code == 200, answer.content.decode()[:2000]
    doc = Document(io.BytesIO(answer.content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "ENTWURF – nicht versenden"
    assert texts[1].startswith("Es fehlen: Absenderangaben; Aktenzeichen")
    assert "--absender" not in " ".join(texts)  # the document names no command-line option


@pytest.mark.usefixtures("users", "examples")
def test_a_mostly_empty_steckbrief_is_refused_with_the_reason(client: Client) -> None:
    login(client, "leser")
    record = Agreement.objects.get(file_name="interkommunaler-bauhof.yaml")
    answer = client.get(f"/vereinbarung/{record.pk}/dokument/", {"vorlage": "steckbrief"})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "Das Dokument lässt sich nicht erstellen: Der Steckbrief zu" in text
    assert "ist großenteils leer" in text
