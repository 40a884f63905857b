// A kiosk's report as the hub takes it: parsed and checked field by field before anything
// is stored. A report key lives on a public PC, so every value is bounded to what a real
// kiosk can send (KioskReportLimits), and text that the fleet and usage pages show is kept
// to one readable line.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace qtsc::hub {

struct KioskReportLimits {
  std::size_t maxBodyBytes = 64 * 1024;  // bytes in one report
  std::size_t maxUsageEntries = 500;     // usage keys in one report (a kiosk sends at most 400)
  long long maxUsageCount = 10000;       // largest count of one key in one report
};

// The usage categories a kiosk sends, each {"key": count}; plain counts at the top level of
// "usage" are kept under "counters".
inline constexpr const char* kUsageCategories[] = {"opened", "searchesNotFound"};

struct KioskReport {
  std::string id;          // the report's own id (a kiosk name-like text): counted once
  std::string kioskId;
  std::string time;        // the kiosk's time of its sync, ISO 8601; may be empty
  long long contentVersion = 0;
  std::string result;      // "installed", "up-to-date", "failed" or "expired" (the published timestamp ran out)
  std::string message;     // one line
  long long freeDiskBytes = 0;
  nlohmann::json usage = nlohmann::json::object();  // {"category": {"key": count}}, checked
};

// Parses a report body. Throws InvalidRequestError listing each field that is wrong
// ("kioskId", "usage.opened.tenant:x", "body"); never anything else for any input.
KioskReport parseKioskReport(std::string_view body, const KioskReportLimits& limits = {});

}  // namespace qtsc::hub
