#!/bin/sh
# A swipe in a real X11 window scrolls: the kiosk runs under Xvfb, xdotool presses, moves in
# steps and releases like a finger (through the X server, SDL's x11 driver and the kiosk's
# event path), and the kiosk's debug log must show the history timeline's offset moving.
# Usage: real_window_swipe.sh KIOSK_BINARY   (exit 77 = skipped: no Xvfb or xdotool)
set -eu
kiosk=$1
for tool in Xvfb xdotool; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (apt-get install xvfb xdotool); the real-window swipe is not tested"
    exit 77
  fi
done
work=$(mktemp -d)
xpid=""
kpid=""
cleanup() {
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null || true
  [ -n "$xpid" ] && kill "$xpid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# A free display number: the first whose lock file is absent.
n=91
while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1280x720x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xpid=$!
export DISPLAY=":$n"
i=0
until xdotool getmouselocation >/dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -gt 100 ] && { echo "FAIL: Xvfb did not start"; cat "$work/xvfb.log"; exit 1; }
  sleep 0.1
done

SDL_VIDEODRIVER=x11 "$kiosk" --windowed 1280x720 --log-level debug >"$work/kiosk.log" 2>&1 &
kpid=$!
wid=$(xdotool search --sync --onlyvisible --name QTSC | head -n 1)
xdotool windowmove "$wid" 0 0
sleep 1

tap() { xdotool mousemove "$1" "$2"; sleep 0.2; xdotool mousedown 1; sleep 0.15; xdotool mouseup 1; sleep 0.8; }
# Attract -> Home (a tap anywhere), then the History tile: the first of Home's tiles, top left.
tap 640 400
tap 147 370
# The swipe: press on the timeline, move left in steps, release.
xdotool mousemove 1100 450
sleep 0.2
xdotool mousedown 1
x=1100
while [ "$x" -gt 300 ]; do
  x=$((x - 40))
  xdotool mousemove "$x" 450
  sleep 0.03
done
xdotool mouseup 1
sleep 1.5
last=$(grep "scroll ##timeline" "$work/kiosk.log" | tail -n 1 | sed 's/.*x=\([0-9-]*\).*/\1/')
echo "timeline offset after the swipe: ${last:-none} px"
if [ -z "$last" ] || [ "$last" -lt 200 ]; then
  echo "FAIL: the swipe did not scroll the timeline"
  grep "scroll" "$work/kiosk.log" | tail -n 20
  exit 1
fi
echo "PASS: a swipe in a real window scrolled the timeline by $last px"
