// The park clock: pinned, frozen and moved by the monotonic clock.
#include <catch2/catch.hpp>

#include <string>

#include "core/clock.hpp"

using namespace qtsc::kiosk;

TEST_CASE("the park clock can be pinned and moves with the monotonic clock", "[kiosk][clock]") {
  Clock clock;
  clock.freeze();
  REQUIRE(clock.pinNow("2018-11-14T09:00"));
  CHECK(clock.nowIso() == "2018-11-14T09:00");
  clock.advance(3 * 3600 + 59 * 60);
  CHECK(clock.nowIso() == "2018-11-14T12:59");
  clock.advance(12 * 3600);
  CHECK(clock.todayIso() == "2018-11-15");
  CHECK_FALSE(clock.pinNow("yesterday"));
  CHECK(addDays("2020-02-28", 1) == "2020-02-29");
  CHECK(addDays("2020-12-31", 1) == "2021-01-01");
}
