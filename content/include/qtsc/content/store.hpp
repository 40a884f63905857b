// ContentStore: the content database (SQLite through SQLiteCpp). Opening migrates an older
// schema in one transaction and refuses a newer one; every write is validated and runs in
// one transaction, so a refused write leaves the database exactly as it was.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "qtsc/content/errors.hpp"
#include "qtsc/content/model.hpp"
#include "qtsc/content/search.hpp"

namespace qtsc::content {

// A changeset made from another version of the database than the one it was applied to.
class ChangesetConflictError : public ContentError {
 public:
  using ContentError::ContentError;
};

// The schema version this build writes and reads. See schema.cpp for each step.
int currentSchemaVersion();

// A row in a list screen: enough to draw it without loading the whole record.
struct TenantSummary {
  std::string id;
  TenantKind kind = TenantKind::Company;
  LocalizedText name;
  std::vector<std::string> sectors;
  std::string placeId;
  std::string floor;
  bool sample = false;
  bool operator==(const TenantSummary&) const = default;
};

struct TenantFilter {
  std::string sectorId;  // empty: every sector
  std::string placeId;   // empty: every building
  int offset = 0;
  int limit = 100;  // rows at most
  std::string language = "vi";  // the names the list is sorted by: "en" English, any other Vietnamese
};

// What the start and home screens show, read in one go.
struct HomeData {
  Park park;
  std::optional<WelcomeMessage> welcome;  // active now
  std::vector<Milestone> highlights;      // a few milestones for the rotation
  // The park's own records; samples are counted apart, so a count never passes them off as real.
  // Counting stops past kCountCap (each count reads an index, and Home opens on every visit):
  // a count of kCountCap + 1 means "more than kCountCap".
  static constexpr int kCountCap = 1000;
  int tenantCount = 0;
  int placeCount = 0;
  int exhibitCount = 0;
  int itineraryCount = 0;
  int sampleTenantCount = 0;
  int samplePlaceCount = 0;
  int sampleExhibitCount = 0;
  int sampleItineraryCount = 0;
};

class ContentStore {
 public:
  enum class Mode { ReadOnly, ReadWrite };

  // Opens (ReadWrite: creating if missing) and migrates. `path` may be ":memory:".
  // Throws SchemaTooNewError, or ContentError naming the file when it cannot be opened.
  explicit ContentStore(const std::string& path, Mode mode = Mode::ReadWrite);
  ~ContentStore();
  ContentStore(ContentStore&&) noexcept;
  ContentStore& operator=(ContentStore&&) noexcept;
  ContentStore(const ContentStore&) = delete;
  ContentStore& operator=(const ContentStore&) = delete;

  [[nodiscard]] int schemaVersion() const;
  [[nodiscard]] const std::string& path() const { return path_; }
  // The content version published into this database (0 for a database never published).
  [[nodiscard]] long long contentVersion() const;
  void setContentVersion(long long version);
  // Rebuilds the search index from the stored records. Needed after changes that bypass the
  // store's writes, such as a sync changeset (FTS5 tables are not part of changesets).
  void rebuildSearch();

  // ---- The database as a whole (sync, the hub, the kiosk's start-up check) ----------
  // SQLite's quick integrity check: nothing when the file is sound, else up to
  // `maxFindings` of its findings, one a line.
  [[nodiscard]] std::optional<std::string> integrityProblem(int maxFindings = 1) const;
  // A consistent, compacted copy at `target` (VACUUM INTO), taken while others may read.
  // `target` must not exist. A copy that cannot be written throws SQLite's error (a
  // std::runtime_error): it is the disk's fault, not the content's.
  void copyTo(const std::filesystem::path& target) const;
  // Every table (SQLite's own left out) with the names of its columns.
  [[nodiscard]] std::map<std::string, std::set<std::string>> tableColumns() const;
  // Applies an SQLite session changeset in one transaction. A conflict (this database is
  // not exactly the one the changeset was made from) or bytes that are not a changeset keep
  // nothing of it and throw ChangesetConflictError. The search index is not carried by changesets: rebuildSearch().
  void applyChangeset(std::string_view changeset);

  // ---- Reads shaped for screens ------------------------------------------------------
  [[nodiscard]] Park park() const;
  // Home at `nowIsoDateTime` (park time) for the kiosk `kioskId` (its hub id; empty: not
  // paired) whose profile is in `group` (empty: none): the welcome is the one for it.
  [[nodiscard]] HomeData homeData(const std::string& nowIsoDateTime, std::string_view kioskId = {},
                                  std::string_view group = {}) const;
  [[nodiscard]] std::vector<Category> sectors() const;
  [[nodiscard]] std::vector<Category> themes() const;
  [[nodiscard]] std::vector<Milestone> milestones() const;  // by date
  [[nodiscard]] std::optional<Milestone> milestone(const std::string& id) const;
  [[nodiscard]] std::vector<Place> places() const;
  [[nodiscard]] std::optional<Place> place(const std::string& id) const;
  [[nodiscard]] std::vector<TenantSummary> tenants(const TenantFilter& filter) const;  // by name
  [[nodiscard]] int tenantCount(const TenantFilter& filter) const;
  [[nodiscard]] std::vector<TenantSummary> tenantsInBuilding(const std::string& placeId,
                                                             const std::string& language = "vi") const;
  [[nodiscard]] std::optional<Tenant> tenant(const std::string& id) const;
  // The list rows of the tenants `ids`, in that order, in one read (a search's best matches);
  // an id that names no tenant is left out.
  [[nodiscard]] std::vector<TenantSummary> tenantSummaries(const std::vector<std::string>& ids) const;
  [[nodiscard]] std::vector<Exhibit> exhibits() const;  // by theme, then name
  [[nodiscard]] std::vector<Exhibit> exhibitsOfTheme(const std::string& themeId) const;
  [[nodiscard]] std::optional<Exhibit> exhibit(const std::string& id) const;
  [[nodiscard]] std::vector<Itinerary> itineraries() const;  // newest date first
  [[nodiscard]] std::vector<Itinerary> itinerariesOn(const std::string& isoDate) const;
  [[nodiscard]] std::vector<Itinerary> itinerariesFrom(const std::string& isoDate) const;   // upcoming
  [[nodiscard]] std::vector<Itinerary> itinerariesBefore(const std::string& isoDate) const; // past
  [[nodiscard]] std::optional<Itinerary> itinerary(const std::string& id) const;
  [[nodiscard]] std::vector<TourStop> stopsOf(const std::string& itineraryId) const;
  [[nodiscard]] std::vector<WelcomeMessage> welcomes() const;
  // The welcome open at `isoDateTime` for that kiosk: of several, the one that opened last.
  [[nodiscard]] std::optional<WelcomeMessage> welcomeActiveAt(const std::string& isoDateTime, std::string_view kioskId = {},
                                                              std::string_view group = {}) const;
  // The documents the content cites (by id), and those a record's `source` names, in its order
  // (an id that names no document is left out).
  [[nodiscard]] std::vector<SourceDocument> sourceDocuments() const;
  [[nodiscard]] std::optional<SourceDocument> sourceDocument(const std::string& id) const;
  [[nodiscard]] std::vector<SourceDocument> sourcesCitedBy(const std::string& source) const;
  // ---- Wayfinding ------------------------------------------------------------------------
  [[nodiscard]] PathNetwork paths() const;  // empty until the park has drawn its paths
  [[nodiscard]] std::vector<KioskProfile> profiles() const;  // by id
  [[nodiscard]] std::optional<KioskProfile> profile(const std::string& id) const;

  // ---- Search ------------------------------------------------------------------------
  [[nodiscard]] std::vector<SearchHit> search(const std::string& query, int limit = 20) const;
  // Only what `scope` allows is ranked and limited (see SearchScope).
  [[nodiscard]] std::vector<SearchHit> search(const std::string& query, int limit, const SearchScope& scope) const;
  // The number of records search() finds in `scope` with no limit, counting at most `cap`
  // (a list that says "99+" asks for 100).
  [[nodiscard]] int searchCount(const std::string& query, const SearchScope& scope, int cap) const;
  // Reads once what the first searches of this store would otherwise each wait for (tens of
  // milliseconds per first letter at 100,000 tenants); a kiosk calls it before visitors type.
  void prepareSearch() const;

  // ---- Writes for authoring ---------------------------------------------------------
  // add* refuses an id that exists, update* one that does not; both validate first.
  void setPark(const Park& park);
  void addSector(const Category& sector);
  void addTheme(const Category& theme);
  void addMilestone(const Milestone& milestone);
  void updateMilestone(const Milestone& milestone);
  void addPlace(const Place& place);
  void updatePlace(const Place& place);
  void addTenant(const Tenant& tenant);
  void updateTenant(const Tenant& tenant);
  void addExhibit(const Exhibit& exhibit);
  void updateExhibit(const Exhibit& exhibit);
  void addItinerary(const Itinerary& itinerary);
  void updateItinerary(const Itinerary& itinerary);
  // The documents records cite (remove(RecordKind::Source, id) refuses one that is still cited).
  void addSource(const SourceDocument& source);
  void updateSource(const SourceDocument& source);
  // The records whose `source` (or a place's quote) cites document `id`, as "kind id"
  // ("milestone 2001-founded", "fact area"); empty when none does.
  [[nodiscard]] std::vector<std::string> recordsCiting(const std::string& id) const;
  void addWelcome(const WelcomeMessage& welcome);
  void updateWelcome(const WelcomeMessage& welcome);
  // Replaces the whole network; refuses one that leaves a stored place unreached.
  void setPaths(const PathNetwork& paths);
  void addProfile(const KioskProfile& profile);     // checked against the stored paths
  void updateProfile(const KioskProfile& profile);
  // Refuses to remove a place that tenants or stops still use.
  void remove(RecordKind kind, const std::string& id);

  // Replaces or adds everything in `set` in one transaction after validating all of it
  // (references may point within the set or at records already stored).
  void import(const ContentSet& set);
  // Everything stored, as a ContentSet (export, publishing, round trips).
  [[nodiscard]] ContentSet exportAll() const;

 private:
  [[nodiscard]] std::vector<ValidationIssue> validateProfileWrite(const KioskProfile& profile) const;
  [[nodiscard]] std::vector<ValidationIssue> validateWelcomeWrite(const WelcomeMessage& welcome) const;
  [[nodiscard]] std::vector<ValidationIssue> groupsLeftBehind(const std::string& profileId, const std::string& field,
                                                              const std::vector<KioskProfile>& after) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

}  // namespace qtsc::content
