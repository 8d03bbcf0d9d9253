"""Rendering the seed agreement as a Word document, against a plain docxtpl render.

Targets (issue 3): median at most 100 ms per document, and at most 1.3x a plain docxtpl render
of the same template and context, measured in the same run.

    python benchmarks/bench_render.py [--count 30] [--repeat 5]

"Ours" is :func:`vereinbarung.documents.render.render_agreement` end to end: the context (status on the
day, terms, the parties' grammar, sections, signatures, profile), the sandboxed strict Jinja
environment, docxtpl, the document properties and saving to bytes. "Plain" is
``DocxTemplate(path).render(context); save()`` with docxtpl's default environment and the same
context, built once outside the timing. Both run alternately, ``--count`` documents per run.
For information the script also times ours with the compiled-template cache cleared before
every document (the first document of a process), the other built-in templates, the
Umlageberechnung (``umlage``, the Adoptionsvermittlung example: eight paying parties) and the
agreement with its cost table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from docxtpl import DocxTemplate

from vereinbarung import load_agreement
from vereinbarung.documents.builtin import resolve_template
from vereinbarung.documents.context import agreement_context, as_template_dict
from vereinbarung.documents.filling import clear_template_cache
from vereinbarung.documents.render import render_agreement

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "kinderschutz-rhein-kreis-neuss.yaml"
ADOPTION = ROOT / "examples" / "adoptionsvermittlung-rhein-kreis-neuss.yaml"
ON = dt.date(2026, 11, 21)


def timed(function: Callable[[], object], count: int) -> float:
    """Median seconds per call over *count* calls."""
    times = []
    for _ in range(count):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    agreement = load_agreement(SEED)
    path, _ = resolve_template("kooperationsvereinbarung")
    context = as_template_dict(agreement_context(agreement, on=ON))

    def plain() -> None:
        template = DocxTemplate(str(path))
        template.render(context)
        template.save(io.BytesIO())

    def ours() -> None:
        render_agreement(agreement, on=ON)

    def ours_uncached() -> None:
        clear_template_cache()
        render_agreement(agreement, on=ON)

    plain()
    ours()  # imports and first compile outside the timing
    ours_runs: list[float] = []
    plain_runs: list[float] = []
    uncached_runs: list[float] = []
    for run in range(args.repeat):
        gc.collect()
        ours_runs.append(timed(ours, args.count))
        plain_runs.append(timed(plain, args.count))
        uncached_runs.append(timed(ours_uncached, max(3, args.count // 3)))
        print(
            f"Lauf {run + 1}: ours {ours_runs[-1] * 1000:.1f} ms, plain docxtpl "
            f"{plain_runs[-1] * 1000:.1f} ms, ours ohne Cache {uncached_runs[-1] * 1000:.1f} ms",
            flush=True,
        )
    median_ours = statistics.median(ours_runs)
    median_plain = statistics.median(plain_runs)
    median_uncached = statistics.median(uncached_runs)
    ratio = median_ours / median_plain
    print(f"Median pro Dokument: {median_ours * 1000:.1f} ms (Ziel ≤ 100 ms)")
    print(f"Plain docxtpl: {median_plain * 1000:.1f} ms; Verhältnis {ratio:.2f} (Ziel ≤ 1,3)")
    print(
        f"Zur Information: ohne Cache {median_uncached * 1000:.1f} ms "
        f"(Verhältnis {median_uncached / median_plain:.2f})"
    )
    for name, by in (("kuendigung", "Stadt Neuss"), ("steckbrief", None)):
        seconds = timed(
            lambda n=name, b=by: render_agreement(agreement, on=ON, template=n, by=b), 10
        )
        print(f"Zur Information: {name} {seconds * 1000:.1f} ms")
    costs = load_agreement(ADOPTION)
    for label, name, by in (
        ("umlage (Adoptionsvermittlung, Stadt Grevenbroich)", "umlage", "Stadt Grevenbroich"),
        ("kooperationsvereinbarung mit Umlagetabelle", "kooperationsvereinbarung", None),
    ):
        render_agreement(costs, on=ON, template=name, by=by)  # first compile outside the timing
        seconds = timed(
            lambda n=name, b=by: render_agreement(costs, on=ON, template=n, by=b), args.count
        )
        print(f"Zur Information: {label} {seconds * 1000:.1f} ms")
    seconds = timed(lambda: agreement_context(costs, on=ON, by="Stadt Grevenbroich",
                                              letter="umlage"), args.count)  # fmt: skip
    print(f"Zur Information: davon Kontext der Umlageberechnung {seconds * 1000:.1f} ms")
    ok = median_ours <= 0.100 and ratio <= 1.3
    print("ERGEBNIS:", "erfüllt" if ok else "NICHT erfüllt")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
