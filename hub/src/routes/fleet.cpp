// The fleet: kiosk reports, pairing by id, the fleet page's list, usage and the audit log.
// Pairing by code, commands, announcements and screenshots: fleet_live.cpp.
#include <algorithm>
#include <map>

#include "qtsc/hub/kiosk_report.hpp"
#include "routes/handlers.hpp"
#include "service/fleet_service.hpp"
#include "core/support.hpp"

namespace qtsc::hub::fleet {

using nlohmann::json;

// Kiosks hold no staff account: a report carries its kiosk's key (made when an admin
// paired the kiosk) as a bearer token. Checked field by field; a report with an id seen
// before is answered 409 and counted once.
void report(HubState& hub, Ctx& ctx) {
  const HubSettings& settings = hub.settings;
  if (ctx.req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
    throw InvalidRequestError({FieldIssue{"body", "send JSON with Content-Type: application/json", "json_content_type"}});
  KioskReportLimits limits;
  limits.maxUsageCount = settings.maxUsageCount;
  const KioskReport report = readKioskReport(ctx.req.body, limits);
  const std::string kioskKey = bearerToken(ctx.req);
  if (!hub.db->kioskKeyMatches(report.kioskId, kioskKey)) {
    const std::string problem = kioskKey.empty() ? std::string("a report needs its kiosk's key (Authorization: Bearer KEY)")
                                                 : "that is not the key of kiosk '" + report.kioskId + "'";
    throw UnauthorizedError(problem + ": pair the kiosk on the fleet page and set report_key in its [sync] config", "report_key",
                            {{"kiosk", report.kioskId}});
  }
  KioskState state;
  state.id = report.kioskId;
  state.reportedAt = report.time;
  state.contentVersion = report.contentVersion;
  state.lastResult = report.result;
  state.lastMessage = report.message;
  state.freeDiskBytes = report.freeDiskBytes;
  state.lastContact = hub.now();
  const ReportLimits stored{.perHour = settings.reportsPerKioskPerHour,
                            .usageKeysPerDay = settings.usageKeysPerKioskPerDay,
                            .retentionSeconds = std::chrono::duration_cast<std::chrono::seconds>(settings.reportRetention).count()};
  const ReportResult result = hub.db->addReport(report.id, state, report.usage, ctx.req.body, stored);
  if (result.outcome == ReportOutcome::Duplicate)
    throw ConflictError("report '" + report.id + "' was received before; it is counted once", "report_twice", {{"id", report.id}});
  if (result.outcome == ReportOutcome::RateLimited) {
    ctx.res.set_header("Retry-After", "600");
    sendError(ctx.res, 429,
              "kiosk '" + report.kioskId + "' sent more than " + std::to_string(settings.reportsPerKioskPerHour) +
                  " reports in the last hour",
              "reports_rate", {{"kiosk", report.kioskId}, {"max", std::to_string(settings.reportsPerKioskPerHour)}});
    return;
  }
  json answer{{"ok", true}};
  if (result.usageKeysDropped > 0) answer["usageKeysDropped"] = result.usageKeysDropped;
  ctx.send(answer, 201);
}

void kiosks(HubState& hub, Ctx& ctx) {
  const long long now = nowSeconds();
  hub.publishing->refreshTimestampIfDue(false);
  const json timestamp = hub.publishing->timestampStatus();
  long long published = timestamp.value("version", 0LL);
  json list = json::array();
  for (const auto& k : hub.db->kiosks()) {
    list.push_back({{"id", k.id},
                    {"paired", k.paired},
                    {"lastContact", k.reports > 0 ? json(isoTime(k.lastContact)) : json(nullptr)},
                    {"secondsSinceContact", k.reports > 0 ? json(now - k.lastContact) : json(nullptr)},
                    {"stale", k.reports == 0 || now - k.lastContact > hub.settings.kioskStaleAfter.count()},
                    {"reportedAt", k.reportedAt},
                    {"contentVersion", k.contentVersion},
                    {"current", k.contentVersion == published},
                    {"lastResult", k.lastResult},
                    {"lastMessage", k.lastMessage},
                    {"freeDiskBytes", k.freeDiskBytes},
                    {"reports", k.reports}});
    list.back().update(hub.fleet->row(k.id));
  }
  json warnings = json::array();
  if (timestamp.value("expired", false))
    warnings.push_back("the published timestamp has expired: kiosks install nothing new until the hub signs it again");
  else if (timestamp.value("expiresSoon", false))
    warnings.push_back("the published timestamp expires in " + std::to_string(timestamp["secondsLeft"].get<long long>() / 3600) +
                       " h and has not been signed again; check the hub's log");
  ctx.send({{"kiosks", list}, {"publishedVersion", published}, {"staleAfterSeconds", hub.settings.kioskStaleAfter.count()},
            {"timestamp", timestamp}, {"warnings", warnings}});
}

// Pairing: the kiosk's report key is in the answer once; pairing again replaces it.
void pair(HubState& hub, Ctx& ctx) {
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  onlyFields(body, {"id"}, issues);
  const auto it = body.is_object() ? body.find("id") : body.end();
  const std::string id = it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
  if (!isKioskName(id)) issues.push_back({"id", std::string("name the kiosk with ") + kKioskNameRule, "kiosk_name"});
  refuseIfAny(issues);
  const std::string key = hub.db->pairKiosk(id);
  hub.db->audit(ctx.user(), "pair", "kiosk", id, nullptr, {{"id", id}});
  ctx.send({{"id", id}, {"key", key}}, 201);
}

void unpair(HubState& hub, Ctx& ctx) {
  hub.db->removeKiosk(ctx.param(1));
  hub.fleet->forgetKiosk(ctx.param(1));
  hub.db->audit(ctx.user(), "delete", "kiosk", ctx.param(1), nullptr, nullptr);
  ctx.send({{"ok", true}});
}

void usage(HubState& hub, Ctx& ctx) { ctx.send(hub.db->usage(20)); }

// Days a daily usage answer covers: by default four weeks, at most a year.
constexpr long long kDailyUsageDays = 28;
constexpr long long kMaxDailyUsageDays = 366;

// Each kiosk's counts per park day over the last `days` days (today included), zeros
// filled in, so the page draws one bar per day.
void dailyUsage(HubState& hub, Ctx& ctx) {
  long long days = kDailyUsageDays;
  if (ctx.req.has_param("days")) {
    const std::string text = ctx.req.get_param_value("days");
    const bool digits = !text.empty() && text.size() <= 3 && text.find_first_not_of("0123456789") == std::string::npos;
    days = digits ? std::stoll(text) : 0;
    if (ctx.req.get_param_value_count("days") != 1 || days < 1 || days > kMaxDailyUsageDays)
      throw InvalidRequestError({FieldIssue{"days", "is a number of days from 1 to " + std::to_string(kMaxDailyUsageDays), "days_range",
                                            {{"max", std::to_string(kMaxDailyUsageDays)}}}});
  }
  const long long today = (hub.now() + kParkUtcOffsetSeconds) / 86400;
  const long long first = today - days + 1;
  json dayList = json::array();
  for (long long d = first; d <= today; ++d) dayList.push_back(isoTime(d * 86400).substr(0, 10));
  std::map<std::string, json> byKiosk;
  auto row = [&](const std::string& kiosk) -> json& {
    auto [it, added] = byKiosk.try_emplace(kiosk);
    if (added) {
      const json zeros(std::vector<long long>(static_cast<std::size_t>(days), 0));
      it->second = {{"id", kiosk}, {"visits", zeros}, {"sessions", zeros}, {"searchesNotFound", zeros}};
    }
    return it->second;
  };
  for (const auto& k : hub.db->kiosks()) row(k.id);
  for (const auto& u : hub.db->dailyUsage(first)) {
    if (u.day > today) continue;
    json& r = row(u.kiosk);
    const auto i = static_cast<std::size_t>(u.day - first);
    r["visits"][i] = u.visits;
    r["sessions"][i] = u.sessions;
    r["searchesNotFound"][i] = u.searchesNotFound;
  }
  json kiosks = json::array();
  for (auto& [id, r] : byKiosk) kiosks.push_back(std::move(r));
  ctx.send({{"days", dayList}, {"timeZone", "Asia/Ho_Chi_Minh"}, {"kiosks", kiosks}});
}

void audit(HubState& hub, Ctx& ctx) {
  long long before = 0;
  if (ctx.req.has_param("before")) {
    try {
      before = std::stoll(ctx.req.get_param_value("before"));
    } catch (const std::exception&) {
      throw InvalidRequestError({FieldIssue{"before", "is an entry number", "entry_number"}});
    }
  }
  ctx.send(hub.db->auditLog(kAuditPageSize, before));
}

}  // namespace qtsc::hub::fleet
