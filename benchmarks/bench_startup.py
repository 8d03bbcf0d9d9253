"""Cold start of ``vereinbarung deadlines`` on one file, side by side with the bare imports.

Target (issue 9): the cold one-file ``deadlines`` takes at most 2× the bare import of its
dependencies (``python -c "import pydantic, click, ruamel.yaml"``), measured in the same run,
alternating the two commands so that both see the same load on the machine.

    python benchmarks/bench_startup.py [--runs 30] [--instructions]

For reference, the same run also times the floor of any program that validates with a pydantic
model: the bare imports plus one model of one field (``class M(BaseModel): x: int``). pydantic
loads its model machinery (``pydantic.main``, schema generation, ``pydantic-core`` validators)
only when the first model is built, so the bare ``import pydantic`` does not contain it.
``--instructions`` counts executed instructions with valgrind's callgrind instead of seconds:
the same figure on every run, whatever else the machine does (about 10 s per command).

Byte code is compiled first (as pip does when it installs the wheel) and may be written, so
the figures are those of an installed package, not of a first run from source.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
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


FLOOR = (
    "import click, ruamel.yaml\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int\n"
)


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions executed by *command* (valgrind's callgrind; the count, not the time)."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True,
    )  # fmt: skip
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))  # type: ignore[union-attr]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--instructions", action="store_true", help="count with callgrind")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    floor_env = {**env, "PYDANTIC_DISABLE_PLUGINS": "__all__"}  # as the command line sets it
    compileall.compile_dir(str(SRC), quiet=1)
    tool = [sys.executable, "-m", "vereinbarung", "deadlines", str(SEED), "--on", "21.11.2026"]
    bare = [sys.executable, "-c", "import pydantic, click, ruamel.yaml"]
    floor = [sys.executable, "-c", FLOOR]
    for command in (tool, bare, floor):  # warm the file cache and write missing byte code
        timed(command, env)
    if args.instructions:
        o, b, f = (
            float(instructions(tool, env)),
            float(instructions(bare, env)),
            float(instructions(floor, floor_env)),
        )
        unit = "Instruktionen"
        print(f"deadlines (1 Datei): {o:,.0f} {unit}")
        print(f"import pydantic, click, ruamel.yaml: {b:,.0f} {unit}")
        print(f"dieselben Importe und ein Modell mit einem Feld: {f:,.0f} {unit}")
    else:
        ours, base, least = [], [], []
        for _ in range(args.runs):
            ours.append(timed(tool, env))
            base.append(timed(bare, env))
            least.append(timed(floor, floor_env))
        o, b = statistics.median(ours), statistics.median(base)
        f = statistics.median(least)
        print(f"deadlines (1 Datei), Median aus {args.runs}: {o:.3f} s")
        print(f"import pydantic, click, ruamel.yaml, Median: {b:.3f} s")
        print(f"dieselben Importe und ein pydantic-Modell mit einem Feld, Median: {f:.3f} s")
    ratio = o / b
    print(f"Untergrenze mit pydantic-Modell: {f / b:.2f} × die bloßen Importe")
    print(f"Verhältnis: {ratio:.2f} (Ziel ≤ 2,0)")
    ok = ratio <= 2.0
    print("ERGEBNIS: erfüllt" if ok else "ERGEBNIS: NICHT erfüllt")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
