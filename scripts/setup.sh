#!/bin/sh
# Installs every Debian 12 package the project needs to build, test and run.
# Idempotent: packages already present are left as they are.
set -eu

PACKAGES="
  build-essential cmake pkg-config git
  libsdl2-dev libsdl2-image-dev libimgui-dev libstb-dev
  libsqlitecpp-dev libsqlite3-dev sqlite3 libicu-dev
  libcurl4-openssl-dev libsodium-dev libssl-dev
  nlohmann-json3-dev libcpp-httplib-dev libtomlplusplus-dev libcli11-dev
  libspdlog-dev libfmt-dev libqrencode-dev libboost-graph-dev
  libvips-dev
  catch2 libbenchmark-dev
  clang libclang-rt-14-dev
  nginx wrk
  chromium nodejs npm
  fonts-noto-core
  libsystemd-dev cage xwayland
  xvfb xauth xdotool
  curl lintian dpkg-dev
"

missing=""
for p in $PACKAGES; do
  # A Node.js from elsewhere (NodeSource) brings its own npm and conflicts with Debian's.
  [ "$p" = npm ] && command -v npm >/dev/null 2>&1 && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: these packages are missing and installing them needs root:$missing" >&2
    exit 1
  fi
  echo "setup: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
else
  echo "setup: all packages present"
fi
