// The source documents records cite, edited on the hub like any content: listed, added,
// changed and removed, refused when malformed, and kept while a record still cites them.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "test_hub_support.hpp"

using namespace qtsc::testing;
using nlohmann::json;

namespace {

bool names(const Reply& r, const std::string& field) {
  if (r.status != 422 || !r.body.contains("errors")) return false;
  for (const auto& e : r.body["errors"])
    if (e["field"] == field) return true;
  return false;
}

std::string errorText(const Reply& r) {
  std::string out;
  for (const auto& e : r.body.value("errors", json::array())) out += e.value("message", "") + "\n";
  return out;
}

json newSource(const std::string& id) {
  return {{"id", id},
          {"title", "Hội nghị chuyển đổi số"},
          {"publisher", {{"vi", "Báo mẫu"}, {"en", "Sample newspaper"}}},
          {"date", "2024-05"},
          {"language", "vi"},
          {"link", "https://example.org/tin"},
          {"unconfirmedNames", json::array({"Nguyen Van A"})}};
}

}  // namespace

TEST_CASE("staff list, add, change and remove the documents records cite; a cited one stays", "[hub][sources]") {
  TestHub hub;
  Staff chi(hub, "chi");
  const Reply list = chi.get("/api/v1/content/sources");
  REQUIRE(list.status == 200);
  std::set<std::string> ids;
  for (const auto& s : list.body) ids.insert(s["id"].get<std::string>());
  CHECK(ids.count("004") == 1);  // the park's own documents are there to edit
  const Reply paged = chi.get("/api/v1/content/sources?limit=2&sort=id");
  REQUIRE(paged.status == 200);
  CHECK(paged.body["total"] == static_cast<int>(ids.size()));
  CHECK(paged.body["items"].size() == 2);

  REQUIRE(chi.json("POST", "/api/v1/content/sources", newSource("005")).status == 201);
  Reply read = chi.get("/api/v1/content/sources/005");
  REQUIRE(read.status == 200);
  CHECK(read.body["date"] == "2024-05");
  CHECK(read.body["publisher"]["vi"] == "Báo mẫu");
  CHECK(read.body["unconfirmedNames"] == json::array({"Nguyen Van A"}));
  json changed = read.body;
  changed["note"] = {{"vi", "Bài tổng hợp"}, {"en", "A summary article"}};
  changed["date"] = "";  // a document may be undated
  REQUIRE(chi.json("PUT", "/api/v1/content/sources/005", changed).status == 200);
  read = chi.get("/api/v1/content/sources/005");
  CHECK(read.body["note"]["en"] == "A summary article");
  CHECK(read.body["date"] == "");

  // A milestone cites it: the document cannot go while it does, and the refusal names the record.
  json milestone = chi.get("/api/v1/content/milestones").body.at(0);
  const std::string milestoneId = milestone["id"];
  milestone = chi.get("/api/v1/content/milestones/" + milestoneId).body;
  const json oldSource = milestone["source"];
  milestone["source"] = "005";
  REQUIRE(chi.json("PUT", "/api/v1/content/milestones/" + milestoneId, milestone).status == 200);
  const Reply refused = chi.send("DELETE", "/api/v1/content/sources/005", "");
  CHECK(refused.status == 422);
  CHECK(errorText(refused).find("milestone " + milestoneId) != std::string::npos);
  CHECK(chi.get("/api/v1/content/sources/005").status == 200);

  milestone["source"] = oldSource;
  REQUIRE(chi.json("PUT", "/api/v1/content/milestones/" + milestoneId, milestone).status == 200);
  CHECK(chi.send("DELETE", "/api/v1/content/sources/005", "").status == 200);
  CHECK(chi.get("/api/v1/content/sources/005").status == 404);
  // A record cannot cite a document that is not there.
  milestone["source"] = "005";
  CHECK(names(chi.json("PUT", "/api/v1/content/milestones/" + milestoneId, milestone), "source"));
}

TEST_CASE("a malformed source document is refused field by field and changes nothing", "[hub][sources]") {
  TestHub hub;
  Staff chi(hub, "chi");
  const Reply before = chi.get("/api/v1/content/sources/004");
  REQUIRE(before.status == 200);

  json bad = newSource("006");
  bad["language"] = "Vietnamese";
  bad["link"] = "javascript:alert(1)";
  bad["date"] = "2024-13";
  CHECK(names(chi.json("POST", "/api/v1/content/sources", bad), "date"));
  bad["date"] = "2024-12";
  const Reply refused = chi.json("POST", "/api/v1/content/sources", bad);
  CHECK(names(refused, "language"));
  CHECK(names(refused, "link"));
  CHECK(chi.get("/api/v1/content/sources/006").status == 404);

  json nameless = newSource("007");
  nameless["title"] = "";
  nameless["publisher"] = json::object();
  CHECK(names(chi.json("POST", "/api/v1/content/sources", nameless), "title"));
  CHECK(names(chi.json("POST", "/api/v1/content/sources", newSource("004")), "id"));  // no second 004
  json wrongType = newSource("008");
  wrongType["unconfirmedNames"] = "Nguyen Van A";
  CHECK(names(chi.json("POST", "/api/v1/content/sources", wrongType), "unconfirmedNames"));
  CHECK(chi.get("/api/v1/content/sources/004").body == before.body);
}

TEST_CASE("the publish preview lists a changed source document with the content", "[hub][sources][publish]") {
  TestHub hub;
  Staff chi(hub, "chi");
  Staff bao(hub, "bao");
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "First"}}).status == 201);
  json doc = chi.get("/api/v1/content/sources/004").body;
  doc["note"] = {{"vi", "Đã đối chiếu với bản in"}, {"en", "Checked against the printed paper"}};
  REQUIRE(chi.json("PUT", "/api/v1/content/sources/004", doc).status == 200);
  const Reply preview = chi.get("/api/v1/publish/preview");
  REQUIRE(preview.status == 200);
  CHECK(preview.body["nothing"] == false);
  std::set<std::string> changed;
  for (const auto& c : preview.body["changed"]) changed.insert(c["kind"].get<std::string>() + ":" + c["id"].get<std::string>());
  CHECK(changed == std::set<std::string>{"source:004"});
}
