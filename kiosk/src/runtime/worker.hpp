// One thread running jobs in order: the base of every service that works off the UI thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace qtsc::kiosk {

class Worker {
 public:
  Worker();
  ~Worker();  // stop()
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  void submit(std::function<void()> job);  // ignored once stopped
  void waitIdle();  // blocks until every submitted job has run (or was dropped by stop())
  // Drops the jobs not started, lets the running one finish and joins the thread. Idempotent.
  void stop();
  [[nodiscard]] bool idle();

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::deque<std::function<void()>> jobs_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace qtsc::kiosk
