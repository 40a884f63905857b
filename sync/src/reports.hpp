// Reports the kiosk sends to the hub after each sync. Each report is written to the state
// folder first and removed only once the hub accepted it, so a kiosk offline for a week
// sends that week's reports when it is back. Each carries a random id: the hub counts a
// report it receives twice once.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "qtsc/sync/client.hpp"

namespace qtsc::sync {

class HttpClient;

class ReportQueue {
 public:
  ReportQueue(std::filesystem::path folder, int maxQueued);
  // Stores `report` (an "id" is added); returns the id.
  std::string enqueue(nlohmann::json report);
  // POSTs queued reports oldest first, with `key` as the bearer token; stops at the first
  // the hub does not accept, which stays queued (no answer, 401, 429, 5xx ...). One the hub
  // refuses as malformed (400, 413, 415, 422) is dropped with a log line: resent, it would
  // be refused again and hold back every later report.
  ReportsSent sendAll(HttpClient& http, const std::string& url, const std::string& key);
  [[nodiscard]] int size() const;

 private:
  std::filesystem::path folder_;
  int maxQueued_;
};

}  // namespace qtsc::sync
