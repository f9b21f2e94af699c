#!/usr/bin/env bash
# Installs everything SPSE needs to build, run and test, from Debian packages
# and (for the end-to-end tests) the npm registry.
#
# Idempotent: only missing Debian packages are installed, and `npm ci` runs
# only when tests/e2e/node_modules lacks playwright-core. On a machine that
# already has everything this is a fast no-op. Prints one line per action.
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libsoci-dev libsqlite3-dev libpq-dev libsodium-dev libhpdf-dev
  fonts-dejavu-core libkainjow-mustache-dev nlohmann-json3-dev libtoml11-dev
  libcli11-dev libspdlog-dev libfmt-dev libhowardhinnant-date-dev
  libcurl4-openssl-dev libssl-dev liboath-dev libqrencode-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql sqlite3 nginx wrk chromium poppler-utils curl python3-aiosmtpd
)

# Node.js may come from somewhere other than Debian (e.g. a newer upstream
# build); only ask Debian for it when node/npm are not on PATH at all.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  echo "install-deps: node $(node --version) and npm $(npm --version) found on PATH, skipping nodejs/npm packages"
else
  packages+=(nodejs npm)
fi

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
else
  as_root=(sudo)
fi

missing=()
for pkg in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} Debian packages already installed"
else
  echo "install-deps: missing Debian packages: ${missing[*]}"
  echo "install-deps: apt-get update"
  if ! "${as_root[@]}" apt-get update -qq; then
    echo "install-deps: ERROR: apt-get update failed" >&2
    exit 1
  fi
  echo "install-deps: apt-get install ${missing[*]}"
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y --no-install-recommends "${missing[@]}"; then
    echo "install-deps: ERROR: apt-get install failed" >&2
    exit 1
  fi
fi

e2e_dir="$repo_root/tests/e2e"
if [[ -f "$e2e_dir/package.json" ]]; then
  if [[ -d "$e2e_dir/node_modules/playwright-core" ]]; then
    echo "install-deps: tests/e2e/node_modules/playwright-core present, skipping npm"
  elif [[ -f "$e2e_dir/package-lock.json" ]]; then
    echo "install-deps: npm ci in tests/e2e"
    if ! (cd "$e2e_dir" && npm ci --no-audit --no-fund); then
      echo "install-deps: ERROR: npm ci failed" >&2
      exit 1
    fi
  else
    echo "install-deps: npm install in tests/e2e (no package-lock.json)"
    if ! (cd "$e2e_dir" && npm install --no-audit --no-fund); then
      echo "install-deps: ERROR: npm install failed" >&2
      exit 1
    fi
  fi
fi

echo "install-deps: done"
