// `kiosk --shots DIR`: every screen, and a detail of each kind, in both languages, rendered
// headless to DIR/<screen>_<language>.png.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tools/harness.hpp"

namespace qtsc::kiosk {

// The panel shapes the kiosk is laid out for: 16:9 from 1366 × 768 to 3840 × 2160, 16:10,
// 5:4, 4:3 and portrait.
struct PanelShape {
  int width = 0;
  int height = 0;
  [[nodiscard]] std::string name() const { return std::to_string(width) + "x" + std::to_string(height); }
};
const std::vector<PanelShape>& panelShapes();

// Every picture --shots takes, in order: each screen and a detail of each kind as a visitor
// reaches them, in `language` with the visitor's text size `textSize` (0 smallest .. 3
// largest); `ready(name)` is called when the screen is ready for its picture.
void forEachShot(Harness& harness, const std::string& language, int textSize,
                 const std::function<void(const std::string& name)>& ready);

// Returns the files written; throws StartupError when the app cannot start.
std::vector<std::string> renderShots(HarnessOptions options, const std::string& directory);
// renderShots() at every panel shape, each in DIRECTORY/WIDTHxHEIGHT/.
std::vector<std::string> renderShapeShots(HarnessOptions options, const std::string& directory);

// The screen a visitor sees for one record ("tenant/tma-solutions"; kinds: tenant, place,
// milestone, itinerary, exhibit) in `language`, written to `outPng`. Throws
// std::invalid_argument naming the record when it is malformed or not in the content, and
// std::runtime_error when the picture cannot be saved.
void renderPreview(HarnessOptions options, const std::string& record, const std::string& language,
                   const std::string& outPng);

}  // namespace qtsc::kiosk
