#!/bin/sh
# Idle cost of the kiosk under Xvfb with SDL's software renderer, and its resident memory
# at 10,000 tenants:
#   1. Attract screen (its highlight rotation animating) for SECONDS: CPU % of one core;
#   2. a tap, then the static Home screen for SECONDS: CPU % of one core;
#   peak resident memory (VmHWM) over the whole run.
# Usage: [BUILD=build-dir] bench/kiosk_idle.sh [SECONDS]   (default 60, build; needs xvfb and xdotool)
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=${BUILD:-build}
work=$(mktemp -d)
trap 'kill $kiosk $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
"$build/bin/kiosk-content" build content/park "$work/park.db" --sample-tenants 10000 --sample-exhibits 6 >/dev/null

# Long enough an idle timeout that the static screen stays up for the whole measurement.
printf '[idle]\ntimeout = %s\n' "$((seconds * 3))" >"$work/kiosk.toml"

display=:$(( ($$ % 400) + 100 ))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY=$display SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software \
  "$build/bin/kiosk" --content "$work/park.db" --config "$work/kiosk.toml" --windowed 1920x1080 >"$work/kiosk.log" 2>&1 &
kiosk=$!
sleep 3

ticks() { awk '{print $14 + $15}' "/proc/$kiosk/stat"; }
hz=$(getconf CLK_TCK)
measure() {
  before=$(ticks); sleep "$seconds"; after=$(ticks)
  echo "$after $before $hz $seconds" | awk '{printf "%.3f", 100 * ($1 - $2) / $3 / $4}'
}
attract=$(measure)
DISPLAY=$display xdotool mousemove 960 980 click 1
sleep 2
static=$(measure)
rss=$(awk '/VmHWM/ {print $2}' "/proc/$kiosk/status")
echo "attract screen, ${seconds} s: ${attract} % of one core"
echo "static screen (home), ${seconds} s: ${static} % of one core"
echo "peak resident memory: $((rss / 1024)) MiB (10,000 tenants)"
