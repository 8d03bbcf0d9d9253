"""The law: date rules of §§ 186–193 BGB, term chains, notice dates, working days.

No pydantic, no files, no clock: plain ``datetime.date`` arithmetic that the layers above
(model ← state ← adapters) build on. Sources: ``fristen.md`` of the project, §§ 187, 188, 190,
193 BGB, BGHZ 59, 265, BGH III ZR 172/04.
"""
