// A kiosk's report as the hub takes it: the definition is sync's (qtsc/sync/kiosk_report.hpp),
// shared with the kiosk that writes it; here its errors become the hub's 422 answer.
#pragma once

#include <string_view>

#include "qtsc/sync/kiosk_report.hpp"

namespace qtsc::hub {

using sync::KioskReport;
using sync::KioskReportLimits;
using sync::kUsageCategories;

// Parses a report body (sync::parseKioskReport). Throws InvalidRequestError listing each field that is wrong
// ("kioskId", "usage.opened.tenant:x", "body"); never anything else for any input.
KioskReport readKioskReport(std::string_view body, const KioskReportLimits& limits = {});

}  // namespace qtsc::hub
