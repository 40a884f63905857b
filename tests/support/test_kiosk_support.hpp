// Helpers for the kiosk tests: a headless harness, fingers through the real event path and a
// park with 10,000 generated tenants.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <memory>
#include <string>

#include "tools/harness.hpp"

namespace qtsc::testing {

// Sets SDL_VIDEODRIVER=offscreen and starts the app on `database` (empty: the bundled one).
std::unique_ptr<kiosk::Harness> makeHarness(const std::string& database = {}, kiosk::KioskConfig config = kiosk::HarnessOptions::defaultHarnessConfig());

// Fingers through the kiosk's real event path: an event pushed into SDL's queue, read back
// with SDL_PollEvent and handed to App::handleEvent as the loop does, then one frame.
void sendEvent(kiosk::Harness& harness, SDL_Event event);
// One finger event at (x, y) in window pixels (SDL's 0..1 positions made from the window's size).
void touch(kiosk::Harness& harness, Uint32 type, SDL_FingerID id, float x, float y);
// Two fingers land `fromGap` px apart either side of `centre`, move apart (or together) to
// `toGap` in `steps` frames and lift: a pinch.
void pinch(kiosk::Harness& harness, ImVec2 centre, float fromGap, float toGap, int steps = 10);
// A finger's tap at `at` (down, up), then Harness::settle().
void fingerTap(kiosk::Harness& harness, SDL_FingerID id, ImVec2 at);
// The centre of the visible touch target `label`; fails the test when there is none.
ImVec2 centreOf(kiosk::Harness& harness, const std::string& label);

// The bundled park plus 10,000 generated tenants, built once per test program.
const std::string& bigParkDatabase();

}  // namespace qtsc::testing
