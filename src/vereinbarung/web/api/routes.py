"""The whole JSON API: the routes of :mod:`vereinbarung.web.api.views` with the routers of the
agreement's file (:mod:`~vereinbarung.web.api.attachments`, issue 25) and of the follow-ups
(:mod:`~vereinbarung.web.api.followups`) added – in one place, so that no module of the API
imports another that imports it back (django-ninja's routers:
https://django-ninja.dev/guides/routers/).
"""

from __future__ import annotations

from vereinbarung.web.api.attachments import router as attachments
from vereinbarung.web.api.followups import router as followups
from vereinbarung.web.api.views import api

__all__ = ["api"]

api.add_router("", attachments)
api.add_router("/followups", followups)
