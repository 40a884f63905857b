#include "routes/schema.hpp"

#include "qtsc/content/schema_description.hpp"
#include "qtsc/hub/hub_db.hpp"
#include "qtsc/hub/kiosk_report.hpp"
#include "qtsc/hub/server.hpp"

namespace qtsc::hub::schema {

nlohmann::json describe(const HubSettings& settings) {
  const KioskReportLimits report;  // as the report route takes them, with the count from the settings
  return {
      {"content", content::describeSchema()},
      {"limits",
       {
           {"password", {{"minLength", kMinPasswordLength}, {"maxLength", kMaxPasswordLength}}},
           {"auditPageSize", kAuditPageSize},
           {"upload",
            {{"maxBytes", settings.maxImageBytes},
             {"maxPixels", settings.imageLimits.maxPixels},
             {"maxSide", settings.imageLimits.maxSide}}},
           {"kioskReport",
            {{"maxBodyBytes", report.maxBodyBytes},
             {"maxUsageEntries", report.maxUsageEntries},
             {"maxUsageCount", settings.maxUsageCount},
             {"perKioskPerHour", settings.reportsPerKioskPerHour},
             {"usageKeysPerKioskPerDay", settings.usageKeysPerKioskPerDay}}},
           {"kioskName", {{"rule", kKioskNameRule}}},
       }},
  };
}

void get(HubState& hub, Ctx& ctx) { ctx.send(describe(hub.settings)); }

}  // namespace qtsc::hub::schema
