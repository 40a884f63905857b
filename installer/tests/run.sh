#!/bin/sh
# Installer checks, run as root by scripts/test.sh after the unit tests:
#  1. both Debian packages build, hold what they should (and nothing outside /usr, /etc,
#     /lib) and pass lintian without errors;
#  2. the hub package installs, and its service's command, run as the service user, answers;
#  3. the kiosk package installs, and the kiosk renders frames under cage (headless wlroots
#     backend, pixman renderer) as an unprivileged user.
# Artifacts (package listings, lintian report, the kiosk's frame) go to build/installer-test/.
set -eu
cd "$(dirname "$0")/../.."
out=build/installer-test
rm -rf "$out" && mkdir -p "$out"
fail() { echo "installer test FAILED: $*" >&2; exit 1; }
step() { echo "== installer: $*"; }

step "building the packages"
(cd build && cpack -G DEB >"../$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; fail "cpack"; }
kiosk_deb=$(ls build/qtsc-kiosk_*_amd64.deb)
hub_deb=$(ls build/qtsc-kiosk-hub_*_amd64.deb)

step "checking package contents"
expect() {  # expect DEB PATH...
  deb=$1; shift
  dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$out/$(basename "$deb").contents"
  for path in "$@"; do
    grep -qx "$path" "$out/$(basename "$deb").contents" || fail "$(basename "$deb") lacks $path"
  done
  stray=$(grep -vE '^/(usr|etc|lib)(/|$)|^/$' "$out/$(basename "$deb").contents" || true)
  [ -z "$stray" ] || fail "$(basename "$deb") installs outside /usr, /etc and /lib: $stray"
}
expect "$kiosk_deb" /usr/bin/qtsc-kiosk /usr/bin/qtsc-kiosk-sync /usr/share/qtsc-kiosk/park.db \
  /lib/systemd/system/qtsc-kiosk.service /etc/qtsc-kiosk/kiosk.toml /usr/share/doc/qtsc-kiosk/copyright
expect "$hub_deb" /usr/bin/kiosk-hub /usr/bin/kiosk-content /usr/bin/kiosk-publish /lib/systemd/system/qtsc-kiosk-hub.service \
  /etc/qtsc-kiosk-hub/hub.env /usr/share/doc/qtsc-kiosk-hub/copyright \
  /usr/share/doc/qtsc-kiosk-hub/examples/nginx-qtsc-kiosk-hub.conf
dpkg-deb -f "$kiosk_deb" Depends | grep -q cage || fail "qtsc-kiosk does not depend on cage"
dpkg-deb -f "$kiosk_deb" Depends | grep -q fonts-noto-core || fail "qtsc-kiosk does not depend on fonts-noto-core"
dpkg-deb --ctrl-tarfile "$kiosk_deb" | tar -t | grep -q conffiles || fail "qtsc-kiosk marks no conffiles"

step "lintian"
lintian --allow-root "$kiosk_deb" "$hub_deb" >"$out/lintian.txt" 2>&1 || true
cat "$out/lintian.txt"
if grep -q '^E:' "$out/lintian.txt"; then fail "lintian reports errors"; fi

step "installing the hub package"
apt-get install -y -q "./$hub_deb" >"$out/apt-hub.log" 2>&1 || { cat "$out/apt-hub.log"; fail "hub install"; }
getent passwd qtsc-kiosk-hub >/dev/null || fail "the hub's system user was not created"
[ "$(stat -c %U /var/lib/qtsc-kiosk-hub)" = qtsc-kiosk-hub ] || fail "/var/lib/qtsc-kiosk-hub is not the hub user's"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /lib/systemd/system/qtsc-kiosk-hub.service >"$out/verify-hub.txt" 2>&1 || true
fi
# Pairing a kiosk as the README says: the key is printed once.
kiosk_key=$(runuser -u qtsc-kiosk-hub -- /usr/bin/kiosk-hub pair-kiosk museum-1 --data /var/lib/qtsc-kiosk-hub) \
  || fail "kiosk-hub pair-kiosk failed"
echo "$kiosk_key" | grep -Eq '^qk_[0-9a-f]{64}$' || fail "kiosk-hub pair-kiosk printed no key: $kiosk_key"

# The service's own command line (from the installed unit and settings), as its user. Where
# systemd runs, the service itself is started and checked instead.
port=$(shuf -i 20000-60000 -n 1)
if [ -d /run/systemd/system ]; then
  sed -i "s|^HUB_LISTEN=.*|HUB_LISTEN=127.0.0.1:$port|" /etc/qtsc-kiosk-hub/hub.env
  systemctl restart qtsc-kiosk-hub.service
else
  runuser -u qtsc-kiosk-hub -- /usr/bin/kiosk-hub --data /var/lib/qtsc-kiosk-hub --listen "127.0.0.1:$port" \
    >"$out/hub.log" 2>&1 &
  hub_pid=$!
  trap 'kill $hub_pid 2>/dev/null || true' EXIT
fi
answered=""
for _ in $(seq 1 50); do
  if curl -fsS "http://127.0.0.1:$port/" -o "$out/hub-index.html" 2>/dev/null; then answered=yes; break; fi
  sleep 0.2
done
[ -n "$answered" ] || { cat "$out/hub.log" 2>/dev/null || true; fail "the installed hub does not answer on 127.0.0.1:$port"; }
grep -q '<html' "$out/hub-index.html" || fail "the installed hub does not serve its admin page"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/content/tenants" \
  -H 'Content-Type: application/json' -d '{}')
[ "$status" = 401 ] || fail "the installed hub accepted a write without a login (HTTP $status)"
[ -s /var/lib/qtsc-kiosk-hub/signing.key ] || fail "the installed hub made no signing key"
# A fresh report id each run: the hub keeps the ids it has seen, also across reinstalls.
report="{\"id\":\"install-$(date +%s)-$$\",\"kioskId\":\"museum-1\",\"contentVersion\":0,\"result\":\"up-to-date\"}"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/reports" \
  -H 'Content-Type: application/json' -d "$report")
[ "$status" = 401 ] || fail "the installed hub took a kiosk report without its key (HTTP $status)"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/reports" \
  -H 'Content-Type: application/json' -H "Authorization: Bearer $kiosk_key" -d "$report")
[ "$status" = 201 ] || fail "the installed hub refused the paired kiosk's report (HTTP $status)"

step "installing the kiosk package"
apt-get install -y -q "./$kiosk_deb" >"$out/apt-kiosk.log" 2>&1 || { cat "$out/apt-kiosk.log"; fail "kiosk install"; }
getent passwd qtsc-kiosk >/dev/null || fail "the kiosk's system user was not created"

step "the kiosk under cage, as an unprivileged user"
runtime=$(mktemp -d /tmp/qtsc-cage-XXXXXX)
chown qtsc-kiosk:qtsc-kiosk "$runtime" && chmod 0700 "$runtime"
frame="$runtime/frame.png"
runuser -u qtsc-kiosk -- env XDG_RUNTIME_DIR="$runtime" WLR_BACKENDS=headless WLR_RENDERER=pixman \
  WLR_LIBINPUT_NO_DEVICES=1 SDL_VIDEODRIVER=wayland \
  timeout 120 cage -d -- /usr/bin/qtsc-kiosk --config /etc/qtsc-kiosk/kiosk.toml \
  --screenshot "$frame" --exit-after-frames 5 >"$out/cage.log" 2>&1 \
  || { cat "$out/cage.log"; fail "the kiosk did not run under cage"; }
[ -s "$frame" ] || { cat "$out/cage.log"; fail "the kiosk rendered no frame under cage"; }
cp "$frame" "$out/kiosk-under-cage.png"
rm -rf "$runtime"
echo "installer tests passed"
