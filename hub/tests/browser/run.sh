#!/bin/sh
# Browser tests of the hub's admin page: a fresh hub on a free 127.0.0.1 port with a new
# data folder, driven by Debian's Chromium through playwright-core. Screenshots are kept in
# hub/tests/browser/artifacts/.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
hub="${QTSC_HUB_BIN:-}"
if [ -z "$hub" ]; then
  for candidate in "$root/build/bin/kiosk-hub" "$root/build-hub/bin/kiosk-hub"; do
    [ -x "$candidate" ] && hub="$candidate" && break
  done
fi
[ -n "$hub" ] && [ -x "$hub" ] || { echo "browser tests: kiosk-hub is not built" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "browser tests: /usr/bin/chromium is missing (scripts/setup.sh installs it)" >&2; exit 1; }

cd "$here"
if [ ! -d node_modules/playwright-core ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

data="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT INT TERM
printf '%s\n' "browser-test-password" | "$hub" adduser admin --role admin --data "$data" >/dev/null
"$hub" --data "$data" --listen "127.0.0.1:$port" >"$data/hub.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/map" && break
  sleep 0.1
done
mkdir -p artifacts
HUB_URL="http://127.0.0.1:$port" HUB_USER=admin HUB_PASSWORD=browser-test-password node admin.test.mjs
