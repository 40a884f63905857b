#include "qtsc/hub/kiosk_report.hpp"

#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

KioskReport readKioskReport(std::string_view body, const KioskReportLimits& limits) {
  try {
    return sync::parseKioskReport(body, limits);
  } catch (const sync::KioskReportError& e) {
    std::vector<FieldIssue> issues;
    issues.reserve(e.issues().size());
        // Kiosks send reports, not people: the admin page never shows these, so the English
    // problem is the one value of its code.
    for (const auto& issue : e.issues()) issues.push_back({issue.field, issue.message, "kiosk_report", {{"problem", issue.message}}});
    throw InvalidRequestError(std::move(issues));
  }
}

}  // namespace qtsc::hub
