// The schematic park map (assets/map/park.svg, 1000 x 700 map units, the same system as
// Place::position) with places as pins. Pins are touch targets; a route is drawn in order.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "qtsc/content/model.hpp"
#include "ui/ui.hpp"
#include "ui/zoom.hpp"

namespace qtsc::kiosk {
class ImageSource;
}

namespace qtsc::kiosk::ui {

struct MapOptions {
  std::string language = "vi";
  std::string highlight;           // place id drawn in amber with its name
  std::vector<std::string> route;  // place ids in visiting order
  bool routeOrdered = true;        // false: the stops' order is not known; no line, no numbers
  std::string caption;             // shown on the map, always: it is a diagram ("map.caption")
  std::string sampleBadge;         // the mark on a sample place's pin ("common.sample")
  bool interactive = true;         // pins can be tapped
  bool numbered = true;            // pins carry their index in `places` (for a legend)
  std::optional<content::MapPoint> here;  // "You are here": the kiosk's position; none when it has no profile
  int hereFacing = 0;                     // degrees clockwise from the top of the map the visitor looks
  std::string hereLabel;                  // the words beside the marker
  std::vector<content::MapPoint> walk;    // a walking route along the paths, drawn instead of straight legs
  ZoomView* zoom = nullptr;  // pinch to zoom and drag to pan (ui/zoom.hpp); none: the map stays fitted
  std::string zoomWholeLabel;  // while zoomed in, the button that shows the whole map again ("map.zoom_whole")
};

// The number each place's pin carries on a map that numbers its pins (MapOptions::numbered),
// counted in the order of `places` over numbered pins only: 0 for a sample (its pin carries the
// sample badge) and for a place not on the map (it has no pin). A legend numbers its entries
// with these, so that each number in the list is a number on the map.
std::vector<int> pinNumbers(const std::vector<content::Place>& places);

// What the last drawParkMap call drew, in screen pixels: the walking route's corners and the
// "You are here" marker (tests read it; the screens do not).
struct DrawnMap {
  std::vector<ImVec2> walk;
  std::optional<ImVec2> here;
  ImVec2 min, max;  // the map's frame
  std::vector<std::pair<std::string, ImVec2>> pins;  // place id and centre of each place drawn in the frame
  [[nodiscard]] std::optional<ImVec2> pin(const std::string& placeId) const {
    for (const auto& [id, at] : pins)
      if (id == placeId) return at;
    return std::nullopt;
  }
};
const DrawnMap& lastDrawnMap();

// Draws the map fitted in `size`; returns the id of a tapped pin.
std::optional<std::string> drawParkMap(Ui& ui, ImageSource& images, ImVec2 size,
                                       const std::vector<content::Place>& places, const MapOptions& options);

}  // namespace qtsc::kiosk::ui
