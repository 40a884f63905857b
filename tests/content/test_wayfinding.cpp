// Walking routes along the path network, the network's validation, and its storage.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "qtsc/content/sources.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/content/validation.hpp"
#include "qtsc/content/wayfinding.hpp"
#include "test_support.hpp"

using namespace qtsc::content;

namespace {

// 1000 map units = 1000 m, so metres read as map units.
PathNetwork network(std::vector<PathPoint> points, std::vector<PathSegment> segments) {
  PathNetwork n;
  n.mapWidthMetres = 1000;
  n.points = std::move(points);
  n.segments = std::move(segments);
  return n;
}

// A square a-b-c-d with a short side a-b (100) and a detour a-d-c-b (300 more).
//   a(100,100) --- b(200,100)
//   |               |
//   d(100,200) --- c(200,200)
PathNetwork square() {
  return network({{"a", {100, 100}}, {"b", {200, 100}}, {"c", {200, 200}}, {"d", {100, 200}}},
                 {{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "a"}});
}

Place placeAt(const std::string& id, MapPoint at) {
  Place p;
  p.id = id;
  p.name = LocalizedText("Nơi " + id, "Place " + id);
  p.position = at;
  return p;
}

bool contains(const std::vector<MapPoint>& points, MapPoint p) {
  return std::find(points.begin(), points.end(), p) != points.end();
}

}  // namespace

TEST_CASE("the shortest route is chosen over a longer one", "[wayfinding]") {
  const WalkingRouter router(square());
  const auto route = router.route({100, 100}, {200, 100});
  REQUIRE(route.found());
  CHECK(route.metres == Approx(100.0));
  CHECK_FALSE(contains(route.points, {100, 200}));  // not round by d and c

  // From d to b: two ways of 200 each; from near d to b by c is shorter than by a.
  const auto fromNearD = router.route({110, 200}, {200, 100});
  REQUIRE(fromNearD.found());
  CHECK(fromNearD.metres == Approx(190.0));
  CHECK(contains(fromNearD.points, {200, 200}));
  CHECK_FALSE(contains(fromNearD.points, {100, 100}));
}

TEST_CASE("a route starts and ends off the path with the straight steps to it", "[wayfinding]") {
  const WalkingRouter router(square());
  // Standing 20 beside side a-b at x = 150, going to 30 beside side c-d at x = 150.
  const auto route = router.route({150, 80}, {150, 230});
  REQUIRE(route.found());
  CHECK(route.points.front() == MapPoint{150, 80});
  CHECK(route.points.back() == MapPoint{150, 230});
  // 20 to the path, 50 to a corner, 100 down a side, 50 back, 30 off the path.
  CHECK(route.metres == Approx(250.0));
  CHECK(route.minutes == walkingMinutes(250.0));
  CHECK(route.minutes == 4);  // 250 m at 70 m/min, rounded up
}

TEST_CASE("walking minutes round up at the documented pace", "[wayfinding]") {
  CHECK(kWalkingMetresPerMinute == 70.0);
  CHECK(walkingMinutes(0.0) == 0);
  CHECK(walkingMinutes(1.0) == 1);
  CHECK(walkingMinutes(70.0) == 1);
  CHECK(walkingMinutes(70.5) == 2);
  CHECK(walkingMinutes(std::numeric_limits<double>::quiet_NaN()) == 0);
}

TEST_CASE("the network's scale turns map units into metres", "[wayfinding]") {
  PathNetwork n = square();
  n.mapWidthMetres = 2000;  // 2 m per map unit
  const auto route = WalkingRouter(n).route({100, 100}, {200, 100});
  REQUIRE(route.found());
  CHECK(route.metres == Approx(200.0));
}

TEST_CASE("an unreachable place is reported, not routed", "[wayfinding]") {
  PathNetwork n = square();
  // An island: e-f, joined to nothing.
  n.points.push_back({"e", {600, 600}});
  n.points.push_back({"f", {700, 600}});
  n.segments.push_back({"e", "f"});
  const WalkingRouter router(n);
  CHECK(router.route({150, 100}, {650, 600}).problem == RouteProblem::NotConnected);
  CHECK(router.route({150, 100}, {900, 100}).problem == RouteProblem::DestinationOffPaths);
  CHECK(router.route({900, 100}, {150, 100}).problem == RouteProblem::StartOffPaths);
  CHECK(WalkingRouter(PathNetwork{}).route({1, 1}, {2, 2}).problem == RouteProblem::NoPaths);
  CHECK(router.route({150, 100}, {650, 600}).points.empty());
}

TEST_CASE("hostile networks: zero-length segments, self-loops, duplicate and unknown points", "[wayfinding]") {
  PathNetwork n = network({{"a", {100, 100}},
                           {"a2", {100, 100}},  // the same spot under another id
                           {"b", {300, 100}},
                           {"b", {900, 600}},   // a duplicate id: the first one is kept
                           {"nan", {std::nan(""), 5}},
                           {"off", {-50, 5000}}},
                          {{"a", "a"},          // self-loop
                           {"a", "a2"},         // zero length
                           {"a2", "b"},
                           {"a", "ghost"},      // unknown point
                           {"nan", "b"},        // a point that is left out
                           {"off", "a"}});
  const WalkingRouter router(n);
  CHECK(router.pointCount() == 3);
  CHECK(router.segmentCount() == 2);
  const auto route = router.route({100, 100}, {300, 100});
  REQUIRE(route.found());
  CHECK(route.metres == Approx(200.0));
  CHECK(std::isfinite(route.metres));
  // Non-finite ends are off the paths, not a crash.
  CHECK(router.route({std::nan(""), 1}, {300, 100}).problem == RouteProblem::StartOffPaths);
  CHECK(router.route({100, 100}, {std::numeric_limits<double>::infinity(), 1}).problem ==
        RouteProblem::DestinationOffPaths);

  // Validation names each problem in the same network.
  const auto issues = validatePaths(n, {});
  auto has = [&](const std::string& field) {
    return std::any_of(issues.begin(), issues.end(), [&](const ValidationIssue& i) {
      return i.kind == RecordKind::Paths && i.field == field;
    });
  };
  CHECK(has("points[3].id"));        // duplicate 'b'
  CHECK(has("points[4].position"));  // not a number
  CHECK(has("points[5].position"));  // off the map
  CHECK(has("segments[0].to"));      // self-loop
  CHECK(has("segments[3].to"));      // ghost
}

TEST_CASE("a huge network routes across its whole width", "[wayfinding]") {
  // A 200 x 140 grid (28,000 points, about 56,000 segments) at 5 map units apart.
  PathNetwork n;
  n.mapWidthMetres = 1000;
  constexpr int kAcross = 200;
  constexpr int kDown = 140;
  auto id = [](int x, int y) { return "g" + std::to_string(x) + "-" + std::to_string(y); };
  for (int y = 0; y < kDown; ++y)
    for (int x = 0; x < kAcross; ++x) {
      n.points.push_back({id(x, y), {x * 5.0, y * 5.0}});
      if (x > 0) n.segments.push_back({id(x - 1, y), id(x, y)});
      if (y > 0) n.segments.push_back({id(x, y - 1), id(x, y)});
    }
  const WalkingRouter router(n);
  const auto route = router.route({0, 0}, {995, 695});
  REQUIRE(route.found());
  CHECK(route.metres == Approx(995.0 + 695.0));  // a grid walk: across plus down
  CHECK(validatePaths(n, {placeAt("corner", {995, 695})}).empty());
}

TEST_CASE("a route through an itinerary's stops follows the paths", "[wayfinding]") {
  const WalkingRouter router(square());
  const auto route = router.routeThrough({{100, 100}, {200, 200}, {100, 200}});
  REQUIRE(route.found());
  CHECK(route.metres == Approx(300.0));
  CHECK(contains(route.points, {200, 100}));  // a corner, not a straight line from a to c
  const auto broken = router.routeThrough({{100, 100}, {900, 650}});
  CHECK(broken.problem == RouteProblem::DestinationOffPaths);
}

TEST_CASE("a place no path reaches is an error that names it", "[wayfinding][validation]") {
  const PathNetwork n = square();
  const auto issues = validatePaths(n, {placeAt("near", {150, 120}), placeAt("far", {800, 600})});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].kind == RecordKind::Place);
  CHECK(issues[0].recordId == "far");
  CHECK(issues[0].field == "position");
  CHECK_THAT(issues[0].describe(), Catch::Contains("far") && Catch::Contains("no walking path reaches it"));
  // An empty network (wayfinding not set up) holds no place to account.
  CHECK(validatePaths(PathNetwork{}, {placeAt("far", {800, 600})}).empty());
  // A network without a scale is refused.
  PathNetwork unscaled = square();
  unscaled.mapWidthMetres = 0;
  CHECK(validatePaths(unscaled, {}).at(0).field == "mapWidthMetres");
}

TEST_CASE("a kiosk profile is checked field by field", "[wayfinding][validation]") {
  KioskProfile k;
  k.id = "museum";
  k.name = LocalizedText("Kiosk bảo tàng", "Museum kiosk");
  k.group = "museum";
  k.position = {150, 110};
  k.startSection = "exhibits";
  k.homeSections = {"exhibits", "map"};
  k.opens = "07:30";
  k.closes = "17:00";
  CHECK(validateProfile(k, square()).empty());

  auto fields = [](const KioskProfile& p, const PathNetwork& n) {
    std::vector<std::string> out;
    for (const auto& issue : validateProfile(p, n)) {
      CHECK(issue.kind == RecordKind::Profile);
      CHECK(issue.recordId == p.id);
      out.push_back(issue.field);
    }
    return out;
  };
  KioskProfile bad = k;
  bad.position = {1200, 100};
  CHECK(fields(bad, square()) == std::vector<std::string>{"position"});
  bad.position = {800, 600};  // on the map, far from the paths
  CHECK(fields(bad, square()) == std::vector<std::string>{"position"});
  CHECK(fields(bad, PathNetwork{}).empty());  // no paths yet: anywhere on the map
  bad = k;
  bad.startSection = "casino";
  bad.homeSections = {"map", "map", "lottery"};
  bad.facing = 360;
  bad.idleTimeout = 3;
  CHECK(fields(bad, square()) ==
        std::vector<std::string>{"facing", "startSection", "homeSections[1]", "homeSections[2]", "idleTimeout"});
  bad = k;
  bad.opens = "7h30";
  CHECK(fields(bad, square()) == std::vector<std::string>{"opens"});
  bad.opens = "18:00";
  CHECK(fields(bad, square()) == std::vector<std::string>{"closes"});  // closes before it opens
  bad.opens = "";
  CHECK(fields(bad, square()) == std::vector<std::string>{"opens"});  // one without the other
  bad = k;
  bad.group = "";
  bad.name = LocalizedText{};
  CHECK(fields(bad, square()) == std::vector<std::string>{"name.vi", "group"});
}

TEST_CASE("the store keeps the paths and profiles and refuses what breaks them", "[wayfinding][store]") {
  ContentStore store(":memory:");
  ContentSet set = qtsc::testing::smallPark();
  store.import(set);
  CHECK(store.paths().empty());

  // A network far from the park's places is refused, naming each place; nothing is stored.
  const PathNetwork away = network({{"x", {900, 650}}, {"y", {990, 650}}}, {{"x", "y"}});
  try {
    store.setPaths(away);
    FAIL("accepted");
  } catch (const ValidationError& e) {
    for (const auto& place : store.places())
      CHECK(std::any_of(e.issues.begin(), e.issues.end(),
                        [&](const ValidationIssue& i) { return i.recordId == place.id && i.field == "position"; }));
  }
  CHECK(store.paths().empty());

  // A network through every place is kept as it was given.
  PathNetwork through;
  through.mapWidthMetres = 800;
  through.sample = true;
  for (const auto& place : store.places()) through.points.push_back({"at-" + place.id, place.position});
  for (std::size_t i = 1; i < through.points.size(); ++i)
    through.segments.push_back({through.points[i - 1].id, through.points[i].id});
  store.setPaths(through);
  CHECK(store.paths() == through);

  KioskProfile k;
  k.id = "lobby";
  k.name = LocalizedText("Sảnh", "Lobby");
  k.group = "lobby";
  k.position = through.points.front().position;
  k.homeSections = {"directory", "map"};
  store.addProfile(k);
  CHECK(store.profile("lobby") == k);
  k.position = {999, 1};  // far from every path
  CHECK_THROWS_AS(store.updateProfile(k), ValidationError);
  CHECK(store.profile("lobby")->position == through.points.front().position);

  // Export and import carry both.
  ContentStore copy(":memory:");
  copy.import(store.exportAll());
  CHECK(copy.paths() == through);
  CHECK(copy.profiles() == store.profiles());
}

TEST_CASE("a profile names the kiosks that use it, each kiosk in one profile at most", "[wayfinding][store][validation]") {
  ContentStore store(":memory:");
  store.import(qtsc::testing::smallPark());
  KioskProfile museum;
  museum.id = "museum";
  museum.name = LocalizedText("Bảo tàng", "Museum");
  museum.group = "museum";
  museum.position = {150, 110};
  museum.kiosks = {"museum-1", "Kiosk_2.b"};
  store.addProfile(museum);
  CHECK(store.profile("museum")->kiosks == museum.kiosks);

  // A kiosk id the hub would not pair, or listed twice: refused at the entry.
  auto refusedAt = [&](const KioskProfile& k, bool adding) {
    std::vector<std::string> fields;
    try {
      if (adding) store.addProfile(k);
      else store.updateProfile(k);
    } catch (const ValidationError& e) {
      for (const auto& issue : e.issues) fields.push_back(issue.field + " " + issue.code);
    }
    return fields;
  };
  KioskProfile bad = museum;
  bad.kiosks = {"museum-1", "bad id", std::string(65, 'k'), "museum-1"};
  CHECK(refusedAt(bad, false) == std::vector<std::string>{"kiosks[1] kiosk_id", "kiosks[2] kiosk_id", "kiosks[3] kiosk_twice"});
  CHECK(store.profile("museum")->kiosks == museum.kiosks);

  // Another profile taking a kiosk the museum has: refused, naming the kiosk and the profile.
  KioskProfile lobby = museum;
  lobby.id = "lobby";
  lobby.group = "lobby";
  lobby.kiosks = {"lobby-1", "museum-1"};
  try {
    store.addProfile(lobby);
    FAIL("accepted");
  } catch (const ValidationError& e) {
    REQUIRE(e.issues.size() == 1);
    CHECK(e.issues[0].recordId == "lobby");
    CHECK(e.issues[0].field == "kiosks[1]");
    CHECK(e.issues[0].code == "kiosk_has_profile");
    CHECK(e.issues[0].params.at("kiosk") == "museum-1");
    CHECK(e.issues[0].params.at("profile") == "museum");
  }
  CHECK_FALSE(store.profile("lobby"));
  // Moved: the museum lets it go first, then the lobby takes it.
  museum.kiosks = {"Kiosk_2.b"};
  store.updateProfile(museum);
  store.addProfile(lobby);
  CHECK(store.profile("lobby")->kiosks == lobby.kiosks);

  // A whole set is checked the same way.
  ContentSet set = store.exportAll();
  for (auto& k : set.profiles) k.kiosks = {"same"};
  const auto issues = validateSet(set, [](RecordKind, const std::string&) { return false; });
  CHECK(std::count_if(issues.begin(), issues.end(), [](const ValidationIssue& i) { return i.code == "kiosk_has_profile"; }) == 1);

  // Content from before profiles named kiosks opens with none listed.
  qtsc::testing::TempDir dir;
  const auto path = (dir / "v7.db").string();
  {
    ContentStore old(path);
    old.import(store.exportAll());
  }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("ALTER TABLE profile DROP COLUMN kiosks");
    db.exec("ALTER TABLE welcome DROP COLUMN groups");
    db.exec("ALTER TABLE welcome DROP COLUMN kiosks");
    db.exec("PRAGMA user_version = 7");
  }
  ContentStore reopened(path);
  REQUIRE(reopened.profile("lobby"));
  CHECK(reopened.profile("lobby")->kiosks.empty());
  // Its welcomes, from before they named kiosks, are for every kiosk.
  REQUIRE(reopened.welcomes().size() == 1);
  CHECK(reopened.welcomes()[0].groups.empty());
  CHECK(reopened.welcomeActiveAt("2026-11-23T09:00", "lobby-1", "lobby"));
}

TEST_CASE("the bundled sample paths reach every place and the three kiosks", "[wayfinding][sources]") {
  const ContentSet park = readValidSources(QTSC_PARK_SOURCES);
  REQUIRE(park.paths);
  CHECK(park.paths->sample);
  CHECK(park.paths->mapWidthMetres > 0);
  const WalkingRouter router(*park.paths);
  std::vector<std::string> ids;
  for (const auto& k : park.profiles) {
    ids.push_back(k.id);
    CHECK(k.sample);
    for (const auto& place : park.places) {
      if (!place.onMap()) continue;
      const auto route = router.route(k.position, place.position);
      INFO(k.id << " to " << place.id);
      CHECK(route.found());
    }
  }
  CHECK(ids == std::vector<std::string>{"museum", "lobby", "steamzone"});
  CHECK(park.profiles.at(2).startSection == "exhibits");
}

TEST_CASE("path sources with mistakes name file and line", "[wayfinding][sources]") {
  const std::string text = R"(
[paths]
map_width_metres = 500
[[paths.point]]
id = "a"
x = 10
y = 10
[[paths.segment]]
from = "a"
to = "nowhere"
)";
  const auto loaded = parseSources({{"paths.toml", text}});
  REQUIRE(loaded.content.paths);
  std::vector<ValidationIssue> issues;
  for (const auto& issue : validateSet(loaded.content, [](RecordKind, const std::string&) { return false; }))
    if (issue.kind == RecordKind::Paths) issues.push_back(issue);  // not the missing park
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].field == "segments[0].to");
  CHECK(loaded.locate(issues[0]).line == 10);

  CHECK_THROWS_AS(parseSources({{"paths.toml", "[paths]\nmap_width_metres = \"wide\"\n"}}), SourceError);
  CHECK_THROWS_AS(parseSources({{"paths.toml", "[paths]\n[[paths.point]]\nid = \"a\"\nx = 1\ny = 1\nz = 3\n"}}),
                  SourceError);
}
