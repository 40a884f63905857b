#!/bin/sh
# Unchanged timestamp polls (If-None-Match -> 304) on loopback: kiosk-hub against Debian's
# nginx serving the same published folder. Usage: hub/bench/poll_bench.sh [HUB_BINARY]
set -eu
hub="${1:-$(dirname "$0")/../../build-hub/bin/kiosk-hub}"
work="$(mktemp -d)"
trap 'kill "$hubpid" 2>/dev/null || true; nginx -p "$work/nginx" -c nginx.conf -s stop 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
printf 'bench-password-123\n' | "$hub" adduser admin --role admin --data "$work/data" >/dev/null
"$hub" --data "$work/data" --listen 127.0.0.1:18931 >/dev/null 2>&1 &
hubpid=$!
sleep 1
curl -s -c "$work/cj" -H 'Content-Type: application/json' -d '{"name":"admin","password":"bench-password-123"}' \
  http://127.0.0.1:18931/api/v1/login > "$work/login.json"
csrf="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrfToken"])' "$work/login.json")"
curl -s -b "$work/cj" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d '{"note":"bench"}' \
  http://127.0.0.1:18931/api/v1/publish >/dev/null
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
user root;  # the data folder is private to its owner (0700)
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:18932; root $work/data/published; etag on; }
}
CONF
nginx -p "$work/nginx" -c nginx.conf
sleep 0.5
for name in hub:18931:/content/timestamp.json nginx:18932:/timestamp.json; do
  label="${name%%:*}"; rest="${name#*:}"; port="${rest%%:*}"; path="${rest#*:}"
  etag="$(curl -sI "http://127.0.0.1:$port$path" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')"
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "http://127.0.0.1:$port$path")"
  echo "== $label: GET $path with If-None-Match: $etag -> $code"
  wrk -t2 -c16 -d10s -H "If-None-Match: $etag" "http://127.0.0.1:$port$path"
done
