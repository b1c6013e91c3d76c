#!/usr/bin/env bash
# Builds one or more CMake presets (see CMakePresets.json). Default: the site (wasm-release).
# usage: scripts/build.sh [preset...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Emscripten's JS optimizer needs Debian's acorn and friends.
export NODE_PATH=/usr/share/nodejs
for preset in "${@:-wasm-release}"; do
  printf '[build] %s\n' "$preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
done
