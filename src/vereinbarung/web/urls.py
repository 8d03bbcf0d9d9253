"""Addresses of the register (German, readable)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from vereinbarung.web.absender import views as absender
from vereinbarung.web.akte import views as akte
from vereinbarung.web.api.routes import api
from vereinbarung.web.barrierefreiheit import views as barrierefreiheit
from vereinbarung.web.directory import views as directory
from vereinbarung.web.feeds.views import kalender
from vereinbarung.web.konto.views import konto
from vereinbarung.web.operation.views import health
from vereinbarung.web.pages import edit, events, letters, list_import, review, upload, views
from vereinbarung.web.verwaltung import views as verwaltung
from vereinbarung.web.wiedervorlagen.views import wiedervorlagen

urlpatterns = [
    path(
        "anmelden/",
        auth_views.LoginView.as_view(
            template_name="pages/anmelden.html",
            extra_context={
                "sso_name": getattr(settings, "VEREINBARUNG_OIDC_NAME", ""),
                "ldap_on": bool(getattr(settings, "LDAP_AUTH_URL", "")),
            },
        ),
        name="anmelden",
    ),
    path("abmelden/", auth_views.LogoutView.as_view(), name="abmelden"),
    path("anmelden/zweiter-faktor/", directory.code, name="zweiter_faktor"),
    path("konto/zweiter-faktor/", directory.einrichten, name="zweiter_faktor_einrichten"),
    path("benutzer/", verwaltung.benutzer, name="benutzer"),
    path("benutzer/neu/", verwaltung.neu, name="benutzer_neu"),
    path("benutzer/<int:pk>/", verwaltung.person, name="benutzer_person"),
    path("", views.fristen, name="fristen"),
    path("fristen.csv", views.fristen_csv, name="fristen_csv"),
    path("fristenuebersicht.docx", views.fristenuebersicht, name="fristenuebersicht"),
    path("fristenrechner", views.fristenrechner, name="fristenrechner"),
    path("vereinbarung/neu/", edit.neu, name="neu"),
    path("vereinbarung/neu/yaml/", edit.neu_yaml, name="neu_yaml"),
    path("vereinbarung/<int:pk>/", views.vereinbarung_detail, name="vereinbarung"),
    path("vereinbarung/<int:pk>/dokument/", views.dokument, name="dokument"),
    path("vereinbarung/<int:pk>/schreiben/", letters.schreiben, name="schreiben"),
    path("vereinbarung/<int:pk>/bearbeiten/", edit.bearbeiten, name="bearbeiten"),
    path("vereinbarung/<int:pk>/yaml/", edit.bearbeiten_yaml, name="bearbeiten_yaml"),
    path("vereinbarung/<int:pk>/ereignis/", events.ereignis, name="ereignis"),
    path("vereinbarung/<int:pk>/archivieren/", edit.archivieren, name="archivieren"),
    path("vereinbarung/<int:pk>/pruefen/", review.pruefen, name="pruefen"),
    path("vereinbarung/<int:pk>/version/<int:number>/", views.version_diff, name="version"),
    path("importieren/", upload.importieren, name="importieren"),
    path("importieren/liste/", list_import.liste, name="liste_importieren"),
    path("absender/", absender.liste, name="absender"),
    path("absender/neu/", absender.neu, name="absender_neu"),
    path("absender/hochladen/", absender.hochladen, name="absender_hochladen"),
    path("absender/<int:pk>/", absender.bearbeiten, name="absender_bearbeiten"),
    path("absender/<int:pk>/loeschen/", absender.loeschen, name="absender_loeschen"),
    path("absender/<int:pk>/absender.yaml", absender.herunterladen, name="absender_datei"),
    path("vereinbarung/<int:pk>/anlage/neu/", akte.anlage_neu, name="anlage_neu"),
    path("vereinbarung/<int:pk>/anlage/<int:number>/", akte.anlage, name="anlage"),
    path(
        "vereinbarung/<int:pk>/anlage/<int:number>/loeschen/",
        akte.anlage_loeschen,
        name="anlage_loeschen",
    ),
    path("vereinbarung/<int:pk>/vermerk/", akte.vermerk, name="vermerk"),
    path("suche/", akte.suche, name="suche"),
    path("", include("vereinbarung.web.rights.urls")),  # Freigaben (issue 26)
    path("api/", api.urls),
    path("kalender/<str:token>.ics", kalender, name="kalender"),
    path("konto/", konto, name="konto"),
    path("wiedervorlagen/", wiedervorlagen, name="wiedervorlagen"),
    path("barrierefreiheit/", barrierefreiheit.erklaerung, name="barrierefreiheit"),
    path("health", health, name="health"),
]

if getattr(settings, "OIDC_RP_CLIENT_ID", ""):  # OpenID Connect switched on (directory.config)
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler400 = "vereinbarung.web.pages.views.error_400"
handler403 = "vereinbarung.web.pages.views.error_403"
handler404 = "vereinbarung.web.pages.views.error_404"
handler500 = "vereinbarung.web.operation.errors.server_error"  # 503 in an outage
