// The JSON form of content records in the hub's API. Field names match the field names of
// content validation ("name.vi", "stops[1].place"), so one error list serves both: shape
// errors found here and rule errors found by the store arrive at the same field on the page.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "qtsc/content/errors.hpp"
#include "qtsc/content/model.hpp"
#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

nlohmann::json toJson(const content::LocalizedText& text);
nlohmann::json toJson(const content::Park& park);
nlohmann::json toJson(const content::Category& category);
nlohmann::json toJson(const content::Milestone& milestone);
nlohmann::json toJson(const content::Place& place);
nlohmann::json toJson(const content::Tenant& tenant);
nlohmann::json toJson(const content::Exhibit& exhibit);
nlohmann::json toJson(const content::Itinerary& itinerary);
nlohmann::json toJson(const content::WelcomeMessage& welcome);
nlohmann::json toJson(const content::PathNetwork& paths);
nlohmann::json toJson(const content::KioskProfile& profile);
nlohmann::json toJson(const content::SourceDocument& source);

// Each reads a request body; unknown fields and fields of the wrong type are refused with
// InvalidRequestError naming every such field. Rules (required texts, references) are the
// store's to check.
content::Park parkFromJson(const nlohmann::json& body);
content::Category categoryFromJson(const nlohmann::json& body);
content::Milestone milestoneFromJson(const nlohmann::json& body);
content::Place placeFromJson(const nlohmann::json& body);
content::Tenant tenantFromJson(const nlohmann::json& body);
content::Exhibit exhibitFromJson(const nlohmann::json& body);
content::Itinerary itineraryFromJson(const nlohmann::json& body);
content::WelcomeMessage welcomeFromJson(const nlohmann::json& body);
content::PathNetwork pathsFromJson(const nlohmann::json& body);
content::KioskProfile profileFromJson(const nlohmann::json& body);
content::SourceDocument sourceFromJson(const nlohmann::json& body);

// The store's validation issues as field issues of the API.
std::vector<FieldIssue> toFieldIssues(const std::vector<content::ValidationIssue>& issues);

}  // namespace qtsc::hub
