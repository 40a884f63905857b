#!/bin/sh
# What "within 30 seconds" costs the hub: an idle fleet of 1,000 paired kiosks, each polling
# GET /api/v1/kiosks/<id>/commands every pollSeconds (15 s) with If-None-Match, answered 304.
# Prints the bytes of one unchanged poll and one full answer on the wire, the rate the fleet
# makes, and what the hub sustains on loopback (wrk, every request a different kiosk's key).
# Usage: bench/fleet_poll.sh [HUB_BINARY] [KIOSKS]
set -eu
hub="${1:-$(dirname "$0")/../build/bin/kiosk-hub}"
kiosks="${2:-1000}"
port=18941
work="$(mktemp -d)"
trap 'kill "$hubpid" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
printf 'bench-password-123\n' | "$hub" adduser admin --role admin --data "$work/data" >/dev/null
"$hub" --data "$work/data" --listen 127.0.0.1:$port >/dev/null 2>&1 &
hubpid=$!
sleep 1
python3 - "$port" "$kiosks" "$work" <<'PY'
import http.client, json, sys, time
port, n, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
c = http.client.HTTPConnection("127.0.0.1", port)
c.request("POST", "/api/v1/login", json.dumps({"name": "admin", "password": "bench-password-123"}), {"Content-Type": "application/json"})
r = c.getresponse(); body = json.loads(r.read())
cookie = r.getheader("Set-Cookie").split(";")[0]; csrf = body["csrfToken"]
staff = {"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json"}
# One announcement in force, as on a day with a notice: every answer carries it.
c.request("POST", "/api/v1/announcements", json.dumps({"text": {"vi": "Công viên đóng cửa lúc 15:00 hôm nay", "en": "The park closes at 15:00 today"}, "ends": int(time.time()) + 4 * 3600}), staff)
r = c.getresponse(); r.read(); assert r.status == 201, "the announcement was refused"
rows = []
for i in range(n):
    kid = "kiosk-%04d" % i
    c.request("POST", "/api/v1/kiosks", json.dumps({"id": kid}), staff)
    key = json.loads(c.getresponse().read())["key"]
    c.request("GET", "/api/v1/kiosks/%s/commands" % kid, headers={"Authorization": "Bearer " + key})
    r = c.getresponse(); r.read()
    rows.append((kid, key, r.getheader("ETag")))
with open(work + "/fleet.lua", "w") as f:
    f.write("kiosks = {\n" + "".join('{"%s","%s",%s},\n' % (k, key, json.dumps(e)) for k, key, e in rows) + "}\n")
    f.write("""i = 0
request = function()
  i = i % #kiosks + 1
  local k = kiosks[i]
  return wrk.format("GET", "/api/v1/kiosks/" .. k[1] .. "/commands", {["Authorization"] = "Bearer " .. k[2], ["If-None-Match"] = k[3]})
end
""")
with open(work + "/one", "w") as f:
    f.write("%s %s %s\n" % rows[0])
PY
read -r kid key etag < "$work/one"
url="http://127.0.0.1:$port/api/v1/kiosks/$kid/commands"
echo "== one kiosk's poll, bytes on the wire (request line+headers sent / headers+body received)"
curl -s -o /dev/null -H "Authorization: Bearer $key" -H "If-None-Match: $etag" \
  -w 'unchanged (%{http_code}): sent %{size_request}, received %{size_header}+%{size_download}\n' "$url"
curl -s -o /dev/null -H "Authorization: Bearer $key" \
  -w 'full answer (%{http_code}): sent %{size_request}, received %{size_header}+%{size_download}\n' "$url"
echo "== the idle fleet: $kiosks kiosks every 15 s = $(python3 -c "print(round($kiosks/15, 1))") requests/s"
echo "== what the hub sustains: wrk -t2 -c32 -d10s, each request another kiosk's key, answered 304"
wrk -t2 -c32 -d10s -s "$work/fleet.lua" "http://127.0.0.1:$port"
