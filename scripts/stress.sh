#!/usr/bin/env bash
# Runs the JS and browser tests RUNS times in a row (default 5) while a native build of the core loops in
# the background, to show the tests wait for states and not for a quiet machine. Build the site first
# (scripts/build.sh wasm-release). Each run's summary goes to build/stress/run-N.log.
#   usage: scripts/stress.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
runs="${1:-5}"
mkdir -p build/stress
cmake --preset native-release >/dev/null

# The load: rebuild the native core and its tests from scratch, over and over, on every core.
( while true; do cmake --build build/native-release --clean-first -- -j"$(nproc)" >/dev/null 2>&1 || true; done ) &
load=$!
trap 'kill "$load" 2>/dev/null; pkill -P "$load" 2>/dev/null || true' EXIT

failed=0
for run in $(seq 1 "$runs"); do
  start=$(date +%s)
  if node --test tests/js/ tests/browser/ >"build/stress/run-$run.log" 2>&1; then result=pass; else result=FAIL; failed=1; fi
  printf '[stress] run %s: %s in %ss, load average %s; %s\n' "$run" "$result" "$(($(date +%s) - start))" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(grep -E '^# (pass|fail) ' "build/stress/run-$run.log" | tr '\n' ' ')"
done
exit "$failed"
