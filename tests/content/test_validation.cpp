#include <catch2/catch.hpp>

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
