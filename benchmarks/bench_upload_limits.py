"""The worst uploads: time and peak memory of ``vereinbarung import`` for hostile files.

Target (issue 20): every import runs in the child process of the template limiter, so no
upload may take longer than its time limit (60 s, plus start-up) or more memory than its
limit (1 GB beyond the process). Each file is imported by a new process
``python -m vereinbarung import FILE``, as the import page does it through the library; the
script reports the exit code, the wall time and the peak resident memory of that process and
every process it started (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a wrapper process). The
files, made in ``benchmarks/_data/upload/`` (not in git):

* ``zip-bomb.docx``: 1 MB, the zip directory claims 2 KB for ``word/document.xml``, which
  really inflates to 1 GB (the issue's file: 16 s and +2 GB before);
* ``text-19mb.txt``: a 19 MB text (121 s of CPU before);
* ``text-2mb.txt``: the largest text still read (2 MB);
* ``pdf-200-pages.pdf``: 200 pages of agreement text (the most pages read);
* ``pdf-19mb.pdf``: the seed agreement with 19 MB of incompressible data in an extra stream;
* ``pdf-bomb.pdf``: ten pages whose content streams inflate to 70 MB of spaces each (pypdf
  inflates at most 75 MB per stream; the importer lowers that to 16 MB);
* ``pdf-bomb-15mb.pdf``: 200 pages of 15 MB each, just under that bound.

With ``PYTHONPATH=<old checkout>/src`` the same files measure an older version.

    python benchmarks/bench_upload_limits.py
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_uploads import SEED_TEXT, good_pdf, long_text, lying_docx  # noqa: E402

DATA = Path(__file__).parent / "_data" / "upload"
MB = 1024**2
TIME_LIMIT = 60.0
#: the limit is 1 GB beyond the process; the process itself is about 100 MB
PEAK_LIMIT_MB = 1024 + 200

_WRAPPER = textwrap.dedent(
    """
    import resource, subprocess, sys, time
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "vereinbarung", "import", sys.argv[1],
                           "-o", sys.argv[2], "--force"], capture_output=True, text=True)
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(done.returncode, f"{seconds:.2f}", peak)
    print((done.stderr.strip().splitlines() or [""])[-1])
    """
)


def _pdf_bomb(path: Path, pages: int = 10, size: int = 70 * MB) -> Path:
    """A PDF whose *pages* content streams each inflate to *size* bytes (text, then spaces)."""
    content = b"BT /F1 12 Tf 72 720 Td (Kooperationsvereinbarung) Tj ET\n" + b" " * size
    packed = zlib.compress(content, 9)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(pages))
        + f"] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(
            f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode()
            + packed
            + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    path.write_bytes(bytes(out))
    return path


def _large_pdf(path: Path, size: int = 19 * MB) -> Path:
    """The seed agreement as PDF with *size* bytes of random data in a stream nobody refers
    to, added as an incremental update (ISO 32000-1, 7.5.6) so that the file stays valid."""
    import re

    good = good_pdf(path).read_bytes()
    root = re.findall(rb"/Root (\d+ \d+ R)", good)[-1]
    previous = int(re.findall(rb"startxref\s+(\d+)", good)[-1])
    noise = random.Random(20).randbytes(size)
    at = len(good)
    extra = b"999 0 obj\n<< /Length %d >>\nstream\n" % len(noise) + noise + b"\nendstream\nendobj\n"
    xref = at + len(extra)
    update = (
        b"xref\n999 1\n%010d 00000 n \ntrailer\n<< /Size 1000 /Root %s /Prev %d >>\n"
        b"startxref\n%d\n%%%%EOF\n" % (at, root, previous, xref)
    )
    path.write_bytes(good + extra + update)
    return path


def _pages_pdf(path: Path, pages: int = 200) -> Path:
    """About *pages* pages of agreement text."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    body = text[text.index("§ 1") :]
    return good_pdf(path, text + ("\n\n" + body) * (pages // 2 - 2))


def make_files() -> dict[str, Path]:
    """The hostile files, made once."""
    DATA.mkdir(parents=True, exist_ok=True)
    makers: dict[str, Callable[[Path], Path]] = {
        "zip-bomb.docx": lambda p: lying_docx(p, real=1024 * MB),
        "text-19mb.txt": lambda p: long_text(p, 19 * MB),
        "text-2mb.txt": lambda p: long_text(p, 2 * MB - 64 * 1024),
        "pdf-200-pages.pdf": _pages_pdf,
        "pdf-19mb.pdf": _large_pdf,
        "pdf-bomb.pdf": _pdf_bomb,
        "pdf-bomb-15mb.pdf": lambda p: _pdf_bomb(p, pages=200, size=15 * MB),
    }
    files = {}
    for name, make in makers.items():
        path = DATA / name
        if not path.exists():
            print(f"erzeuge {name} …", flush=True)
            make(path)
        files[name] = path
    return files


def measure(path: Path) -> tuple[int, float, int, str]:
    """Exit code, seconds, peak resident memory (MB) and last line of stderr of one import."""
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(path), str(DATA / "_out.yaml")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    first, _, message = done.stdout.partition("\n")
    code, seconds, peak = first.split()
    return int(code), float(seconds), int(peak), message.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.parse_args()
    files = make_files()
    ok = True
    print(f"{'Datei':<20} {'Größe':>9} {'Exit':>4} {'Zeit':>8} {'Spitze':>9}  Meldung")
    for name, path in files.items():
        code, seconds, peak, message = measure(path)
        size = path.stat().st_size / MB
        good = seconds <= TIME_LIMIT + 5 and peak <= PEAK_LIMIT_MB and code in (0, 2, 3)
        ok &= good
        shown = message if len(message) < 110 else message[:107] + "…"
        print(f"{name:<20} {size:>6.1f} MB {code:>4} {seconds:>6.2f} s {peak:>6} MB  {shown}")
    print("ERGEBNIS:", "erfüllt" if ok else "NICHT erfüllt")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
