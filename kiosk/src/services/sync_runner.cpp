#include "services/sync_runner.hpp"

namespace qtsc::kiosk {

void SyncRunner::start(const std::string& nowIso) {
  if (status_.running) return;
  status_.lastAttempt = nowIso;
  if (!hook_) {
    status_.ok = false;
    status_.message.clear();
    return;
  }
  status_.running = true;
  worker_.submit([this, alive = liveness_.token()] {
    SyncOutcome outcome;
    try {
      outcome = hook_();
    } catch (const std::exception& error) {
      outcome = SyncOutcome{false, error.what()};
    }
    queue_.post(alive, [this, outcome] {
      status_.running = false;
      status_.ok = outcome.ok;
      status_.expired = outcome.expired;
      status_.message = outcome.message;
    });
  });
}

}  // namespace qtsc::kiosk
