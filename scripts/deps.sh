#!/bin/sh
# Install the Debian packages dyad needs to build and test, only those missing.
# Run as root (CI, fresh machine). As another user it prints the exact command and fails.
set -eu
PKGS="build-essential pkg-config libxml2-dev libutf8proc-dev libjansson-dev zlib1g-dev \
libzstd-dev libxxhash-dev libsqlite3-dev libpq-dev libmicrohttpd-dev libcmocka-dev python3"
# Optional extras for the PostgreSQL and browser tests and benchmarks (installed when DYAD_FULL_DEPS=1
# or by .ci/run); the build never needs them.
if [ "${DYAD_FULL_DEPS:-0}" = 1 ]; then
  PKGS="$PKGS postgresql wrk sqlite3 chromium libgumbo-dev"
  # The dashboard's browser test drives Chromium with playwright-core (pinned in package-lock.json).
  root=$(cd "$(dirname "$0")/.." && pwd)
  if [ ! -f "$root/node_modules/playwright-core/package.json" ] && command -v npm >/dev/null 2>&1; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) ||
      echo "dyad: npm ci failed; the dashboard browser test will be skipped" >&2
  fi
fi
missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "dyad: missing Debian packages:$missing" >&2
  echo "dyad: run as root:  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
  exit 1
fi
echo "dyad: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || apt-get update
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
