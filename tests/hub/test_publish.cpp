// Publishing that shows what it does, against a real hub on 127.0.0.1: the preview of a
// publish equals what the publish then changed (the kept databases of the two versions,
// compared here record by record), nothing to publish is said so, a rollback's preview
// equals what the rollback undid, hostile parameters are named; editors' publish requests
// with their roles and states; usage per kiosk per day.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <set>

#include "qtsc/content/store.hpp"
#include "qtsc/hub/hub_db.hpp"
#include "qtsc/hub/records.hpp"
#include "test_hub_support.hpp"

using namespace qtsc::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json newTenant(const std::string& id) {
  return {{"id", id},
          {"name", {{"vi", "Công ty Xem trước"}, {"en", "Preview Company"}}},
          {"sectors", json::array()},
          {"description", {{"vi", "Mô tả"}, {"en", "About"}}},
          {"place", "rd-labs"}};
}

// The tenants of a kept version, by id, in their API form. Read from a copy, as the hub does.
std::map<std::string, json> keptTenants(TestHub& hub, int version) {
  const fs::path copy = hub.dir / ("read-v" + std::to_string(version) + ".db");
  fs::copy_file(hub.dir / "data" / "versions" / ("v" + std::to_string(version) + ".db"), copy,
                fs::copy_options::overwrite_existing);
  std::map<std::string, json> out;
  const qtsc::content::ContentStore store(copy.string());
  for (const auto& t : store.exportAll().tenants) out[t.id] = qtsc::hub::toJson(t);
  return out;
}

// kind:id of each entry of a diff's list.
std::set<std::string> ids(const json& list) {
  std::set<std::string> out;
  for (const auto& e : list) out.insert(e["kind"].get<std::string>() + ":" + e["id"].get<std::string>());
  return out;
}

// What changed between two versions' tenants, compared here without the hub's diff.
struct TenantChanges {
  std::set<std::string> added, removed, changed;
};
TenantChanges compare(const std::map<std::string, json>& before, const std::map<std::string, json>& after) {
  TenantChanges c;
  for (const auto& [id, record] : before) {
    const auto now = after.find(id);
    if (now == after.end()) c.removed.insert("tenant:" + id);
    else if (now->second != record) c.changed.insert("tenant:" + id);
  }
  for (const auto& [id, record] : after)
    if (!before.count(id)) c.added.insert("tenant:" + id);
  return c;
}

bool names(const Reply& r, const std::string& field) {
  if (!r.body.contains("errors")) return false;
  for (const auto& e : r.body["errors"])
    if (e["field"] == field) return true;
  return false;
}

}  // namespace

TEST_CASE("the publish preview is what the publish that follows changes, and nothing is said so", "[hub][publish][preview]") {
  TestHub hub;
  Staff chi(hub, "chi"), bao(hub, "bao");
  // Before the first publish every record is new.
  const Reply first = chi.get("/api/v1/publish/preview");
  REQUIRE(first.status == 200);
  CHECK(first.body["published"] == 0);
  CHECK(first.body["nothing"] == false);
  CHECK(first.body["counts"]["added"].get<int>() > 10);
  CHECK(first.body["changed"].empty());
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "First"}}).status == 201);
  CHECK(chi.get("/api/v1/publish/preview").body["nothing"] == true);

  // A renamed tenant, a new one and a removed one.
  json tenant = chi.get("/api/v1/content/tenants/agri-coe").body;
  const json oldName = tenant["name"];
  tenant["name"]["en"] = "Renamed for the preview";
  REQUIRE(chi.json("PUT", "/api/v1/content/tenants/agri-coe", tenant).status == 200);
  REQUIRE(chi.json("POST", "/api/v1/content/tenants", newTenant("preview-co")).status == 201);
  const json list = chi.get("/api/v1/content/tenants").body;
  std::string gone;
  for (const auto& t : list)
    if (t["id"] != "agri-coe") gone = t["id"];
  REQUIRE(chi.send("DELETE", "/api/v1/content/tenants/" + gone, "").status == 200);

  const Reply preview = chi.get("/api/v1/publish/preview");
  REQUIRE(preview.status == 200);
  CHECK(preview.body["published"] == 1);
  CHECK(preview.body["nothing"] == false);
  CHECK(ids(preview.body["added"]) == std::set<std::string>{"tenant:preview-co"});
  CHECK(ids(preview.body["removed"]) == std::set<std::string>{"tenant:" + gone});
  CHECK(ids(preview.body["changed"]) == std::set<std::string>{"tenant:agri-coe"});
  const json& fields = preview.body["changed"][0]["fields"];
  REQUIRE(fields.size() == 1);
  CHECK(fields[0]["field"] == "name");
  CHECK(fields[0]["type"] == "text");
  CHECK(fields[0]["before"] == oldName);  // both languages
  CHECK(fields[0]["after"]["en"] == "Renamed for the preview");
  CHECK(fields[0]["after"]["vi"] == oldName["vi"]);
  CHECK(preview.body["added"][0]["label"]["en"] == "Preview Company");

  // Publish, then compare the kept databases of versions 1 and 2.
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "Second"}}).status == 201);
  const auto v1 = keptTenants(hub, 1);
  const auto v2 = keptTenants(hub, 2);
  const TenantChanges actual = compare(v1, v2);
  CHECK(actual.added == ids(preview.body["added"]));
  CHECK(actual.removed == ids(preview.body["removed"]));
  CHECK(actual.changed == ids(preview.body["changed"]));
  CHECK(v1.at("agri-coe")["name"] == fields[0]["before"]);
  CHECK(v2.at("agri-coe")["name"] == fields[0]["after"]);

  // Nothing left to publish.
  const Reply after = chi.get("/api/v1/publish/preview");
  CHECK(after.body["nothing"] == true);
  CHECK(after.body["counts"] == json{{"added", 0}, {"changed", 0}, {"removed", 0}, {"picturesAdded", 0}});
}

TEST_CASE("a rollback's preview is what the rollback undoes", "[hub][publish][rollback][preview]") {
  TestHub hub;
  Staff chi(hub, "chi"), bao(hub, "bao");
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "First"}}).status == 201);
  json tenant = chi.get("/api/v1/content/tenants/agri-coe").body;
  tenant["name"]["vi"] = "Tên mới";
  REQUIRE(chi.json("PUT", "/api/v1/content/tenants/agri-coe", tenant).status == 200);
  REQUIRE(chi.json("POST", "/api/v1/content/tenants", newTenant("later-co")).status == 201);
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "Second"}}).status == 201);
  // An unpublished edit the rollback would drop.
  REQUIRE(chi.json("POST", "/api/v1/content/tenants", newTenant("draft-co")).status == 201);

  CHECK(chi.get("/api/v1/rollback/preview?version=1").status == 403);  // publishers roll back
  const Reply preview = bao.get("/api/v1/rollback/preview?version=1");
  REQUIRE(preview.status == 200);
  CHECK(preview.body["published"] == 2);
  CHECK(preview.body["version"] == 1);
  CHECK(ids(preview.body["removed"]) == std::set<std::string>{"tenant:later-co"});
  CHECK(ids(preview.body["changed"]) == std::set<std::string>{"tenant:agri-coe"});
  CHECK(preview.body["added"].empty());
  CHECK(preview.body["changed"][0]["fields"][0]["after"]["vi"] != "Tên mới");
  CHECK(preview.body["draftsDiscarded"]["added"] == 1);

  REQUIRE(bao.json("POST", "/api/v1/versions/1/rollback", json::object()).status == 201);
  const TenantChanges undone = compare(keptTenants(hub, 2), keptTenants(hub, 3));
  CHECK(undone.removed == ids(preview.body["removed"]));
  CHECK(undone.changed == ids(preview.body["changed"]));
  CHECK(undone.added == ids(preview.body["added"]));
  CHECK(chi.get("/api/v1/publish/preview").body["nothing"] == true);
}

TEST_CASE("hostile version parameters are answered 4xx naming the parameter", "[hub][publish][hostile]") {
  TestHub hub;
  Staff bao(hub, "bao");
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "First"}}).status == 201);
  for (const std::string query : {"", "?version=", "?version=abc", "?version=0", "?version=-1", "?version=1abc",
                                  "?version=%201", "?version=0x1", "?version=99999999999999999999",
                                  "?version=1&version=2", "?versions=1"}) {
    INFO(query);
    const Reply r = bao.get("/api/v1/rollback/preview" + query);
    CHECK(r.status == 422);
    CHECK(names(r, "version"));
  }
  const Reply unkept = bao.get("/api/v1/rollback/preview?version=7");
  CHECK(unkept.status == 409);
  CHECK(unkept.body["error"].get<std::string>().find("version 7") != std::string::npos);
  for (const std::string path : {"abc", "0", "1abc", "-3"}) {
    const Reply r = bao.json("POST", "/api/v1/versions/" + path + "/rollback", json::object());
    CHECK(r.status == 422);
    CHECK(names(r, "version"));
  }
  CHECK(bao.get("/api/v1/rollback/preview?version=1").status == 200);
}

TEST_CASE("an editor asks for a publish; a publisher approves it once or returns it with a comment",
          "[hub][publish][requests]") {
  TestHub hub;
  Staff chi(hub, "chi"), bao(hub, "bao"), ana(hub, "ana");
  const Reply asked = chi.json("POST", "/api/v1/publish/requests", {{"note", "Sửa tên công ty"}});
  REQUIRE(asked.status == 201);
  CHECK(asked.body["state"] == "open");
  CHECK(asked.body["editor"] == "chi");
  const std::string id = std::to_string(asked.body["id"].get<long long>());

  CHECK(chi.json("POST", "/api/v1/publish/requests", {{"note", 5}}).status == 422);
  CHECK(chi.json("POST", "/api/v1/publish/requests", {{"extra", "x"}}).status == 422);
  CHECK(chi.json("POST", "/api/v1/publish/requests", {{"note", std::string(600, 'a')}}).status == 422);

  // A publisher sees it; an editor cannot approve or return it.
  const Reply seen = bao.get("/api/v1/publish/requests");
  REQUIRE(seen.body["requests"].size() == 1);
  CHECK(seen.body["requests"][0]["note"] == "Sửa tên công ty");
  CHECK(chi.json("POST", "/api/v1/publish/requests/" + id + "/approve", json::object()).status == 403);
  CHECK(chi.json("POST", "/api/v1/publish/requests/" + id + "/return", {{"comment", "no"}}).status == 403);

  // Approving publishes; a second approval (or a return) is refused and publishes nothing.
  const Reply approved = bao.json("POST", "/api/v1/publish/requests/" + id + "/approve", json::object());
  REQUIRE(approved.status == 201);
  CHECK(approved.body["request"]["state"] == "approved");
  CHECK(approved.body["request"]["decidedBy"] == "bao");
  CHECK(approved.body["published"]["version"] == 1);
  CHECK(approved.body["request"]["version"] == 1);
  const Reply again = ana.json("POST", "/api/v1/publish/requests/" + id + "/approve", json::object());
  CHECK(again.status == 409);
  CHECK(again.body["error"].get<std::string>().find("approved by bao") != std::string::npos);
  CHECK(bao.json("POST", "/api/v1/publish/requests/" + id + "/return", {{"comment", "late"}}).status == 409);
  CHECK(chi.get("/api/v1/versions").body["versions"].size() == 1);
  // The version keeps the editor's note as written; which request it was is a message code and
  // its values, rendered in the page's language, not an English line in the note.
  const json version = chi.get("/api/v1/versions").body["versions"][0];
  CHECK(version["note"] == "Sửa tên công ty");
  CHECK(version["noteCode"] == "server.request_note");
  CHECK(version["noteParams"]["request"] == asked.body["id"]);
  CHECK(version["noteParams"]["editor"] == "chi");

  // A returned request shows the publisher's comment to the editor.
  const std::string second = std::to_string(chi.json("POST", "/api/v1/publish/requests", json::object()).body["id"].get<long long>());
  const Reply noComment = bao.json("POST", "/api/v1/publish/requests/" + second + "/return", json::object());
  CHECK(noComment.status == 422);
  CHECK(names(noComment, "comment"));
  REQUIRE(bao.json("POST", "/api/v1/publish/requests/" + second + "/return", {{"comment", "Thiếu ảnh logo"}}).status == 200);
  const Reply mine = chi.get("/api/v1/publish/requests");
  bool found = false;
  for (const auto& r : mine.body["requests"])
    if (std::to_string(r["id"].get<long long>()) == second) {
      found = true;
      CHECK(r["state"] == "returned");
      CHECK(r["comment"] == "Thiếu ảnh logo");
      CHECK(r["decidedBy"] == "bao");
    }
  CHECK(found);
  CHECK(bao.json("POST", "/api/v1/publish/requests/" + second + "/approve", json::object()).status == 409);

  // Hostile and unknown ids.
  for (const std::string bad : {"abc", "0", "-1", "2x"}) {
    const Reply r = bao.json("POST", "/api/v1/publish/requests/" + bad + "/approve", json::object());
    CHECK(r.status == 422);
    CHECK(names(r, "id"));
  }
  CHECK(bao.json("POST", "/api/v1/publish/requests/999/approve", json::object()).status == 409);

  // Each step is in the audit log.
  std::set<std::string> actions;
  for (const auto& e : ana.get("/api/v1/audit").body) actions.insert(e["action"].get<std::string>());
  CHECK(actions.count("request-publish") == 1);
  CHECK(actions.count("approve") == 1);
  CHECK(actions.count("return") == 1);
}

TEST_CASE("usage per kiosk per day: visits, sessions and searches that found nothing", "[hub][usage]") {
  TestHub hub;
  Staff chi(hub, "chi"), ana(hub, "ana");
  const std::string key = ana.json("POST", "/api/v1/kiosks", {{"id", "lobby-1"}}).body["key"];
  ana.json("POST", "/api/v1/kiosks", {{"id", "museum-2"}});
  const json report{{"id", "r1"}, {"kioskId", "lobby-1"}, {"contentVersion", 1}, {"result", "installed"},
                    {"usage", {{"opened", {{"screen:home", 4}, {"screen:tenant", 2}, {"tenant:agri-coe", 2}}},
                               {"searchesNotFound", {{"xyz", 3}}},
                               {"sessions", 3}}}};
  REQUIRE(raw(hub.url(), "POST", "/api/v1/reports", report.dump(), {{"Authorization", "Bearer " + key}}).status == 201);

  const Reply daily = chi.get("/api/v1/usage/daily?days=7");
  REQUIRE(daily.status == 200);
  CHECK(daily.body["days"].size() == 7);
  CHECK(daily.body["timeZone"] == "Asia/Ho_Chi_Minh");
  REQUIRE(daily.body["kiosks"].size() == 2);  // the silent kiosk too, with zeros
  const json& lobby = daily.body["kiosks"][0];
  CHECK(lobby["id"] == "lobby-1");
  CHECK(lobby["visits"] == json{0, 0, 0, 0, 0, 0, 6});  // screens, not the records on them
  CHECK(lobby["sessions"] == json{0, 0, 0, 0, 0, 0, 3});
  CHECK(lobby["searchesNotFound"] == json{0, 0, 0, 0, 0, 0, 3});
  CHECK(daily.body["kiosks"][1]["visits"] == json{0, 0, 0, 0, 0, 0, 0});
  CHECK(chi.get("/api/v1/usage/daily").body["days"].size() == 28);

  for (const std::string bad : {"0", "367", "-1", "abc", "7x", "", "7&days=8"}) {
    INFO(bad);
    const Reply r = chi.get("/api/v1/usage/daily?days=" + bad);
    CHECK(r.status == 422);
    CHECK(names(r, "days"));
  }
}

TEST_CASE("a hub database from before daily usage keeps its data and counts its stored reports by day",
          "[hub][usage][migration]") {
  TempDir dir;
  const std::string path = (dir / "hub.db").string();
  constexpr long long at = 1'790'000'000;  // 2026-09-21 (UTC)
  {
    qtsc::hub::HubDatabase db(path, {1, 8192}, [] { return at; });
    db.addAccount("ana", qtsc::hub::Role::Admin, kTestPassword);
    qtsc::hub::KioskState state;
    state.id = "lobby-1";
    state.lastContact = at;
    state.lastResult = "installed";
    const std::string body = json{{"id", "r1"}, {"kioskId", "lobby-1"}, {"contentVersion", 1}, {"result", "installed"},
                                  {"usage", {{"opened", {{"screen:home", 5}}}}}}.dump();
    db.addReport("r1", state, {{"opened", {{"screen:home", 5}}}}, body, {});
  }
  {  // as a data folder made before the daily table was
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("DROP TABLE usage_daily; DROP TABLE publish_requests;");
  }
  qtsc::hub::HubDatabase db(path, {1, 8192}, [] { return at; });
  CHECK(db.account("ana").has_value());
  CHECK(db.kiosks().size() == 1);
  const auto days = db.dailyUsage(0);
  REQUIRE(days.size() == 1);
  CHECK(days[0].kiosk == "lobby-1");
  CHECK(days[0].visits == 5);
  CHECK(days[0].day == (at + qtsc::hub::kParkUtcOffsetSeconds) / 86400);
  CHECK(db.publishRequests(10).empty());
}
