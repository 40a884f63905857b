// Helpers for the kiosk tests: a headless harness and a park with 10,000 generated tenants.
#pragma once

#include <memory>
#include <string>

#include "tools/harness.hpp"

namespace qtsc::testing {

// Sets SDL_VIDEODRIVER=offscreen and starts the app on `database` (empty: the bundled one).
std::unique_ptr<kiosk::Harness> makeHarness(const std::string& database = {}, kiosk::KioskConfig config = kiosk::HarnessOptions::defaultHarnessConfig());

// The bundled park plus 10,000 generated tenants, built once per test program.
const std::string& bigParkDatabase();

}  // namespace qtsc::testing
