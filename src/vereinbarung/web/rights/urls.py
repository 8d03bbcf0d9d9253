"""Addresses of the approval pages (included by :mod:`vereinbarung.web.urls`)."""

from __future__ import annotations

from django.urls import path

from vereinbarung.web.rights import views

urlpatterns = [
    path("freigaben/", views.freigaben, name="freigaben"),
    path("vereinbarung/<int:pk>/freigabe/<int:act>/", views.freigabe, name="freigabe"),
    path("vereinbarung/<int:pk>/vertraulich/", views.vertraulich, name="vertraulich"),
    path("vereinbarung/<int:pk>/partner/", views.partner, name="partner"),
]
