"""Page images of every built-in document, for looking at the layout without Word.

    python tools/make_page_images.py        # writes docs/pages/<vorlage>-<seite>.png

Each built-in template is rendered for one example as on 21.11.2026 (:data:`SAMPLES`),
converted to PDF/A-2b with LibreOffice and each page drawn as a small PNG
(``pdftoppm -r 40``, poppler). The images of a template are replaced as a whole; the total stays
under :data:`MAX_TOTAL` bytes. Needs LibreOffice (``soffice``) and poppler (``pdftoppm``).
The PDF tests (``tests/test_pdf.py``) convert the same samples.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "pages"
EXAMPLES = ROOT / "examples"
ON = dt.date(2026, 11, 21)
#: The images of all templates together stay below this (bytes).
MAX_TOTAL = 3 * 1024 * 1024

sys.path.insert(0, str(ROOT / "src"))

from vereinbarung.documents.pdf import convert_to_pdf  # noqa: E402
from vereinbarung.documents.render import RenderedDocument, render_agreement, render_overview  # noqa: E402
from vereinbarung.documents.views.common import load_sender  # noqa: E402
from vereinbarung.files.io import load_agreement  # noqa: E402

ADOPTION = EXAMPLES / "adoptionsvermittlung-rhein-kreis-neuss.yaml"
SEED = EXAMPLES / "kinderschutz-rhein-kreis-neuss.yaml"
SENDER = EXAMPLES / "rommerskirchen.absender"
PAYEE = EXAMPLES / "rhein-kreis-neuss.absender"
SCHOOL = EXAMPLES / "schulsozialarbeit-schuljahr.yaml"


@dataclass(frozen=True)
class Sample:
    """A built-in template with the example it is shown for."""

    template: str
    source: Path
    by: str | None = None
    sender: Path | None = None
    name: str | None = None
    """The image names (default: the template's)."""
    draft: bool = False

    @property
    def stem(self) -> str:
        """What the images of the sample are called: ``<stem>-<seite>.png``."""
        return self.name or self.template


#: One document per built-in template: the adoption example has nine parties, an Umlage and
#: a Kündigung to eight recipients; the seed has a full Steckbrief.
SAMPLES = (
    Sample("kooperationsvereinbarung", ADOPTION),
    Sample("kuendigung", ADOPTION, by="Gemeinde Rommerskirchen", sender=SENDER),
    Sample("kuendigungsvermerk", ADOPTION, by="Gemeinde Rommerskirchen", sender=SENDER),
    Sample("umlage", ADOPTION, by="Stadt Grevenbroich", sender=PAYEE),
    Sample("steckbrief", SEED),
    Sample("fristenuebersicht", EXAMPLES),
)
#: Further documents (issue 23): the Lesefassung of an amended Absatz (§ 3 Abs. 2 of the
#: Schulsozialarbeit example), a Kündigung without sender profile (only as marked ENTWURF).
VARIANTS = (
    Sample("kooperationsvereinbarung", SCHOOL, name="lesefassung"),
    Sample("kuendigung", SCHOOL, by="Gemeinde Vorst", name="entwurf-kuendigung", draft=True),
)


def render_sample(sample: Sample) -> RenderedDocument:
    """The .docx of *sample*, as on :data:`ON`."""
    if sample.source.is_dir():
        return render_overview([sample.source], on=ON, template=sample.template)
    return render_agreement(
        load_agreement(sample.source),
        on=ON,
        template=sample.template,
        by=sample.by,
        sender_profile=load_sender(sample.sender) if sample.sender else None,
        draft=sample.draft,
    )


def page_images(pdf: bytes, stem: str, out: Path) -> list[Path]:
    """Draw every page of *pdf* as ``out/<stem>-<n>.png`` at 40 dpi; old images of *stem* go."""
    program = shutil.which("pdftoppm")
    if program is None:
        raise SystemExit("pdftoppm fehlt (Debian: apt-get install poppler-utils).")
    for old in out.glob(f"{stem}-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "dokument.pdf"
        source.write_bytes(pdf)
        subprocess.run([program, "-r", "40", "-png", str(source), str(out / stem)], check=True)
    return sorted(out.glob(f"{stem}-*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=PAGES, help="Zielordner")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for sample in (*SAMPLES, *VARIANTS):
        pdf = convert_to_pdf(render_sample(sample).content)
        images = page_images(pdf, sample.stem, args.out)
        size = sum(p.stat().st_size for p in images)
        total += size
        print(f"{sample.stem}: {len(images)} Seite(n), {size // 1024} KB")
    print(f"zusammen {total // 1024} KB in {args.out}")
    if total > MAX_TOTAL:
        print(f"Zu groß: höchstens {MAX_TOTAL // 1024} KB.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
