"""Hostile input: bad agreement files, each run through ``deadlines`` and ``status``.

Writes a corpus of bad files (nesting, aliases, huge numbers and dates, broken syntax, files
that are no files, and every field of the seed with values that do not fit, from
``tests/hostile_corpus.py``) into a folder and runs the command-line tool on each with a time limit,
measuring time and peak memory of the child. Every answer must be exit 0 or 2 without a
traceback; the folder run must still answer the good file among them.

    .venv/bin/python benchmarks/hostile.py [--keep ORDNER]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.hostile_corpus import generated  # noqa: E402  (shared with the in-process test)

SEED = (ROOT / "examples" / "kinderschutz-rhein-kreis-neuss.yaml").read_text(encoding="utf-8")
PYTHON = sys.executable
TIMEOUT = 30


def _term(block: str) -> str:
    start = SEED.index("term:\n")
    end = SEED.index("\n# § 6")
    return SEED[:start] + block + SEED[end:]


def corpus() -> dict[str, bytes]:
    """File name → content of every bad input."""
    files: dict[str, str | bytes] = {
        "gut.yaml": SEED,
        "leer.yaml": "",
        "nur-leerzeichen.yaml": "   \n\n",
        "liste.yaml": "- a\n- b\n",
        "zahl.json": "42",
        "binär.yaml": bytes(range(256)) * 4,
        "latin1.yaml": SEED.encode("latin-1", "replace"),
        "tab.yaml": "title:\n\tx: 1\n",
        "doppelt.yaml": "title: a\ntitle: b\n",
        "offenes-anführungszeichen.yaml": 'title: "abc\n',
        "unbekannter-anker.yaml": "title: *nix\n",
        "tag.yaml": "title: !!python/object:os.system ls\n",
        "zwei-dokumente.yaml": "a: 1\n---\nb: 2\n",
        "json-kaputt.json": '{"title": }',
        "json-komma.json": '{"title": "a",}',
        "json-tief.json": "[" * 50_000 + "]" * 50_000,
        "json-tief-objekt.json": '{"a":' * 5_000 + "1" + "}" * 5_000,
        "json-zahl.json": '{"title": ' + "9" * 5_000 + "}",
        "json-gleitkomma.json": '{"title": 1' + "0" * 5_000 + ".5}",
        "yaml-tief-block.yaml": "".join(" " * i + "k:\n" for i in range(3_000))
        + " " * 3_000
        + "v\n",
        "yaml-tief-fluss.yaml": "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "yaml-tief-striche.yaml": "- " * 20_000 + "x\n",
        "yaml-zahl.yaml": "title: " + "9" * 5_000 + "\n",
        "yaml-hex.yaml": "title: 0x" + "f" * 5_000 + "\n",
        "lachen.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
            for i in range(12)
        ),
        "selbstbezug.yaml": "a: &a [*a]\n",
        "zirkel.yaml": "a: &a\n  b: *a\n",
        "merge.yaml": "base: &b {x: 1}\nother:\n  <<: *b\n",
        "term-9999.yaml": _term(
            "term:\n  effective: 9998-01-01\n  ends: 9999-12-31\n  renewal: 2 Jahre\n  notice: 6 Monate\n  notice_to: term_end\n"
        ),
        "term-9999-dauer.yaml": _term(
            "term:\n  effective: 9999-01-01\n  duration: 5 Jahre\n  notice: 6 Monate\n  notice_to: term_end\n"
        ),
        "term-9999-unbefristet.yaml": _term(
            "term:\n  effective: 9999-12-01\n  notice: 6 Monate\n  notice_to: year_end\n"
        ),
        "term-frist-riesig.yaml": _term(
            "term:\n  effective: 2023-02-01\n  notice: 999999 Jahre\n  notice_to: year_end\n"
        ),
        "term-frist-iso.yaml": _term(
            "term:\n  effective: 2023-02-01\n  notice: P99999999D\n  notice_to: year_end\n"
        ),
        "term-jahr-0.yaml": _term(
            "term:\n  effective: 0000-01-01\n  notice: 6 Monate\n  notice_to: year_end\n"
        ),
        "term-jahr-1.yaml": _term(
            "term:\n  effective: 0001-01-01\n  ends: 0001-06-30\n  notice: 6 Monate\n  notice_to: term_end\n"
        ),
        "term-jahr-5stellig.yaml": _term(
            "term:\n  effective: 12023-02-01\n  notice: 6 Monate\n  notice_to: year_end\n"
        ),
        "term-31-02.yaml": _term(
            "term:\n  effective: 2023-02-31\n  notice: 6 Monate\n  notice_to: year_end\n"
        ),
        "term-ende-vor-beginn.yaml": _term(
            "term:\n  effective: 2023-02-01\n  ends: 2020-01-01\n  notice: 6 Monate\n  notice_to: term_end\n"
        ),
        "term-null.yaml": _term(
            "term:\n  effective: 2023-02-01\n  notice: 0 Monate\n  notice_to: year_end\n"
        ),
        "term-negativ.yaml": _term(
            "term:\n  effective: 2023-02-01\n  notice: -6 Monate\n  notice_to: year_end\n"
        ),
        "term-liste.yaml": _term("term: [1, 2]\n"),
        "betrag-riesig.yaml": SEED.replace(
            "  section: 6\n", "  section: 6\n  key: equal\n  amount: 1" + "0" * 26 + "\n"
        ),
        "betrag-text.yaml": SEED.replace(
            "  section: 6\n", "  section: 6\n  key: equal\n  amount: '1e400'\n"
        ),
        "betrag-nan.yaml": SEED.replace(
            "  section: 6\n", "  section: 6\n  key: equal\n  amount: .nan\n"
        ),
        "betrag-inf.yaml": SEED.replace(
            "  section: 6\n", "  section: 6\n  key: equal\n  amount: .inf\n"
        ),
        "paragraph-riesig.yaml": SEED.replace("  clause: § 5\n", "  clause: § " + "9" * 25 + "\n"),
        "titel-lang.yaml": SEED.replace("title: Kooperationsvereinbarung", "title: " + "K" * 2000),
        "steuerzeichen.yaml": SEED.replace(
            "title: Kooperationsvereinbarung", 'title: "a\\x00b\\x07"'
        ),
        "bom.yaml": "\ufeff" + SEED,
        "ereignis-zukunft.yaml": SEED
        + "events:\n  - type: signed\n    party: Stadt Neuss\n    date: 9999-12-31\n",
        "ereignis-unbekannt.yaml": SEED + "events:\n  - type: explodiert\n",
        "ereignisse-viele.yaml": SEED
        + "events:\n"
        + "  - type: amendment\n    date: 2024-01-01\n    effective: 2024-01-01\n    text: x\n"
        * 3000,
    }
    encoded = {name: (v.encode("utf-8") if isinstance(v, str) else v) for name, v in files.items()}
    return {**encoded, **generated()}  # and every field of the seed with values that don't fit


def _limit_memory() -> None:
    gib = 4 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (gib, gib))


def run(args: list[str]) -> dict[str, object]:
    """Run the tool; exit code, seconds, peak memory (MB) and whether a traceback appeared."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [PYTHON, "-m", "vereinbarung", *args], capture_output=True, text=True,
            timeout=TIMEOUT, preexec_fn=_limit_memory, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"code": "timeout", "seconds": TIMEOUT, "traceback": False, "err": ""}
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "code": done.returncode,
        "seconds": round(seconds, 2),
        "peak_mb": round(max(peak, before) / 1024),  # ru_maxrss: the largest child so far
        "traceback": "Traceback" in done.stderr + done.stdout,
        "err": done.stderr.strip().splitlines()[-1:] if done.stderr else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="Korpus in diesen Ordner schreiben und behalten")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in corpus().items():
        (folder / name).write_bytes(content)
    fifo = folder / "pipe.yaml"
    if not fifo.exists():
        os.mkfifo(fifo)
    bad = 0
    for path in sorted(folder.iterdir()):
        for command in ("deadlines", "status"):
            result = run([command, str(path), "--on", "2026-11-21"])
            ok = result["code"] in (0, 2) and not result["traceback"]
            bad += not ok
            print(json.dumps({"file": path.name, "command": command, **result}, ensure_ascii=False))
    whole = run(["deadlines", str(folder), "--on", "2026-11-21", "--format", "json"])
    print(json.dumps({"file": "(Ordner)", "command": "deadlines", **whole}, ensure_ascii=False))
    print(f"{bad} Antworten mit Traceback, Zeitüberschreitung oder anderem Rückgabewert als 0/2")
    return 1 if bad or whole["traceback"] else 0


if __name__ == "__main__":
    sys.exit(main())
