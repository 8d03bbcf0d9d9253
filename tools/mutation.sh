#!/usr/bin/env bash
# Mutation testing of the date rules (src/vereinbarung/law/, issue 11) with mutmut 3.
# A script to run by hand, not in CI. Results and the surviving mutants: QUALITY.md.
#
#   tools/mutation.sh                      # periods termination notice rule dates
#   tools/mutation.sh periods notice       # only these modules of law/
#   tools/mutation.sh --worktree periods   # the working tree as it is, not HEAD
#
# Nothing is written into the repository. The script
#   1. copies HEAD (git archive; with --worktree the tracked and untracked, not ignored, files
#      of the working tree) to $MUTATION_DIR/tree, fresh on every run;
#   2. makes a venv $MUTATION_DIR/venv once, with the project's test dependencies and mutmut
#      (not a dependency of the project), then uninstalls the project itself: the tests must
#      import the mutated copy in mutants/src, never an installed tree (with an editable install
#      mutmut reported "could not find any test case for any mutant");
#   3. adds, in the copy only, [tool.mutmut] to pyproject.toml and a tests/conftest.py with a
#      small deterministic Hypothesis profile (at most $MUTATION_MAX_EXAMPLES examples per
#      property test, derandomized, no database), so that a mutant costs seconds;
#   4. runs `nice -n 10 mutmut run` against the fast tests of the date rules and prints, per
#      module, mutants / killed / survived / score; the diff of every surviving mutant is
#      written to $MUTATION_DIR/survivors.txt.
#
# Environment: MUTATION_DIR (default /tmp/vereinbarung-mutation), MUTATION_MAX_EXAMPLES
# (default 40), MUTATION_JOBS (parallel mutants, default 2), PYTHON (default python3, >= 3.11).
# Time on the project's 2-core machine: about 3 minutes for periods.py, 6-10 for all five.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${MUTATION_DIR:-/tmp/vereinbarung-mutation}
jobs=${MUTATION_JOBS:-2}
python=${PYTHON:-python3}
source=head
if [ "${1:-}" = "--worktree" ]; then
    source=worktree
    shift
fi
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(periods termination notice rule dates)
for module in "${modules[@]}"; do
    [ -f "$repo/src/vereinbarung/law/$module.py" ] || {
        echo "no module src/vereinbarung/law/$module.py" >&2
        exit 2
    }
done

tests=(
    tests/test_periods.py tests/test_terms.py tests/test_reference.py
    tests/test_notice_shapes.py tests/test_regressions.py tests/test_mutants_law.py
    tests/test_fixed_term.py
)

# 1. the scratch copy
tree=$dir/tree
rm -rf "$tree"
mkdir -p "$tree"
if [ "$source" = head ]; then
    git -C "$repo" archive HEAD | tar -x -C "$tree"
else
    (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
        xargs -0 cp --parents -t "$tree" 2>/dev/null || true)
fi

# 2. the venv, without the project installed
venv=$dir/venv
if [ ! -x "$venv/bin/mutmut" ]; then
    "$python" -m venv "$venv"
    "$venv/bin/pip" install -q "$tree[test]" "mutmut>=3.8.1,<4"
    "$venv/bin/pip" uninstall -y -q vereinbarung
fi

# 3. configuration of the copy
quote() { printf '"%s", ' "$@" | sed 's/, $//'; }
only=()
for module in "${modules[@]}"; do only+=("src/vereinbarung/law/$module.py"); done
cat >>"$tree/pyproject.toml" <<EOF

[tool.mutmut]
source_paths = ["src/vereinbarung/law/"]
only_mutate = [$(quote "${only[@]}")]
also_copy = ["src/vereinbarung/", "examples/", "templates/"]
pytest_add_cli_args_test_selection = [$(quote "${tests[@]}")]
pytest_add_cli_args = ["-p", "no:cacheprovider"]
EOF
cat >"$tree/tests/conftest.py" <<'EOF'
"""Scratch copy only (tools/mutation.sh): small, deterministic Hypothesis runs per mutant."""

import os

from hypothesis import HealthCheck, settings

_CAP = int(os.environ.get("MUTATION_MAX_EXAMPLES", "40"))
_init = settings.__init__


def _capped(self, parent=None, **kwargs):
    # explicit @settings(max_examples=...) of the tests are capped too
    if "max_examples" in kwargs:
        kwargs["max_examples"] = min(kwargs["max_examples"], _CAP)
    _init(self, parent, **kwargs)


settings.__init__ = _capped
settings.register_profile(
    "mutation",
    max_examples=_CAP,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile("mutation")
EOF

# 4. the run
cd "$tree"
"$venv/bin/mutmut" --version
echo "source: $source ($(git -C "$repo" rev-parse --short HEAD)), modules: ${modules[*]}," \
    "max_examples: ${MUTATION_MAX_EXAMPLES:-40}"
start=$(date +%s)
nice -n 10 "$venv/bin/mutmut" run --max-children "$jobs" >"$dir/run.log" 2>&1 || {
    tail -n 40 "$dir/run.log"
    exit 1
}
echo "mutmut run: $(($(date +%s) - start)) s (log: $dir/run.log)"

"$venv/bin/mutmut" results --all true >"$dir/results.txt" 2>/dev/null
: >"$dir/survivors.txt"
{ grep -v -E ': (killed|timeout|caught by type check)$' "$dir/results.txt" || :; } |
    while read -r line; do
        name=${line%%:*}
        echo "== $line"
        "$venv/bin/mutmut" show "$name" 2>/dev/null | grep -E "^[-+][^-+]" || :
    done >>"$dir/survivors.txt"
"$venv/bin/python" - "$dir/results.txt" <<'EOF'
import collections
import sys

# a timeout is a mutant the tests caught: it never finished (e.g. an endless search loop)
DETECTED = {"killed", "timeout", "caught by type check"}
counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
for line in open(sys.argv[1], encoding="utf-8"):
    name, _, status = line.strip().rpartition(": ")
    if name:
        counts[name.split(".")[2]][status] += 1
print(f"{'module':<14}{'mutants':>8}{'killed':>8}{'survived':>9}{'score':>8}   detail")
total = collections.Counter()
for module, c in sorted(counts.items()):
    n, k = sum(c.values()), sum(c[s] for s in DETECTED)
    total.update(c)
    detail = ", ".join(f"{s} {v}" for s, v in sorted(c.items()))
    print(f"{module:<14}{n:>8}{k:>8}{n - k:>9}{100 * k / n:>7.1f}%   {detail}")
n, k = sum(total.values()), sum(total[s] for s in DETECTED)
if n:
    print(f"{'all':<14}{n:>8}{k:>8}{n - k:>9}{100 * k / n:>7.1f}%")
EOF
echo "surviving mutants (diffs): $dir/survivors.txt"
