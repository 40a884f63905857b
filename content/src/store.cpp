// ContentStore: reads shaped for screens, validated writes, import and export.
//
// [SECTION] Opening and rows      connection set-up, row readers
// [SECTION] Reads                 park, lists, details, home data
// [SECTION] Search
// [SECTION] Writes                one record at a time, each in its own transaction
// [SECTION] Import and export     whole ContentSets
// The session extension's declarations (sqlite3changeset_apply); Debian's libsqlite3 has it.
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "qtsc/content/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <unordered_map>

#include "codec.hpp"
#include "collation.hpp"
#include "qtsc/content/validation.hpp"
#include "schema.hpp"
#include "search_index.hpp"

namespace qtsc::content {

using codec::decodeText;
using codec::encode;

// ============================================================================================
// [SECTION] Opening and rows
// ============================================================================================

struct ContentStore::Impl {
  SQLite::Database db;
  explicit Impl(const std::string& path, int flags) : db(path, flags) {}
};

int currentSchemaVersion() { return schema::latestVersion(); }

namespace {

int openFlags(ContentStore::Mode mode) {
  return mode == ContentStore::Mode::ReadOnly ? SQLite::OPEN_READONLY
                                              : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
}

std::string text(const SQLite::Column& column) { return column.isNull() ? std::string() : column.getString(); }

// A result row read by column name. Every SELECT below is made by selectColumns() from one list of
// a table's columns, each named with AS, so a reader cannot take one column for another by
// position, and a name missing from the list fails at once (SQLite::Exception) instead.
class Row {
 public:
  explicit Row(SQLite::Statement& q) : q_(q) {}
  [[nodiscard]] std::string text(const char* column) const { return content::text(q_.getColumn(column)); }
  [[nodiscard]] LocalizedText localized(const char* column) const { return decodeText(text(column)); }
  [[nodiscard]] int integer(const char* column) const { return q_.getColumn(column).getInt(); }
  [[nodiscard]] double real(const char* column) const { return q_.getColumn(column).getDouble(); }
  [[nodiscard]] bool flag(const char* column) const { return integer(column) != 0; }

 private:
  SQLite::Statement& q_;
};

// "SELECT <q>"a" AS "a", ... FROM <from>": `qualifier` is a table alias with its dot, or
// empty; an entry holding a space is an expression "EXPR AS name", taken as it is.
std::string selectColumns(std::initializer_list<const char*> columns, const std::string& from,
                   const std::string& qualifier = {}) {
  std::string sql = "SELECT ";
  bool first = true;
  for (const std::string column : columns) {
    sql += first ? "" : ", ";
    first = false;
    sql += column.find(' ') != std::string::npos ? column
                                                 : qualifier + "\"" + column + "\" AS \"" + column + "\"";
  }
  return sql + " FROM " + from;
}

// Lists in English sort by the English names; every other language by the Vietnamese ones.
const char* sortKeyColumn(const std::string& language) { return language == "en" ? "sort_key_en" : "sort_key"; }

std::vector<std::string> splitList(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    auto end = joined.find(',', start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Milestone readMilestone(SQLite::Statement& q) {
  const Row r(q);
  Milestone m;
  m.id = r.text("id");
  m.date = PartialDate::parse(r.text("date")).value_or(PartialDate{});
  m.title = r.localized("title");
  m.body = r.localized("body");
  m.gallery = codec::decodeGallery(r.text("gallery"));
  m.source = r.text("source");
  m.reportedOn = PartialDate::parse(r.text("reported_on")).value_or(PartialDate{});
  return m;
}
const std::string kMilestoneColumns =
    selectColumns({"id", "date", "title", "body", "gallery", "source", "reported_on"}, "milestone");

Place readPlace(SQLite::Statement& q) {
  const Row r(q);
  Place p;
  p.id = r.text("id");
  p.kind = placeKindFromString(r.text("kind")).value_or(PlaceKind::Building);
  p.name = r.localized("name");
  p.description = r.localized("description");
  p.position = {r.real("x"), r.real("y")};
  p.gallery = codec::decodeGallery(r.text("gallery"));
  p.source = r.text("source");
  p.sample = r.flag("sample");
  p.quotes = codec::decodeQuotes(r.text("quotes"));
  return p;
}
const std::string kPlaceColumns =
    selectColumns({"id", "kind", "name", "description", "x", "y", "gallery", "source", "sample", "quotes"}, "place");

const std::string kTenantSummaryColumns =
    selectColumns({"id", "kind", "name", "place_id", "floor", "sample",
            "(SELECT group_concat(sector_id) FROM (SELECT sector_id FROM tenant_sector s "
            "WHERE s.tenant_id = t.id ORDER BY position)) AS sectors"},
           "tenant t", "t.");

TenantSummary readTenantSummary(SQLite::Statement& q) {
  const Row r(q);
  TenantSummary t;
  t.id = r.text("id");
  t.name = r.localized("name");
  t.placeId = r.text("place_id");
  t.floor = r.text("floor");
  t.sample = r.flag("sample");
  t.kind = tenantKindFromString(r.text("kind")).value_or(TenantKind::Company);
  t.sectors = splitList(r.text("sectors"));
  return t;
}

const std::string kTenantColumns = selectColumns(
    {"id", "kind", "name", "description", "place_id", "floor", "logo", "website", "contact", "source", "sample"}, "tenant");

Exhibit readExhibit(SQLite::Statement& q) {
  const Row r(q);
  Exhibit e;
  e.id = r.text("id");
  e.themeId = r.text("theme_id");
  e.name = r.localized("name");
  e.ageMin = r.integer("age_min");
  e.ageMax = r.integer("age_max");
  e.what = r.localized("what");
  e.how = r.localized("how");
  e.steps = codec::decodeSteps(r.text("steps"));
  e.quiz = codec::decodeQuiz(r.text("quiz"));
  e.gallery = codec::decodeGallery(r.text("gallery"));
  e.sample = r.flag("sample");
  return e;
}
const std::string kExhibitColumns = selectColumns(
    {"id", "theme_id", "name", "age_min", "age_max", "what", "how", "steps", "quiz", "gallery", "sample"}, "exhibit");

const std::string kItineraryColumns = selectColumns(
    {"id", "delegation", "origin", "date", "start", "end", "day_part", "host", "summary", "gallery", "source", "sample",
     "reported_on", "also_present", "unordered"},
    "itinerary");

Itinerary readItinerary(SQLite::Statement& q) {
  const Row r(q);
  Itinerary i;
  i.id = r.text("id");
  i.delegation = r.localized("delegation");
  i.origin = r.localized("origin");
  i.date = r.text("date");
  i.start = r.text("start");
  i.end = r.text("end");
  i.dayPart = dayPartFromString(r.text("day_part")).value_or(DayPart::Unknown);
  i.host = r.localized("host");
  i.summary = r.localized("summary");
  i.gallery = codec::decodeGallery(r.text("gallery"));
  i.source = r.text("source");
  i.reportedOn = r.text("reported_on");
  i.alsoPresent = r.localized("also_present");
  i.unordered = r.flag("unordered");
  i.sample = r.flag("sample");
  return i;
}

const std::string kTourStopColumns = selectColumns({"place_id", "start", "end", "activity"}, "tour_stop");

WelcomeMessage readWelcome(SQLite::Statement& q) {
  const Row r(q);
  WelcomeMessage w;
  w.id = r.text("id");
  w.itineraryId = r.text("itinerary_id");
  w.startsAt = r.text("starts_at");
  w.endsAt = r.text("ends_at");
  w.text = r.localized("text");
  w.groups = nlohmann::json::parse(r.text("groups")).get<std::vector<std::string>>();
  w.kiosks = nlohmann::json::parse(r.text("kiosks")).get<std::vector<std::string>>();
  w.sample = r.flag("sample");
  return w;
}
const std::string kWelcomeColumns =
    selectColumns({"id", "itinerary_id", "starts_at", "ends_at", "text", "groups", "kiosks", "sample"}, "welcome");

// The walking paths' points and segments are JSON lists in their one row:
// [{"id": "p1", "x": 10, "y": 20}, ...] and [{"from": "p1", "to": "p2"}, ...].
std::string encodePoints(const std::vector<PathPoint>& points) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : points) list.push_back({{"id", p.id}, {"x", p.position.x}, {"y", p.position.y}});
  return list.dump();
}
std::string encodeSegments(const std::vector<PathSegment>& segments) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : segments) list.push_back({{"from", s.from}, {"to", s.to}});
  return list.dump();
}
PathNetwork readPaths(SQLite::Statement& q) {
  const Row r(q);
  PathNetwork n;
  n.mapWidthMetres = r.integer("map_width_metres");
  for (const auto& p : nlohmann::json::parse(r.text("points")))
    n.points.push_back({p.at("id").get<std::string>(), {p.at("x").get<double>(), p.at("y").get<double>()}});
  for (const auto& s : nlohmann::json::parse(r.text("segments")))
    n.segments.push_back({s.at("from").get<std::string>(), s.at("to").get<std::string>()});
  n.source = r.text("source");
  n.sample = r.flag("sample");
  return n;
}
const std::string kPathsColumns =
    selectColumns({"map_width_metres", "points", "segments", "source", "sample"}, "paths");

KioskProfile readProfile(SQLite::Statement& q) {
  const Row r(q);
  KioskProfile k;
  k.id = r.text("id");
  k.name = r.localized("name");
  k.group = r.text("kiosk_group");
  k.position = {r.real("x"), r.real("y")};
  k.facing = r.integer("facing");
  k.startSection = r.text("start_section");
  k.homeSections = nlohmann::json::parse(r.text("home_sections")).get<std::vector<std::string>>();
  k.idleTimeout = r.integer("idle_timeout");
  k.opens = r.text("opens");
  k.closes = r.text("closes");
  k.kiosks = nlohmann::json::parse(r.text("kiosks")).get<std::vector<std::string>>();
  k.sample = r.flag("sample");
  return k;
}
const std::string kProfileColumns =
    selectColumns({"id", "name", "kiosk_group", "x", "y", "facing", "start_section", "home_sections",
                   "idle_timeout", "opens", "closes", "kiosks", "sample"},
                  "profile");

template <typename T, typename Reader>
std::vector<T> readAll(SQLite::Database& db, const std::string& sql, Reader read,
                       const std::vector<std::string>& binds = {}) {
  SQLite::Statement q(db, sql);
  for (std::size_t i = 0; i < binds.size(); ++i) q.bind(static_cast<int>(i + 1), binds[i]);
  std::vector<T> out;
  while (q.executeStep()) out.push_back(read(q));
  return out;
}

template <typename T>
std::optional<T> firstOf(std::vector<T> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<Category> readCategories(SQLite::Database& db, const char* kind) {
  return readAll<Category>(
      db, selectColumns({"id", "name", "sample"}, "category") + " WHERE kind = ?1 ORDER BY sample, id",
      [](SQLite::Statement& q) {
        const Row r(q);
        return Category{r.text("id"), r.localized("name"), r.flag("sample")};
      },
      {kind});
}

}  // namespace

ContentStore::ContentStore(const std::string& path, Mode mode) : path_(path) {
  // SQLite names these cases "disk I/O error" or "unable to open database file".
  std::error_code fsError;
  if (path != ":memory:" && std::filesystem::is_directory(path, fsError))
    throw ContentError("the content database '" + path + "' is a folder, not a database file");
  if (mode == Mode::ReadOnly && path != ":memory:" && !std::filesystem::exists(path, fsError))
    throw ContentError("the content database '" + path + "' does not exist");
  try {
    impl_ = std::make_unique<Impl>(path, openFlags(mode));
    impl_->db.exec("PRAGMA foreign_keys = ON");
    if (mode == Mode::ReadWrite) {
      registerSearchFunctions(impl_->db);
      schema::migrate(impl_->db, schema::latestVersion());
    } else {
      const int found = schema::versionOf(impl_->db);
      if (found > schema::latestVersion()) throw SchemaTooNewError(found, schema::latestVersion());
      if (found == 0)
        throw ContentError("the content database '" + path + "' is " +
                           (impl_->db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() == 0
                                ? "empty: it holds no content"
                                : "not a content database: it has no content schema"));
      if (found < schema::latestVersion())
        throw ContentError("the content database '" + path + "' has schema version " +
                           std::to_string(found) + " and must be upgraded by opening it for writing");
    }
  } catch (const SQLite::Exception& e) {
    throw ContentError("cannot open the content database '" + path + "': " + e.what());
  }
}

ContentStore::~ContentStore() = default;
ContentStore::ContentStore(ContentStore&&) noexcept = default;
ContentStore& ContentStore::operator=(ContentStore&&) noexcept = default;

int ContentStore::schemaVersion() const { return schema::versionOf(impl_->db); }

std::optional<std::string> ContentStore::integrityProblem(int maxFindings) const {
  // Each finding is a row of its own (and one row may hold several lines).
  SQLite::Statement check(impl_->db, "PRAGMA quick_check(" + std::to_string(std::max(1, maxFindings)) + ")");
  std::string verdict;
  while (check.executeStep()) verdict += (verdict.empty() ? "" : "\n") + check.getColumn(0).getString();
  if (verdict == "ok") return std::nullopt;
  return verdict;
}

void ContentStore::copyTo(const std::filesystem::path& target) const {
  SQLite::Statement copy(impl_->db, "VACUUM INTO ?");
  copy.bind(1, target.string());
  copy.exec();
}

std::map<std::string, std::set<std::string>> ContentStore::tableColumns() const {
  std::map<std::string, std::set<std::string>> tables;
  SQLite::Statement list(impl_->db,
                         "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  while (list.executeStep()) {
    const std::string table = list.getColumn(0).getString();
    auto& columns = tables[table];
    SQLite::Statement info(impl_->db, "SELECT name FROM pragma_table_info(?1)");
    info.bind(1, table);
    while (info.executeStep()) columns.insert(info.getColumn(0).getString());
  }
  return tables;
}

namespace {
int abortOnConflict(void*, int, sqlite3_changeset_iter*) { return SQLITE_CHANGESET_ABORT; }
}  // namespace

void ContentStore::applyChangeset(std::string_view changeset) {
  SQLite::Transaction transaction(impl_->db);
  // Changesets are at most a few MB; a larger one would not be published (the snapshot wins).
  const int rc = sqlite3changeset_apply(impl_->db.getHandle(), static_cast<int>(changeset.size()),
                                        const_cast<char*>(changeset.data()), nullptr, abortOnConflict, nullptr);
  if (rc != SQLITE_OK)
    throw ChangesetConflictError(std::string("the changeset does not apply to this version of the content: ") +
                                 sqlite3_errstr(rc));
  transaction.commit();
}

void ContentStore::rebuildSearch() {
  SQLite::Transaction transaction(impl_->db);
  rebuildSearchIndex(impl_->db);
  transaction.commit();
}

long long ContentStore::contentVersion() const {
  SQLite::Statement q(impl_->db, "SELECT value FROM meta WHERE key = 'content_version'");
  return q.executeStep() ? std::stoll(q.getColumn(0).getString()) : 0;
}

void ContentStore::setContentVersion(long long version) {
  SQLite::Statement q(impl_->db,
                      "INSERT INTO meta(key, value) VALUES('content_version', ?1) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  q.bind(1, std::to_string(version));
  q.exec();
}

// ============================================================================================
// [SECTION] Reads
// ============================================================================================

Park ContentStore::park() const {
  auto& db = impl_->db;
  Park park;
  SQLite::Statement q(db, selectColumns({"name", "short_name", "summary"}, "park") + " WHERE id = 1");
  if (q.executeStep()) {
    const Row r(q);
    park.name = r.localized("name");
    park.shortName = r.localized("short_name");
    park.summary = r.localized("summary");
  }
  park.facts = readAll<ParkFact>(
      db, selectColumns({"id", "label", "value", "source", "as_of"}, "park_fact") + " ORDER BY position",
      [](SQLite::Statement& row) {
        const Row r(row);
        return ParkFact{r.text("id"), r.localized("label"), r.localized("value"), r.text("source"), r.integer("as_of")};
      });
  park.chain = readAll<ChainMember>(
      db, selectColumns({"id", "name", "location", "official", "source", "as_of"}, "chain_member") + " ORDER BY position",
      [](SQLite::Statement& row) {
        const Row r(row);
        return ChainMember{r.text("id"),     r.localized("name"),  r.localized("location"),
                           r.flag("official"), r.text("source"), r.integer("as_of")};
      });
  return park;
}

HomeData ContentStore::homeData(const std::string& nowIsoDateTime, std::string_view kioskId, std::string_view group) const {
  auto& db = impl_->db;
  HomeData home;
  home.park = park();
  home.welcome = welcomeActiveAt(nowIsoDateTime, kioskId, group);
  home.highlights = milestones();
  auto count = [&db](const char* table) {
    return db.execAndGet(std::string("SELECT count(*) FROM (SELECT 1 FROM ") + table + " LIMIT " +
                         std::to_string(HomeData::kCountCap + 1) + ")")
        .getInt();
  };
  home.tenantCount = count("tenant WHERE sample = 0");
  home.placeCount = count("place WHERE sample = 0");
  home.exhibitCount = count("exhibit WHERE sample = 0");
  home.itineraryCount = count("itinerary WHERE sample = 0");
  home.sampleTenantCount = count("tenant WHERE sample = 1");
  home.samplePlaceCount = count("place WHERE sample = 1");
  home.sampleExhibitCount = count("exhibit WHERE sample = 1");
  home.sampleItineraryCount = count("itinerary WHERE sample = 1");
  return home;
}

// Real categories before samples (the directory's chips list them in this order), each by id.
std::vector<Category> ContentStore::sectors() const { return readCategories(impl_->db, "sector"); }
std::vector<Category> ContentStore::themes() const { return readCategories(impl_->db, "theme"); }

std::vector<Milestone> ContentStore::milestones() const {
  return readAll<Milestone>(impl_->db, kMilestoneColumns + " ORDER BY date, id", readMilestone);
}

std::optional<Milestone> ContentStore::milestone(const std::string& id) const {
  return firstOf(readAll<Milestone>(impl_->db, kMilestoneColumns + " WHERE id = ?1",
                                    readMilestone, {id}));
}

std::vector<Place> ContentStore::places() const {
  return readAll<Place>(impl_->db, kPlaceColumns + " ORDER BY sample, id", readPlace);
}

std::optional<Place> ContentStore::place(const std::string& id) const {
  return firstOf(readAll<Place>(impl_->db, kPlaceColumns + " WHERE id = ?1", readPlace, {id}));
}

namespace {
// WHERE clause and binds for a tenant filter.
std::pair<std::string, std::vector<std::string>> tenantWhere(const TenantFilter& filter) {
  std::string where;
  std::vector<std::string> binds;
  auto add = [&](const std::string& clause, const std::string& value) {
    where += (where.empty() ? " WHERE " : " AND ") + clause;
    binds.push_back(value);
  };
  // EXISTS rather than IN: the listing then walks tenant_by_name in display order and stops
  // at the page's end instead of sorting every tenant of the sector.
  if (!filter.sectorId.empty())
    add("EXISTS (SELECT 1 FROM tenant_sector s WHERE s.tenant_id = t.id AND s.sector_id = ?" +
            std::to_string(binds.size() + 1) + ")",
        filter.sectorId);
  if (!filter.placeId.empty()) add("t.place_id = ?" + std::to_string(binds.size() + 1), filter.placeId);
  return {where, binds};
}
}  // namespace

std::vector<TenantSummary> ContentStore::tenants(const TenantFilter& filter) const {
  auto [where, binds] = tenantWhere(filter);
  return readAll<TenantSummary>(
      impl_->db,
      kTenantSummaryColumns + where + " ORDER BY t.sample, t." + sortKeyColumn(filter.language) + ", t.id LIMIT " +
          std::to_string(std::max(0, filter.limit)) + " OFFSET " + std::to_string(std::max(0, filter.offset)),
      readTenantSummary, binds);
}

int ContentStore::tenantCount(const TenantFilter& filter) const {
  auto [where, binds] = tenantWhere(filter);
  SQLite::Statement q(impl_->db, "SELECT count(*) FROM tenant t" + where);
  for (std::size_t i = 0; i < binds.size(); ++i) q.bind(static_cast<int>(i + 1), binds[i]);
  q.executeStep();
  return q.getColumn(0).getInt();
}

std::vector<TenantSummary> ContentStore::tenantsInBuilding(const std::string& placeId,
                                                           const std::string& language) const {
  return readAll<TenantSummary>(
      impl_->db,
      kTenantSummaryColumns + " WHERE t.place_id = ?1 ORDER BY t.sample, t." + sortKeyColumn(language) + ", t.id",
      readTenantSummary, {placeId});
}

std::vector<TenantSummary> ContentStore::tenantSummaries(const std::vector<std::string>& ids) const {
  if (ids.empty()) return {};
  std::vector<TenantSummary> found = readAll<TenantSummary>(
      impl_->db, kTenantSummaryColumns + " WHERE t.id IN (SELECT value FROM json_each(?1))", readTenantSummary,
      {nlohmann::json(ids).dump()});
  std::unordered_map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < found.size(); ++i) at.emplace(found[i].id, i);
  std::vector<TenantSummary> ordered;
  ordered.reserve(found.size());
  for (const auto& id : ids)
    if (const auto it = at.find(id); it != at.end()) ordered.push_back(found[it->second]);
  return ordered;
}

std::optional<Tenant> ContentStore::tenant(const std::string& id) const {
  SQLite::Statement q(impl_->db, kTenantColumns + " WHERE id = ?1");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  const Row r(q);
  Tenant t;
  t.id = r.text("id");
  t.kind = tenantKindFromString(r.text("kind")).value_or(TenantKind::Company);
  t.name = r.localized("name");
  t.description = r.localized("description");
  t.placeId = r.text("place_id");
  t.floor = r.text("floor");
  t.logo = r.text("logo");
  t.website = r.text("website");
  t.contact = r.text("contact");
  t.source = r.text("source");
  t.sample = r.flag("sample");
  t.sectors = readAll<std::string>(
      impl_->db, selectColumns({"sector_id"}, "tenant_sector") + " WHERE tenant_id = ?1 ORDER BY position",
      [](SQLite::Statement& s) { return Row(s).text("sector_id"); }, {id});
  return t;
}

std::vector<Exhibit> ContentStore::exhibits() const {
  return readAll<Exhibit>(impl_->db, kExhibitColumns + " ORDER BY theme_id, sample, id", readExhibit);
}

std::vector<Exhibit> ContentStore::exhibitsOfTheme(const std::string& themeId) const {
  return readAll<Exhibit>(impl_->db, kExhibitColumns + " WHERE theme_id = ?1 ORDER BY sample, id",
                          readExhibit, {themeId});
}

std::optional<Exhibit> ContentStore::exhibit(const std::string& id) const {
  return firstOf(readAll<Exhibit>(impl_->db, kExhibitColumns + " WHERE id = ?1", readExhibit, {id}));
}

std::vector<TourStop> ContentStore::stopsOf(const std::string& itineraryId) const {
  return readAll<TourStop>(
      impl_->db,
      kTourStopColumns + " WHERE itinerary_id = ?1 ORDER BY position",
      [](SQLite::Statement& q) {
        const Row r(q);
        return TourStop{r.text("place_id"), r.text("start"), r.text("end"), r.localized("activity")};
      },
      {itineraryId});
}

namespace {
std::vector<Itinerary> readItineraries(const ContentStore& store, SQLite::Database& db,
                                       const std::string& sql, const std::vector<std::string>& binds) {
  auto list = readAll<Itinerary>(db, sql, readItinerary, binds);
  for (auto& itinerary : list) itinerary.stops = store.stopsOf(itinerary.id);
  return list;
}
}  // namespace

std::vector<Itinerary> ContentStore::itineraries() const {
  return readItineraries(*this, impl_->db, kItineraryColumns + " ORDER BY date DESC, start", {});
}

std::vector<Itinerary> ContentStore::itinerariesOn(const std::string& isoDate) const {
  return readItineraries(*this, impl_->db, kItineraryColumns + " WHERE date = ?1 ORDER BY start",
                         {isoDate});
}

std::vector<Itinerary> ContentStore::itinerariesFrom(const std::string& isoDate) const {
  return readItineraries(*this, impl_->db,
                         kItineraryColumns + " WHERE date >= ?1 ORDER BY date, start", {isoDate});
}

std::vector<Itinerary> ContentStore::itinerariesBefore(const std::string& isoDate) const {
  return readItineraries(*this, impl_->db,
                         kItineraryColumns + " WHERE date < ?1 ORDER BY date DESC, start",
                         {isoDate});
}

std::optional<Itinerary> ContentStore::itinerary(const std::string& id) const {
  return firstOf(readItineraries(*this, impl_->db, kItineraryColumns + " WHERE id = ?1", {id}));
}

std::vector<WelcomeMessage> ContentStore::welcomes() const {
  return readAll<WelcomeMessage>(impl_->db, kWelcomeColumns + " ORDER BY starts_at", readWelcome);
}

std::optional<WelcomeMessage> ContentStore::welcomeActiveAt(const std::string& isoDateTime, std::string_view kioskId,
                                                            std::string_view group) const {
  // Of the windows open now for this kiosk, the one that opened most recently wins.
  for (auto& w : readAll<WelcomeMessage>(impl_->db,
                                         kWelcomeColumns + " WHERE starts_at <= ?1 AND ends_at > ?1 ORDER BY starts_at DESC, id",
                                         readWelcome, {isoDateTime}))
    if (w.isFor(kioskId, group)) return std::move(w);
  return std::nullopt;
}

PathNetwork ContentStore::paths() const {
  auto rows = readAll<PathNetwork>(impl_->db, kPathsColumns + " WHERE id = 1", readPaths);
  return rows.empty() ? PathNetwork{} : std::move(rows.front());
}

std::vector<KioskProfile> ContentStore::profiles() const {
  return readAll<KioskProfile>(impl_->db, kProfileColumns + " ORDER BY id", readProfile);
}

std::optional<KioskProfile> ContentStore::profile(const std::string& id) const {
  return firstOf(readAll<KioskProfile>(impl_->db, kProfileColumns + " WHERE id = ?1", readProfile, {id}));
}

namespace {
SourceDocument readSource(SQLite::Statement& q) {
  const Row r(q);
  SourceDocument s;
  s.id = r.text("id");
  s.title = r.text("title");
  s.publisher = r.localized("publisher");
  s.author = r.text("author");
  s.date = PartialDate::parse(r.text("date")).value_or(PartialDate{});
  s.language = r.text("language");
  s.link = r.text("link");
  s.note = r.localized("note");
  s.unconfirmedNames = codec::decodeNames(r.text("unconfirmed_names"));
  return s;
}
const std::string kSourceColumns = selectColumns(
    {"id", "title", "publisher", "author", "date", "language", "link", "note", "unconfirmed_names"}, "source");
}  // namespace

std::vector<SourceDocument> ContentStore::sourceDocuments() const {
  return readAll<SourceDocument>(impl_->db, kSourceColumns + " ORDER BY id", readSource);
}

std::optional<SourceDocument> ContentStore::sourceDocument(const std::string& id) const {
  return firstOf(readAll<SourceDocument>(impl_->db, kSourceColumns + " WHERE id = ?1", readSource, {id}));
}

std::vector<SourceDocument> ContentStore::sourcesCitedBy(const std::string& source) const {
  std::vector<SourceDocument> cited;
  for (const auto& id : citedSources(source))
    if (auto document = sourceDocument(id)) cited.push_back(std::move(*document));
  return cited;
}

// ============================================================================================
// [SECTION] Search
// ============================================================================================

std::vector<SearchHit> ContentStore::search(const std::string& query, int limit) const {
  return searchIndex(impl_->db, query, limit);
}

std::vector<SearchHit> ContentStore::search(const std::string& query, int limit, const SearchScope& scope) const {
  return searchIndex(impl_->db, query, limit, scope);
}

int ContentStore::searchCount(const std::string& query, const SearchScope& scope, int cap) const {
  return countIndex(impl_->db, query, scope, cap);
}

void ContentStore::prepareSearch() const { prepareSearchIndex(impl_->db); }

// ============================================================================================
// [SECTION] Writes
// ============================================================================================

namespace {

bool exists(SQLite::Database& db, RecordKind kind, const std::string& id) {
  std::string sql;
  switch (kind) {
    case RecordKind::Sector: sql = "SELECT 1 FROM category WHERE kind = 'sector' AND id = ?1"; break;
    case RecordKind::Theme: sql = "SELECT 1 FROM category WHERE kind = 'theme' AND id = ?1"; break;
    case RecordKind::Park: return true;
    default: sql = "SELECT 1 FROM " + std::string(toString(kind)) + " WHERE id = ?1"; break;
  }
  SQLite::Statement q(db, sql);
  q.bind(1, id);
  return q.executeStep();
}

ExistsFn existsIn(SQLite::Database& db) {
  return [&db](RecordKind kind, const std::string& id) { return exists(db, kind, id); };
}

void refuseIf(std::vector<ValidationIssue> issues) {
  if (!issues.empty()) throw ValidationError(std::move(issues));
}

enum class WriteMode { Add, Update, Upsert };

void checkPresence(SQLite::Database& db, RecordKind kind, const std::string& id, WriteMode mode) {
  if (mode == WriteMode::Add && exists(db, kind, id))
    throw ValidationError({{kind, id, "id", "duplicate id: another " + std::string(toString(kind)) + " has it", "duplicate_id",
                            {{"kind", std::string(toString(kind))}}}});
  if (mode == WriteMode::Update && !exists(db, kind, id)) throw NotFoundError(kind, id);
}

void bindAll(SQLite::Statement&) {}
template <typename First, typename... Rest>
void bindAll(SQLite::Statement& q, const First& first, const Rest&... rest) {
  const int index = q.getBindParameterCount() - static_cast<int>(sizeof...(Rest));
  if constexpr (std::is_same_v<First, bool>)
    q.bind(index, first ? 1 : 0);
  else
    q.bind(index, first);
  bindAll(q, rest...);
}

template <typename... Args>
void run(SQLite::Database& db, const char* sql, const Args&... args) {
  SQLite::Statement q(db, sql);
  bindAll(q, args...);
  q.exec();
}

void writeCategory(SQLite::Database& db, const char* kind, const Category& c) {
  run(db, "INSERT OR REPLACE INTO category(kind, id, name, sample) VALUES(?, ?, ?, ?)", std::string(kind), c.id,
      encode(c.name), c.sample);
}

void writeSourceRow(SQLite::Database& db, const SourceDocument& s) {
  run(db,
      "INSERT OR REPLACE INTO source(id, title, publisher, author, date, language, link, note, unconfirmed_names) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
      s.id, s.title, encode(s.publisher), s.author, s.date.year ? s.date.iso() : std::string(), s.language, s.link,
      encode(s.note), codec::encodeNames(s.unconfirmedNames));
}

void writeParkRow(SQLite::Database& db, const Park& park) {
  run(db, "INSERT OR REPLACE INTO park(id, name, short_name, summary) VALUES(1, ?, ?, ?)", encode(park.name),
      encode(park.shortName), encode(park.summary));
  db.exec("DELETE FROM park_fact; DELETE FROM chain_member;");
  for (std::size_t i = 0; i < park.facts.size(); ++i) {
    const auto& f = park.facts[i];
    run(db, "INSERT INTO park_fact(id, position, label, value, source, as_of) VALUES(?, ?, ?, ?, ?, ?)", f.id,
        static_cast<int>(i), encode(f.label), encode(f.value), f.source, f.asOf);
  }
  for (std::size_t i = 0; i < park.chain.size(); ++i) {
    const auto& m = park.chain[i];
    run(db, "INSERT INTO chain_member(id, position, name, location, official, source, as_of) VALUES(?, ?, ?, ?, ?, ?, ?)",
        m.id, static_cast<int>(i), encode(m.name), encode(m.location), m.official, m.source, m.asOf);
  }
}

// The old single-picture column keeps the first picture's name (schema version 5).
std::string firstImage(const std::vector<Picture>& gallery) {
  const auto shown = shownPictures(gallery);
  return shown.empty() ? std::string() : shown.front()->image;
}

void writeMilestoneRow(SQLite::Database& db, const Milestone& m) {
  run(db,
      "INSERT OR REPLACE INTO milestone(id, date, title, body, image, gallery, source) VALUES(?, ?, ?, ?, ?, ?, ?)",
      m.id, m.date.iso(), encode(m.title), encode(m.body), firstImage(m.gallery), codec::encodeGallery(m.gallery),
      m.source);
  run(db, "UPDATE milestone SET reported_on = ? WHERE id = ?", m.reportedOn.year ? m.reportedOn.iso() : std::string(),
      m.id);
}

void writePlaceRow(SQLite::Database& db, const Place& p) {
  // An upsert, not INSERT OR REPLACE: replacing would delete the row that tenants and
  // stops reference.
  run(db,
      "INSERT INTO place(id, kind, name, description, x, y, image, gallery, source, sample) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
      "description = excluded.description, x = excluded.x, y = excluded.y, image = excluded.image, "
      "gallery = excluded.gallery, source = excluded.source, sample = excluded.sample",
      p.id, std::string(toString(p.kind)), encode(p.name), encode(p.description), p.position.x, p.position.y,
      firstImage(p.gallery), codec::encodeGallery(p.gallery), p.source, p.sample);
  run(db, "UPDATE place SET quotes = ? WHERE id = ?", codec::encodeQuotes(p.quotes), p.id);
}

void writeTenantRow(SQLite::Database& db, const Tenant& t) {
  run(db,
      "INSERT INTO tenant(id, name, sort_key, description, place_id, floor, logo, website, contact, source, sample) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
      "sort_key = excluded.sort_key, description = excluded.description, place_id = excluded.place_id, "
      "floor = excluded.floor, logo = excluded.logo, website = excluded.website, contact = excluded.contact, "
      "source = excluded.source, sample = excluded.sample",
      t.id, encode(t.name), tenantSortKey(t.name, "vi"), encode(t.description), t.placeId, t.floor, t.logo,
      t.website, t.contact, t.source, t.sample);
  run(db, "UPDATE tenant SET kind = ?, sort_key_en = ? WHERE id = ?", std::string(toString(t.kind)),
      tenantSortKey(t.name, "en"), t.id);
  run(db, "DELETE FROM tenant_sector WHERE tenant_id = ?", t.id);
  for (std::size_t i = 0; i < t.sectors.size(); ++i)
    run(db, "INSERT OR IGNORE INTO tenant_sector(tenant_id, sector_id, position) VALUES(?, ?, ?)", t.id,
        t.sectors[i], static_cast<int>(i));
}

void writeExhibitRow(SQLite::Database& db, const Exhibit& e) {
  run(db,
      "INSERT OR REPLACE INTO exhibit(id, theme_id, name, age_min, age_max, what, how, steps, quiz, image, gallery, "
      "sample) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      e.id, e.themeId, encode(e.name), e.ageMin, e.ageMax, encode(e.what), encode(e.how),
      codec::encodeSteps(e.steps), codec::encodeQuiz(e.quiz), firstImage(e.gallery), codec::encodeGallery(e.gallery),
      e.sample);
}

void writeItineraryRow(SQLite::Database& db, const Itinerary& i) {
  run(db,
      "INSERT INTO itinerary(id, delegation, origin, date, start, \"end\", day_part, host, summary, gallery, source, "
      "sample) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
      "delegation = excluded.delegation, origin = excluded.origin, date = excluded.date, start = excluded.start, "
      "\"end\" = excluded.\"end\", day_part = excluded.day_part, host = excluded.host, "
      "summary = excluded.summary, gallery = excluded.gallery, source = excluded.source, sample = excluded.sample",
      i.id, encode(i.delegation), encode(i.origin), i.date, i.start, i.end, std::string(toString(i.dayPart)),
      encode(i.host), encode(i.summary), codec::encodeGallery(i.gallery), i.source, i.sample);
  run(db, "DELETE FROM tour_stop WHERE itinerary_id = ?", i.id);
  for (std::size_t n = 0; n < i.stops.size(); ++n) {
    const auto& s = i.stops[n];
    run(db, "INSERT INTO tour_stop(itinerary_id, position, place_id, start, \"end\", activity) VALUES(?, ?, ?, ?, ?, ?)",
        i.id, static_cast<int>(n), s.placeId, s.start, s.end, encode(s.activity));
  }
  run(db, "UPDATE itinerary SET reported_on = ?, also_present = ?, unordered = ? WHERE id = ?", i.reportedOn,
      encode(i.alsoPresent), i.unordered, i.id);
}

void writeWelcomeRow(SQLite::Database& db, const WelcomeMessage& w) {
  run(db,
      "INSERT OR REPLACE INTO welcome(id, itinerary_id, starts_at, ends_at, text, groups, kiosks, sample) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
      w.id, w.itineraryId, w.startsAt, w.endsAt, encode(w.text), nlohmann::json(w.groups).dump(),
      nlohmann::json(w.kiosks).dump(), w.sample);
}

void writePathsRow(SQLite::Database& db, const PathNetwork& n) {
  run(db,
      "INSERT OR REPLACE INTO paths(id, map_width_metres, points, segments, source, sample) VALUES(1, ?, ?, ?, ?, ?)",
      n.mapWidthMetres, encodePoints(n.points), encodeSegments(n.segments), n.source, n.sample);
}

void writeProfileRow(SQLite::Database& db, const KioskProfile& k) {
  run(db,
      "INSERT OR REPLACE INTO profile(id, name, kiosk_group, x, y, facing, start_section, home_sections, "
      "idle_timeout, opens, closes, kiosks, sample) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      k.id, encode(k.name), k.group, k.position.x, k.position.y, k.facing, k.startSection,
      nlohmann::json(k.homeSections).dump(), k.idleTimeout, k.opens, k.closes, nlohmann::json(k.kiosks).dump(), k.sample);
}

// Validates, writes and re-indexes one record in one transaction.
template <typename Record, typename Validate, typename Write>
void writeOne(SQLite::Database& db, RecordKind kind, const Record& record, WriteMode mode, Validate validate,
              Write write) {
  SQLite::Transaction transaction(db);
  checkPresence(db, kind, record.id, mode);
  refuseIf(validate(record));
  write(db, record);
  reindexRecord(db, kind, record.id);
  transaction.commit();
}

}  // namespace

void ContentStore::setPark(const Park& park) {
  refuseIf(validatePark(park, existsIn(impl_->db)));
  SQLite::Transaction transaction(impl_->db);
  writeParkRow(impl_->db, park);
  // The chain's members are found by search as part of the park record.
  reindexChain(impl_->db);
  transaction.commit();
}

void ContentStore::addSector(const Category& sector) {
  writeOne(impl_->db, RecordKind::Sector, sector, WriteMode::Add,
           [](const Category& c) { return validateCategory(RecordKind::Sector, c); },
           [](SQLite::Database& db, const Category& c) { writeCategory(db, "sector", c); });
}

void ContentStore::addTheme(const Category& theme) {
  writeOne(impl_->db, RecordKind::Theme, theme, WriteMode::Add,
           [](const Category& c) { return validateCategory(RecordKind::Theme, c); },
           [](SQLite::Database& db, const Category& c) { writeCategory(db, "theme", c); });
}

#define QTSC_DEFINE_WRITES(Name, Type, Kind, Validate, Write)                                       \
  void ContentStore::add##Name(const Type& record) {                                                \
    writeOne(impl_->db, RecordKind::Kind, record, WriteMode::Add, Validate, Write);                 \
  }                                                                                                 \
  void ContentStore::update##Name(const Type& record) {                                             \
    writeOne(impl_->db, RecordKind::Kind, record, WriteMode::Update, Validate, Write);              \
  }

// Each kind's validator, bound to this store's lookups where it checks references.
#define QTSC_WITH_REFS(fn) [this](const auto& r) { return fn(r, existsIn(impl_->db)); }

QTSC_DEFINE_WRITES(Milestone, Milestone, Milestone, QTSC_WITH_REFS(validateMilestone), writeMilestoneRow)
QTSC_DEFINE_WRITES(Place, Place, Place, QTSC_WITH_REFS(validatePlace), writePlaceRow)
QTSC_DEFINE_WRITES(Tenant, Tenant, Tenant, QTSC_WITH_REFS(validateTenant), writeTenantRow)
QTSC_DEFINE_WRITES(Exhibit, Exhibit, Exhibit, QTSC_WITH_REFS(validateExhibit), writeExhibitRow)
QTSC_DEFINE_WRITES(Itinerary, Itinerary, Itinerary, QTSC_WITH_REFS(validateItinerary), writeItineraryRow)
QTSC_DEFINE_WRITES(Welcome, WelcomeMessage, Welcome, [this](const WelcomeMessage& w) { return validateWelcomeWrite(w); },
                   writeWelcomeRow)
QTSC_DEFINE_WRITES(Source, SourceDocument, Source, [](const SourceDocument& s) { return validateSource(s); },
                   writeSourceRow)
QTSC_DEFINE_WRITES(Profile, KioskProfile, Profile, [this](const KioskProfile& k) { return validateProfileWrite(k); },
                   writeProfileRow)

#undef QTSC_WITH_REFS
#undef QTSC_DEFINE_WRITES


// A welcome on its own, and its groups against the profiles stored.
std::vector<ValidationIssue> ContentStore::validateWelcomeWrite(const WelcomeMessage& welcome) const {
  std::vector<ValidationIssue> issues = validateWelcome(welcome, existsIn(impl_->db));
  for (auto& issue : validateWelcomeGroups(welcome, profileGroups(profiles()))) issues.push_back(std::move(issue));
  return issues;
}

// A profile on its own, and against the others: a kiosk is listed by one profile at most (the
// profile written is checked last, so the issue is at its own field); a group a welcome is
// for stays the group of some profile.
std::vector<ValidationIssue> ContentStore::validateProfileWrite(const KioskProfile& profile) const {
  std::vector<ValidationIssue> issues = validateProfile(profile, paths());
  std::vector<KioskProfile> all = profiles();
  std::erase_if(all, [&](const KioskProfile& other) { return other.id == profile.id; });
  all.push_back(profile);
  for (auto& issue : validateProfileKiosks(all))
    if (issue.recordId == profile.id) issues.push_back(std::move(issue));
  for (auto& issue : groupsLeftBehind(profile.id, "group", all)) issues.push_back(std::move(issue));
  return issues;
}

// The welcomes that would be for a group no profile is in once the profiles are `after`: an
// issue at `field` of the profile `profileId` for each.
std::vector<ValidationIssue> ContentStore::groupsLeftBehind(const std::string& profileId, const std::string& field,
                                                            const std::vector<KioskProfile>& after) const {
  std::vector<ValidationIssue> issues;
  const std::set<std::string> groups = profileGroups(after);
  for (const auto& welcome : welcomes())
    for (const auto& group : welcome.groups)
      if (groups.count(group) == 0)
        issues.push_back({RecordKind::Profile, profileId, field,
                          "welcome '" + welcome.id + "' is for group '" + group +
                              "', which no other kiosk profile is in; change the welcome first",
                          "group_in_use", {{"welcome", welcome.id}, {"group", group}}});
  return issues;
}

void ContentStore::setPaths(const PathNetwork& network) {
  SQLite::Transaction transaction(impl_->db);
  std::vector<ValidationIssue> issues = validatePaths(network, places());
  for (const auto& k : profiles())
    for (auto& issue : validateProfile(k, network))
      if (issue.field == "position") issues.push_back(std::move(issue));
  refuseIf(std::move(issues));
  writePathsRow(impl_->db, network);
  transaction.commit();
}

std::vector<std::string> ContentStore::recordsCiting(const std::string& id) const {
  std::vector<std::string> citing;
  auto cites = [&id](const std::string& source) {
    const auto ids = citedSources(source);
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  // Every table with a `source` column, under the name a reader knows the record by.
  const std::pair<const char*, const char*> tables[] = {{"park_fact", "fact"}, {"milestone", "milestone"},
                                                        {"place", "place"},    {"tenant", "tenant"},
                                                        {"itinerary", "itinerary"}, {"paths", "paths"},
                                                        {"chain_member", "chain member"}};
  for (const auto& [table, name] : tables) {
    SQLite::Statement q(impl_->db, std::string("SELECT id, source FROM ") + table + " WHERE instr(source, ?1) > 0 ORDER BY id");
    q.bind(1, id);
    while (q.executeStep())
      if (cites(q.getColumn(1).getString()))
        citing.push_back(std::string(name) == "paths" ? std::string("walking paths")
                                                      : std::string(name) + " " + q.getColumn(0).getString());
  }
  for (const auto& place : places())
    for (const auto& quote : place.quotes)
      if (cites(quote.source)) {
        citing.push_back("place " + place.id + " (a quote)");
        break;
      }
  return citing;
}

void ContentStore::remove(RecordKind kind, const std::string& id) {
  auto& db = impl_->db;
  SQLite::Transaction transaction(db);
  if (!exists(db, kind, id)) throw NotFoundError(kind, id);
  if (kind == RecordKind::Source) {
    // A document still cited would leave records naming a source no one can look up.
    if (const auto citing = recordsCiting(id); !citing.empty()) {
      std::string named;
      for (std::size_t i = 0; i < citing.size() && i < 5; ++i) named += (i ? ", " : "") + citing[i];
      if (citing.size() > 5) named += " and " + std::to_string(citing.size() - 5) + " more";
      throw ValidationError(
          {{kind, id, "id", "still cited by " + named + "; change their sources first", "source_cited", {{"records", named}}}});
    }
  }
  if (kind == RecordKind::Profile) {
    std::vector<KioskProfile> after = profiles();
    std::erase_if(after, [&](const KioskProfile& k) { return k.id == id; });
    refuseIf(groupsLeftBehind(id, "id", after));
  }
  if (kind == RecordKind::Place) {
    const int users = [&] {
      SQLite::Statement q(db,
                          "SELECT (SELECT count(*) FROM tenant WHERE place_id = ?1) + "
                          "(SELECT count(*) FROM tour_stop WHERE place_id = ?1)");
      q.bind(1, id);
      q.executeStep();
      return q.getColumn(0).getInt();
    }();
    if (users > 0)
      throw ValidationError({{kind, id, "id", "still used by " + std::to_string(users) + " tenants or tour stops; move them first",
                              "record_in_use", {{"count", std::to_string(users)}}}});
  }
  unindexRecord(db, kind, id);
  switch (kind) {
    case RecordKind::Sector:
    case RecordKind::Theme: {
      SQLite::Statement q(db, "DELETE FROM category WHERE kind = ?1 AND id = ?2");
      q.bind(1, std::string(toString(kind)));
      q.bind(2, id);
      q.exec();
      if (kind == RecordKind::Sector) run(db, "DELETE FROM tenant_sector WHERE sector_id = ?", id);
      break;
    }
    case RecordKind::Park: throw ContentError("the park record cannot be removed");
    default: {
      SQLite::Statement q(db, "DELETE FROM " + std::string(toString(kind)) + " WHERE id = ?1");
      q.bind(1, id);
      q.exec();
    }
  }
  transaction.commit();
}

// ============================================================================================
// [SECTION] Import and export
// ============================================================================================

void ContentStore::import(const ContentSet& set) {
  auto& db = impl_->db;
  // A welcome's groups may be those of profiles stored and not in the set.
  std::vector<KioskProfile> profilesAfter = set.profiles;
  for (auto& stored : profiles())
    if (std::none_of(set.profiles.begin(), set.profiles.end(), [&](const KioskProfile& k) { return k.id == stored.id; }))
      profilesAfter.push_back(std::move(stored));
  std::vector<ValidationIssue> issues = validateSet(set, existsIn(db), profileGroups(profilesAfter));
  {
    // Wayfinding as it will be after the import: a new network against every place; the
    // set's places and profiles against the network they will use.
    auto add = [&issues](std::vector<ValidationIssue> found) {
      for (auto& issue : found)
        if (std::find(issues.begin(), issues.end(), issue) == issues.end()) issues.push_back(std::move(issue));
    };
    const PathNetwork network = set.paths ? *set.paths : paths();
    std::vector<Place> placesAfter = set.places;
    if (set.paths)
      for (auto& stored : places())
        if (std::none_of(set.places.begin(), set.places.end(), [&](const Place& p) { return p.id == stored.id; }))
          placesAfter.push_back(std::move(stored));
    std::vector<ValidationIssue> reached;
    for (auto& issue : validatePaths(network, placesAfter))
      if (issue.kind == RecordKind::Place) reached.push_back(std::move(issue));
    add(std::move(reached));
    for (const auto& k : set.profiles) add(validateProfile(k, network));
  }
  refuseIf(std::move(issues));
  SQLite::Transaction transaction(db);
  for (const auto& s : set.sources) writeSourceRow(db, s);
  writeParkRow(db, set.park);
  for (const auto& c : set.sectors) writeCategory(db, "sector", c);
  for (const auto& c : set.themes) writeCategory(db, "theme", c);
  for (const auto& m : set.milestones) writeMilestoneRow(db, m);
  for (const auto& p : set.places) writePlaceRow(db, p);
  for (const auto& t : set.tenants) writeTenantRow(db, t);
  for (const auto& e : set.exhibits) writeExhibitRow(db, e);
  for (const auto& i : set.itineraries) writeItineraryRow(db, i);
  for (const auto& w : set.welcomes) writeWelcomeRow(db, w);
  if (set.paths) writePathsRow(db, *set.paths);
  for (const auto& k : set.profiles) writeProfileRow(db, k);
  rebuildSearchIndex(db);
  transaction.commit();
}

ContentSet ContentStore::exportAll() const {
  ContentSet set;
  set.park = park();
  set.sources = sourceDocuments();
  set.sectors = sectors();
  set.themes = themes();
  set.milestones = milestones();
  set.places = places();
  for (const auto& summary : tenants({.sectorId = {}, .placeId = {}, .offset = 0, .limit = 1 << 30}))
    set.tenants.push_back(*tenant(summary.id));
  set.exhibits = exhibits();
  set.itineraries = itineraries();
  set.welcomes = welcomes();
  set.paths = paths();
  set.profiles = profiles();
  return set;
}

}  // namespace qtsc::content
