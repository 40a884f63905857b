// Opening hours ([hours]): the rule, and the running app outside and at opening time.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "core/config.hpp"
#include "test_kiosk_support.hpp"
#include "test_support.hpp"
#include "tools/harness.hpp"

using namespace qtsc::kiosk;
using qtsc::testing::TempDir;

TEST_CASE("opening hours may span midnight", "[kiosk][config]") {
  const KioskConfig config = parseConfig("[hours]\nopen = \"18:00\"\nclose = \"02:00\"\ndays = [5]\n");
  CHECK(isOpenAt(config, "2018-11-16T19:00"));        // Friday evening
  CHECK(isOpenAt(config, "2018-11-17T01:59"));        // the night after Friday
  CHECK_FALSE(isOpenAt(config, "2018-11-17T19:00"));  // Saturday evening
  CHECK_FALSE(isOpenAt(config, "2018-11-16T01:00"));  // the night after Thursday
}

TEST_CASE("outside opening hours the screen is black and idle, and at opening it is Attract", "[kiosk][hours]") {
  KioskConfig config = HarnessOptions::defaultHarnessConfig();
  config.openMinute = 9 * 60;
  config.closeMinute = 9 * 60 + 30;
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  HarnessOptions options;
  options.databasePath = QTSC_PARK_DB;
  options.config = config;
  options.now = "2018-11-14T09:20";
  Harness harness(options);
  App& app = harness.app();
  CHECK_FALSE(app.closed());
  app.router().reset(Route{ScreenId::Home, {}});
  harness.pump(2);
  harness.advance(11 * 60);  // 09:31
  CHECK(app.closed());
  CHECK(app.currentScreen() == ScreenId::Attract);
  harness.pump(2);
  CHECK(harness.targets().empty());  // nothing to touch
  // It says, dimly and in both languages, that it is closed and when it opens.
  const std::vector<std::string> notice = app.closedNotice();
  REQUIRE(notice.size() == 4);
  CHECK(notice[0] == "Ngoài giờ mở cửa");
  CHECK(notice[1] == "Mở lại lúc 09:00 ngày mai");
  CHECK(notice[2] == "Closed now");
  CHECK(notice[3] == "Opens again tomorrow at 09:00");
  TempDir dir;
  REQUIRE(app.savePng((dir / "closed.png").string()));
  {
    SDL_Surface* loaded = IMG_Load((dir / "closed.png").string().c_str());
    REQUIRE(loaded);
    SDL_Surface* shot = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(loaded);
    REQUIRE(shot);
    long lit = 0, bright = 0;
    const auto* pixels = static_cast<const Uint8*>(shot->pixels);
    for (int y = 0; y < shot->h; ++y)
      for (int x = 0; x < shot->w; ++x) {
        const Uint8* p = pixels + y * shot->pitch + x * 4;
        const int level = std::max({p[0], p[1], p[2]});
        if (level > 0) ++lit;
        if (level > 0xb0) ++bright;
      }
    const long all = static_cast<long>(shot->w) * shot->h;
    SDL_FreeSurface(shot);
    CHECK(lit > 1000);       // the text is there
    CHECK(lit < all / 20);   // and the rest is black
    CHECK(bright == 0);      // nothing glares
  }
  harness.advance(15 * 3600);  // 00:31: the same opening is "today" now
  CHECK(app.closedNotice()[1] == "Mở lại lúc 09:00 hôm nay");
  harness.advance(9 * 3600 - 40 * 60);  // 08:51 the next day
  CHECK(app.closed());
  harness.advance(10 * 60);  // 09:01
  CHECK_FALSE(app.closed());
  harness.pump(2);
  CHECK(app.currentScreen() == ScreenId::Attract);
  CHECK_FALSE(harness.targets().empty());
}

TEST_CASE("a closed kiosk knows when it opens next: later today, tomorrow, after the days it is shut", "[kiosk][config]") {
  const KioskConfig weekdays = parseConfig("[hours]\nopen = \"07:30\"\nclose = \"17:00\"\ndays = [1, 2, 3, 4, 5]\n");
  CHECK(nextOpening(weekdays, "2018-11-14T06:00") == "2018-11-14T07:30");  // Wednesday morning
  CHECK(nextOpening(weekdays, "2018-11-14T18:00") == "2018-11-15T07:30");  // Wednesday evening
  CHECK(nextOpening(weekdays, "2018-11-16T18:00") == "2018-11-19T07:30");  // Friday evening: Monday
  CHECK(nextOpening(weekdays, "2018-12-31T18:00") == "2019-01-01T07:30");  // over the year's end
  const KioskConfig night = parseConfig("[hours]\nopen = \"18:00\"\nclose = \"02:00\"\ndays = [5]\n");
  CHECK(nextOpening(night, "2018-11-17T03:00") == "2018-11-23T18:00");  // Saturday morning: next Friday
  const KioskConfig never = parseConfig("[hours]\ndays = []\n");
  CHECK_FALSE(nextOpening(never, "2018-11-14T06:00"));
  CHECK_FALSE(nextOpening(weekdays, "not a time"));
}
