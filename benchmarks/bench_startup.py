"""Cold start of ``vereinbarung deadlines`` on one file, side by side with the bare imports.

Target (issue 9): the cold one-file ``deadlines`` takes at most 2× the bare import of its
dependencies (``python -c "import pydantic, click, ruamel.yaml"``), measured in the same run,
alternating the two commands so that both see the same load on the machine.

    python benchmarks/bench_startup.py [--runs 30]

Byte code is compiled first (as pip does when it installs the wheel) and may be written, so
the figures are those of an installed package, not of a first run from source.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
SEED = HERE.parent / "examples" / "kinderschutz-rhein-kreis-neuss.yaml"
SRC = HERE.parent / "src"


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    compileall.compile_dir(str(SRC), quiet=1)
    tool = [sys.executable, "-m", "vereinbarung", "deadlines", str(SEED), "--on", "21.11.2026"]
    bare = [sys.executable, "-c", "import pydantic, click, ruamel.yaml"]
    for command in (tool, bare):  # warm the file cache and write missing byte code
        timed(command, env)
    ours, base = [], []
    for _ in range(args.runs):
        ours.append(timed(tool, env))
        base.append(timed(bare, env))
    o, b = statistics.median(ours), statistics.median(base)
    ratio = o / b
    print(f"deadlines (1 Datei), Median aus {args.runs}: {o:.3f} s")
    print(f"import pydantic, click, ruamel.yaml, Median: {b:.3f} s")
    print(f"Verhältnis: {ratio:.2f} (Ziel ≤ 2,0)")
    ok = ratio <= 2.0
    print("ERGEBNIS: erfüllt" if ok else "ERGEBNIS: NICHT erfüllt")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
