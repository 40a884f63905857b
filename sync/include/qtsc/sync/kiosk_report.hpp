// A kiosk's report to the hub after each sync: the one definition the kiosk writes
// (SyncClient) and the hub reads (POST /api/v1/reports). A report key lives on a public PC, so
// the reader bounds every value to what a real kiosk can send (KioskReportLimits) and keeps
// text that the fleet and usage pages show to one readable line.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qtsc::sync {

struct KioskReportLimits {
  std::size_t maxBodyBytes = 64 * 1024;  // bytes in one report
  std::size_t maxUsageEntries = 500;     // usage keys in one report (a kiosk sends at most 400)
  long long maxUsageCount = 10000;       // largest count of one key in one report
};

// Bytes of each text field a report may carry.
inline constexpr std::size_t kReportIdBytes = 64;
inline constexpr std::size_t kReportTimeBytes = 40;
inline constexpr std::size_t kReportMessageBytes = 2000;
// Largest free disk a report states, in bytes (a petabyte): a kiosk with more reports this.
inline constexpr long long kMaxReportedFreeDisk = 1LL << 50;

// The usage categories a kiosk sends, each {"key": count}; plain counts at the top level of
// "usage" are kept under "counters".
inline constexpr const char* kUsageOpened = "opened";                      // {"screen:map": 5}
inline constexpr const char* kUsageSearchesNotFound = "searchesNotFound";  // {"xyz": 1}
inline constexpr const char* kUsageCategories[] = {kUsageOpened, kUsageSearchesNotFound};
// The plain counter of visits: a visitor who left the attract loop for a screen of their own.
inline constexpr const char* kUsageSessions = "sessions";

// What a sync ended with, as a report names it.
inline constexpr const char* kReportResults[] = {"installed", "up-to-date", "failed", "expired"};

// A kiosk's name (its report id, its kiosk id): what the hub pairs and the fleet page lists.
inline constexpr const char* kKioskNameRule = "up to 64 of a-z, A-Z, 0-9, '-', '_', '.'";
bool isKioskName(std::string_view text);

struct KioskReport {
  std::string id;          // the report's own id (a kiosk name-like text): counted once
  std::string kioskId;
  std::string time;        // the kiosk's time of its sync, ISO 8601; may be empty
  long long contentVersion = 0;
  std::string result;      // one of kReportResults ("expired": the published timestamp ran out)
  std::string message;     // one line
  long long freeDiskBytes = 0;
  nlohmann::json usage = nlohmann::json::object();  // {"category": {"key": count}, "counters": {...}}
};

// The report as it is sent; an empty id is left out (the report queue names each report).
nlohmann::json toJson(const KioskReport& report);

struct ReportIssue {
  std::string field;    // "kioskId", "usage.opened.tenant:x", "body"
  std::string message;  // what is wrong with it
};

// A report that is not one: every field that is wrong, at most a page of them.
class KioskReportError : public std::runtime_error {
 public:
  explicit KioskReportError(std::vector<ReportIssue> issues);
  [[nodiscard]] const std::vector<ReportIssue>& issues() const { return issues_; }

 private:
  std::vector<ReportIssue> issues_;
};

// Parses a report body. Throws KioskReportError listing each field that is wrong; never
// anything else for any input.
KioskReport parseKioskReport(std::string_view body, const KioskReportLimits& limits = {});

}  // namespace qtsc::sync
