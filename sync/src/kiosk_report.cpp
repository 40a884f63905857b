#include "qtsc/sync/kiosk_report.hpp"

#include "qtsc/content/validation.hpp"

#include <algorithm>

namespace qtsc::sync {

using nlohmann::json;

namespace {

constexpr long long kMaxContentVersion = 1'000'000'000'000LL;  // versions a hub could ever publish

bool hasControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char ch) {
    const auto u = static_cast<unsigned char>(ch);
    return u < 0x20 || u == 0x7f;
  });
}

// A field name for an error: names sent by a kiosk are cut and stripped of control bytes.
std::string fieldName(std::string_view prefix, std::string_view key) {
  std::string out(prefix);
  for (const char ch : key.substr(0, 64)) {
    const auto u = static_cast<unsigned char>(ch);
    out += (u < 0x20 || u == 0x7f) ? '?' : ch;
  }
  if (key.size() > 64) out += "...";
  return out;
}

struct Reader {
  const json& body;
  std::vector<ReportIssue>& issues;

  std::string text(const char* field, bool required, std::size_t maxBytes) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
      if (required) issues.push_back({field, "is required"});
      return {};
    }
    if (!it->is_string()) {
      issues.push_back({field, "must be text"});
      return {};
    }
    const auto& value = it->get_ref<const std::string&>();
    if (required && value.empty()) {
      issues.push_back({field, "is required"});
      return {};
    }
    if (value.size() > maxBytes) {
      issues.push_back({field, "is too long (at most " + std::to_string(maxBytes) + " bytes)"});
      return {};
    }
    return value;
  }

  long long number(const char* field, long long max) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) return 0;
    if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<unsigned long long>() > static_cast<unsigned long long>(max)) ||
        it->get<long long>() < 0 || it->get<long long>() > max) {
      issues.push_back({field, "must be a whole number from 0 to " + std::to_string(max)});
      return 0;
    }
    return it->get<long long>();
  }
};

bool isCategory(const std::string& name) {
  return std::any_of(std::begin(kUsageCategories), std::end(kUsageCategories),
                     [&](const char* known) { return name == known; });
}

// A count within [0, max]; unsigned values above the signed range are refused too.
bool plausibleCount(const json& value, long long max) {
  if (!value.is_number_integer()) return false;
  if (value.is_number_unsigned()) return value.get<unsigned long long>() <= static_cast<unsigned long long>(max);
  return value.get<long long>() >= 0 && value.get<long long>() <= max;
}

bool isResult(const std::string& text) {
  return std::any_of(std::begin(kReportResults), std::end(kReportResults), [&](const char* known) { return text == known; });
}

std::string resultList() {
  std::string out;
  for (const char* known : kReportResults) out += (out.empty() ? "" : ", ") + std::string(known);
  return out;
}

}  // namespace

bool isKioskName(std::string_view text) { return content::isKioskId(text); }

KioskReportError::KioskReportError(std::vector<ReportIssue> issues)
    : std::runtime_error(issues.empty() ? std::string("the report is not valid")
                                        : "report field " + issues.front().field + " " + issues.front().message),
      issues_(std::move(issues)) {}

json toJson(const KioskReport& report) {
  json out{{"kioskId", report.kioskId},
           {"time", report.time},
           {"contentVersion", report.contentVersion},
           {"result", report.result},
           {"message", report.message},
           {"freeDiskBytes", report.freeDiskBytes},
           {"usage", report.usage}};
  if (!report.id.empty()) out["id"] = report.id;
  return out;
}

KioskReport parseKioskReport(std::string_view bodyText, const KioskReportLimits& limits) {
  if (bodyText.size() > limits.maxBodyBytes)
    throw KioskReportError({ReportIssue{"body", "a report is at most " + std::to_string(limits.maxBodyBytes / 1024) + " KiB"}});
  json body;
  try {
    body = json::parse(bodyText);
  } catch (const json::exception& e) {
    // The parser's message names a byte position only, never the data.
    throw KioskReportError({ReportIssue{"body", std::string("is not valid JSON: ") + e.what()}});
  }
  if (!body.is_object()) throw KioskReportError({ReportIssue{"body", "must be a JSON object"}});

  std::vector<ReportIssue> issues;
  static const char* const kFields[] = {"id", "kioskId", "time", "contentVersion", "result", "message", "freeDiskBytes", "usage"};
  for (const auto& item : body.items())
    if (const std::string& key = item.key();
        std::none_of(std::begin(kFields), std::end(kFields), [&](const char* f) { return key == f; }))
      issues.push_back({fieldName("", key), "is not a field of a report"});

  Reader read{body, issues};
  KioskReport report;
  report.id = read.text("id", true, kReportIdBytes);
  if (!report.id.empty() && !isKioskName(report.id)) issues.push_back({"id", std::string("use ") + kKioskNameRule});
  report.kioskId = read.text("kioskId", true, kReportIdBytes);
  if (!report.kioskId.empty() && !isKioskName(report.kioskId))
    issues.push_back({"kioskId", std::string("use ") + kKioskNameRule});
  report.time = read.text("time", false, kReportTimeBytes);
  if (std::any_of(report.time.begin(), report.time.end(), [](char ch) { return ch < 0x20 || ch > 0x7e; }))
    issues.push_back({"time", "is an ISO 8601 time, like 2025-03-01T08:00:00Z"});
  report.contentVersion = read.number("contentVersion", kMaxContentVersion);
  report.result = read.text("result", true, 20);
  if (!report.result.empty() && !isResult(report.result)) issues.push_back({"result", "is one of " + resultList()});
  // The fleet page shows the message on one line; older kiosks sent several.
  report.message = read.text("message", false, kReportMessageBytes);
  std::replace_if(report.message.begin(), report.message.end(),
                  [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; }, ' ');
  report.freeDiskBytes = read.number("freeDiskBytes", kMaxReportedFreeDisk);

  const std::string countRule = "must be a count from 0 to " + std::to_string(limits.maxUsageCount);
  if (const auto it = body.find("usage"); it != body.end() && !it->is_null()) {
    std::size_t entries = 0;
    json usage = json::object();
    auto keyProblem = [](const std::string& key) -> const char* {
      if (key.empty() || key.size() > 200) return "a usage name is 1 to 200 bytes";
      if (hasControl(key)) return "a usage name has no control characters";
      return nullptr;
    };
    if (!it->is_object()) {
      issues.push_back({"usage", "must be an object of counts"});
    } else {
      for (const auto& [name, value] : it->items()) {
        const std::string field = fieldName("usage.", name);
        if (value.is_number()) {  // a plain counter
          ++entries;
          if (const char* problem = keyProblem(name); problem || name.size() > 64)
            issues.push_back({field, problem ? problem : "a counter name is 1 to 64 bytes"});
          else if (!plausibleCount(value, limits.maxUsageCount))
            issues.push_back({field, countRule});
          else
            usage["counters"][name] = value.get<long long>();
          continue;
        }
        if (!value.is_object()) {
          issues.push_back({field, "must be a count or an object of counts"});
          continue;
        }
        if (!isCategory(name)) {
          issues.push_back({field, "is not a usage category (opened, searchesNotFound, or a plain count)"});
          continue;
        }
        for (const auto& [key, n] : value.items()) {
          ++entries;
          if (entries > limits.maxUsageEntries) break;
          const std::string itemField = field + "." + fieldName("", key);
          if (const char* problem = keyProblem(key)) issues.push_back({itemField, problem});
          else if (!plausibleCount(n, limits.maxUsageCount)) issues.push_back({itemField, countRule});
          else usage[name][key] = n.get<long long>();
        }
        if (entries > limits.maxUsageEntries) break;
      }
    }
    if (entries > limits.maxUsageEntries)
      issues.push_back({"usage", "has more than " + std::to_string(limits.maxUsageEntries) + " entries"});
    report.usage = std::move(usage);
  }
  if (issues.size() > 20) {  // one page of errors is enough to act on
    issues.resize(20);
    issues.push_back({"body", "and further errors"});
  }
  if (!issues.empty()) throw KioskReportError(std::move(issues));
  return report;
}

}  // namespace qtsc::sync
