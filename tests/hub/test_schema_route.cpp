// GET /api/v1/schema: the content schema and the limits the hub enforces.
#include <catch2/catch.hpp>

#include "qtsc/content/schema_description.hpp"
#include "qtsc/hub/hub_db.hpp"
#include "qtsc/hub/tenant_csv.hpp"
#include "test_hub_support.hpp"

using namespace qtsc;
using qtsc::testing::Reply;
using qtsc::testing::Staff;
using qtsc::testing::TestHub;

TEST_CASE("the schema route answers every signed-in role with the content schema and the hub's limits", "[hub][schema]") {
  hub::HubSettings settings;
  settings.maxImageBytes = 123 * 1024;
  settings.reportsPerKioskPerHour = 7;
  TestHub hub(settings);
  CHECK(testing::raw(hub.url(), "GET", "/api/v1/schema", "", {}).status == 401);
  for (const char* name : {"ana", "bao", "chi"}) {
    Staff staff(hub, name);
    REQUIRE(staff.loginStatus == 200);
    const Reply r = staff.get("/api/v1/schema");
    INFO(name);
    REQUIRE(r.status == 200);
    CHECK(r.body["content"] == content::describeSchema());
  }
  Staff chi(hub, "chi");
  const auto limits = chi.get("/api/v1/schema").body["limits"];
  CHECK(limits["upload"]["maxBytes"] == 123 * 1024);
  CHECK(limits["kioskReport"]["perKioskPerHour"] == 7);
  CHECK(limits["auditPageSize"] == hub::kAuditPageSize);
  CHECK(limits["password"]["minLength"] == hub::kMinPasswordLength);
}

TEST_CASE("the password minimum the schema gives is the one the hub enforces", "[hub][schema]") {
  TestHub hub;
  Staff ana(hub, "ana");
  const auto minimum = ana.get("/api/v1/schema").body["limits"]["password"]["minLength"].get<std::size_t>();
  const auto add = [&](const std::string& name, std::size_t length) {
    return ana.json("POST", "/api/v1/accounts", {{"name", name}, {"role", "editor"}, {"password", std::string(length, 'p')}}).status;
  };
  CHECK(add("short", minimum - 1) == 422);
  CHECK(add("enough", minimum) == 201);
}

TEST_CASE("the audit page size the schema gives is the number of entries one page holds", "[hub][schema]") {
  TestHub hub;
  Staff ana(hub, "ana");
  const auto pageSize = ana.get("/api/v1/schema").body["limits"]["auditPageSize"].get<std::size_t>();
  for (std::size_t i = 0; i <= pageSize; ++i) ana.json("POST", "/api/v1/tokens", {{"label", "t" + std::to_string(i)}});
  CHECK(ana.get("/api/v1/audit").body.size() == pageSize);
}

TEST_CASE("the tenant CSV has a column for each of the tenant's described fields it carries", "[hub][schema][csv]") {
  CHECK(hub::tenantCsvColumns() == std::vector<std::string>{"id", "name_vi", "name_en", "sectors", "place", "floor",
                                                             "description_vi", "description_en", "website", "contact", "logo"});
  std::set<std::string> described;
  const auto schema = content::describeSchema();
  for (const auto& field : schema["kinds"]["tenant"]["fields"]) described.insert(field["name"].get<std::string>());
  for (const auto& column : hub::tenantCsvColumns()) {
    INFO(column);
    CHECK(described.count(column.substr(0, column.find('_'))) == 1);
  }
}
