"""The command-line tool, timed as a person runs it.

Targets (issue 2): ``vereinbarung deadlines`` over a folder of 10,000 files in under 20 s, and
a cold ``vereinbarung deadlines`` on one file in under 0.5 s.

    python benchmarks/bench_cli.py [--files 10000] [--cold-runs 10]

The folder is written to ``benchmarks/_data/`` (ignored by git): one file in ten is the full
seed agreement, the others varied generated agreements with seven sections.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from varied import agreement_data

HERE = Path(__file__).parent
SEED = HERE.parent / "examples" / "kinderschutz-rhein-kreis-neuss.yaml"
TOOL = [sys.executable, "-m", "vereinbarung"]


def make_folder(folder: Path, count: int) -> None:
    from ruamel.yaml import YAML

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    yaml = YAML()
    rng = random.Random(10_000)
    for i in range(count):
        sub = folder / f"amt-{i % 20:02d}"
        sub.mkdir(exist_ok=True)
        if i % 10 == 0:
            shutil.copy(SEED, sub / f"vereinbarung-{i:05d}.yaml")
        elif i % 10 == 1:
            (sub / f"vereinbarung-{i:05d}.json").write_text(
                json.dumps(agreement_data(rng, i), ensure_ascii=False), encoding="utf-8"
            )
        else:
            with (sub / f"vereinbarung-{i:05d}.yaml").open("w", encoding="utf-8") as handle:
                yaml.dump(agreement_data(rng, i), handle)


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"Fehler ({result.returncode}): {result.stderr[:2000]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--cold-runs", type=int, default=10)
    args = parser.parse_args()

    cold = [
        timed([*TOOL, "deadlines", str(SEED), "--on", "2026-11-21"]) for _ in range(args.cold_runs)
    ]
    cold_median = statistics.median(cold)
    print(f"Kalter Start, eine Datei: Median {cold_median:.3f} s über {args.cold_runs} Läufe "
          f"(min {min(cold):.3f}, max {max(cold):.3f}; Ziel < 0,5 s)")  # fmt: skip

    folder = HERE / "_data" / "folder"
    make_folder(folder, args.files)
    table = timed([*TOOL, "deadlines", str(folder), "--on", "2026-11-21"])
    as_json = timed([*TOOL, "deadlines", str(folder), "--on", "2026-11-21", "--format", "json"])
    print(
        f"Ordner mit {args.files} Dateien: Tabelle {table:.2f} s, JSON {as_json:.2f} s (Ziel < 20 s)"
    )
    ok = cold_median < 0.5 and max(table, as_json) < 20
    print("ERGEBNIS:", "erfüllt" if ok else "NICHT erfüllt")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
