"""What the tests of the published forms (issue 22) share: a Markdown text imported as
``<Test>``, the names of its parties and the review items on its parties
(``test_import_forms``, ``test_import_treaty_forms``, ``test_import_municipal_forms``)."""

from __future__ import annotations

from vereinbarung.importing.importer import import_markdown
from vereinbarung.importing.result import ImportResult


def imported(text: str) -> ImportResult:
    """*text* imported as a Markdown file named ``<Test>``."""
    return import_markdown(text, source="<Test>")


def names(result: ImportResult) -> list[str]:
    """The names of the parties read."""
    return [p.name for p in result.agreement.parties]


def party_review(result: ImportResult) -> list[str]:
    """The messages of the review items on the parties."""
    return [p.message for p in result.review if p.field == "parties"]
