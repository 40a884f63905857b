#include <catch2/catch.hpp>

#include "qtsc/content/model.hpp"

using namespace qtsc::content;

TEST_CASE("localized text falls back to the default language, then any", "[model]") {
  LocalizedText text("Bảo tàng", "Museum");
  CHECK(text.in("en") == "Museum");
  CHECK(text.in("vi") == "Bảo tàng");
  CHECK(text.in("lo") == "Bảo tàng");           // no Lao text: the default language
  CHECK(text.in("lo", {"en"}) == "Museum");     // an explicit fallback order wins
  LocalizedText onlyEnglish;
  onlyEnglish.set("en", "Lot 13");
  CHECK(onlyEnglish.in("vi") == "Lot 13");
  CHECK_FALSE(onlyEnglish.has("vi"));
  CHECK(LocalizedText{}.in("vi").empty());
  onlyEnglish.set("en", "");
  CHECK(onlyEnglish.empty());
}

TEST_CASE("partial dates parse to year, month or day precision", "[model]") {
  auto year = PartialDate::parse("2001");
  REQUIRE(year);
  CHECK(year->year == 2001);
  CHECK(year->month == 0);
  auto month = PartialDate::parse("2009-04");
  REQUIRE(month);
  CHECK(month->month == 4);
  CHECK(month->iso() == "2009-04");
  auto day = PartialDate::parse("2020-08-07");
  REQUIRE(day);
  CHECK(day->day == 7);
  CHECK(*year < *month);
  CHECK_FALSE(PartialDate::parse("2023-02-29"));
  CHECK(PartialDate::parse("2024-02-29"));
  CHECK_FALSE(PartialDate::parse("2020-13"));
  CHECK_FALSE(PartialDate::parse("20-01-01"));
  CHECK_FALSE(PartialDate::parse("2020/08/07"));
  CHECK_FALSE(PartialDate::parse(""));
}

TEST_CASE("clock times and date-times are checked strictly", "[model]") {
  CHECK(isClockTime("09:05"));
  CHECK(isClockTime("23:59"));
  CHECK_FALSE(isClockTime("24:00"));
  CHECK_FALSE(isClockTime("9:05"));
  CHECK_FALSE(isClockTime("09:60"));
  CHECK(isIsoDateTime("2018-11-14T07:00"));
  CHECK_FALSE(isIsoDateTime("2018-11-14 07:00"));
  CHECK_FALSE(isIsoDateTime("2018-11-31T07:00"));
}

TEST_CASE("enumerations round-trip through their names", "[model]") {
  for (auto kind : {PlaceKind::Building, PlaceKind::Centre, PlaceKind::Lot, PlaceKind::Zone, PlaceKind::Partner})
    CHECK(placeKindFromString(toString(kind)) == kind);
  CHECK_FALSE(placeKindFromString("castle"));
  CHECK_FALSE(placeKindFromString("neighbour"));  // a partner institution is not called a neighbour
  for (auto kind : {TenantKind::Company, TenantKind::QtscUnit, TenantKind::Group})
    CHECK(tenantKindFromString(toString(kind)) == kind);
  CHECK(toString(TenantKind::QtscUnit) == "qtsc-unit");
  CHECK_FALSE(tenantKindFromString("Company"));
  CHECK(recordKindFromString("tenant") == RecordKind::Tenant);
  CHECK(recordKindFromString("source") == RecordKind::Source);
  CHECK(dayPartFromString("evening") == DayPart::Evening);
}

TEST_CASE("a partner institution is the one kind of place not on the map", "[model]") {
  Place place;
  for (auto kind : {PlaceKind::Building, PlaceKind::Centre, PlaceKind::Lot, PlaceKind::Zone}) {
    place.kind = kind;
    CHECK(place.onMap());
  }
  place.kind = PlaceKind::Partner;
  CHECK_FALSE(place.onMap());
}

TEST_CASE("an itinerary may be dated to its month; a report to its day", "[model]") {
  CHECK(isIsoDateOrMonth("2020-07"));
  CHECK(isIsoDateOrMonth("2020-07-16"));
  CHECK_FALSE(isIsoDateOrMonth("2020"));
  CHECK_FALSE(isIsoDateOrMonth("2020-13"));
  CHECK_FALSE(isIsoDateOrMonth("16/7/2020"));
  CHECK_FALSE(isIsoDate("2020-07"));
}

TEST_CASE("a source field names its documents in order", "[model]") {
  CHECK(citedSources("001, 004") == std::vector<std::string>{"001", "004"});
  CHECK(citedSources("002") == std::vector<std::string>{"002"});
  CHECK(citedSources(" 000 ,003,") == std::vector<std::string>{"000", "003"});
  CHECK(citedSources("").empty());
  CHECK(citedSources(", ,").empty());
}
