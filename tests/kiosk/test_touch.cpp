// PointerInput: the pointer the kiosk gives Dear ImGui, from SDL's own mouse and finger events.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <imgui.h>

#include <cfloat>
#include <vector>

#include "ui/touch.hpp"

using qtsc::kiosk::ui::PointerInput;
using qtsc::kiosk::ui::TouchSettings;

namespace {

const ImVec2 kWindow(1000.f, 500.f);

SDL_Event finger(Uint32 type, SDL_FingerID id, float x, float y, SDL_TouchID device = 1) {
  SDL_Event e{};
  e.type = type;
  e.tfinger.touchId = device;
  e.tfinger.fingerId = id;
  e.tfinger.x = x / kWindow.x;
  e.tfinger.y = y / kWindow.y;
  return e;
}

SDL_Event mouseButton(Uint32 type, int x, int y, Uint32 which = 0) {
  SDL_Event e{};
  e.type = type;
  e.button.which = which;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.x = x;
  e.button.y = y;
  return e;
}

SDL_Event mouseMotion(int x, int y, Uint32 which = 0) {
  SDL_Event e{};
  e.type = SDL_MOUSEMOTION;
  e.motion.which = which;
  e.motion.x = x;
  e.motion.y = y;
  return e;
}

struct Frame {
  ImVec2 pos;
  bool down;
  bool nowhere() const { return pos.x == -FLT_MAX; }
};

// What ImGui would see in the next frame.
Frame frame(PointerInput& input) {
  ImGuiIO io{};
  io.MousePos = ImVec2(-1.f, -1.f);
  input.applyTo(io);
  return Frame{io.MousePos, io.MouseDown[0]};
}

}  // namespace

TEST_CASE("a mouse drag follows the motion events", "[touch]") {
  PointerInput input;
  CHECK(input.handle(mouseMotion(100, 100), 0.0, kWindow));
  CHECK(input.handle(mouseButton(SDL_MOUSEBUTTONDOWN, 100, 100), 0.0, kWindow));
  Frame f = frame(input);
  CHECK(f.down);
  CHECK(f.pos.x == 100.f);
  for (int x = 110; x <= 300; x += 10) {
    input.handle(mouseMotion(x, 100), 0.0, kWindow);
    f = frame(input);
    CHECK(f.down);
    CHECK(f.pos.x == static_cast<float>(x));
  }
  input.handle(mouseButton(SDL_MOUSEBUTTONUP, 300, 100), 0.0, kWindow);
  f = frame(input);
  CHECK_FALSE(f.down);
  CHECK(f.pos.x == 300.f);
}

TEST_CASE("a press and release between two frames still shows as a tap", "[touch]") {
  PointerInput input;
  input.handle(mouseButton(SDL_MOUSEBUTTONDOWN, 40, 50), 0.0, kWindow);
  input.handle(mouseButton(SDL_MOUSEBUTTONUP, 40, 50), 0.0, kWindow);
  CHECK(input.pending());
  Frame down = frame(input);
  Frame up = frame(input);
  CHECK(down.down);
  CHECK_FALSE(up.down);
  CHECK(up.pos.x == 40.f);
  CHECK_FALSE(input.pending());
}

TEST_CASE("mouse events SDL makes from fingers are ignored", "[touch]") {
  PointerInput input;
  CHECK_FALSE(input.handle(mouseButton(SDL_MOUSEBUTTONDOWN, 40, 50, SDL_TOUCH_MOUSEID), 0.0, kWindow));
  CHECK_FALSE(input.handle(mouseMotion(80, 50, SDL_TOUCH_MOUSEID), 0.0, kWindow));
  CHECK_FALSE(frame(input).down);
}

TEST_CASE("a finger taps, then hovers over nothing", "[touch]") {
  PointerInput input;
  CHECK(input.handle(finger(SDL_FINGERDOWN, 7, 200, 100), 0.0, kWindow));
  CHECK(input.gestures().fingers == 1);
  CHECK(input.handle(finger(SDL_FINGERUP, 7, 200, 100), 0.1, kWindow));
  Frame down = frame(input), up = frame(input), after = frame(input);
  CHECK(down.down);
  CHECK(down.pos.x == Approx(200.f));
  CHECK_FALSE(up.down);
  CHECK(up.pos.x == Approx(200.f));  // released on the button: it is a tap
  CHECK(after.nowhere());
  CHECK(input.gestures().fingers == 0);
}

TEST_CASE("a finger swipe moves the pointer", "[touch]") {
  PointerInput input;
  input.handle(finger(SDL_FINGERDOWN, 1, 500, 400), 0.0, kWindow);
  CHECK(frame(input).down);
  for (int i = 1; i <= 10; ++i) {
    CHECK(input.handle(finger(SDL_FINGERMOTION, 1, 500, 400.f - 30.f * static_cast<float>(i)), 0.01 * i, kWindow));
    Frame f = frame(input);
    CHECK(f.down);
    CHECK(f.pos.y == Approx(400.f - 30.f * static_cast<float>(i)));
  }
}

TEST_CASE("a resting palm does not block the visitor's finger", "[touch]") {
  PointerInput input;
  // The palm lands first and stays still.
  input.handle(finger(SDL_FINGERDOWN, 1, 900, 450), 0.0, kWindow);
  CHECK(frame(input).down);
  // A visitor taps elsewhere two seconds later: the palm lets go without tapping, the finger taps.
  CHECK(input.handle(finger(SDL_FINGERDOWN, 2, 100, 100), 2.0, kWindow));
  CHECK(input.handle(finger(SDL_FINGERUP, 2, 100, 100), 2.1, kWindow));
  Frame cancel = frame(input), down = frame(input), up = frame(input);
  CHECK(cancel.nowhere());
  CHECK_FALSE(cancel.down);
  CHECK(down.down);
  CHECK(down.pos.x == Approx(100.f));
  CHECK_FALSE(up.down);
  CHECK(up.pos.x == Approx(100.f));
  // The palm is still counted, and still drives nothing: another tap works the same way.
  CHECK(input.gestures().fingers == 1);
  CHECK_FALSE(input.handle(finger(SDL_FINGERMOTION, 1, 901, 450), 2.2, kWindow));  // jitter, not a move
  CHECK(input.handle(finger(SDL_FINGERDOWN, 3, 300, 300), 3.0, kWindow));
  CHECK(input.handle(finger(SDL_FINGERUP, 3, 300, 300), 3.1, kWindow));
  Frame down2 = frame(input), up2 = frame(input);
  CHECK(down2.down);
  CHECK(down2.pos.x == Approx(300.f));
  CHECK_FALSE(up2.down);
}

TEST_CASE("a ghost contact that never lifts times out without tapping", "[touch]") {
  PointerInput input(TouchSettings{.staleContactSeconds = 5.0, .restingSeconds = 1.0, .moveSlop = 6.f});
  input.handle(finger(SDL_FINGERDOWN, 9, 500, 250), 0.0, kWindow);
  CHECK(frame(input).down);
  REQUIRE(input.nextExpiry());
  CHECK(*input.nextExpiry() == Approx(5.0));
  input.expire(4.0);
  CHECK(frame(input).down);  // not yet
  input.expire(5.0);
  Frame gone = frame(input);
  CHECK_FALSE(gone.down);
  CHECK(gone.nowhere());
  CHECK(input.gestures().fingers == 0);
  CHECK_FALSE(input.nextExpiry());
  // The next finger drives as usual.
  input.handle(finger(SDL_FINGERDOWN, 10, 50, 60), 6.0, kWindow);
  CHECK(frame(input).down);
}

TEST_CASE("a cancel lets go without tapping", "[touch]") {
  PointerInput input;
  input.handle(finger(SDL_FINGERDOWN, 4, 500, 250), 0.0, kWindow);
  CHECK(frame(input).down);
  SDL_Event focus{};
  focus.type = SDL_WINDOWEVENT;
  focus.window.event = SDL_WINDOWEVENT_FOCUS_LOST;
  input.handle(focus, 0.1, kWindow);
  Frame f = frame(input);
  CHECK_FALSE(f.down);
  CHECK(f.nowhere());
  CHECK(input.gestures().fingers == 0);
  // The cancelled finger's late events change nothing.
  CHECK_FALSE(input.handle(finger(SDL_FINGERMOTION, 4, 520, 250), 0.2, kWindow));
  CHECK_FALSE(input.handle(finger(SDL_FINGERUP, 4, 520, 250), 0.3, kWindow));
  CHECK_FALSE(frame(input).down);

  // cancelAll (the idle reset) does the same for a press in progress.
  input.handle(finger(SDL_FINGERDOWN, 5, 100, 100), 1.0, kWindow);
  CHECK(frame(input).down);
  input.cancelAll();
  Frame c = frame(input);
  CHECK_FALSE(c.down);
  CHECK(c.nowhere());
}

TEST_CASE("two fingers pinch: scale and centre, and no tap", "[touch]") {
  PointerInput input;
  input.handle(finger(SDL_FINGERDOWN, 1, 400, 250), 0.0, kWindow);
  CHECK(frame(input).down);
  input.handle(finger(SDL_FINGERDOWN, 2, 600, 250), 0.05, kWindow);
  Frame f = frame(input);
  CHECK_FALSE(f.down);  // the first finger's press let go away from everything
  CHECK(f.nowhere());
  CHECK(input.gestures().pinching);
  CHECK(input.gestures().fingers == 2);
  CHECK(input.gestures().pinchScale == Approx(1.f));
  input.handle(finger(SDL_FINGERMOTION, 1, 300, 250), 0.1, kWindow);
  input.handle(finger(SDL_FINGERMOTION, 2, 700, 250), 0.1, kWindow);
  frame(input);
  CHECK(input.gestures().pinchScale == Approx(2.f));
  CHECK(input.gestures().pinchStep == Approx(2.f));
  CHECK(input.gestures().pinchCentre.x == Approx(500.f));
  CHECK(input.gestures().pinchCentre.y == Approx(250.f));
  frame(input);
  CHECK(input.gestures().pinchStep == Approx(1.f));  // no change since the last frame
  input.handle(finger(SDL_FINGERUP, 2, 700, 250), 0.2, kWindow);
  CHECK_FALSE(input.gestures().pinching);
  // The finger still down does not start pressing when the pinch ends.
  input.handle(finger(SDL_FINGERMOTION, 1, 320, 250), 0.3, kWindow);
  CHECK_FALSE(frame(input).down);
  input.handle(finger(SDL_FINGERUP, 1, 320, 250), 0.4, kWindow);
  CHECK_FALSE(frame(input).down);
  CHECK(input.gestures().fingers == 0);
}
