#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>

#include "qtsc/content/store.hpp"
#include "qtsc/content/validation.hpp"
#include "test_support.hpp"

using namespace qtsc::content;
using qtsc::testing::smallPark;

TEST_CASE("an imported park reads back through the screen API", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());

  CHECK(store.park().name.in("en") == "Quang Trung Software City");
  REQUIRE(store.park().facts.size() == 1);
  CHECK(store.places().size() == 2);
  CHECK(store.tenantCount({}) == 2);
  CHECK(store.sectors().size() == 2);

  auto tma = store.tenant("tma-solutions");
  REQUIRE(tma);
  CHECK(tma->sectors == std::vector<std::string>{"software"});
  CHECK(tma->description.in("vi") == "Công ty phần mềm hàng đầu");

  auto inMuseum = store.tenantsInBuilding("museum");
  REQUIRE(inMuseum.size() == 1);
  CHECK(inMuseum[0].id == "tma-solutions");

  TenantFilter training;
  training.sectorId = "training";
  auto trainers = store.tenants(training);
  REQUIRE(trainers.size() == 1);
  CHECK(trainers[0].id == "steamzone");
  CHECK(store.tenantCount(training) == 1);

  auto stops = store.stopsOf("visit");
  REQUIRE(stops.size() == 2);
  CHECK(stops[0].placeId == "museum");
  CHECK(stops[1].activity.in("en") == "Agriculture");

  CHECK(store.itinerariesOn("2026-11-23").size() == 1);
  CHECK(store.itinerariesOn("2026-11-24").empty());
  CHECK(store.itinerariesFrom("2026-11-23").size() == 1);
  CHECK(store.itinerariesBefore("2026-11-23").empty());

  auto exhibit = store.exhibit("robot-arm");
  REQUIRE(exhibit);
  REQUIRE(exhibit->quiz.size() == 1);
  CHECK(exhibit->quiz[0].choices.size() == 2);
  CHECK(exhibit->quiz[0].explanation.in("en") == "Servo motors");
  CHECK(store.exhibitsOfTheme("robotics").size() == 1);
}

TEST_CASE("the welcome message is active only inside its window", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  CHECK_FALSE(store.welcomeActiveAt("2026-11-23T07:59"));
  auto open = store.welcomeActiveAt("2026-11-23T08:00");
  REQUIRE(open);
  CHECK(open->text.in("vi") == "Chào mừng Đoàn công tác Đà Nẵng");
  CHECK(store.welcomeActiveAt("2026-11-23T11:59"));
  CHECK_FALSE(store.welcomeActiveAt("2026-11-23T12:00"));

  auto home = store.homeData("2026-11-23T09:30");
  REQUIRE(home.welcome);
  CHECK(home.welcome->id == "visit");
  CHECK(home.tenantCount == 2);
  CHECK(home.highlights.size() == 1);
}

namespace {

KioskProfile profileIn(const std::string& id, const std::string& group, std::vector<std::string> kiosks = {}) {
  KioskProfile k;
  k.id = id;
  k.name = LocalizedText(id, id);
  k.group = group;
  k.position = {150, 110};
  k.kiosks = std::move(kiosks);
  return k;
}

WelcomeMessage welcomeFor(const std::string& id, const std::string& startsAt, std::vector<std::string> groups,
                          std::vector<std::string> kiosks) {
  WelcomeMessage w;
  w.id = id;
  w.startsAt = startsAt;
  w.endsAt = "2026-11-23T12:00";
  w.text = LocalizedText("Chào mừng " + id, "Welcome " + id);
  w.groups = std::move(groups);
  w.kiosks = std::move(kiosks);
  return w;
}

std::vector<std::string> codesOf(const std::function<void()>& write) {
  std::vector<std::string> codes;
  try {
    write();
  } catch (const ValidationError& e) {
    for (const auto& issue : e.issues) codes.push_back(issue.field + " " + issue.code);
  }
  return codes;
}

}  // namespace

TEST_CASE("a welcome is shown on the kiosks it is for: every kiosk, its groups, its kiosks", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());  // "visit", 08:00-12:00, for every kiosk
  store.addProfile(profileIn("museum", "museum", {"museum-1"}));
  store.addProfile(profileIn("lobby", "lobby"));
  store.addWelcome(welcomeFor("museum-group", "2026-11-23T09:00", {"museum"}, {}));
  store.addWelcome(welcomeFor("one-kiosk", "2026-11-23T10:00", {}, {"lobby-7"}));

  const auto shown = [&](const std::string& at, const std::string& kiosk, const std::string& group) {
    const auto w = store.welcomeActiveAt(at, kiosk, group);
    return w ? w->id : std::string("-");
  };
  // Before 09:00 only the welcome for every kiosk is open.
  CHECK(shown("2026-11-23T08:30", "museum-1", "museum") == "visit");
  CHECK(shown("2026-11-23T08:30", "", "") == "visit");
  // From 09:00 the museum's kiosks show theirs; others keep the one for every kiosk.
  CHECK(shown("2026-11-23T09:30", "museum-1", "museum") == "museum-group");
  CHECK(shown("2026-11-23T09:30", "museum-2", "museum") == "museum-group");
  CHECK(shown("2026-11-23T09:30", "lobby-7", "lobby") == "visit");
  CHECK(shown("2026-11-23T09:30", "", "") == "visit");
  // From 10:00 the one kiosk named shows its own; the museum keeps the group's.
  CHECK(shown("2026-11-23T10:30", "lobby-7", "lobby") == "one-kiosk");
  CHECK(shown("2026-11-23T10:30", "lobby-8", "lobby") == "visit");
  CHECK(shown("2026-11-23T10:30", "museum-1", "museum") == "museum-group");
  // A kiosk without a hub id or a group is not taken for one that has them.
  CHECK(shown("2026-11-23T10:30", "", "lobby") == "visit");
  CHECK(store.homeData("2026-11-23T10:30", "lobby-7", "lobby").welcome->id == "one-kiosk");
  CHECK(store.homeData("2026-11-23T10:30").welcome->id == "visit");

  // The audience reads back, and travels with the whole content.
  CHECK(store.welcomes().size() == 3);
  const ContentSet all = store.exportAll();
  ContentStore copy(":memory:");
  copy.import(all);
  CHECK(copy.exportAll().welcomes == all.welcomes);
  CHECK(shown("2026-11-23T09:30", "museum-1", "museum") == "museum-group");
}

TEST_CASE("a welcome's groups and kiosks are checked, and a profile keeps a group a welcome is for", "[store][validation]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  store.addProfile(profileIn("museum", "museum"));

  // Names that are no group or kiosk, listed twice, or a group no profile is in: refused at the entry.
  CHECK(codesOf([&] { store.addWelcome(welcomeFor("w", "2026-11-23T09:00", {"Bảo tàng", "museum", "museum", "musuem"}, {"bad id", "k1", "k1"})); }) ==
        std::vector<std::string>{"groups[0] group_rule", "groups[2] group_twice", "kiosks[0] kiosk_id", "kiosks[2] kiosk_twice",
                                 "groups[3] group_unknown"});
  CHECK(store.welcomes().size() == 1);
  store.addWelcome(welcomeFor("w", "2026-11-23T09:00", {"museum"}, {"k1"}));

  // The museum profile cannot leave its group, nor be removed, while the welcome is for it.
  KioskProfile moved = *store.profile("museum");
  moved.group = "lobby";
  CHECK(codesOf([&] { store.updateProfile(moved); }) == std::vector<std::string>{"group group_in_use"});
  CHECK(codesOf([&] { store.remove(RecordKind::Profile, "museum"); }) == std::vector<std::string>{"id group_in_use"});
  CHECK(store.profile("museum")->group == "museum");
  // Another profile in the group lets it go.
  store.addProfile(profileIn("museum-2", "museum"));
  store.updateProfile(moved);
  store.remove(RecordKind::Profile, "museum");
  CHECK(store.welcomes().size() == 2);

  // A whole set: groups are those of the set's profiles, or those given.
  ContentSet set = smallPark();
  set.welcomes.push_back(welcomeFor("w", "2026-11-23T09:00", {"steamzone"}, {}));
  const auto none = [](RecordKind, const std::string&) { return false; };
  const auto aboutGroups = [&](const std::optional<std::set<std::string>>& groups) {
    std::vector<std::string> found;
    for (const auto& issue : validateSet(set, none, groups))
      if (issue.field.rfind("groups", 0) == 0) found.push_back(issue.recordId + " " + issue.field + " " + issue.code);
    return found;
  };
  CHECK(aboutGroups(std::nullopt) == std::vector<std::string>{"w groups[0] group_unknown"});
  CHECK(aboutGroups(std::set<std::string>{"steamzone"}).empty());
  set.profiles.push_back(profileIn("steam", "steamzone"));
  CHECK(aboutGroups(std::nullopt).empty());
  // Importing into a store: the stored profiles' groups count.
  ContentSet welcomesOnly = smallPark();
  welcomesOnly.welcomes = {welcomeFor("for-museum", "2026-11-23T09:00", {"museum"}, {})};
  store.import(welcomesOnly);
  CHECK(store.welcomeActiveAt("2026-11-23T09:30", "", "museum")->id == "for-museum");
}

TEST_CASE("a search's best tenants are read as list rows in one go, in the order asked", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  const auto all = store.tenants({});
  REQUIRE(all.size() == 2);
  const auto rows = store.tenantSummaries({all[1].id, "no-such-tenant", all[0].id, "'); DROP TABLE tenant; --"});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == all[1]);  // the same rows the list reads, sectors in their order
  CHECK(rows[1] == all[0]);
  CHECK(store.tenantSummaries({}).empty());
  CHECK(store.tenants({}).size() == 2);
}

TEST_CASE("add refuses a duplicate id and update refuses an unknown one", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  auto tma = *store.tenant("tma-solutions");
  try {
    store.addTenant(tma);
    FAIL("a duplicate id was accepted");
  } catch (const ValidationError& e) {
    REQUIRE(e.issues.size() == 1);
    CHECK(e.issues[0].field == "id");
    CHECK(std::string(e.what()).find("tenant 'tma-solutions'") != std::string::npos);
  }
  auto ghost = tma;
  ghost.id = "ghost";
  CHECK_THROWS_AS(store.updateTenant(ghost), NotFoundError);
  CHECK_FALSE(store.tenant("ghost"));
}

TEST_CASE("an update is visible to reads and to search, and the old text is gone", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  auto tma = *store.tenant("tma-solutions");
  tma.name = LocalizedText("TMA Innovation", "TMA Innovation");
  tma.sectors = {"software", "training"};
  store.updateTenant(tma);
  CHECK(store.tenant("tma-solutions")->name.in("en") == "TMA Innovation");
  CHECK(store.tenant("tma-solutions")->sectors.size() == 2);
  CHECK(store.search("innovation").size() == 1);
  CHECK(store.search("solutions").empty());
}

TEST_CASE("a refused write leaves everything as it was", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  const auto before = store.exportAll();

  auto visit = *store.itinerary("visit");
  visit.stops.push_back({"nowhere", "10:15", "10:45", LocalizedText("?", "?")});
  CHECK_THROWS_AS(store.updateItinerary(visit), ValidationError);

  ContentSet bad = smallPark();
  bad.tenants[0].name = LocalizedText("TMA đổi tên", "TMA renamed");
  bad.tenants[1].placeId = "missing-building";  // one bad record refuses the whole import
  CHECK_THROWS_AS(store.import(bad), ValidationError);

  const auto after = store.exportAll();
  CHECK(after.tenants == before.tenants);
  CHECK(after.itineraries == before.itineraries);
  CHECK(store.stopsOf("visit").size() == 2);
}

TEST_CASE("a place in use cannot be removed, an unused one can", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  CHECK_THROWS_AS(store.remove(RecordKind::Place, "museum"), ValidationError);
  CHECK(store.place("museum"));
  Place shed;
  shed.id = "shed";
  shed.name = LocalizedText("Nhà kho", "Shed");
  shed.position = {10, 10};
  store.addPlace(shed);
  CHECK(store.search("shed").size() == 1);
  store.remove(RecordKind::Place, "shed");
  CHECK_FALSE(store.place("shed"));
  CHECK(store.search("shed").empty());
  CHECK_THROWS_AS(store.remove(RecordKind::Tenant, "shed"), NotFoundError);
}

TEST_CASE("renaming a place re-indexes the tenants in it", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  auto museum = *store.place("museum");
  museum.name = LocalizedText("Nhà triển lãm", "Exhibition hall");
  store.updatePlace(museum);
  auto hits = store.search("exhibition");
  bool tenantFound = false;
  for (const auto& hit : hits)
    if (hit.kind == RecordKind::Tenant && hit.id == "tma-solutions") {
      tenantFound = true;
      CHECK(hit.subtitle.in("en") == "Exhibition hall");
    }
  CHECK(tenantFound);
  CHECK(store.tenant("tma-solutions")->placeId == "museum");
}

TEST_CASE("a database on disk keeps its content and version across opens", "[store]") {
  qtsc::testing::TempDir dir;
  const auto path = (dir / "park.db").string();
  {
    ContentStore store(path);
    store.import(smallPark());
    store.setContentVersion(7);
  }
  ContentStore reopened(path, ContentStore::Mode::ReadOnly);
  CHECK(reopened.contentVersion() == 7);
  CHECK(reopened.tenantCount({}) == 2);
  CHECK(reopened.exportAll().tenants == smallPark().tenants);
}

TEST_CASE("a missing database cannot be opened read-only, and the error names it", "[store]") {
  try {
    ContentStore store("/nonexistent/folder/park.db", ContentStore::Mode::ReadOnly);
    FAIL("opened a database that does not exist");
  } catch (const ContentError& e) {
    CHECK(std::string(e.what()).find("/nonexistent/folder/park.db") != std::string::npos);
  }
}

TEST_CASE("a file that is not a content database is refused saying what it is", "[store]") {
  qtsc::testing::TempDir dir;
  auto refusal = [](const std::filesystem::path& path, ContentStore::Mode mode) {
    try {
      ContentStore store(path.string(), mode);
    } catch (const ContentError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  qtsc::testing::writeFile(dir / "empty.db", "");
  std::filesystem::create_directories(dir / "folder.db");
  qtsc::testing::writeFile(dir / "junk.db", std::string(4096, 'j'));
  {
    SQLite::Database other((dir / "other.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE notes(text TEXT)");
  }
  CHECK_THAT(refusal(dir / "empty.db", ContentStore::Mode::ReadOnly), Catch::Contains("empty.db") && Catch::Contains("is empty"));
  CHECK_THAT(refusal(dir / "other.db", ContentStore::Mode::ReadOnly), Catch::Contains("not a content database"));
  for (const auto mode : {ContentStore::Mode::ReadOnly, ContentStore::Mode::ReadWrite})
    CHECK_THAT(refusal(dir / "folder.db", mode), Catch::Contains("is a folder"));
  CHECK_THAT(refusal(dir / "junk.db", ContentStore::Mode::ReadOnly), Catch::Contains("not a database"));
  CHECK_THAT(refusal(dir / "missing.db", ContentStore::Mode::ReadOnly), Catch::Contains("does not exist"));
  for (const char* name : {"empty.db", "other.db", "junk.db"})
    CHECK_THAT(refusal(dir / name, ContentStore::Mode::ReadOnly), !Catch::Contains("upgraded") && !Catch::Contains("I/O"));
}

TEST_CASE("a sound database passes the integrity check and copies to a file that reads the same", "[store]") {
  qtsc::testing::TempDir dir;
  ContentStore store((dir / "park.db").string());
  store.import(smallPark());
  store.setContentVersion(3);
  CHECK_FALSE(store.integrityProblem());

  store.copyTo(dir / "copy.db");
  ContentStore copy((dir / "copy.db").string(), ContentStore::Mode::ReadOnly);
  CHECK(copy.contentVersion() == 3);
  CHECK(copy.exportAll().tenants == smallPark().tenants);
  CHECK_FALSE(copy.search("bao tang").empty());

  // A copy never overwrites a file: the one there stays as it was.
  qtsc::testing::writeFile(dir / "taken.db", "someone else's file");
  CHECK_THROWS_AS(store.copyTo(dir / "taken.db"), std::runtime_error);
  CHECK(qtsc::testing::readFile(dir / "taken.db") == "someone else's file");
}

TEST_CASE("the table list names the content tables and their columns, not SQLite's own", "[store]") {
  const ContentStore store(":memory:");
  const auto tables = store.tableColumns();
  REQUIRE(tables.count("tenant") == 1);
  CHECK(tables.at("tenant").count("place_id") == 1);
  CHECK(tables.at("tenant").count("sort_key") == 1);
  REQUIRE(tables.count("tour_stop") == 1);
  CHECK(tables.at("tour_stop").count("activity") == 1);
  for (const auto& [table, columns] : tables) CHECK(table.rfind("sqlite_", 0) != 0);
}

TEST_CASE("a changeset that does not apply is refused and keeps nothing", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  store.setContentVersion(4);
  store.applyChangeset("");  // nothing to change
  CHECK(store.contentVersion() == 4);

  CHECK_THROWS_AS(store.applyChangeset("not a changeset at all"), ChangesetConflictError);
  CHECK(store.contentVersion() == 4);
  CHECK(store.exportAll().tenants == smallPark().tenants);
}

TEST_CASE("the content model corrections round-trip through the store", "[store]") {
  ContentStore store(":memory:");
  ContentSet set = smallPark();
  set.sources.push_back({"900", "A test document", {"Nhà xuất bản", "Publisher"}, "", *PartialDate::parse("2020-07-16"),
                         "en", "https://example.com/doc", {"Ghi chú", "Note"}, {"Nguyen Van A"}});
  set.park.facts[0].asOf = 2018;
  set.park.facts[0].source = "900";
  set.sectors[0].sample = true;
  Place partner;
  partner.id = "partner";
  partner.kind = PlaceKind::Partner;
  partner.name = {"Trung tâm đối tác", "Partner centre"};
  partner.position = {-1, -1};  // not on the map: no position is checked
  partner.quotes.push_back({{"Lời nói", "Words"}, {"Ông A", "Mr A"}, *PartialDate::parse("2020-08-07"), "900"});
  set.places.push_back(partner);
  set.tenants[0].kind = TenantKind::QtscUnit;
  auto& visit = set.itineraries[0];
  visit.date = "2026-11";
  visit.reportedOn = "2026-11-23";
  visit.unordered = true;
  visit.alsoPresent = {"Ông B, cho Sở", "Mr B, for the Department"};
  Milestone reported;
  reported.id = "reported";
  reported.date = *PartialDate::parse("2020-07");
  reported.reportedOn = *PartialDate::parse("2020-07-16");
  reported.title = {"Tin", "News"};
  reported.source = "900";
  set.milestones.push_back(reported);
  store.import(set);

  const ContentSet back = store.exportAll();
  // The five documents every database holds, and the one imported.
  CHECK(back.sources.size() == 6);
  CHECK(std::find(back.sources.begin(), back.sources.end(), set.sources[0]) != back.sources.end());
  CHECK(store.sourceDocument("900") == set.sources[0]);
  CHECK(back.park.facts[0].asOf == 2018);
  for (const auto& sector : store.sectors()) CHECK(sector.sample == (sector.id == set.sectors[0].id));
  CHECK(*store.place("partner") == partner);
  CHECK(store.tenant(set.tenants[0].id)->kind == TenantKind::QtscUnit);
  auto storedVisit = *store.itinerary(visit.id);
  CHECK(storedVisit.date == "2026-11");
  CHECK(storedVisit.reportedOn == "2026-11-23");
  CHECK(storedVisit.unordered);
  CHECK(storedVisit.alsoPresent.in("en") == "Mr B, for the Department");
  CHECK(store.milestone("reported")->reportedOn.iso() == "2020-07-16");
  CHECK(store.sourcesCitedBy("900, nothing").size() == 1);
}

TEST_CASE("a record citing a document that is not a record is refused, naming the field", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  auto place = *store.place("museum");
  place.source = "004, 999";
  try {
    store.updatePlace(place);
    FAIL("an unknown document was accepted");
  } catch (const ValidationError& e) {
    REQUIRE(e.issues.size() == 1);
    CHECK(e.issues[0].field == "source");
    CHECK_THAT(e.issues[0].message, Catch::Contains("'999'"));
  }
  place.source = "004";  // one of the documents every database holds
  store.updatePlace(place);
  CHECK(store.place("museum")->source == "004");
}

TEST_CASE("home counts the park's own records apart from samples", "[store]") {
  ContentStore store(":memory:");
  ContentSet set = smallPark();
  Tenant sample = set.tenants[0];
  sample.id = "sample-1";
  sample.sample = true;
  set.tenants.push_back(sample);
  store.import(set);
  const HomeData home = store.homeData("2026-11-23T08:00");
  CHECK(home.tenantCount == 2);
  CHECK(home.sampleTenantCount == 1);
  CHECK(home.samplePlaceCount == 0);
}

TEST_CASE("updating the park re-indexes the chain for search", "[store]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  Park park = store.park();
  park.chain.push_back({"huecit", {"Trung tâm CNTT Thừa Thiên Huế (HueCIT)", "Thua Thien Hue IT Center (HueCIT)"},
                        {"Thừa Thiên Huế", "Thua Thien Hue"}, true, "", 0});
  store.setPark(park);
  auto hits = store.search("huecit");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].kind == RecordKind::Park);
  CHECK(hits[0].id == "huecit");
  park.chain.pop_back();
  store.setPark(park);
  for (const auto& hit : store.search("huecit")) CHECK(hit.id != "huecit");
}

TEST_CASE("Home's counts stop past their cap, and say so by passing it by one", "[store]") {
  ContentStore store(":memory:");
  ContentSet set = smallPark();
  const Tenant model = set.tenants[0];
  for (int i = 0; i < HomeData::kCountCap + 5; ++i) {
    Tenant t = model;
    t.id = "sample-" + std::to_string(i);
    t.sample = true;
    set.tenants.push_back(t);
  }
  store.import(set);
  const HomeData home = store.homeData("2026-11-23T08:00");
  CHECK(home.tenantCount == 2);
  CHECK(home.sampleTenantCount == HomeData::kCountCap + 1);
  CHECK(store.tenantCount({}) == 2 + HomeData::kCountCap + 5);
}
