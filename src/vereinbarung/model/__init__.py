"""The agreement as data: parties, clauses, events, costs and the file schema (pydantic v2).

Frozen models that reject unknown keys; they use the date rules of :mod:`vereinbarung.law`
and know nothing of files, documents or the state on a day.
"""
