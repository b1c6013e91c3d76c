#!/usr/bin/env bash
# Sets up this machine, builds everything and runs every test: the C++ tests natively, under
# AddressSanitizer + UndefinedBehaviorSanitizer and as WebAssembly under Node, then the JavaScript
# tests under Node and the browser tests in Chromium, Firefox ESR and WebKit, and last a smoke run of the
# benchmark (scripts/benchmark.mjs --smoke) so that none of its stages can break unnoticed. Stops at the
# first failing stage.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
stage() { printf '\n== %s ==\n' "$*"; }

scripts/setup.sh

stage "static checks (clang-tidy on core/ and wasm-bindings/)"
scripts/lint.sh

stage "native tests"
scripts/build.sh native-debug
# The exhaustive verifier (label "verifier") runs once, optimised, below.
ctest --preset native-debug -LE verifier

stage "native tests under ASan + UBSan"
scripts/build.sh native-asan
ctest --preset native-asan -LE verifier

stage "exhaustive verifier of the triage rules (optimised build)"
scripts/build.sh native-release
ctest --test-dir build/native-release --output-on-failure -L verifier

stage "C++ tests as WebAssembly under Node"
scripts/build.sh wasm-test
ctest --preset wasm-test

stage "site build"
scripts/build.sh wasm-release

stage "type check: the checker's .d.ts files against their use (tests/types/, TypeScript 5 from package.json)"
npx --no-install tsc -p tests/types

stage "JavaScript tests (Node) and browser tests (Chromium)"
node --test tests/js/ tests/browser/

stage "benchmark smoke run (every stage once on a tiny scale, no budgets judged)"
node scripts/benchmark.mjs --smoke
