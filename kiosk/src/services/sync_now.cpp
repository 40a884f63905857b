#include "services/sync_now.hpp"

namespace qtsc::kiosk {

void SyncNowRunner::start(const std::string& nowIso) {
  if (status_.running) return;
  status_.lastAttempt = nowIso;
  if (!hook_) {
    status_.ok = false;
    status_.message.clear();
    return;
  }
  status_.running = true;
  worker_.submit([this, alive = liveness_.token()] {
    SyncNowResult outcome;
    try {
      outcome = hook_();
    } catch (const std::exception& error) {
      outcome = SyncNowResult{false, error.what()};
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
