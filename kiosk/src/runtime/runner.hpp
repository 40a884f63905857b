// The one loop: it owns the SDL event loop, the idle policy, frame pacing and systemd's
// watchdog, and drives a LoopClient (the shell) that knows what is on screen.
//
// The idle policy (LoopPolicy): with no input and nothing animating it blocks in
// SDL_WaitEventTimeout and renders nothing; input renders `framesAfterInput` frames so ImGui
// sees the press and the release; a worker's result renders `framesAfterWork`; a picture
// that changes by itself (Attract's next highlight) names the time of that change
// (LoopClient::nextChangeAt) and the loop sleeps until then and renders one frame; time-driven
// state (the idle reset, opening hours) is checked at LoopClient::nextCheckAt without
// rendering unless it changed something; drag inertia animates at `scrollFps` until it settles.
// Under systemd's watchdog the wait never exceeds half the watchdog interval, and each pass
// through the loop pings it: an idle kiosk stays alive, a hung one is restarted. READY=1 is
// sent once the first frame is on screen.
#pragma once

#include <optional>

union SDL_Event;

namespace qtsc::kiosk {

struct LoopPolicy {
  double idleTimeout = 60.0;  // seconds without input before Attract and a reset (config idle.timeout)
  double scrollFps = 60.0;    // frames per second while a drag coasts
  int framesAfterInput = 3;   // frames rendered after each input event (config idle.frames_after_input)
  int framesAfterWork = 2;    // frames rendered after a worker posts a result
};

// What the loop drives. Every call is on the UI thread.
class LoopClient {
 public:
  virtual ~LoopClient() = default;
  [[nodiscard]] virtual double seconds() const = 0;  // monotonic seconds, the clock of the times below
  virtual void handleEvent(const SDL_Event& event) = 0;
  [[nodiscard]] virtual bool quitRequested() const = 0;
  // Time-driven state (opening hours, the idle reset); true when it changed what is shown.
  virtual bool updateByTime() = 0;
  virtual bool drainWork() = 0;  // posted results run; true when any
  // When the picture next changes by itself; infinity when only input changes it.
  [[nodiscard]] virtual double nextChangeAt() const = 0;
  // When updateByTime() next has something to look at; infinity when never.
  [[nodiscard]] virtual double nextCheckAt() const = 0;
  [[nodiscard]] virtual bool animating() const = 0;     // a drag coasting: frames at scrollFps
  [[nodiscard]] virtual bool acceptsInput() const = 0;  // false (closed): input renders nothing
  [[nodiscard]] virtual bool wantsFrames() const = 0;   // navigation or a content switch pending
  virtual void renderFrame() = 0;
  // After each rendered frame (counted from 1): an exit status to stop with, or nullopt.
  virtual std::optional<int> afterFrame(int framesRendered) = 0;
};

class Runner {
 public:
  explicit Runner(LoopPolicy policy) : policy_(policy) {}
  // Until the client asks to quit (0) or afterFrame() returns a status.
  int run(LoopClient& client);

 private:
  LoopPolicy policy_;
};

}  // namespace qtsc::kiosk
