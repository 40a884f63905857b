#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

namespace {
std::string summarize(const std::vector<FieldIssue>& issues) {
  if (issues.empty()) return "the request is not valid";
  std::string text = issues.front().field + ": " + issues.front().message;
  if (issues.size() > 1) text += " (and " + std::to_string(issues.size() - 1) + " more)";
  return text;
}
}  // namespace

InvalidRequestError::InvalidRequestError(std::vector<FieldIssue> list)
    : HubError(summarize(list)), issues(std::move(list)) {}

}  // namespace qtsc::hub
