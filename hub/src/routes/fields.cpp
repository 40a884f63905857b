#include "routes/handlers.hpp"

#include <algorithm>

namespace qtsc::hub {

using nlohmann::json;

std::string requiredText(const json& body, const std::string& field, std::vector<FieldIssue>& issues, std::size_t maxBytes) {
  const auto it = body.find(field);
  if (it == body.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    issues.push_back({field, "is required", "field_required"});
    return {};
  }
  if (it->get_ref<const std::string&>().size() > maxBytes) {
    issues.push_back({field, "is too long (at most " + std::to_string(maxBytes) + " bytes)", "text_too_long", {{"max", std::to_string(maxBytes)}}});
    return {};
  }
  return it->get<std::string>();
}

void onlyFields(const json& body, std::initializer_list<const char*> allowed, std::vector<FieldIssue>& issues) {
  for (const auto& item : body.items()) {
    const std::string& key = item.key();  // a named reference: lambdas cannot capture a binding before C++20 in clang 14
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
      issues.push_back({key, "is not a field of this request", "request_field"});
  }
}

void refuseIfAny(const std::vector<FieldIssue>& issues) {
  if (!issues.empty()) throw InvalidRequestError(issues);
}

}  // namespace qtsc::hub
