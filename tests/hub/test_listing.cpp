// Lists as the admin page pages through them, against a real hub on 127.0.0.1: the true
// count past 500 tenants, pages that cover every record once, the Vietnamese collator's
// order, a filter that ignores accents and case and leaves descriptions alone unless asked,
// building and sector filters, and hostile parameters refused with the parameter named.
// Also the admin page's language kept on the account.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <set>

#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/hub_db.hpp"
#include "test_hub_support.hpp"

using namespace qtsc::testing;
using nlohmann::json;

namespace {

json tenant(const std::string& id, const std::string& vi, const std::string& en, const std::string& place = "rd-labs") {
  return {{"id", id}, {"name", {{"vi", vi}, {"en", en}}}, {"sectors", json::array()},
          {"description", {{"vi", "Mô tả"}, {"en", "About"}}}, {"place", place}};
}

bool names(const Reply& r, const std::string& field) {
  if (r.status != 422 || !r.body.contains("errors")) return false;
  for (const auto& e : r.body["errors"])
    if (e["field"] == field) return true;
  return false;
}

std::vector<std::string> ids(const Reply& r) {
  std::vector<std::string> out;
  for (const auto& item : r.body["items"]) out.push_back(item["id"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("a list tells the true count and its pages cover every record once, past 500", "[hub][listing]") {
  TestHub hub;
  Staff chi(hub, "chi");
  const auto seeded = chi.get("/api/v1/content/tenants").body.size();
  // One CSV of 506 - seeded rows makes the park's directory 506 tenants.
  std::string csv = "id,name_vi,name_en,sectors,place,floor,description_vi,description_en,website,contact,logo\n";
  for (std::size_t i = 0; i + seeded < 506; ++i)
    csv += "sample-" + std::to_string(i) + ",Công ty mẫu " + std::to_string(i) + ",Sample company " + std::to_string(i) +
           ",,rd-labs,,,,,,\n";
  const Reply imported = chi.send("POST", "/api/v1/tenants.csv", csv, "text/csv");
  REQUIRE(imported.status == 200);

  const Reply first = chi.get("/api/v1/content/tenants?limit=50");
  REQUIRE(first.status == 200);
  CHECK(first.body["total"] == 506);
  CHECK(first.body["all"] == 506);
  CHECK(first.body["items"].size() == 50);
  // The list's summary, not the whole record.
  CHECK_FALSE(first.body["items"][0].contains("description"));

  std::set<std::string> seen;
  for (int offset = 0; offset < 506; offset += 200) {
    const Reply page = chi.get("/api/v1/content/tenants?limit=200&offset=" + std::to_string(offset));
    REQUIRE(page.status == 200);
    for (const auto& id : ids(page)) CHECK(seen.insert(id).second);
  }
  CHECK(seen.size() == 506);
  const Reply past = chi.get("/api/v1/content/tenants?offset=600");
  CHECK(past.status == 200);
  CHECK(past.body["items"].empty());
  CHECK(past.body["total"] == 506);
  // Without parameters the answer is still every record, as the forms' choices use it.
  CHECK(chi.get("/api/v1/content/tenants").body.size() == 506);
}

TEST_CASE("a list is sorted by the Vietnamese collator, either way", "[hub][listing]") {
  TestHub hub;
  Staff chi(hub, "chi");
  for (const auto& [id, vi] : {std::pair{"t-dong", "Đông Á"}, std::pair{"t-dan", "Dân Trí"}, std::pair{"t-an", "Ân Phú"},
                               std::pair{"t-anh", "Anh Minh"}, std::pair{"t-zeta", "Zeta"}})
    REQUIRE(chi.json("POST", "/api/v1/content/tenants", tenant(id, vi, vi)).status == 201);
  const Reply asc = chi.get("/api/v1/content/tenants?q=&sort=name&limit=200");
  REQUIRE(asc.status == 200);
  std::vector<std::string> mine;
  for (const auto& id : ids(asc))
    if (id.rfind("t-", 0) == 0) mine.push_back(id);
  // Vietnamese order: A < Â (Ân after Anh), D < Đ, then Z; bytes would put Đ and Â after Z.
  CHECK(mine == std::vector<std::string>{"t-anh", "t-an", "t-dan", "t-dong", "t-zeta"});
  const Reply desc = chi.get("/api/v1/content/tenants?sort=-name&limit=200");
  std::vector<std::string> back;
  for (const auto& id : ids(desc))
    if (id.rfind("t-", 0) == 0) back.push_back(id);
  CHECK(back == std::vector<std::string>{"t-zeta", "t-dong", "t-dan", "t-an", "t-anh"});
  // Numbers in names by their value.
  for (const auto& [id, vi] : {std::pair{"n-10", "Lô 10"}, std::pair{"n-9", "Lô 9"}, std::pair{"n-100", "Lô 100"}})
    REQUIRE(chi.json("POST", "/api/v1/content/tenants", tenant(id, vi, vi)).status == 201);
  std::vector<std::string> lots;
  for (const auto& id : ids(chi.get("/api/v1/content/tenants?q=lo&sort=name&limit=200")))
    if (id.rfind("n-", 0) == 0) lots.push_back(id);
  CHECK(lots == std::vector<std::string>{"n-9", "n-10", "n-100"});
}

TEST_CASE("the filter matches names without accents or case, and descriptions only when asked", "[hub][listing]") {
  TestHub hub;
  Staff chi(hub, "chi");
  json sao = tenant("sao-viet", "Công ty Sao Việt", "Sao Viet Company");
  json other = tenant("mat-troi", "Công ty Mặt Trời", "Sun Company");
  other["description"] = {{"vi", "Đối tác của Sao Việt"}, {"en", "A partner of Sao Viet"}};
  other["website"] = "https://saoviet.example";
  REQUIRE(chi.json("POST", "/api/v1/content/tenants", sao).status == 201);
  REQUIRE(chi.json("POST", "/api/v1/content/tenants", other).status == 201);

  for (const std::string q : {"sao%20viet", "SAO%20VI%E1%BB%86T", "vi%E1%BB%87t%20sao", "sao%20viet%20company"}) {
    INFO(q);
    const Reply r = chi.get("/api/v1/content/tenants?q=" + q);
    REQUIRE(r.status == 200);
    CHECK(ids(r) == std::vector<std::string>{"sao-viet"});
    CHECK(r.body["total"] == 1);
  }
  // đ is read as d: "dong" finds "Đông".
  REQUIRE(chi.json("POST", "/api/v1/content/tenants", tenant("dong-a", "Đông Á", "Dong A")).status == 201);
  CHECK(ids(chi.get("/api/v1/content/tenants?q=dong%20a&lang=vi")) == std::vector<std::string>{"dong-a"});
  // Descriptions and websites are searched only when asked.
  const Reply deep = chi.get("/api/v1/content/tenants?q=saoviet&descriptions=1");
  CHECK(ids(deep) == std::vector<std::string>{"mat-troi"});
  CHECK(chi.get("/api/v1/content/tenants?q=saoviet").body["total"] == 0);
  const Reply both = chi.get("/api/v1/content/tenants?q=sao%20viet&descriptions=1&sort=id");
  CHECK(ids(both) == std::vector<std::string>{"mat-troi", "sao-viet"});
}

TEST_CASE("tenants filter by building and by sector", "[hub][listing]") {
  TestHub hub;
  Staff chi(hub, "chi");
  json a = tenant("in-labs", "Ở R&D Labs", "At the R&D Labs", "rd-labs");
  json b = tenant("in-tma", "Ở TMA", "At TMA", "tma-building");
  const auto sectors = chi.get("/api/v1/content/sectors").body;
  REQUIRE(!sectors.empty());
  const std::string sector = sectors[0]["id"];
  b["sectors"] = json::array({sector});
  REQUIRE(chi.json("POST", "/api/v1/content/tenants", a).status == 201);
  REQUIRE(chi.json("POST", "/api/v1/content/tenants", b).status == 201);
  // The reply is held while its items are walked: a range over a temporary's element would not be.
  const Reply inLabs = chi.get("/api/v1/content/tenants?building=rd-labs&limit=200");
  REQUIRE(!inLabs.body["items"].empty());
  for (const auto& item : inLabs.body["items"]) CHECK(item["place"] == "rd-labs");
  const Reply bySector = chi.get("/api/v1/content/tenants?sector=" + sector + "&q=tma");
  CHECK(ids(bySector) == std::vector<std::string>{"in-tma"});
  const Reply both = chi.get("/api/v1/content/tenants?building=rd-labs&sector=" + sector + "&q=tma");
  CHECK(both.body["total"] == 0);
  // Other lists have no building or sector.
  CHECK(names(chi.get("/api/v1/content/places?building=rd-labs"), "building"));
}

TEST_CASE("hostile list parameters are refused with the parameter named", "[hub][listing][hostile]") {
  TestHub hub;
  Staff chi(hub, "chi");
  CHECK(names(chi.get("/api/v1/content/tenants?limit=1000000"), "limit"));
  CHECK(names(chi.get("/api/v1/content/tenants?limit=0"), "limit"));
  CHECK(names(chi.get("/api/v1/content/tenants?limit=99999999999999999999"), "limit"));
  CHECK(names(chi.get("/api/v1/content/tenants?limit=1e3"), "limit"));
  CHECK(names(chi.get("/api/v1/content/tenants?offset=-1"), "offset"));
  CHECK(names(chi.get("/api/v1/content/tenants?offset=abc"), "offset"));
  CHECK(names(chi.get("/api/v1/content/tenants?offset=9999999999999"), "offset"));
  CHECK(names(chi.get("/api/v1/content/tenants?q=%FF%FE"), "q"));
  CHECK(names(chi.get("/api/v1/content/tenants?q=sao%C3"), "q"));
  CHECK(names(chi.get("/api/v1/content/tenants?building=%C0%AF"), "building"));
  CHECK(names(chi.get("/api/v1/content/tenants?q=" + std::string(300, 'a')), "q"));
  CHECK(names(chi.get("/api/v1/content/tenants?sort=password"), "sort"));
  CHECK(names(chi.get("/api/v1/content/tenants?sort=-"), "sort"));
  CHECK(names(chi.get("/api/v1/content/tenants?descriptions=yes"), "descriptions"));
  CHECK(names(chi.get("/api/v1/content/tenants?lang=xx"), "lang"));
  CHECK(names(chi.get("/api/v1/content/tenants?limit=10&limit=20"), "limit"));
  CHECK(names(chi.get("/api/v1/content/tenants?evil=1"), "evil"));
  // Nothing refused changed anything, and the hub still answers.
  CHECK(chi.get("/api/v1/content/tenants?limit=200").status == 200);
}

TEST_CASE("the admin page's language is kept on the account and refused when the page has no catalogue for it",
          "[hub][accounts][language]") {
  TestHub hub;
  Staff chi(hub, "chi");
  CHECK(chi.get("/api/v1/session").body["language"] == "");
  const Reply set = chi.json("PUT", "/api/v1/me/language", {{"language", "en"}});
  CHECK(set.status == 200);
  CHECK(chi.get("/api/v1/session").body["language"] == "en");
  // A new sign-in, anywhere, gets it back.
  Staff again(hub, "chi");
  CHECK(again.get("/api/v1/session").body["language"] == "en");
  CHECK(names(chi.json("PUT", "/api/v1/me/language", {{"language", "xx"}}), "language"));
  CHECK(names(chi.json("PUT", "/api/v1/me/language", {{"language", "../../etc/passwd"}}), "language"));
  CHECK(names(chi.json("PUT", "/api/v1/me/language", {{"language", 7}}), "language"));
  CHECK(names(chi.json("PUT", "/api/v1/me/language", {{"language", "vi"}, {"role", "admin"}}), "role"));
  CHECK(chi.get("/api/v1/session").body["language"] == "en");
  // Another account keeps its own.
  Staff bao(hub, "bao");
  CHECK(bao.get("/api/v1/session").body["language"] == "");
}

TEST_CASE("a hub database from before the language setting keeps its accounts", "[hub][accounts][language][migration]") {
  TempDir dir;
  const std::string path = (dir / "hub.db").string();
  {
    SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    old.exec("CREATE TABLE users(name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, created INTEGER NOT NULL);"
             "INSERT INTO users VALUES('lan', 'admin', 'not-a-real-hash', 5);");
  }
  qtsc::hub::HubDatabase db(path, {1, 8192});
  const auto lan = db.account("lan");
  REQUIRE(lan);
  CHECK(lan->role == qtsc::hub::Role::Admin);
  CHECK(lan->created == 5);
  CHECK(lan->language.empty());
  db.setLanguage("lan", "en");
  CHECK(db.account("lan")->language == "en");
  CHECK_THROWS_AS(db.setLanguage("nobody", "en"), qtsc::hub::ConflictError);
}
