// Opening hours ([hours]): the rule, and the running app outside and at opening time.
#include <catch2/catch.hpp>

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
  CHECK(harness.targets().empty());  // nothing drawn, nothing to touch
  TempDir dir;
  REQUIRE(app.savePng((dir / "closed.png").string()));
  harness.advance(24 * 3600 - 40 * 60);  // 08:51 the next day
  CHECK(app.closed());
  harness.advance(10 * 60);  // 09:01
  CHECK_FALSE(app.closed());
  harness.pump(2);
  CHECK(app.currentScreen() == ScreenId::Attract);
  CHECK_FALSE(harness.targets().empty());
}
