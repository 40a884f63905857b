#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "qtsc/content/store.hpp"
#include "qtsc/content/validation.hpp"
#include "test_support.hpp"

using namespace qtsc::content;
using qtsc::testing::smallPark;

namespace {
// The one issue a refused write reports, or fails the test.
ValidationIssue refusal(const std::function<void()>& write) {
  try {
    write();
  } catch (const ValidationError& e) {
    REQUIRE(e.issues.size() >= 1);
    return e.issues.front();
  }
  FAIL("the write was accepted");
  return {};
}
}  // namespace

TEST_CASE("missing text in the default language names record and field", "[validation]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  Tenant t = *store.tenant("tma-solutions");
  t.id = "nameless";
  t.name = LocalizedText{};
  t.name.set("en", "English only");
  auto issue = refusal([&] { store.addTenant(t); });
  CHECK(issue.kind == RecordKind::Tenant);
  CHECK(issue.recordId == "nameless");
  CHECK(issue.field == "name.vi");
  CHECK(issue.describe().find("tenant 'nameless' field 'name.vi'") == 0);
  CHECK_FALSE(store.tenant("nameless"));
}

TEST_CASE("a stop at an unknown place is refused", "[validation]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  auto visit = *store.itinerary("visit");
  visit.stops[1].placeId = "atlantis";
  auto issue = refusal([&] { store.updateItinerary(visit); });
  CHECK(issue.field == "stops[1].place");
  CHECK(issue.message.find("unknown place 'atlantis'") != std::string::npos);
  CHECK(store.stopsOf("visit")[1].placeId == "lot-13");
}

TEST_CASE("overlapping stop times are refused", "[validation]") {
  auto visit = smallPark().itineraries[0];
  auto exists = [](RecordKind, const std::string&) { return true; };
  CHECK(validateItinerary(visit, exists).empty());
  visit.stops[1].start = "09:30";  // the first stop runs 09:00-09:45
  auto issues = validateItinerary(visit, exists);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].field == "stops[1].start");
  CHECK(issues[0].message.find("overlaps stop 1") != std::string::npos);

  visit.stops[1].start = "10:00";
  visit.stops[1].end = "09:55";
  issues = validateItinerary(visit, exists);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].field == "stops[1].end");

  visit.stops[1].end = "10:30";
  visit.stops[1].start = "25:00";
  CHECK(validateItinerary(visit, exists).at(0).field == "stops[1].start");
}

TEST_CASE("a position off the map is refused", "[validation]") {
  Place p = smallPark().places[0];
  CHECK(validatePlace(p).empty());
  for (MapPoint off : {MapPoint{-1, 10}, MapPoint{10, -0.5}, MapPoint{kMapWidth + 1, 10}, MapPoint{10, kMapHeight + 1}}) {
    p.position = off;
    auto issues = validatePlace(p);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].field == "position");
    CHECK(issues[0].message.find("off the park map") != std::string::npos);
  }
  p.position = {kMapWidth, kMapHeight};  // the far corner is still on the map
  CHECK(validatePlace(p).empty());
}

TEST_CASE("duplicate ids within an import are refused and nothing is written", "[validation]") {
  ContentStore store(":memory:");
  ContentSet set = smallPark();
  set.places.push_back(set.places[0]);
  auto issue = refusal([&] { store.import(set); });
  CHECK(issue.kind == RecordKind::Place);
  CHECK(issue.recordId == "museum");
  CHECK(issue.field == "id");
  CHECK(issue.message.find("duplicate") != std::string::npos);
  CHECK(store.places().empty());
  CHECK(store.tenantCount({}) == 0);
}

TEST_CASE("every problem of a record is reported at once", "[validation]") {
  Exhibit e = smallPark().exhibits[0];
  e.id = "Bad Id!";
  e.ageMin = 12;
  e.ageMax = 8;
  e.quiz[0].answer = 5;
  e.themeId = "astrology";
  auto issues = validateExhibit(e, [](RecordKind, const std::string&) { return false; });
  std::vector<std::string> fields;
  for (const auto& issue : issues) fields.push_back(issue.field);
  CHECK(fields == std::vector<std::string>{"id", "theme", "ages", "quiz[0].answer"});
}

TEST_CASE("tenant websites, welcome windows and ids are checked", "[validation]") {
  auto exists = [](RecordKind, const std::string&) { return true; };
  Tenant t = smallPark().tenants[0];
  t.website = "www.tma.vn";
  CHECK(validateTenant(t, exists).at(0).field == "website");
  t.website = "https://www.example.com";
  CHECK(validateTenant(t, exists).empty());

  WelcomeMessage w = smallPark().welcomes[0];
  w.endsAt = w.startsAt;
  CHECK(validateWelcome(w, exists).at(0).field == "ends");
  w.endsAt = "tomorrow";
  CHECK(validateWelcome(w, exists).at(0).field == "ends");

  CHECK(isValidId("tma-solutions"));
  CHECK(isValidId("2018-11-14-vientiane"));
  CHECK_FALSE(isValidId(""));
  CHECK_FALSE(isValidId("TMA"));
  CHECK_FALSE(isValidId("-lead"));
  CHECK_FALSE(isValidId("../etc"));
  CHECK_FALSE(isValidId(std::string(65, 'a')));
}

TEST_CASE("park facts and chain members need unique ids", "[validation]") {
  Park park = smallPark().park;
  park.chain.push_back({"qtsc", LocalizedText("QTSC", "QTSC"), LocalizedText("TP.HCM", "HCMC"), true, "", 0});
  CHECK(validatePark(park).empty());
  park.chain.push_back(park.chain[0]);
  auto issues = validatePark(park);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].field == "chain[1].id");
  ContentStore store(":memory:");
  CHECK_THROWS_AS(store.setPark(park), ValidationError);
  park.facts.push_back(park.facts[0]);
  park.chain.pop_back();
  CHECK(validatePark(park).at(0).field == "facts[1].id");
}

TEST_CASE("a chain member cites documents that exist and a year a document can state", "[validation]") {
  Park park = smallPark().park;
  park.chain.push_back({"qtsc", LocalizedText("QTSC", "QTSC"), LocalizedText("TP.HCM", "HCMC"), true, "004", 2021});
  const ExistsFn known = [](RecordKind kind, const std::string& id) { return kind == RecordKind::Source && id != "009"; };
  CHECK(validatePark(park, known).empty());
  park.chain[0].source = "004, 009";
  park.chain[0].asOf = 21;
  auto issues = validatePark(park, known);
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].field == "chain[0].asOf");
  CHECK(issues[0].message.find("21") != std::string::npos);
  CHECK(issues[1].field == "chain[0].source");
  CHECK(issues[1].message.find("'009'") != std::string::npos);
}

namespace {
// The admin page's catalogue for `language`: {"server.<code>": "text with {param}s", ...}.
nlohmann::json adminCatalogue(const std::string& language) {
  std::ifstream in(std::string(QTSC_SOURCE_DIR) + "/hub/web/lang/" + language + ".json");
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

// The {names} a catalogue text asks for.
std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> names;
  static const std::regex brace(R"(\{([a-z]+)\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), brace); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1].str());
  return names;
}
}  // namespace

TEST_CASE("every validation issue has a code the admin page says in each language, with the values it names",
          "[validation][i18n]") {
  const ExistsFn nothingExists = [](RecordKind, const std::string&) { return false; };
  std::vector<ValidationIssue> issues;
  auto add = [&](std::vector<ValidationIssue> more) { issues.insert(issues.end(), more.begin(), more.end()); };

  Picture unnamed;  // neither image nor caption
  Picture badName;
  badName.image = "../etc/passwd";
  Picture twice;
  twice.image = "a.png";
  std::vector<Picture> gallery{unnamed, badName, twice, twice};
  for (std::size_t i = 0; i < kMaxGalleryPictures; ++i) gallery.push_back(Picture{"p" + std::to_string(i) + ".png", {}, {}});

  Park park;
  park.facts = {ParkFact{"f", {}, {}, "nowhere", 1200}, ParkFact{"f", {}, {}, "", 0}, ParkFact{"Bad Id", {}, {}, "", 0}};
  park.chain = {ChainMember{"m", {}, {}, true, "", 3000}, ChainMember{"m", {}, {}, false, "", 0}};
  add(validatePark(park, nothingExists));

  Milestone milestone;
  milestone.id = "";
  add(validateMilestone(milestone, nothingExists));
  milestone.id = "m1";
  milestone.date = *PartialDate::parse("2020-07");
  milestone.reportedOn = *PartialDate::parse("2019-01-01");
  milestone.gallery = gallery;
  milestone.source = "999";
  add(validateMilestone(milestone, nothingExists));

  Place place;
  place.id = "p1";
  place.position = {-5, 9000};
  add(validatePlace(place, nothingExists));

  Tenant tenant;
  tenant.id = "t1";
  tenant.placeId = "nowhere";
  tenant.website = "ftp://x";
  add(validateTenant(tenant, nothingExists));
  tenant.placeId = "";
  add(validateTenant(tenant, nothingExists));

  Exhibit exhibit;
  exhibit.id = "e1";
  exhibit.ageMin = 12;
  exhibit.ageMax = 3;
  exhibit.quiz = {QuizQuestion{{}, {LocalizedText{}}, 4, {}}};
  add(validateExhibit(exhibit, nothingExists));

  Itinerary visit;
  visit.id = "v1";
  visit.date = "soon";
  visit.reportedOn = "yesterday";
  visit.start = "25:00";
  add(validateItinerary(visit, nothingExists));
  visit.date = "2024-05-02";
  visit.reportedOn = "2024-05-01";
  visit.start = "10:00";
  visit.end = "09:00";
  visit.stops = {TourStop{"x", "09:00", "10:00", {}}, TourStop{"x", "09:30", "09:45", {}}, TourStop{"x", "11:00", "10:30", {}}};
  add(validateItinerary(visit, nothingExists));

  WelcomeMessage welcome;
  welcome.id = "w1";
  welcome.startsAt = "2024-05-02T10:00";
  welcome.endsAt = "2024-05-02T09:00";
  add(validateWelcome(welcome, nothingExists));
  welcome.startsAt = "later";
  add(validateWelcome(welcome, nothingExists));

  SourceDocument source;
  source.id = "s1";
  add(validateSource(source));
  source.language = "Vietnamese";
  source.link = "file:///x";
  add(validateSource(source));

  PathNetwork paths;
  paths.mapWidthMetres = 0;
  paths.points = {PathPoint{"a", {10, 10}}, PathPoint{"a", {20, 10}}, PathPoint{"b", {2000, 10}}, PathPoint{"c", {30, 10}}};
  paths.segments = {PathSegment{"a", "nowhere"}, PathSegment{"", "a"}, PathSegment{"a", "a"}, PathSegment{"a", "c"},
                    PathSegment{"c", "a"}};
  Place farAway;
  farAway.id = "far";
  farAway.position = {900, 600};
  add(validatePaths(paths, {farAway}));
  paths.mapWidthMetres = 800;
  add(validatePaths(paths, {farAway}));
  add(validatePaths(PathNetwork{500, {PathPoint{"lone", {5, 5}}}, {}, "", false}, {farAway}));

  KioskProfile profile;
  profile.id = "k1";
  profile.group = "";
  profile.position = {-1, -1};
  profile.facing = 400;
  profile.startSection = "casino";
  profile.homeSections = {"map", "map", "casino"};
  profile.idleTimeout = 2;
  profile.opens = "08:00";
  profile.kiosks = {"bad id!", "k-1", "k-1"};
  add(validateProfile(profile, paths));
  profile.group = "Not A Group";
  profile.position = {900, 600};
  profile.opens = "18:00";
  profile.closes = "08:00";
  add(validateProfile(profile, paths));
  KioskProfile other = profile;
  other.id = "k2";
  add(validateProfileKiosks({profile, other}));

  const nlohmann::json vi = adminCatalogue("vi"), en = adminCatalogue("en");
  std::set<std::string> codes;
  REQUIRE(issues.size() > 40);
  for (const auto& issue : issues) {
    INFO(issue.describe());
    REQUIRE_FALSE(issue.code.empty());
    codes.insert(issue.code);
    for (const auto* catalogue : {&vi, &en}) {
      const std::string key = "server." + issue.code;
      REQUIRE(catalogue->contains(key));
      for (const auto& name : placeholders((*catalogue)[key].get<std::string>())) {
        INFO("the catalogue's text asks for {" << name << "}");
        CHECK(issue.params.count(name) == 1);
      }
    }
  }
  // The checks above reach these, among others: each has its own text.
  for (const char* code : {"gallery_too_many", "picture_empty", "picture_name", "picture_twice", "source_unknown",
                           "year_range", "fact_twice", "chain_member_twice", "reported_before", "position_off_map",
                           "age_range", "visit_date_required", "date_invalid", "source_language_required",
                           "source_language", "link_scheme", "source_name_required", "map_width", "point_twice",
                           "point_required", "point_unknown", "segment_loop", "segment_twice", "path_none",
                           "path_far_metres", "path_far_units", "group_required", "group_rule", "facing_range",
                           "section_unknown", "section_twice", "idle_range", "hours_both", "hours_order"}) {
    INFO(code);
    CHECK(codes.count(code) == 1);
  }
}
