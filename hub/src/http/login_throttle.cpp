#include "qtsc/hub/login_throttle.hpp"

#include <algorithm>

namespace qtsc::hub {

using std::chrono::steady_clock;

LoginThrottle::LoginThrottle(LoginThrottleSettings settings, Clock clock)
    : settings_(settings), clock_(std::move(clock)) {}

steady_clock::time_point LoginThrottle::now() const { return clock_ ? clock_() : steady_clock::now(); }

LoginThrottle::Record& LoginThrottle::record(const std::string& key, steady_clock::time_point at) {
  Record& r = records_[key];
  // A long quiet spell forgets old failures: an occasional typo never adds up to a lockout.
  if (r.failures > 0 && at - r.lastFailure > settings_.forgetAfter) r = Record{};
  return r;
}

void LoginThrottle::count(Record& r, steady_clock::time_point at) const {
  ++r.failures;
  r.lastFailure = at;
  const int over = r.failures - settings_.freeFailures;
  if (over < 0) return;
  auto delay = settings_.delayBase;
  for (int i = 0; i < over && delay < settings_.delayCap; ++i) delay *= 2;
  r.lockedUntil = at + std::min(delay, settings_.delayCap);
}

long long LoginThrottle::waitSeconds(const std::string& key, steady_clock::time_point at) const {
  const auto it = records_.find(key);
  if (it == records_.end() || it->second.lockedUntil <= at) return 0;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(it->second.lockedUntil - at).count();
  return (ms + 999) / 1000;
}

void LoginThrottle::prune(steady_clock::time_point at) {
  if (records_.size() + known_.size() <= settings_.maxRecords) return;
  std::erase_if(records_, [&](const auto& item) {
    return item.second.lockedUntil <= at && at - item.second.lastFailure > settings_.delayCap;
  });
  std::erase_if(known_, [&](const auto& item) { return at - item.second > settings_.knownFor; });
  // Still too many (a flood of made-up names): drop what is not waiting.
  if (records_.size() + known_.size() > settings_.maxRecords)
    std::erase_if(records_, [&](const auto& item) { return item.second.lockedUntil <= at; });
}

LoginThrottle::Decision LoginThrottle::begin(const std::string& name, const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto at = now();
  prune(at);
  const std::string pair = name + "@" + address;
  const auto knownIt = known_.find(pair);
  const bool known = knownIt != known_.end() && at - knownIt->second <= settings_.knownFor;
  Record& own = record("p:" + pair, at);
  long long wait = waitSeconds("p:" + pair, at);
  if (!known) {
    Record& byName = record("n:" + name, at);
    wait = std::max(wait, waitSeconds("n:" + name, at));
    // The address's wait holds only names that failed themselves.
    if (byName.failures > 0 || own.failures > 0) wait = std::max(wait, waitSeconds("a:" + address, at));
  }
  if (wait > 0) return {false, wait};
  count(records_["p:" + pair], at);
  if (!known) count(records_["n:" + name], at);
  return {true, 0};
}

void LoginThrottle::succeeded(const std::string& name, const std::string& address) {
  std::lock_guard lock(mutex_);
  const std::string pair = name + "@" + address;
  records_.erase("p:" + pair);
  records_.erase("n:" + name);
  known_[pair] = now();
}

void LoginThrottle::uncount(const std::string& key) {
  const auto it = records_.find(key);
  if (it == records_.end() || it->second.failures == 0) return;
  if (--it->second.failures < settings_.freeFailures) it->second.lockedUntil = {};
}

void LoginThrottle::cancelled(const std::string& name, const std::string& address) {
  std::lock_guard lock(mutex_);
  uncount("p:" + name + "@" + address);
  uncount("n:" + name);
}

void LoginThrottle::failed(const std::string&, const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto at = now();
  count(record("a:" + address, at), at);
}

}  // namespace qtsc::hub
