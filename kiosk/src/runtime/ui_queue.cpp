#include "runtime/ui_queue.hpp"

#include <SDL.h>

namespace qtsc::kiosk {

void UiQueue::post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  SDL_Event event{};
  event.type = wakeEventType_;
  SDL_PushEvent(&event);
}

void UiQueue::post(Liveness::Token owner, std::function<void()> job) {
  post([owner = std::move(owner), job = std::move(job)] {
    if (owner.alive()) job();
  });
}

bool UiQueue::drain() {
  std::vector<std::function<void()>> jobs;
  {
    std::lock_guard lock(mutex_);
    jobs.swap(jobs_);
  }
  for (auto& job : jobs) job();
  return !jobs.empty();
}

}  // namespace qtsc::kiosk
