// Fingers through the kiosk's real event path: SDL_FINGER* events pushed into SDL's queue,
// read back with SDL_PollEvent and handed to App::handleEvent as the loop does, then frames.
#include <catch2/catch.hpp>

#include <SDL.h>

#include <cmath>
#include <string>

#include "qtsc/content/store.hpp"
#include "screens/all_screens.hpp"
#include "ui/park_map.hpp"
#include "test_kiosk_support.hpp"

using namespace qtsc::kiosk;
using qtsc::testing::centreOf;
using qtsc::testing::fingerTap;
using qtsc::testing::makeHarness;
using qtsc::testing::touch;

namespace {

constexpr float kH = 1080.f;  // the harness's window height

// A harness whose pointer comes only from events (the synthetic pointer is off).
std::unique_ptr<Harness> eventHarness() {
  auto h = makeHarness();
  h->app().setSyntheticPointer(std::nullopt);
  h->pump(2);
  return h;
}

float timelineX(Harness& h) {
  for (const auto& s : h.app().ui().scrollOffsets())
    if (s.id == "##timeline") return s.x;
  FAIL("the timeline is not on screen");
  return 0.f;
}

void swipeLeft(Harness& h, SDL_FingerID id, float y) {
  touch(h, SDL_FINGERDOWN, id, 1500.f, y);
  for (int i = 1; i <= 12; ++i) touch(h, SDL_FINGERMOTION, id, 1500.f - 60.f * static_cast<float>(i), y);
  touch(h, SDL_FINGERUP, id, 780.f, y);
  h.pump(3);
}

void openHistory(Harness& h) {
  fingerTap(h, 1, centreOf(h, "Chạm để bắt đầu"));
  REQUIRE(h.screen() == ScreenId::Home);
  fingerTap(h, 2, centreOf(h, "Lịch sử"));
  REQUIRE(h.screen() == ScreenId::History);
}

}  // namespace

TEST_CASE("a finger tap opens Home and a tile, through the event path", "[kiosk][touch]") {
  auto h = eventHarness();
  openHistory(*h);
}

TEST_CASE("a finger swipe scrolls the history timeline", "[kiosk][touch]") {
  auto h = eventHarness();
  openHistory(*h);
  h->pump(2);
  const float before = timelineX(*h);
  swipeLeft(*h, 3, kH * 0.6f);
  const float after = timelineX(*h);
  CHECK(after > before + 300.f);
  CHECK(h->screen() == ScreenId::History);  // the swipe tapped no milestone
}

TEST_CASE("a resting palm does not block the visitor's touch", "[kiosk][touch]") {
  auto h = eventHarness();
  fingerTap(*h, 1, centreOf(*h, "Chạm để bắt đầu"));
  REQUIRE(h->screen() == ScreenId::Home);
  // A palm rests on the panel's edge and stays.
  touch(*h, SDL_FINGERDOWN, 50, 20.f, kH - 20.f);
  h->advance(2.0);
  fingerTap(*h, 51, centreOf(*h, "Lịch sử"));
  CHECK(h->screen() == ScreenId::History);
  // The palm is still down; the next tap works as well.
  fingerTap(*h, 52, centreOf(*h, "Trang chủ"));
  CHECK(h->screen() == ScreenId::Home);
  CHECK(h->app().ui().gestures().fingers == 1);
}

TEST_CASE("a ghost contact that never lifts lets the idle reset fire", "[kiosk][touch]") {
  auto h = eventHarness();
  openHistory(*h);
  swipeLeft(*h, 3, kH * 0.6f);
  REQUIRE(timelineX(*h) > 0.f);
  touch(*h, SDL_FINGERDOWN, 77, 960.f, 600.f);  // and never an up
  const double timeout = static_cast<double>(HarnessOptions::defaultHarnessConfig().idleTimeout);
  h->advance(timeout + 1.0);
  CHECK(h->screen() == ScreenId::Attract);
  CHECK(h->app().ui().gestures().fingers == 0);
  // The next visitor starts fresh: taps work and History opens at its start.
  openHistory(*h);
  h->pump(2);
  CHECK(timelineX(*h) == 0.f);
}

TEST_CASE("a cancelled touch taps nothing and leaves nothing pressed", "[kiosk][touch]") {
  auto h = eventHarness();
  fingerTap(*h, 1, centreOf(*h, "Chạm để bắt đầu"));
  REQUIRE(h->screen() == ScreenId::Home);
  const ImVec2 tile = centreOf(*h, "Lịch sử");
  touch(*h, SDL_FINGERDOWN, 5, tile.x, tile.y);
  SDL_Event focus{};
  focus.type = SDL_WINDOWEVENT;
  focus.window.event = SDL_WINDOWEVENT_FOCUS_LOST;
  qtsc::testing::sendEvent(*h, focus);
  touch(*h, SDL_FINGERUP, 5, tile.x, tile.y);  // the late lift of the cancelled finger
  h->settle();
  CHECK(h->screen() == ScreenId::Home);
  fingerTap(*h, 6, tile);  // and the next touch works
  CHECK(h->screen() == ScreenId::History);
}

TEST_CASE("mouse events SDL makes from a finger are not a second tap", "[kiosk][touch]") {
  auto h = eventHarness();
  const ImVec2 start = centreOf(*h, "Chạm để bắt đầu");
  SDL_Event down{};
  down.type = SDL_MOUSEBUTTONDOWN;
  down.button.which = SDL_TOUCH_MOUSEID;
  down.button.button = SDL_BUTTON_LEFT;
  down.button.x = static_cast<int>(start.x);
  down.button.y = static_cast<int>(start.y);
  qtsc::testing::sendEvent(*h, down);
  SDL_Event up = down;
  up.type = SDL_MOUSEBUTTONUP;
  qtsc::testing::sendEvent(*h, up);
  h->settle();
  CHECK(h->screen() == ScreenId::Attract);
}

TEST_CASE("before the idle reset the visitor is asked \"Still there?\", and a touch keeps the visit", "[kiosk][touch][idle]") {
  auto h = eventHarness();
  openHistory(*h);
  swipeLeft(*h, 3, kH * 0.6f);
  h->pump(240);  // the swipe's glide comes to rest
  REQUIRE(timelineX(*h) > 0.f);
  const auto config = HarnessOptions::defaultHarnessConfig();
  const double timeout = static_cast<double>(config.idleTimeout), warning = static_cast<double>(config.idleWarning);
  REQUIRE(warning > 0.0);

  const ImVec2 home = centreOf(*h, "Trang chủ");  // where Home is, under the notice to come
  // Reading a milestone is not idleness yet: no notice until the warning's last seconds.
  h->advance(timeout - warning - 2.0);
  CHECK_FALSE(h->app().idleCountdown());
  CHECK_FALSE(h->hasLabel("Tôi vẫn đang xem"));
  h->advance(3.0);
  REQUIRE(h->app().idleCountdown());
  CHECK(*h->app().idleCountdown() == static_cast<int>(warning) - 1);
  CHECK(h->hasLabel("Tôi vẫn đang xem"));
  CHECK_FALSE(h->hasLabel("Trang chủ"));  // under the notice nothing can be touched
  h->advance(1.0);
  CHECK(*h->app().idleCountdown() == static_cast<int>(warning) - 2);  // counting down

  // A touch anywhere ends the notice and keeps everything, and does not tap what is under it.
  const float scrolled = timelineX(*h);  // where the swipe's glide came to rest
  fingerTap(*h, 4, home);
  CHECK_FALSE(h->app().idleCountdown());
  CHECK_FALSE(h->hasLabel("Tôi vẫn đang xem"));
  CHECK(h->screen() == ScreenId::History);
  CHECK(timelineX(*h) == Approx(scrolled));

  // The button says the same thing.
  h->advance(timeout - warning + 1.0);
  REQUIRE(h->app().idleCountdown());
  fingerTap(*h, 5, centreOf(*h, "Tôi vẫn đang xem"));
  CHECK_FALSE(h->app().idleCountdown());
  CHECK(h->screen() == ScreenId::History);

  // No touch: the countdown runs out and the next visitor starts at 2001.
  h->advance(timeout - warning + 1.0);
  REQUIRE(h->app().idleCountdown());
  h->advance(warning);
  CHECK(h->screen() == ScreenId::Attract);
  CHECK_FALSE(h->app().idleCountdown());
  CHECK_FALSE(h->hasLabel("Tôi vẫn đang xem"));
  openHistory(*h);
  h->pump(2);
  CHECK(timelineX(*h) == 0.f);
}

TEST_CASE("the \"Still there?\" notice speaks the visitor's language and never takes more than half the timeout",
          "[kiosk][idle]") {
  auto config = HarnessOptions::defaultHarnessConfig();
  config.idleTimeout = 8.f;
  config.idleWarning = 30.f;
  auto h = makeHarness({}, config);
  REQUIRE(h->tapLabel("Chạm để bắt đầu"));
  REQUIRE(h->tapLabel("English"));
  h->advance(3.0);
  CHECK_FALSE(h->app().idleCountdown());  // 5 s left: more than half of 8
  h->advance(2.0);
  REQUIRE(h->app().idleCountdown());
  CHECK(*h->app().idleCountdown() == 3);
  CHECK(h->hasLabel("I'm still here"));
  h->advance(3.5);
  CHECK(h->screen() == ScreenId::Attract);
}

TEST_CASE("a pinch zooms the park map about the fingers and taps nothing, and a drag pans it without opening the pin it began on",
          "[kiosk][touch][map]") {
  auto h = eventHarness();
  App& app = h->app();
  app.router().reset(Route{ScreenId::Home, {}});
  h->pump(1);
  app.router().open(Route{ScreenId::Map, {}});
  h->settle();
  auto& map = static_cast<MapScreen&>(app.screen(ScreenId::Map));
  REQUIRE_FALSE(map.zoom().zoomed());
  // The pin nearest the middle of the map, and the pin nearest to that one.
  const ui::DrawnMap whole = ui::lastDrawnMap();
  const ImVec2 middle((whole.min.x + whole.max.x) * 0.5f, (whole.min.y + whole.max.y) * 0.5f);
  auto distance = [](ImVec2 a, ImVec2 b) { return std::hypot(a.x - b.x, a.y - b.y); };
  auto nearestTo = [&](ImVec2 to, const std::string& besides) {
    std::string found;
    for (const auto& [id, at] : whole.pins)
      if (id != besides && (found.empty() || distance(at, to) < distance(*whole.pin(found), to))) found = id;
    return found;
  };
  const std::string id = nearestTo(middle, "");
  REQUIRE_FALSE(id.empty());
  const std::string neighbour = nearestTo(*whole.pin(id), id);
  REQUIRE_FALSE(neighbour.empty());
  const ImVec2 pin = *whole.pin(id), neighbourPin = *whole.pin(neighbour);
  const std::string name = app.store().place(id)->name.in("vi");

  // Two fingers 100 px apart on the pin spread to 300 px: three times as large.
  qtsc::testing::pinch(*h, pin, 100.f, 300.f);
  CHECK(map.zoom().scale() == Approx(3.f).margin(0.05));
  CHECK(h->screen() == ScreenId::Map);  // the pin under the fingers was not opened
  // The point between the fingers stayed under them; its neighbour is three times as far.
  const ui::DrawnMap zoomed = ui::lastDrawnMap();
  REQUIRE(zoomed.pin(id));
  const ImVec2 pinZoomed = *zoomed.pin(id);
  CHECK(pinZoomed.x == Approx(pin.x).margin(3.f));
  CHECK(pinZoomed.y == Approx(pin.y).margin(3.f));
  if (auto n = zoomed.pin(neighbour))
    CHECK(distance(*n, pinZoomed) == Approx(3.f * distance(neighbourPin, pin)).epsilon(0.02));
  CHECK(zoomed.pins.size() < whole.pins.size());  // some places are now outside the frame
  // Zoomed, no pin can be touched outside the map's frame.
  for (const auto& t : h->targets())
    for (const auto& place : app.store().places())
      if (t.label == place.name.in("vi") && t.min.x < whole.max.x) {
        CHECK(t.min.x >= whole.min.x - 1.f);
        CHECK(t.min.y >= whole.min.y - 1.f);
        CHECK(t.max.x <= whole.max.x + 1.f);
        CHECK(t.max.y <= whole.max.y + 1.f);
      }

  // A drag that begins on the pin pans the map and opens nothing.
  touch(*h, SDL_FINGERDOWN, 7, pinZoomed.x, pinZoomed.y);
  for (int i = 1; i <= 10; ++i)
    touch(*h, SDL_FINGERMOTION, 7, pinZoomed.x - 15.f * static_cast<float>(i), pinZoomed.y + 8.f * static_cast<float>(i));
  touch(*h, SDL_FINGERUP, 7, pinZoomed.x - 150.f, pinZoomed.y + 80.f);
  h->pump(3);
  CHECK(h->screen() == ScreenId::Map);
  REQUIRE(ui::lastDrawnMap().pin(id));
  const ImVec2 panned = *ui::lastDrawnMap().pin(id);
  CHECK(panned.x == Approx(pinZoomed.x - 150.f).margin(3.f));
  CHECK(panned.y == Approx(pinZoomed.y + 80.f).margin(3.f));
  CHECK(map.zoom().scale() == Approx(3.f).margin(0.05));

  // A tap still opens the pin, where it now is.
  fingerTap(*h, 8, centreOf(*h, name));
  REQUIRE(h->screen() == ScreenId::Place);
  CHECK(app.router().current().arg == id);
  // Back on the map, it is seen whole again; zoomed in once more, "Whole map" fits it.
  fingerTap(*h, 9, centreOf(*h, "Quay lại"));
  REQUIRE(h->screen() == ScreenId::Map);
  CHECK_FALSE(map.zoom().zoomed());
  CHECK_FALSE(h->hasLabel("Xem toàn sơ đồ"));
  qtsc::testing::pinch(*h, middle, 80.f, 200.f);
  REQUIRE(map.zoom().zoomed());
  fingerTap(*h, 10, centreOf(*h, "Xem toàn sơ đồ"));
  h->pump(2);
  CHECK_FALSE(map.zoom().zoomed());
  CHECK(h->screen() == ScreenId::Map);
  // Pinching in past the whole map stops there, fitted as before.
  qtsc::testing::pinch(*h, middle, 300.f, 60.f);
  CHECK(map.zoom().scale() == Approx(1.f));
  REQUIRE(ui::lastDrawnMap().pin(id));
  CHECK(ui::lastDrawnMap().pin(id)->x == Approx(pin.x).margin(1.f));
  CHECK(ui::lastDrawnMap().pin(id)->y == Approx(pin.y).margin(1.f));
}
