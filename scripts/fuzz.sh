#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined) in build/fuzz and runs
# one of them for SECONDS seconds, starting from the seeds in tests/fuzz/corpus/TARGET.
#   scripts/fuzz.sh fuzz_assess 600            # extra arguments go to libFuzzer
# Targets: fuzz_load_knowledge_base, fuzz_build_knowledge_base, fuzz_assess, fuzz_next_questions.
# New corpus entries go to build/fuzz/corpus/TARGET (the checked-in seeds stay small); a crash, leak,
# timeout or out-of-memory input goes to build/fuzz/artifacts/TARGET/. Runs at the lowest priority.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
build=build/fuzz
seeds=tests/fuzz/corpus/$target
[ -d "$seeds" ] || { echo "no seed corpus $seeds" >&2; exit 2; }

CC=clang CXX=clang++ nice -n 19 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSORENESS_FUZZ=ON -DSORENESS_SANITIZE=ON -DSORENESS_BUILD_CLI=OFF >/dev/null
nice -n 19 cmake --build "$build" --target "$target"

mkdir -p "$build/corpus/$target" "$build/artifacts/$target"
dict=()
[ -f "tests/fuzz/$target.dict" ] && dict=("-dict=tests/fuzz/$target.dict")
exec nice -n 19 "$build/tests/fuzz/$target" "$build/corpus/$target" "$seeds" "${dict[@]}" \
  -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$build/artifacts/$target/" "$@"
