// Results of work off the UI thread come back as closures posted to the UiQueue, which the
// loop drains at the start of a frame; each post pushes an SDL user event so a loop blocked in
// SDL_WaitEventTimeout wakes up. Worker threads never call ImGui.
//
// Shutting down (and switching content) goes in two phases: stop() every worker, so nothing
// more is posted, drain the queue while everything its closures touch still exists, and only
// then destroy. Each posted closure also carries its owner's Liveness token and does nothing
// once the owner is gone.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace qtsc::kiosk {

// ---- [SECTION] Liveness -----------------------------------------------------------------
// Cleared when its owner is destroyed. Tokens are read, and the flag cleared, only on the UI
// thread (the queue is drained there and the owners die there), so the flag needs no lock.
class Liveness {
 public:
  class Token {
   public:
    [[nodiscard]] bool alive() const { return *alive_; }

   private:
    friend class Liveness;
    explicit Token(std::shared_ptr<const bool> alive) : alive_(std::move(alive)) {}
    std::shared_ptr<const bool> alive_;
  };

  Liveness() = default;
  ~Liveness() { *alive_ = false; }
  Liveness(const Liveness&) = delete;
  Liveness& operator=(const Liveness&) = delete;
  [[nodiscard]] Token token() const { return Token(alive_); }

 private:
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// ---- [SECTION] UiQueue ------------------------------------------------------------------
class UiQueue {
 public:
  explicit UiQueue(unsigned wakeEventType) : wakeEventType_(wakeEventType) {}
  void post(std::function<void()> job);  // any thread
  // Any thread: `job` runs on the UI thread only if the token's owner still exists then.
  void post(Liveness::Token owner, std::function<void()> job);
  bool drain();                          // UI thread; true when something ran

 private:
  unsigned wakeEventType_;
  std::mutex mutex_;
  std::vector<std::function<void()>> jobs_;
};

}  // namespace qtsc::kiosk
