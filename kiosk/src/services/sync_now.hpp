// The staff panel's "sync now": the hook runs on a worker, its outcome comes back to the UI.
#pragma once

#include <functional>
#include <string>

#include "runtime/ui_queue.hpp"
#include "runtime/worker.hpp"
#include "services/services.hpp"

namespace qtsc::kiosk {

class SyncNowRunner {
 public:
  SyncNowRunner(UiQueue& queue, SyncHook hook) : queue_(queue), hook_(std::move(hook)) { status_.configured = bool(hook_); }
  void start(const std::string& nowIso);  // UI thread
  // UI thread: the outcome of a sync that ran on its own (the periodic one).
  void record(const std::string& time, bool ok, const std::string& message, long long version, bool expired = false) {
    status_.lastAttempt = time;
    status_.ok = ok;
    status_.expired = expired;
    status_.message = message;
    if (version > 0) status_.installedVersion = version;
  }
  [[nodiscard]] const SyncStatus& status() const { return status_; }
  void waitIdle() { worker_.waitIdle(); }
  // The first phase of going away: waits for a hook that is running; its outcome is posted
  // and reaches this runner if the queue is drained before it is destroyed.
  void stop() { worker_.stop(); }

 private:
  UiQueue& queue_;
  SyncHook hook_;
  SyncStatus status_;
  Liveness liveness_;
  Worker worker_;
};

}  // namespace qtsc::kiosk
