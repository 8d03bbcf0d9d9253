"""The agreement register in the browser: ``vereinbarung web`` (Django, optional extra ``web``).

Apps by responsibility: :mod:`~vereinbarung.web.register` keeps the agreements (their file
text, versions, register fields) and calls the library; :mod:`~vereinbarung.web.pages` holds the
views, forms and templates; :mod:`~vereinbarung.web.accounts` the roles *Lesen*, *Bearbeiten*,
*Verwalten*. Only the public library API (``import vereinbarung``) is used. The web adapter is
the one place besides the command line that reads the clock (:func:`clock.today`).
"""
