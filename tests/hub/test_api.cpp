// The hub's API against a real server on 127.0.0.1: access on every route, roles, CSRF,
// login throttling, field errors that change nothing, CSV imports, publishing that a kiosk
// then installs, and kiosk reports.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
#include <memory>
#include <regex>
#include <set>

#include "qtsc/content/store.hpp"
#include "qtsc/sync/client.hpp"
#include "qtsc/sync/crypto.hpp"
#include "test_hub_support.hpp"

using namespace qtsc::testing;
using nlohmann::json;

namespace {

std::string concrete(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex("\\(\\[\\^/\\]\\+\\)"), "x");
}

json goodTenant(const std::string& id) {
  return {{"id", id},
          {"name", {{"vi", "Công ty Thử nghiệm"}, {"en", "Test Company"}}},
          {"sectors", json::array()},
          {"description", {{"vi", "Mô tả"}, {"en", "About"}}},
          {"place", "rd-labs"}};
}

bool hasField(const Reply& r, const std::string& field) {
  if (!r.body.contains("errors")) return false;
  for (const auto& e : r.body["errors"])
    if (e["field"] == field) return true;
  return false;
}

}  // namespace

TEST_CASE("every route but login and what kiosks call needs a signed-in staff member", "[hub][auth]") {
  TestHub hub;
  int checked = 0;
  // What a kiosk calls carries no staff session: its report key, or (to pair) nothing yet.
  const std::set<std::string> kioskKeyed{"/api/v1/reports", "/api/v1/kiosks/x/commands", "/api/v1/kiosks/x/screenshot",
                                         "/api/v1/kiosks/x/status"};
  const std::set<std::string> pairing{"/api/v1/pairing", "/api/v1/pairing/x"};
  for (const auto& route : hub.hub().routes()) {
    const std::string path = concrete(route.pattern);
    const Reply r = raw(hub.url(), route.method, path, "{}", {});
    INFO(route.method << " " << path);
    if (!route.role) {
      const bool known = route.pattern == "/api/v1/login" || kioskKeyed.count(path) > 0 || pairing.count(path) > 0;
      CHECK(known);
      // Without the kiosk's key, a kiosk route refuses: a staff cookie or token is no key.
      if (kioskKeyed.count(path) > 0 && path != "/api/v1/reports") {
        CHECK(r.status == 401);
        CHECK(raw(hub.url(), route.method, path, "{}", {{"Authorization", "Bearer qh_nothing"}}).status == 401);
      }
      continue;
    }
    CHECK(r.status == 401);
    // A forged or expired cookie and a made-up token fare no better.
    CHECK(raw(hub.url(), route.method, path, "{}", {{"Cookie", "qtsc_hub_session=00"}}).status == 401);
    CHECK(raw(hub.url(), route.method, path, "{}", {{"Authorization", "Bearer qh_nothing"}}).status == 401);
    ++checked;
  }
  CHECK(checked > 30);
}

TEST_CASE("every change made with a session cookie needs the session's CSRF token", "[hub][csrf]") {
  TestHub hub;
  Staff ana(hub, "ana");
  REQUIRE(ana.loginStatus == 200);
  for (const auto& route : hub.hub().routes()) {
    if (route.method == "GET" || !route.role) continue;
    const std::string path = concrete(route.pattern);
    INFO(route.method << " " << path);
    CHECK(ana.send(route.method, path, "{}", "application/json", false).status == 403);
    CHECK(raw(hub.url(), route.method, path, "{}", {{"Cookie", ana.cookie}, {"X-CSRF-Token", std::string(64, 'a')}})
              .status == 403);
  }
  // With the token the same session may change things.
  CHECK(ana.json("POST", "/api/v1/content/tenants", goodTenant("csrf-ok")).status == 201);
  // A token for scripts needs no CSRF header: it is not sent by browsers on their own.
  const Reply made = ana.json("POST", "/api/v1/tokens", {{"label", "nightly import"}});
  REQUIRE(made.status == 201);
  const std::string token = made.body["token"];
  const Reply viaToken = raw(hub.url(), "POST", "/api/v1/content/tenants", goodTenant("via-token").dump(),
                             {{"Authorization", "Bearer " + token}});
  CHECK(viaToken.status == 201);
}

TEST_CASE("roles: editors edit, publishers publish, admins manage accounts and kiosks", "[hub][roles]") {
  TestHub hub;
  Staff chi(hub, "chi"), bao(hub, "bao"), ana(hub, "ana");
  REQUIRE(chi.loginStatus == 200);
  CHECK(chi.json("POST", "/api/v1/content/tenants", goodTenant("by-editor")).status == 201);
  CHECK(chi.json("POST", "/api/v1/publish", {{"note", "x"}}).status == 403);
  CHECK(chi.get("/api/v1/accounts").status == 403);
  CHECK(chi.get("/api/v1/audit").status == 403);
  CHECK(bao.json("POST", "/api/v1/publish", {{"note", "first"}}).status == 201);
  CHECK(bao.json("POST", "/api/v1/accounts", {{"name", "dung"}, {"role", "admin"}, {"password", kTestPassword}}).status == 403);
  CHECK(bao.send("DELETE", "/api/v1/kiosks/k1", "").status == 403);
  CHECK(ana.json("POST", "/api/v1/accounts", {{"name", "dung"}, {"role", "editor"}, {"password", kTestPassword}}).status == 201);
  CHECK(ana.get("/api/v1/accounts").body.size() == 4);
  // Every role is refused exactly what is above it, for every route.
  for (const auto& route : hub.hub().routes()) {
    if (!route.role || *route.role == qtsc::hub::Role::Editor) continue;
    INFO(route.method << " " << route.pattern);
    CHECK(chi.send(route.method, concrete(route.pattern), "{}").status == 403);
  }
  // The audit log has who did what, before and after.
  const Reply log = ana.get("/api/v1/audit");
  REQUIRE(log.status == 200);
  bool found = false;
  for (const auto& entry : log.body)
    if (entry["recordId"] == "by-editor" && entry["user"] == "chi" && entry["action"] == "create") found = true;
  CHECK(found);
}

TEST_CASE("failed logins make the next attempt wait, longer each time", "[hub][throttle]") {
  // The waits run on a clock the test moves, so nothing sleeps.
  const auto offset = std::make_shared<std::atomic<long long>>(0);  // milliseconds the clock has moved
  qtsc::hub::HubSettings settings;
  settings.steadyClock = [offset, start = std::chrono::steady_clock::now()] {
    return start + std::chrono::milliseconds(offset->load());
  };
  TestHub hub(settings);
  for (int i = 0; i < 3; ++i) CHECK(Staff(hub, "ana", "wrong-password-1").loginStatus == 401);
  // The third failure starts the wait; meanwhile even the right password waits.
  const Reply waiting = raw(hub.url(), "POST", "/api/v1/login", json{{"name", "ana"}, {"password", kTestPassword}}.dump(), {});
  CHECK(waiting.status == 429);
  CHECK(waiting.headers.count("Retry-After") == 1);
  // Another account from the same address is not: nobody inherits another person's penalty.
  CHECK(Staff(hub, "bao").loginStatus == 200);
  CHECK(waiting.headers.find("Retry-After")->second == "2");
  *offset += 1600;
  // One more failure waits twice as long.
  CHECK(Staff(hub, "ana", "wrong-password-1").loginStatus == 401);
  const Reply longer = raw(hub.url(), "POST", "/api/v1/login", json{{"name", "ana"}, {"password", kTestPassword}}.dump(), {});
  CHECK(longer.status == 429);
  CHECK(longer.headers.find("Retry-After")->second == "3");
  *offset += 2900;  // 100 ms before the wait ends: still waiting
  CHECK(raw(hub.url(), "POST", "/api/v1/login", json{{"name", "ana"}, {"password", kTestPassword}}.dump(), {}).status == 429);
  *offset += 200;
  CHECK(Staff(hub, "ana").loginStatus == 200);
  // An unknown name fails like a wrong password.
  CHECK(raw(hub.url(), "POST", "/api/v1/login", json{{"name", "nobody"}, {"password", "x"}}.dump(), {}).status == 401);
}

TEST_CASE("a refused edit names each field and changes nothing", "[hub][validation]") {
  TestHub hub;
  Staff chi(hub, "chi");
  const Reply before = chi.get("/api/v1/content/tenants/agri-coe");
  REQUIRE(before.status == 200);
  json edit = before.body;
  edit["name"] = {{"en", "Only English"}};
  edit["place"] = "no-such-building";
  edit["website"] = "ftp://example";
  edit["colour"] = "blue";
  const Reply refused = chi.json("PUT", "/api/v1/content/tenants/agri-coe", edit);
  CHECK(refused.status == 422);
  CHECK(hasField(refused, "colour"));  // shape errors come first, on their own
  edit.erase("colour");
  const Reply refused2 = chi.json("PUT", "/api/v1/content/tenants/agri-coe", edit);
  CHECK(refused2.status == 422);
  CHECK(hasField(refused2, "name.vi"));
  CHECK(hasField(refused2, "place"));
  CHECK(hasField(refused2, "website"));
  CHECK(chi.get("/api/v1/content/tenants/agri-coe").body == before.body);
  // Wrong types, bad JSON, and a body that is not JSON at all.
  CHECK(hasField(chi.json("POST", "/api/v1/content/places", {{"id", "p1"}, {"position", {{"x", "far"}}}}), "position.x"));
  CHECK(hasField(chi.send("POST", "/api/v1/content/tenants", "{not json"), "body"));
  CHECK(chi.send("POST", "/api/v1/content/tenants", "id=x", "application/x-www-form-urlencoded").status == 422);
  // An itinerary's stops are checked stop by stop.
  const Reply tour = chi.json("POST", "/api/v1/content/itineraries",
                              {{"id", "t1"}, {"delegation", {{"vi", "Đoàn"}}}, {"date", "2025-02-30"},
                               {"stops", {{{"place", "rd-labs"}, {"start", "09:00"}, {"end", "09:30"}},
                                          {{"place", "nowhere"}, {"start", "25:00"}}}}});
  CHECK(tour.status == 422);
  CHECK(hasField(tour, "date"));
  CHECK(hasField(tour, "stops[1].place"));
  CHECK(hasField(tour, "stops[1].start"));
  CHECK(chi.get("/api/v1/content/itineraries/t1").status == 404);

  // Each problem carries the code and values it was found with, which the admin page says in
  // its own language; every code is in both of the page's catalogues.
  auto issue = [](const Reply& reply, const std::string& field) {
    for (const auto& e : reply.body["errors"])
      if (e["field"] == field) return e;
    return json();
  };
  CHECK(issue(refused2, "name.vi")["code"] == "required_default_language");
  CHECK(issue(refused2, "place")["code"] == "reference_unknown");
  CHECK(issue(refused2, "place")["params"]["id"] == "no-such-building");
  CHECK(issue(refused2, "place")["params"]["kind"] == "place");
  CHECK(issue(refused2, "website")["code"] == "website_scheme");
  CHECK(issue(tour, "stops[1].start")["code"] == "time_invalid");
  CHECK(issue(tour, "stops[1].start")["params"]["text"] == "25:00");
  CHECK(issue(tour, "stops[1].place")["params"]["id"] == "nowhere");
  const Reply overlap = chi.json("POST", "/api/v1/content/itineraries",
                                 {{"id", "t2"}, {"delegation", {{"vi", "Đoàn"}}}, {"date", "2025-02-03"},
                                  {"stops", {{{"place", "rd-labs"}, {"start", "09:00"}, {"end", "10:00"}},
                                             {{"place", "rd-labs"}, {"start", "09:30"}, {"end", "10:30"}},
                                             {{"place", "rd-labs"}, {"start", "11:00"}, {"end", "10:45"}}}}});
  CHECK(issue(overlap, "stops[1].start")["code"] == "stop_overlap");
  CHECK(issue(overlap, "stops[1].start")["params"]["times"] == "09:00-10:00");
  CHECK(issue(overlap, "stops[2].end")["code"] == "stop_order");
  CHECK(issue(overlap, "stops[2].end")["params"]["start"] == "11:00");
  const auto catalogue = [](const char* language) {
    std::ifstream in(std::string(QTSC_SOURCE_DIR) + "/hub/web/lang/" + language + ".json");
    return json::parse(in);
  };
  const json vi = catalogue("vi"), en = catalogue("en");
  for (const Reply* reply : {&refused2, &tour, &overlap})
    for (const auto& e : reply->body["errors"])
      if (e.contains("code")) {
        INFO(e.dump());
        CHECK(vi.contains("server." + e["code"].get<std::string>()));
        CHECK(en.contains("server." + e["code"].get<std::string>()));
      }
}

TEST_CASE("tenant CSV: a bad row is reported by line and column and nothing is imported", "[hub][csv]") {
  TestHub hub;
  Staff chi(hub, "chi");
  const Reply exported = chi.get("/api/v1/tenants.csv");
  REQUIRE(exported.status == 200);
  const std::string header = exported.text.substr(0, exported.text.find('\n') + 1);
  const std::string bad = header +
                          "new-one,Công ty Mới,New Co,,rd-labs,2,,,https://new.example,,\r\n"
                          "second,,Second,,nowhere,,,,,,\r\n"
                          "\"third\",\"Công ty, Ba\",Third,,rd-labs,,,,\"not a url\",,\r\n";
  const Reply refused = chi.send("POST", "/api/v1/tenants.csv", bad, "text/csv");
  REQUIRE(refused.status == 422);
  std::set<std::pair<int, int>> cells;
  for (const auto& e : refused.body["errors"]) cells.insert({e["line"].get<int>(), e.value("column", 0)});
  CHECK(cells.count({3, 2}) == 1);  // name_vi missing
  CHECK(cells.count({3, 5}) == 1);  // unknown place
  CHECK(cells.count({4, 9}) == 1);  // website
  CHECK(chi.get("/api/v1/content/tenants/new-one").status == 404);

  const std::string good = header + "new-one,Công ty Mới,New Co,,rd-labs,2,,,https://new.example,,\r\n" +
                           "\"third\",\"Công ty, Ba\",Third,,rd-labs,,,,,,\r\n";
  const Reply imported = chi.send("POST", "/api/v1/tenants.csv", good, "text/csv");
  CHECK(imported.status == 200);
  CHECK(imported.body["added"] == 2);
  CHECK(chi.get("/api/v1/content/tenants/third").body["name"]["vi"] == "Công ty, Ba");
}

TEST_CASE("images: type and size checked, stored by hash", "[hub][assets]") {
  qtsc::hub::HubSettings settings;
  settings.maxImageBytes = 1000;
  TestHub hub(settings);
  Staff chi(hub, "chi");
  // A 2 × 2 RGB PNG; what is stored is its pixels encoded anew, named by that file's hash.
  const std::string png(
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02"
      "\x00\x00\x00\xfd\xd4\x9a\x73\x00\x00\x00\x10\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\xc0\x00\xc2\x60"
      "\x02\x00\x19\xf4\x02\xfe\xab\x41\x56\xbc\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
      73);
  const Reply stored = chi.send("POST", "/api/v1/assets", png, "image/png");
  REQUIRE(stored.status == 201);
  const std::string served = chi.get("/api/v1/assets/" + stored.body["name"].get<std::string>()).text;
  CHECK(stored.body["name"] == qtsc::sync::sha256Hex(served) + ".png");
  CHECK(served.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  CHECK(hasField(chi.send("POST", "/api/v1/assets", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x'), "image/png"), "file"));
  CHECK(hasField(chi.send("POST", "/api/v1/assets", "<svg onload=alert(1)>", "image/png"), "file"));
  CHECK(hasField(chi.send("POST", "/api/v1/assets", png + std::string(1000, 'y'), "image/png"), "file"));
  CHECK(chi.get("/api/v1/assets/..%2Fhub.db").status == 404);
}

TEST_CASE("publish, then a kiosk syncs from the hub and gets the change, and reports count once", "[hub][publish]") {
  TestHub hub;
  Staff chi(hub, "chi"), bao(hub, "bao"), ana(hub, "ana");
  json tenant = chi.get("/api/v1/content/tenants/agri-coe").body;
  tenant["name"]["en"] = "Renamed by the hub test";
  REQUIRE(chi.json("PUT", "/api/v1/content/tenants/agri-coe", tenant).status == 200);
  const Reply published = bao.json("POST", "/api/v1/publish", {{"note", "Rename"}});
  REQUIRE(published.status == 201);
  CHECK(published.body["version"] == 1);

  const Reply versions = chi.get("/api/v1/versions");
  qtsc::sync::SyncConfig config;
  config.baseUrl = hub.url() + "/content";
  config.publicKeyHex = versions.body["publicKey"];
  config.dataDir = hub.dir / "kiosk-data";
  config.stateDir = hub.dir / "kiosk-state";
  config.kioskId = "lobby-1";
  config.hubUrl = hub.url();
  const Reply paired = ana.json("POST", "/api/v1/kiosks", {{"id", "lobby-1"}});
  REQUIRE(paired.status == 201);
  config.reportKey = paired.body["key"];
  qtsc::sync::SyncClient kiosk(config);
  const auto first = kiosk.syncOnce();
  INFO(first.message);
  REQUIRE(first.outcome == qtsc::sync::SyncOutcome::Installed);
  {
    qtsc::content::ContentStore installed(qtsc::sync::currentContent(config.dataDir).string(),
                                          qtsc::content::ContentStore::Mode::ReadOnly);
    CHECK(installed.tenant("agri-coe")->name.in("en") == "Renamed by the hub test");
  }
  // An unchanged poll is answered 304 and installs nothing.
  CHECK(kiosk.syncOnce().outcome == qtsc::sync::SyncOutcome::UpToDate);

  // Roll back to version 1 after a second publish: a new version 3 with version 1's content.
  tenant["name"]["en"] = "Second name";
  REQUIRE(chi.json("PUT", "/api/v1/content/tenants/agri-coe", tenant).status == 200);
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "Second"}}).status == 201);
  const Reply rolled = bao.json("POST", "/api/v1/versions/1/rollback", {{"note", "wrong name"}});
  REQUIRE(rolled.status == 201);
  CHECK(rolled.body["version"] == 3);
  const json rolledVersion = chi.get("/api/v1/versions").body["versions"][0];
  REQUIRE(rolledVersion["version"] == 3);
  CHECK(rolledVersion["note"] == "wrong name");  // what staff wrote, nothing added in English
  CHECK(rolledVersion["noteCode"] == "server.rollback_note");
  CHECK(rolledVersion["noteParams"]["version"] == 1);
  CHECK(rolledVersion["rolledBackTo"] == 1);
  CHECK(chi.get("/api/v1/content/tenants/agri-coe").body["name"]["en"] == "Renamed by the hub test");
  REQUIRE(kiosk.syncOnce().outcome == qtsc::sync::SyncOutcome::Installed);
  CHECK(qtsc::sync::currentVersion(config.dataDir) == 3);

  const Reply fleet = chi.get("/api/v1/kiosks");
  REQUIRE(fleet.body["kiosks"].size() == 1);
  CHECK(fleet.body["kiosks"][0]["id"] == "lobby-1");
  CHECK(fleet.body["kiosks"][0]["contentVersion"] == 3);
  CHECK(fleet.body["kiosks"][0]["lastResult"] == "installed");
  CHECK(fleet.body["kiosks"][0]["reports"] == 3);  // one per sync

  // The same report twice is counted once; a malformed one names its fields.
  const json report{{"id", "r-123"}, {"kioskId", "gate-2"}, {"contentVersion", 3}, {"result", "up-to-date"},
                    {"freeDiskBytes", 1000}, {"usage", {{"opened", {{"tenant:agri-coe", 5}}}, {"searchesNotFound", {{"phở", 2}}}}}};
  const std::string gateKey = ana.json("POST", "/api/v1/kiosks", {{"id", "gate-2"}}).body["key"];
  const httplib::Headers asGate{{"Authorization", "Bearer " + gateKey}};
  CHECK(raw(hub.url(), "POST", "/api/v1/reports", report.dump(), asGate).status == 201);
  CHECK(raw(hub.url(), "POST", "/api/v1/reports", report.dump(), asGate).status == 409);
  const Reply usage = chi.get("/api/v1/usage");
  CHECK(usage.body["opened"][0]["count"] == 5);
  CHECK(usage.body["searchesNotFound"][0]["key"] == "phở");
  const Reply badReport = raw(hub.url(), "POST", "/api/v1/reports",
                              json{{"id", "../x"}, {"kioskId", 7}, {"result", "great"}, {"freeDiskBytes", -1}}.dump(), asGate);
  CHECK(badReport.status == 422);
  CHECK(hasField(badReport, "id"));
  CHECK(hasField(badReport, "kioskId"));
  CHECK(hasField(badReport, "result"));
  CHECK(hasField(badReport, "freeDiskBytes"));
}

TEST_CASE("a kiosk's report needs the key the hub made when an admin paired it", "[hub][fleet]") {
  TestHub hub;
  Staff chi(hub, "chi"), ana(hub, "ana");
  auto report = [](const std::string& id, const std::string& kiosk) {
    return json{{"id", id}, {"kioskId", kiosk}, {"contentVersion", 1}, {"result", "installed"},
                {"usage", {{"opened", {{"tenant:tma-solutions", 1}}}}}}
        .dump();
  };
  auto bearer = [](const std::string& key) { return httplib::Headers{{"Authorization", "Bearer " + key}}; };

  // Only an admin pairs, with a valid id; the key is in the answer once.
  CHECK(chi.json("POST", "/api/v1/kiosks", {{"id", "museum-2"}}).status == 403);
  const Reply badId = ana.json("POST", "/api/v1/kiosks", {{"id", "../museum"}});
  CHECK(badId.status == 422);
  CHECK(hasField(badId, "id"));
  const Reply paired = ana.json("POST", "/api/v1/kiosks", {{"id", "museum-2"}});
  REQUIRE(paired.status == 201);
  const std::string key = paired.body["key"];
  CHECK(key.rfind("qk_", 0) == 0);

  // Paired but silent: listed, and it stands out.
  Reply fleet = chi.get("/api/v1/kiosks");
  REQUIRE(fleet.body["kiosks"].size() == 1);
  CHECK(fleet.body["kiosks"][0]["paired"] == true);
  CHECK(fleet.body["kiosks"][0]["lastContact"].is_null());
  CHECK(fleet.body["kiosks"][0]["stale"] == true);

  // No key, another kiosk's name, a wrong key: refused, and nothing is counted.
  const Reply anonymous = raw(hub.url(), "POST", "/api/v1/reports", report("r1", "museum-2"), {});
  CHECK(anonymous.status == 401);
  CHECK(anonymous.body["error"].get<std::string>().find("pair the kiosk") != std::string::npos);
  CHECK(raw(hub.url(), "POST", "/api/v1/reports", report("r2", "lobby-9"), bearer(key)).status == 401);
  CHECK(raw(hub.url(), "POST", "/api/v1/reports", report("r3", "museum-2"), bearer(key + "0")).status == 401);
  CHECK(chi.get("/api/v1/usage").body.value("opened", json::array()).empty());

  // The right key: counted. Pairing again retires the old key.
  CHECK(raw(hub.url(), "POST", "/api/v1/reports", report("r4", "museum-2"), bearer(key)).status == 201);
  fleet = chi.get("/api/v1/kiosks");
  CHECK(fleet.body["kiosks"][0]["reports"] == 1);
  CHECK(fleet.body["kiosks"][0]["stale"] == false);
  const std::string newKey = ana.json("POST", "/api/v1/kiosks", {{"id", "museum-2"}}).body["key"];
  CHECK(newKey != key);
  CHECK(raw(hub.url(), "POST", "/api/v1/reports", report("r5", "museum-2"), bearer(key)).status == 401);
  CHECK(raw(hub.url(), "POST", "/api/v1/reports", report("r6", "museum-2"), bearer(newKey)).status == 201);

  // Forgetting the kiosk removes its key too.
  CHECK(ana.send("DELETE", "/api/v1/kiosks/museum-2", "").status == 200);
  CHECK(raw(hub.url(), "POST", "/api/v1/reports", report("r7", "museum-2"), bearer(newKey)).status == 401);
  CHECK(chi.get("/api/v1/kiosks").body["kiosks"].empty());
}

TEST_CASE("a first run makes a private signing key, and previews say when no renderer is installed", "[hub][setup]") {
  qtsc::hub::HubSettings settings;
  settings.kioskBinary = "/nonexistent/kiosk";
  TestHub hub(settings);
  const auto key = hub.dir / "data" / "signing.key";
  REQUIRE(std::filesystem::exists(key));
  const auto ownerOnly = std::filesystem::perms::owner_read | std::filesystem::perms::owner_write;
  CHECK((std::filesystem::status(key).permissions() & std::filesystem::perms::all) == ownerOnly);
  Staff chi(hub, "chi");
  const Reply preview = chi.get("/api/v1/preview/tenant/agri-coe");
  CHECK(preview.status == 503);
  CHECK(preview.body["error"].get<std::string>().find("not installed") != std::string::npos);
}

TEST_CASE("a preview is the kiosk's own screen for the record, in the language asked for", "[hub][preview]") {
  const std::string kiosk = std::string(QTSC_BIN_DIR) + "/kiosk";
  if (!std::filesystem::exists(kiosk)) {
    WARN("the kiosk program is not built here; previews are not checked");
    return;
  }
  qtsc::hub::HubSettings settings;
  settings.kioskBinary = kiosk;
  TestHub hub(settings);
  Staff chi(hub, "chi");
  const Reply vi = chi.get("/api/v1/preview/tenant/tma-solutions");
  const Reply en = chi.get("/api/v1/preview/tenant/tma-solutions?lang=en");
  REQUIRE(vi.status == 200);
  REQUIRE(en.status == 200);
  CHECK(vi.text.substr(1, 3) == "PNG");
  CHECK(en.text.substr(1, 3) == "PNG");
  CHECK(vi.text != en.text);
  CHECK(chi.get("/api/v1/preview/tenant/tma-solutions?lang=fr").status == 422);
  CHECK(chi.get("/api/v1/preview/tenant/no-such-tenant").status == 503);
}

TEST_CASE("publish on the hub, then the kiosk program's --sync-once installs the change", "[hub][publish][kiosk]") {
  const std::string kiosk = std::string(QTSC_BIN_DIR) + "/kiosk";
  if (!std::filesystem::exists(kiosk)) {
    WARN("the kiosk program is not built here; --sync-once is not checked");
    return;
  }
  TestHub hub;
  Staff chi(hub, "chi"), bao(hub, "bao");
  json tenant = chi.get("/api/v1/content/tenants/tma-solutions").body;
  tenant["description"]["en"] = "Edited on the hub for the kiosk";
  REQUIRE(chi.json("PUT", "/api/v1/content/tenants/tma-solutions", tenant).status == 200);
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "Edit"}}).status == 201);
  const std::string publicKey = chi.get("/api/v1/versions").body["publicKey"];

  Staff ana(hub, "ana");
  const std::string reportKey = ana.json("POST", "/api/v1/kiosks", {{"id", "museum-1"}}).body["key"];
  const auto config = hub.dir / "kiosk.toml";
  qtsc::testing::writeFile(config, "[sync]\nurl = \"" + hub.url() + "/content\"\npublic_key = \"" + publicKey +
                                       "\"\nkiosk_id = \"museum-1\"\nhub_url = \"" + hub.url() +
                                       "\"\nreport_key = \"" + reportKey + "\"\ndata_dir = \"" +
                                       (hub.dir / "kiosk-data").string() + "\"\nstate_dir = \"" +
                                       (hub.dir / "kiosk-state").string() + "\"\n");
  const std::string command = kiosk + " --sync-once --config " + config.string() + " > " +
                              (hub.dir / "sync.log").string() + " 2>&1";
  const int status = std::system(command.c_str());
  INFO(qtsc::testing::readFile(hub.dir / "sync.log"));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  qtsc::content::ContentStore installed(qtsc::sync::currentContent(hub.dir / "kiosk-data").string(),
                                        qtsc::content::ContentStore::Mode::ReadOnly);
  CHECK(installed.tenant("tma-solutions")->description.in("en") == "Edited on the hub for the kiosk");
  // Up to date now: exit 0 again, and the kiosk reported to the hub.
  CHECK(std::system(command.c_str()) == 0);
  const Reply fleet = chi.get("/api/v1/kiosks");
  REQUIRE(fleet.body["kiosks"].size() == 1);
  CHECK(fleet.body["kiosks"][0]["id"] == "museum-1");
  CHECK(fleet.body["kiosks"][0]["reports"] == 2);
}

TEST_CASE("a rollback to a kept version that cannot be opened changes nothing and the hub keeps answering",
          "[hub][publish][rollback]") {
  TestHub hub;
  Staff chi(hub, "chi"), bao(hub, "bao");
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "First"}}).status == 201);
  json tenant = chi.get("/api/v1/content/tenants/agri-coe").body;
  tenant["name"]["en"] = "Edited after version 1";
  REQUIRE(chi.json("PUT", "/api/v1/content/tenants/agri-coe", tenant).status == 200);

  // The kept copy of version 1 is damaged on disk.
  writeFile(hub.dir / "data" / "versions" / "v1.db", "this is no longer a database");
  const Reply refused = bao.json("POST", "/api/v1/versions/1/rollback", {{"note", "undo"}});
  CHECK(refused.status >= 400);
  CHECK(refused.body.contains("error"));

  // The drafts are as they were, and every later request finds them.
  for (int i = 0; i < 3; ++i) {
    const Reply read = chi.get("/api/v1/content/tenants/agri-coe");
    REQUIRE(read.status == 200);
    CHECK(read.body["name"]["en"] == "Edited after version 1");
  }
  tenant["name"]["en"] = "Edited after the failed rollback";
  CHECK(chi.json("PUT", "/api/v1/content/tenants/agri-coe", tenant).status == 200);
  const Reply published = bao.json("POST", "/api/v1/publish", {{"note", "Second"}});
  REQUIRE(published.status == 201);
  CHECK(published.body["version"] == 2);
  CHECK(chi.get("/api/v1/content/tenants/agri-coe").body["name"]["en"] == "Edited after the failed rollback");
}
