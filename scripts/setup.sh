#!/usr/bin/env bash
# Install what soreness-check needs to build and test on Debian bookworm.
# Idempotent and quick when everything is already present.
#   - Debian packages (apt-get, only when one is missing)
#   - npm dev dependencies (among them esbuild and terser, which build the site) and the benchmark's Lighthouse (npm ci in . and tests/bench/lighthouse, only
#     when node_modules is missing or stale)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

APT_PACKAGES=(
  emscripten
  nlohmann-json3-dev
  doctest-dev
  cmake
  ninja-build
  chromium
  firefox-esr
  webkit2gtk-driver
  xvfb
  xauth
  clang
  clang-tidy
  libclang-rt-14-dev
)

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  SUDO=()
fi

# --- Debian packages -------------------------------------------------------
is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  log "Debian packages: all present"
else
  if [ "$(id -u)" -ne 0 ] && [ "${#SUDO[@]}" -eq 0 ]; then
    die "missing packages (${missing[*]}) and not root and no sudo available"
  fi
  log "Debian packages missing: ${missing[*]}"
  log "apt-get update"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  log "apt-get install ${missing[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null
  log "Debian packages: installed"
fi

# --- Node.js / npm -----------------------------------------------------------
command -v node >/dev/null 2>&1 || die "node not found (Node.js >= 20 required)"
command -v npm >/dev/null 2>&1 || die "npm not found (Node.js >= 20 with npm required)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  die "Node.js $(node --version) at $(command -v node) is too old; >= 20 required (Debian bookworm's own nodejs is 18)"
fi

# Never let any npm package fetch a browser build: we use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PUPPETEER_SKIP_DOWNLOAD=1

# npm writes node_modules/.package-lock.json on every install; use it as the stamp.
npm_ci() { # folder, what it holds
  local dir="$1" what="$2" stamp="$1/node_modules/.package-lock.json"
  if [ ! -d "$dir/node_modules" ] || [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
    log "npm ci in ${dir} (node $(node --version), npm $(npm --version))"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
    log "npm ${what}: installed"
  else
    log "npm ${what}: up to date"
  fi
}
npm_ci . "dependencies"
# Lighthouse 12 for scripts/benchmark.mjs (kept apart: it is large and only the benchmark uses it).
npm_ci tests/bench/lighthouse "benchmark tools (Lighthouse)"

log "done"
