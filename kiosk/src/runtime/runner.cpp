#include "runtime/runner.hpp"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>

namespace qtsc::kiosk {

namespace {
// systemd's watchdog interval in microseconds, 0 when off. The unit's main process is cage,
// whose child we are; with NotifyAccess=all the watchdog is ours to feed, so the check for
// "this process" is made against our own pid.
std::uint64_t watchdogMicroseconds() {
  const char* pid = std::getenv("WATCHDOG_PID");
  if (pid && std::to_string(getppid()) == pid) setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  std::uint64_t usec = 0;
  return sd_watchdog_enabled(0, &usec) > 0 ? usec : 0;
}
}  // namespace

int Runner::run(LoopClient& client) {
  int framesPending = policy_.framesAfterInput;
  double nextCoastFrame = 0.0;
  const std::uint64_t watchdogUsec = watchdogMicroseconds();
  const double watchdogWait = static_cast<double>(watchdogUsec) / 2e6;  // seconds: the longest wait allowed
  double lastPing = -1e9;
  bool ready = false;
  int framesRendered = 0;
  while (!client.quitRequested()) {
    if (watchdogUsec > 0 && client.seconds() - lastPing >= watchdogWait / 4.0) {
      sd_notify(0, "WATCHDOG=1");
      lastPing = client.seconds();
    }
    if (client.updateByTime()) framesPending = std::max(framesPending, policy_.framesAfterInput);
    if (client.wantsFrames()) framesPending = std::max(framesPending, 1);
    const double now = client.seconds();
    const double change = client.nextChangeAt();
    const bool coasting = client.animating();
    int timeoutMs = 0;
    if (framesPending <= 0) {
      double wait = 3600.0;
      if (coasting) wait = std::max(0.0, nextCoastFrame - now);
      wait = std::min(wait, std::max(0.0, change - now));
      wait = std::min(wait, std::max(0.0, client.nextCheckAt() - now));
      if (watchdogUsec > 0) wait = std::min(wait, watchdogWait);
      // Rounded up: waking a moment early would only find the change not yet due.
      timeoutMs = static_cast<int>(std::ceil(std::min(wait * 1000.0, 3'600'000.0)));
    }
    SDL_Event event;
    if (SDL_WaitEventTimeout(&event, timeoutMs)) {
      do {
        client.handleEvent(event);
        if (event.type < SDL_USEREVENT && client.acceptsInput())
          framesPending = std::max(framesPending, policy_.framesAfterInput);
      } while (SDL_PollEvent(&event));
    }
    if (client.drainWork()) framesPending = std::max(framesPending, policy_.framesAfterWork);
    if (client.updateByTime()) framesPending = std::max(framesPending, policy_.framesAfterInput);
    const double after = client.seconds();
    if (framesPending > 0 || after >= change || (coasting && after >= nextCoastFrame)) {
      client.renderFrame();
      ++framesRendered;
      if (!ready) {
        sd_notify(0, "READY=1");  // the first frame is on screen
        ready = true;
      }
      if (framesPending > 0) --framesPending;
      nextCoastFrame = after + 1.0 / policy_.scrollFps;
      if (client.wantsFrames()) framesPending = std::max(framesPending, 2);
      if (const auto status = client.afterFrame(framesRendered)) return *status;
    }
  }
  sd_notify(0, "STOPPING=1");
  return 0;
}

}  // namespace qtsc::kiosk
