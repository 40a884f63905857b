#!/bin/sh
# Sets up the machine, builds, and starts the kiosk on the bundled park content.
# Without a display it says so and renders every screen to PNG files instead.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh -DQTSC_BUILD_TESTS=OFF -DQTSC_BUILD_BENCH=OFF

if [ ! -x build/bin/kiosk ]; then
  echo "run: the kiosk program was not built; here is the bundled content instead:"
  exec build/bin/kiosk-content summary build/share/park.db
fi
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec build/bin/kiosk "$@"
fi
shots=build/shots
echo "run: no display here (neither DISPLAY nor WAYLAND_DISPLAY is set);"
echo "run: rendering every screen to $shots/ instead"
build/bin/kiosk --shots "$shots" "$@"
ls "$shots"
