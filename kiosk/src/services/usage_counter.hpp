// Anonymous usage counts that go back to the hub with each sync report.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "services/services.hpp"

namespace qtsc::kiosk {

// Counts only: no times, no sequence, nothing about who. Shaped as the hub's usage page reads
// it: {"opened": {"screen:map": 5, "tenant:tma-solutions": 3}, "searchesNotFound": {"xyz": 1},
// "sessions": 4}.
class UsageCounter final : public UsageLog {
 public:
  static constexpr std::size_t kMaxEntries = 400;   // distinct names kept between reports (the hub takes 500)
  static constexpr std::size_t kMaxNameBytes = 200; // bytes of a name; longer searches are cut

  void opened(const std::string& what) override;  // "screen:map", "tenant:tma-solutions"
  void searchNotFound(const std::string& query) override;
  void sessionStarted();  // a visitor left the attract loop; sent as the plain count "sessions"
  // The counts so far, which then start again from zero. Any thread.
  nlohmann::json take();

 private:
  void add(std::map<std::string, long long>& into, std::string name);
  std::mutex mutex_;
  std::map<std::string, long long> opened_;
  std::map<std::string, long long> notFound_;
  long long sessions_ = 0;
};

}  // namespace qtsc::kiosk
