#!/usr/bin/env bash
# Sets up this machine, builds the app and serves it on http://127.0.0.1:8080/ (PORT=... to change).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
scripts/build.sh wasm-release
exec node scripts/serve.mjs build/site --port "${PORT:-8080}"
