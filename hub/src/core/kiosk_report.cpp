#include "qtsc/hub/kiosk_report.hpp"

#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

KioskReport readKioskReport(std::string_view body, const KioskReportLimits& limits) {
  try {
    return sync::parseKioskReport(body, limits);
  } catch (const sync::KioskReportError& e) {
    std::vector<FieldIssue> issues;
    issues.reserve(e.issues().size());
    for (const auto& issue : e.issues()) issues.push_back({issue.field, issue.message});
    throw InvalidRequestError(std::move(issues));
  }
}

}  // namespace qtsc::hub
