#include "qtsc/content/errors.hpp"

#include <utility>

namespace qtsc::content {

SchemaTooNewError::SchemaTooNewError(int foundVersion, int supportedVersion)
    : ContentError("the content database has schema version " + std::to_string(foundVersion) +
                   ", newer than version " + std::to_string(supportedVersion) +
                   " that this program supports; update the kiosk software to open it"),
      found(foundVersion),
      supported(supportedVersion) {}

NotFoundError::NotFoundError(RecordKind recordKind, std::string recordId)
    : ContentError(std::string(toString(recordKind)) + " '" + recordId + "' does not exist"),
      kind(recordKind),
      id(std::move(recordId)) {}

std::string ValidationIssue::describe() const {
  std::string out(toString(kind));
  if (!recordId.empty()) out += " '" + recordId + "'";
  if (!field.empty()) out += " field '" + field + "'";
  return out + ": " + message;
}

namespace {
std::string summarize(const std::vector<ValidationIssue>& issues) {
  std::string out = issues.size() == 1 ? "invalid content: " : "invalid content (" +
                                                                   std::to_string(issues.size()) +
                                                                   " problems): ";
  for (std::size_t i = 0; i < issues.size() && i < 5; ++i) {
    if (i > 0) out += "; ";
    out += issues[i].describe();
  }
  if (issues.size() > 5) out += "; ...";
  return out;
}
}  // namespace

ValidationError::ValidationError(std::vector<ValidationIssue> found)
    : ContentError(summarize(found)), issues(std::move(found)) {}

}  // namespace qtsc::content
