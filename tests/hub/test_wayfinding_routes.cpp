// The walking paths (GET/PUT /api/v1/content/paths) and kiosk profiles
// (/api/v1/content/profiles) on a real hub: validation names the record and field, and a
// refused write leaves what was stored.
#include <catch2/catch.hpp>

#include "test_hub_support.hpp"

using namespace qtsc;
using nlohmann::json;
using qtsc::testing::Reply;
using qtsc::testing::Staff;
using qtsc::testing::TestHub;

namespace {

// The issues of a refused request: {"errors": [{"field", "message"}, ...]}.
json issues(const Reply& r) { return r.body.is_object() ? r.body.value("errors", json::array()) : json::array(); }

bool names(const Reply& r, const std::string& field) {
  for (const auto& issue : issues(r))
    if (issue.value("field", "") == field) return true;
  return false;
}

std::string messageOf(const Reply& r, const std::string& field) {
  for (const auto& issue : issues(r))
    if (issue.value("field", "") == field) return issue.value("message", "");
  return {};
}

// Points "a" (400, 300) and "b" (500, 300) joined, then a point at each place on the map
// (the hub's drafts start with the bundled park), each joined to the one before.
json network(Staff& staff) {
  json points = json::array({{{"id", "a"}, {"position", {{"x", 400}, {"y", 300}}}},
                             {{"id", "b"}, {"position", {{"x", 500}, {"y", 300}}}}});
  json segments = json::array({{{"from", "a"}, {"to", "b"}}});
  for (const auto& place : staff.get("/api/v1/content/places").body) {
    if (place.value("kind", "") == "partner") continue;
    const std::string id = "at-" + place["id"].get<std::string>();
    segments.push_back({{"from", points.back()["id"]}, {"to", id}});
    points.push_back({{"id", id}, {"position", place["position"]}});
  }
  return {{"mapWidthMetres", 1100}, {"points", points}, {"segments", segments}, {"sample", true}};
}

json museum() {
  return {{"id", "test-museum"}, {"kind", "building"}, {"name", {{"vi", "Bảo tàng thử"}, {"en", "Test museum"}}},
          {"position", {{"x", 430}, {"y", 320}}}};
}

json profile() {
  return {{"id", "test-kiosk"},
          {"name", {{"vi", "Kiosk STEAMZONE"}, {"en", "STEAMZONE kiosk"}}},
          {"group", "steamzone"},
          {"position", {{"x", 450}, {"y", 310}}},
          {"facing", 90},
          {"startSection", "exhibits"},
          {"homeSections", json::array({"exhibits", "map"})},
          {"idleTimeout", 90},
          {"opens", "07:30"},
          {"closes", "17:30"}};
}

}  // namespace

TEST_CASE("the walking paths are saved as a whole and a place they leave unreached is named", "[hub][wayfinding]") {
  TestHub hub;
  Staff chi(hub, "chi");  // an editor
  REQUIRE(chi.loginStatus == 200);
  CHECK(testing::raw(hub.url(), "GET", "/api/v1/content/paths", "", {}).status == 401);

  const Reply first = chi.get("/api/v1/content/paths");
  REQUIRE(first.status == 200);
  REQUIRE(first.body["points"].is_array());

  REQUIRE(chi.json("POST", "/api/v1/content/places", museum()).status == 201);
  const json through = network(chi);

  // Paths far from the places: refused, naming each; nothing is stored.
  json far = through;
  far["points"] = json::array({{{"id", "x"}, {"position", {{"x", 990}, {"y", 690}}}},
                               {{"id", "y"}, {"position", {{"x", 1000}, {"y", 700}}}}});
  far["segments"] = json::array({{{"from", "x"}, {"to", "y"}}});
  const Reply refused = chi.json("PUT", "/api/v1/content/paths", far);
  CHECK(refused.status == 422);
  CHECK(names(refused, "place 'test-museum'"));
  CHECK_THAT(messageOf(refused, "place 'test-museum'"), Catch::Contains("no walking path reaches it"));
  CHECK(chi.get("/api/v1/content/paths").body == first.body);

  const Reply saved = chi.json("PUT", "/api/v1/content/paths", through);
  INFO(saved.text);
  REQUIRE(saved.status == 200);
  CHECK(saved.body["points"] == through["points"]);
  const Reply read = chi.get("/api/v1/content/paths");
  CHECK(read.body["points"] == through["points"]);
  CHECK(read.body["segments"] == through["segments"]);
  CHECK(read.body["mapWidthMetres"] == 1100);

  // The audit log has the change.
  Staff ana(hub, "ana");
  bool audited = false;
  for (const auto& entry : ana.get("/api/v1/audit").body)
    if (entry.dump().find("paths") != std::string::npos) audited = true;
  CHECK(audited);
}

TEST_CASE("hostile path networks are refused with the field that is wrong", "[hub][wayfinding]") {
  TestHub hub;
  Staff chi(hub, "chi");
  const json base = network(chi);
  REQUIRE(chi.json("PUT", "/api/v1/content/paths", base).status == 200);

  auto put = [&](const json& body) { return chi.json("PUT", "/api/v1/content/paths", body); };
  json selfLoop = base;
  selfLoop["segments"].push_back({{"from", "a"}, {"to", "a"}});
  CHECK(names(put(selfLoop), "segments[" + std::to_string(base["segments"].size()) + "].to"));

  json unknown = base;
  unknown["segments"][0]["to"] = "nowhere";
  CHECK(names(put(unknown), "segments[0].to"));

  json duplicate = base;
  duplicate["points"].push_back({{"id", "a"}, {"position", {{"x", 10}, {"y", 10}}}});
  CHECK(names(put(duplicate), "points[" + std::to_string(base["points"].size()) + "].id"));

  json offMap = base;
  offMap["points"][1]["position"] = {{"x", 5000}, {"y", -3}};
  CHECK(names(put(offMap), "points[1].position"));

  json unscaled = base;
  unscaled["mapWidthMetres"] = 0;
  CHECK(names(put(unscaled), "mapWidthMetres"));

  json wrongType = base;
  wrongType["points"] = "many";
  CHECK(put(wrongType).status == 422);

  json extra = base;
  extra["colour"] = "red";
  CHECK(names(put(extra), "colour"));

  CHECK(chi.send("PUT", "/api/v1/content/paths", "[1, 2").status >= 400);
  CHECK(put(json::array()).status == 422);

  // After every refusal the saved network is still there.
  CHECK(chi.get("/api/v1/content/paths").body["points"] == base["points"]);
}

TEST_CASE("kiosk profiles are added, changed and refused field by field", "[hub][wayfinding][profiles]") {
  TestHub hub;
  Staff chi(hub, "chi");
  REQUIRE(chi.json("PUT", "/api/v1/content/paths", network(chi)).status == 200);

  const std::size_t bundled = chi.get("/api/v1/content/profiles").body.size();
  const Reply added = chi.json("POST", "/api/v1/content/profiles", profile());
  INFO(added.text);
  REQUIRE(added.status == 201);
  CHECK(added.body["startSection"] == "exhibits");
  CHECK(chi.get("/api/v1/content/profiles").body.size() == bundled + 1);

  auto refusedAt = [&](json body) {
    body["id"] = "other";
    const Reply r = chi.json("POST", "/api/v1/content/profiles", body);
    CHECK(r.status == 422);
    std::vector<std::string> fields;
    for (const auto& issue : issues(r)) fields.push_back(issue.value("field", ""));
    return fields;
  };
  json bad = profile();
  bad["position"] = {{"x", 1400}, {"y", 300}};
  CHECK(refusedAt(bad) == std::vector<std::string>{"position"});
  bad["position"] = {{"x", 900}, {"y", 650}};  // on the map, far from the paths
  CHECK(refusedAt(bad) == std::vector<std::string>{"position"});
  bad = profile();
  bad["startSection"] = "casino";
  CHECK(refusedAt(bad) == std::vector<std::string>{"startSection"});
  bad = profile();
  bad["homeSections"] = json::array({"map", "weather"});
  CHECK(refusedAt(bad) == std::vector<std::string>{"homeSections[1]"});
  bad = profile();
  bad["closes"] = "06:00";
  CHECK(refusedAt(bad) == std::vector<std::string>{"closes"});
  bad = profile();
  bad["opens"] = "25:00";
  CHECK(refusedAt(bad) == std::vector<std::string>{"opens"});
  bad = profile();
  bad["idleTimeout"] = -5;
  CHECK(refusedAt(bad) == std::vector<std::string>{"idleTimeout"});
  bad = profile();
  bad["facing"] = "north";
  CHECK(refusedAt(bad) == std::vector<std::string>{"facing"});
  CHECK(chi.get("/api/v1/content/profiles").body.size() == bundled + 1);

  json changed = profile();
  changed["startSection"] = "map";
  REQUIRE(chi.json("PUT", "/api/v1/content/profiles/test-kiosk", changed).status == 200);
  CHECK(chi.get("/api/v1/content/profiles/test-kiosk").body["startSection"] == "map");

  // Paths that would leave the kiosk unreached are refused, naming it.
  json moved = network(chi);
  moved["points"] = json::array({{{"id", "x"}, {"position", {{"x", 990}, {"y", 690}}}},
                                 {{"id", "y"}, {"position", {{"x", 1000}, {"y", 700}}}}});
  moved["segments"] = json::array({{{"from", "x"}, {"to", "y"}}});
  const Reply r = chi.json("PUT", "/api/v1/content/paths", moved);
  CHECK(r.status == 422);
  CHECK(names(r, "profile 'test-kiosk'"));

  REQUIRE(chi.send("DELETE", "/api/v1/content/profiles/test-kiosk", "").status < 300);
  CHECK(chi.get("/api/v1/content/profiles").body.size() == bundled);
}

TEST_CASE("a welcome is for kiosk groups and kiosks the hub checks, and keeps its groups' profiles", "[hub][profiles]") {
  TestHub hub;
  Staff chi(hub, "chi");
  const json welcome = {{"id", "students"},
                        {"starts", "2026-12-02T08:00"},
                        {"ends", "2026-12-02T11:00"},
                        {"text", {{"vi", "Chào các bạn học sinh"}, {"en", "Welcome, students"}}},
                        {"groups", json::array({"steamzone"})},
                        {"kiosks", json::array({"lobby-kiosk-1"})}};
  auto refused = [&](json body) {
    const Reply r = chi.json("POST", "/api/v1/content/welcomes", body);
    CHECK(r.status == 422);
    std::vector<std::string> found;
    for (const auto& issue : issues(r)) found.push_back(issue.value("field", "") + " " + issue.value("code", ""));
    return found;
  };
  json bad = welcome;
  bad["groups"] = json::array({"musuem"});
  CHECK(refused(bad) == std::vector<std::string>{"groups[0] group_unknown"});
  bad = welcome;
  bad["kiosks"] = json::array({"lobby kiosk", "lobby-kiosk-1", "lobby-kiosk-1"});
  CHECK(refused(bad) == std::vector<std::string>{"kiosks[0] kiosk_id", "kiosks[2] kiosk_twice"});
  bad = welcome;
  bad["groups"] = "steamzone";  // a list, not one name
  CHECK(chi.json("POST", "/api/v1/content/welcomes", bad).status == 422);
  CHECK(chi.get("/api/v1/content/welcomes/students").status == 404);

  const Reply added = chi.json("POST", "/api/v1/content/welcomes", welcome);
  INFO(added.text);
  REQUIRE(added.status == 201);
  const Reply read = chi.get("/api/v1/content/welcomes/students");
  CHECK(read.body["groups"] == json::array({"steamzone"}));
  CHECK(read.body["kiosks"] == json::array({"lobby-kiosk-1"}));

  // The STEAMZONE profile is the only one in its group: it stays while the welcome is for it.
  const Reply removal = chi.send("DELETE", "/api/v1/content/profiles/steamzone", "");
  CHECK(removal.status == 422);
  REQUIRE(issues(removal).size() == 1);
  CHECK(issues(removal)[0].value("code", "") == "group_in_use");
  CHECK(chi.get("/api/v1/content/profiles/steamzone").status == 200);
  json everyKiosk = welcome;
  everyKiosk["groups"] = json::array();
  everyKiosk["kiosks"] = json::array();
  REQUIRE(chi.json("PUT", "/api/v1/content/welcomes/students", everyKiosk).status == 200);
  CHECK(chi.send("DELETE", "/api/v1/content/profiles/steamzone", "").status == 200);
}
