// Validation of records before they are written. Each function returns every issue it
// finds (empty when the record is good); the store refuses the write when any is found.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "qtsc/content/errors.hpp"
#include "qtsc/content/model.hpp"

namespace qtsc::content {

// Answers whether a record of `kind` with `id` exists (in the store or in the set being
// imported); used to check references.
using ExistsFn = std::function<bool(RecordKind kind, const std::string& id)>;

std::vector<ValidationIssue> validatePark(const Park& park);
std::vector<ValidationIssue> validateCategory(RecordKind kind, const Category& category);
std::vector<ValidationIssue> validateMilestone(const Milestone& milestone);
std::vector<ValidationIssue> validatePlace(const Place& place);
std::vector<ValidationIssue> validateTenant(const Tenant& tenant, const ExistsFn& exists);
std::vector<ValidationIssue> validateExhibit(const Exhibit& exhibit, const ExistsFn& exists);
std::vector<ValidationIssue> validateItinerary(const Itinerary& itinerary, const ExistsFn& exists);
std::vector<ValidationIssue> validateWelcome(const WelcomeMessage& welcome, const ExistsFn& exists);

// The whole set: every record above plus duplicate ids within the set.
std::vector<ValidationIssue> validateSet(const ContentSet& set, const ExistsFn& existsOutsideSet);

// A record id: 1 to 64 characters of a-z, 0-9 and '-', starting with a letter or digit.
bool isValidId(std::string_view id);
inline constexpr std::size_t kMaxIdLength = 64;                        // characters
inline constexpr std::string_view kIdPattern = "[a-z0-9][a-z0-9-]*";   // the same rule for HTML forms, with kMaxIdLength
inline constexpr std::string_view kIdRule = "an id is 1 to 64 characters of a-z, 0-9 and '-'";

inline constexpr int kMaxExhibitAge = 120;  // years; an exhibit's age range lies within 0 .. this

}  // namespace qtsc::content
