#!/usr/bin/env bash
# Installs lrsnash (Debian's lrslib) and pygambit (PyPI, in a venv), builds brink in release
# mode, and times all three on the same random 10x10 games. Extra arguments go to compare.py,
# e.g. `bench/games/run.sh --games 20 --seed 100`. On this machine pip builds pygambit from
# source (no wheel matched), which takes about 15 minutes on 2 cores; set BRINK_BENCH_VENV to
# reuse a venv that already has it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${BRINK_BENCH_VENV:-$root/target/bench-venv}"

if ! command -v lrsnash >/dev/null; then
    apt-get update -qq && apt-get install -y -qq lrslib
fi
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import pygambit" 2>/dev/null || "$venv/bin/pip" install -q pygambit numpy

cargo build --release -p brink-cli
"$venv/bin/python" "$root/bench/games/compare.py" --brink "$root/target/release/brink" "$@"
