// `kiosk --shots DIR`: every screen, and a detail of each kind, in both languages, rendered
// headless to DIR/<screen>_<language>.png.
#pragma once

#include <string>
#include <vector>

#include "tools/harness.hpp"

namespace qtsc::kiosk {

// Returns the files written; throws StartupError when the app cannot start.
std::vector<std::string> renderShots(HarnessOptions options, const std::string& directory);

// The screen a visitor sees for one record ("tenant/tma-solutions"; kinds: tenant, place,
// milestone, itinerary, exhibit) in `language`, written to `outPng`. Throws
// std::invalid_argument naming the record when it is malformed or not in the content, and
// std::runtime_error when the picture cannot be saved.
void renderPreview(HarnessOptions options, const std::string& record, const std::string& language,
                   const std::string& outPng);

}  // namespace qtsc::kiosk
