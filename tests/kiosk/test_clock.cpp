// The park clock: pinned, frozen and moved by the monotonic clock.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
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

TEST_CASE("park time is Ho Chi Minh City's whatever zone the kiosk's clock is set to", "[kiosk][clock]") {
  const char* before = std::getenv("TZ");
  const std::string saved = before ? before : "";
  for (const char* zone : {"America/New_York", "Europe/Berlin", "UTC", "Asia/Ho_Chi_Minh"}) {
    INFO(zone);
    setenv("TZ", zone, 1);
    tzset();
    const Clock clock;
    // The expected text from the system clock moved seven hours on (Vietnam keeps no summer
    // time); read twice around it so that a minute turning in between does not matter.
    std::string expected, shown;
    for (int attempt = 0; attempt < 3; ++attempt) {
      const std::time_t now = std::time(nullptr) + 7 * 3600;
      std::tm utc{};
      gmtime_r(&now, &utc);
      char buffer[32];
      std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M", &utc);
      expected = buffer;
      shown = clock.nowIso();
      if (shown == expected) break;
    }
    CHECK(shown == expected);
    CHECK(parkOffsetSeconds(static_cast<long long>(std::time(nullptr))) == 7 * 3600);
    // Unix seconds of a pinned park time are read in the park's zone, not the kiosk's.
    Clock pinned;
    pinned.freeze();
    REQUIRE(pinned.pinNow("2026-12-02T08:00"));
    CHECK(pinned.unixSeconds() == 1796173200);  // 2026-12-02T01:00:00Z
  }
  if (before) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
  tzset();
}
