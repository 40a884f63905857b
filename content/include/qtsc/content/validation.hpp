// Validation of records before they are written. Each function returns every issue it
// finds (empty when the record is good); the store refuses the write when any is found.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "qtsc/content/errors.hpp"
#include "qtsc/content/model.hpp"

namespace qtsc::content {

// Answers whether a record of `kind` with `id` exists (in the store or in the set being
// imported); used to check references.
using ExistsFn = std::function<bool(RecordKind kind, const std::string& id)>;

// The documents a record's `source` names are looked up with `exists` (kind Source); without
// it (a record checked on its own) they are not.
std::vector<ValidationIssue> validatePark(const Park& park, const ExistsFn& exists = {});
std::vector<ValidationIssue> validateCategory(RecordKind kind, const Category& category);
std::vector<ValidationIssue> validateMilestone(const Milestone& milestone, const ExistsFn& exists = {});
std::vector<ValidationIssue> validatePlace(const Place& place, const ExistsFn& exists = {});
std::vector<ValidationIssue> validateSource(const SourceDocument& source);
std::vector<ValidationIssue> validateTenant(const Tenant& tenant, const ExistsFn& exists);
std::vector<ValidationIssue> validateExhibit(const Exhibit& exhibit, const ExistsFn& exists);
std::vector<ValidationIssue> validateItinerary(const Itinerary& itinerary, const ExistsFn& exists);
std::vector<ValidationIssue> validateWelcome(const WelcomeMessage& welcome, const ExistsFn& exists);
// The groups a welcome is for, against the groups the kiosk profiles have: a group no profile
// is in reaches no kiosk (a typing error, or a profile renamed since).
std::vector<ValidationIssue> validateWelcomeGroups(const WelcomeMessage& welcome, const std::set<std::string>& profileGroups);
// The walking paths: ids, positions, segments between known points, the map's scale, and
// every one of `places` reached by the network's main part (within kReachDistance).
std::vector<ValidationIssue> validatePaths(const PathNetwork& paths, const std::vector<Place>& places);
// A kiosk profile; its position must be near the main part of `paths` when the park has any.
std::vector<ValidationIssue> validateProfile(const KioskProfile& profile, const PathNetwork& paths);
// A kiosk listed by two profiles: an issue at `kiosks[i]` of each profile after the first
// that lists it, naming the kiosk and the profile that has it already.
std::vector<ValidationIssue> validateProfileKiosks(const std::vector<KioskProfile>& profiles);
inline constexpr int kMinIdleTimeout = 10;    // seconds; a profile's idle timeout is 0 (the default) or within these
inline constexpr int kMaxIdleTimeout = 3600;  // seconds
inline constexpr int kMaxMapWidthMetres = 100000;  // metres; a map wider than 100 km is a typing error

// The whole set: every record above plus duplicate ids within the set. The welcomes' groups
// are checked against `groups` (the set's profiles' groups when not given).
std::vector<ValidationIssue> validateSet(const ContentSet& set, const ExistsFn& existsOutsideSet,
                                         const std::optional<std::set<std::string>>& groups = std::nullopt);
// The groups `profiles` are in.
std::set<std::string> profileGroups(const std::vector<KioskProfile>& profiles);

// A record id: 1 to 64 characters of a-z, 0-9 and '-', starting with a letter or digit.
bool isValidId(std::string_view id);
// A kiosk's hub id, as the hub pairs it and reports name it (sync::isKioskName): 1 to 64 of
// a-z, A-Z, 0-9, '-', '_', '.'.
bool isKioskId(std::string_view id);
inline constexpr std::size_t kMaxIdLength = 64;                        // characters
inline constexpr std::string_view kIdPattern = "[a-z0-9][a-z0-9-]*";   // the same rule for HTML forms, with kMaxIdLength
inline constexpr std::string_view kIdRule = "an id is 1 to 64 characters of a-z, 0-9 and '-'";

// A picture's name: an upload ("<sha256>.jpg") or a bundled asset ("samples/place-1.png"),
// plain segments of letters, digits, '-', '_' and '.', ending in .png, .jpg or .jpeg.
bool isPictureName(std::string_view name);
inline constexpr std::size_t kMaxPictureNameLength = 200;  // characters
inline constexpr std::string_view kPictureNameRule =
    "a picture is named by its upload (\"<hash>.jpg\") or by a path of plain segments of a-z, A-Z, 0-9, '-', '_' "
    "and '.', ending in .png, .jpg or .jpeg";

inline constexpr int kMaxExhibitAge = 120;  // years; an exhibit's age range lies within 0 .. this

}  // namespace qtsc::content
