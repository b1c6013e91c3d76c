#!/usr/bin/env bash
# Static checks: clang-tidy with the repository's .clang-tidy over core/ and wasm-bindings/.
# Exits non-zero on any finding (WarningsAsErrors is '*').
#   build/lint       native clang build, for core/src and core/cli
#   build/lint-wasm  emcmake build, for wasm-bindings/ (it includes <emscripten/bind.h>); em++ adds
#                    the target and sysroot itself, so they are passed to clang-tidy from `em++ --cflags`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs

native=build/lint
wasm=build/lint-wasm
CC=clang CXX=clang++ cmake -S . -B "$native" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DSORENESS_BUILD_TESTS=OFF >/dev/null
emcmake cmake -S . -B "$wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DSORENESS_BUILD_TESTS=OFF >/dev/null

# Every C++ file of core/ and wasm-bindings/ that the builds compile.
mapfile -t core_files < <(python3 -c '
import json, sys
for entry in json.load(open(sys.argv[1])):
    if "/core/" in entry["file"]: print(entry["file"])' "$native/compile_commands.json" | sort -u)
mapfile -t wasm_files < <(python3 -c '
import json, sys
for entry in json.load(open(sys.argv[1])):
    if "/wasm-bindings/" in entry["file"]: print(entry["file"])' "$wasm/compile_commands.json" | sort -u)

# em++'s own flags minus the -mllvm code-generation options clang-tidy has no use for.
wasm_args=()
skip_next=0
for flag in $(em++ --cflags); do
  if [ "$skip_next" = 1 ]; then skip_next=0; continue; fi
  case "$flag" in
    -mllvm) skip_next=1 ;;
    -Werror=*) ;;
    *) wasm_args+=("--extra-arg-before=$flag") ;;
  esac
done

# clang-tidy exits 0 when it cannot read its configuration, so any diagnostic in its output counts.
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
nice -n 19 clang-tidy -p "$native" --quiet "${core_files[@]}" >"$log" 2>&1 || status=1
nice -n 19 clang-tidy -p "$wasm" --quiet "${wasm_args[@]}" "${wasm_files[@]}" >>"$log" 2>&1 || status=1
grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$' "$log" || true
grep -q -E '(error|warning):' "$log" && status=1
if [ "$status" -ne 0 ]; then
  echo "lint: clang-tidy found problems (see above)" >&2
else
  echo "lint: clean (${#core_files[@]} core files, ${#wasm_files[@]} wasm-bindings files)"
fi
exit "$status"
