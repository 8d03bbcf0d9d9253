"""Erklärung zur Barrierefreiheit and its feedback form (BITV 2.0 § 7, BITV NRW § 10).

The page ``/barrierefreiheit/`` states how far the register meets WCAG 2.1 AA (EN 301 549),
what is not accessible and why, how the statement was made, how to report a barrier (a form
stored in the database and, with ``VEREINBARUNG_BARRIEREFREIHEIT_KONTAKT`` set, mailed to that
address) and the Durchsetzungsverfahren (Ombudsstelle für barrierefreie Informationstechnik NRW;
for federal bodies the Schlichtungsstelle nach § 16 BGG). Sources: Richtlinie (EU) 2016/2102
Art. 7, Durchführungsbeschluss (EU) 2018/1523 (model statement), § 12b BGG, BITV 2.0 § 7,
§ 10 BITV NRW.
"""
