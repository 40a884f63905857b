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

# One fresh hub per run: run_with TZ TEST [ENV=VALUE...] starts the hub and the browser
# in the time zone TZ, so that the page's park time is checked against the system's.
pid=""
data=""
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; [ -n "$data" ] && rm -rf "$data"' EXIT INT TERM
run_with() {
  zone="$1"; test="$2"; shift 2
  data="$(mktemp -d)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  printf '%s\n' "browser-test-password" | TZ="$zone" "$hub" adduser admin --role admin --data "$data" >/dev/null
  TZ="$zone" "$hub" --data "$data" --listen "127.0.0.1:$port" >"$data/hub.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/map" && break
    sleep 0.1
  done
  status=0
  env TZ="$zone" HUB_URL="http://127.0.0.1:$port" HUB_USER=admin HUB_PASSWORD=browser-test-password "$@" node "$test" || status=$?
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
  rm -rf "$data"
  data=""
  return "$status"
}

mkdir -p artifacts
failed=0
run_with UTC admin.test.mjs || failed=1
run_with UTC paths.test.mjs || failed=1
run_with UTC fleet.test.mjs || failed=1
run_with UTC publish.test.mjs || failed=1
run_with America/New_York i18n.test.mjs BROWSER_LOCALE=vi-VN || failed=1
run_with Asia/Ho_Chi_Minh i18n.test.mjs BROWSER_LOCALE=en-US || failed=1
exit "$failed"
