// `kiosk --shots DIR`: every screen, and a detail of each kind, in both languages, rendered
// headless to DIR/<screen>_<language>.png.
#pragma once

#include <string>
#include <vector>

#include "app/harness.hpp"

namespace qtsc::kiosk {

// Returns the files written; throws StartupError when the app cannot start.
std::vector<std::string> renderShots(HarnessOptions options, const std::string& directory);

}  // namespace qtsc::kiosk
