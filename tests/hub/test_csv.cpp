// The tenant directory as CSV: quoting round trips, and every bad cell by line and column.
#include <catch2/catch.hpp>

#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/tenant_csv.hpp"

using namespace qtsc;

namespace {
bool existsAll(content::RecordKind, const std::string& id) { return id == "b1" || id == "it"; }
}  // namespace

TEST_CASE("CSV round trip keeps commas, quotes, line breaks and Vietnamese", "[hub][csv]") {
  content::Tenant t;
  t.id = "a-b";
  t.name = content::LocalizedText("Công ty \"Ánh\", Sáng", "Light, Inc.");
  t.description.set("vi", "Dòng một\nDòng hai");
  t.sectors = {"it"};
  t.placeId = "b1";
  const std::string csv = hub::tenantsToCsv({t});
  const auto back = hub::tenantsFromCsv(csv, existsAll);
  REQUIRE(back.size() == 1);
  CHECK(back[0] == t);
}

TEST_CASE("CSV errors name line and column, and a wrong header is refused", "[hub][csv]") {
  const std::string header = "id,name_vi,name_en,sectors,place,floor,description_vi,description_en,website,contact,logo\n";
  try {
    (void)hub::tenantsFromCsv(header + "ok,Tên,,it,b1,,,,,,\nmulti,Tên,,nope,b1,\"two\nlines\",,,,,\nBAD ID,Tên,,,b1,,,,,,\nshort,row\n", existsAll);
    FAIL("accepted bad rows");
  } catch (const hub::InvalidRequestError& e) {
    REQUIRE(e.issues.size() == 3);
    CHECK(e.issues[0].line == 3);
    CHECK(e.issues[0].column == 4);
    CHECK(e.issues[1].line == 5);
    CHECK(e.issues[1].column == 1);
    CHECK(e.issues[2].line == 6);
  }
  CHECK_THROWS_AS(hub::tenantsFromCsv("name,id\n", existsAll), hub::InvalidRequestError);
  CHECK_THROWS_AS(hub::tenantsFromCsv("", existsAll), hub::InvalidRequestError);
}
