// Wayfinding on the kiosk, driven through taps on what is on screen: "You are here" on the
// map, Directions from a place drawing the walk along the paths with its distance, minutes and
// a readable QR code, and a STEAMZONE profile that opens on the exhibits with its own Home.
#include <catch2/catch.hpp>

#include <algorithm>

#include "qtsc/content/store.hpp"
#include "screens/all_screens.hpp"
#include "test_kiosk_support.hpp"
#include "ui/park_map.hpp"

using namespace qtsc::kiosk;
using qtsc::testing::makeHarness;

namespace {

KioskConfig withProfile(const std::string& profile) {
  KioskConfig config = HarnessOptions::defaultHarnessConfig();
  config.profile = profile;
  return config;
}

// The pin of `placeId` on the map is labelled with its name.
std::string pinOf(const qtsc::content::ContentStore& store, const std::string& placeId) {
  const auto place = store.place(placeId);
  REQUIRE(place);
  return place->name.in("vi");
}

}  // namespace

TEST_CASE("the museum kiosk shows where it stands and draws the walk to a place", "[kiosk][wayfinding]") {
  auto h = makeHarness({}, withProfile("museum"));
  auto& store = h->app().store();
  REQUIRE(h->tapLabel("Chạm để bắt đầu"));
  REQUIRE(h->screen() == ScreenId::Home);  // the museum profile opens on Home
  REQUIRE(h->tapLabel("Bản đồ công viên"));
  REQUIRE(h->screen() == ScreenId::Map);
  const auto profile = store.profile("museum");
  REQUIRE(profile);
  // "You are here" at the profile's position, inside the map.
  const auto& drawn = ui::lastDrawnMap();
  REQUIRE(drawn.here);
  CHECK(drawn.here->x > drawn.min.x);
  CHECK(drawn.here->x < drawn.max.x);
  CHECK(drawn.walk.empty());

  REQUIRE(h->tapLabel(pinOf(store, "steamzone")));
  REQUIRE(h->screen() == ScreenId::Place);
  REQUIRE(h->tapLabel("Chỉ đường"));
  REQUIRE(h->screen() == ScreenId::Map);
  CHECK(h->app().currentRoute().arg == "directions:steamzone");

  const auto& map = static_cast<MapScreen&>(h->app().screen(ScreenId::Map));
  REQUIRE(map.walk().found());
  CHECK(map.walk().metres > 0);
  CHECK(map.walk().minutes == qtsc::content::walkingMinutes(map.walk().metres));
  // The walk drawn on the map follows the paths: more corners than a straight line, from the
  // kiosk's marker to the place.
  const auto& walk = ui::lastDrawnMap().walk;
  REQUIRE(walk.size() > 2);
  REQUIRE(ui::lastDrawnMap().here);
  CHECK(walk.front().x == Approx(ui::lastDrawnMap().here->x));
  CHECK(walk.front().y == Approx(ui::lastDrawnMap().here->y));
  // Distance and minutes are on screen, and the QR code carries them to a phone at a size a
  // phone reads: at least 3 px per module.
  const std::string minutes = std::to_string(map.walk().minutes);
  const auto labels = h->labels();
  REQUIRE_FALSE(map.qr().empty());
  CHECK_THAT(map.qr().text(), Catch::Contains("m, " + minutes + " phút"));
  CHECK_THAT(map.qr().text(), Catch::Contains(store.place("steamzone")->name.in("vi")));
  CHECK(300.0 / (map.qr().modules() + 8) >= 3.0);
}

TEST_CASE("a STEAMZONE kiosk opens on the exhibits and its Home shows its sections", "[kiosk][wayfinding]") {
  auto h = makeHarness({}, withProfile("steamzone"));
  REQUIRE(h->tapLabel("Chạm để bắt đầu"));
  CHECK(h->screen() == ScreenId::Steam);
  REQUIRE(h->tapLabel("Quay lại"));
  REQUIRE(h->screen() == ScreenId::Home);
  CHECK(h->hasLabel("STEAMZONE"));
  CHECK(h->hasLabel("Bản đồ công viên"));
  CHECK(h->hasLabel("Lịch sử"));
  CHECK_FALSE(h->hasLabel("Danh bạ doanh nghiệp"));  // not among the profile's sections
  CHECK_FALSE(h->hasLabel("Đoàn tham quan"));
}

TEST_CASE("a kiosk without a profile has no marker and no directions", "[kiosk][wayfinding]") {
  auto h = makeHarness();
  REQUIRE(h->tapLabel("Chạm để bắt đầu"));
  CHECK(h->screen() == ScreenId::Home);
  REQUIRE(h->tapLabel("Bản đồ công viên"));
  CHECK_FALSE(ui::lastDrawnMap().here);
  REQUIRE(h->tapLabel(pinOf(h->app().store(), "steamzone")));
  CHECK_FALSE(h->hasLabel("Chỉ đường"));
}
