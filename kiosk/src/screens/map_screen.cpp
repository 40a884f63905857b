#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "screens/all_screens.hpp"
#include "ui/park_map.hpp"

namespace qtsc::kiosk {

void MapScreen::onEnter(const Route& route) {
  itinerary_.reset();
  destination_.reset();
  walk_ = {};
  qr_.clear();
  zoom_.reset();
  try {
    places_ = ctx_.store.places();
    where_ = Whereabouts::read(ctx_.store, ctx_.config.profile);
    const std::string visit = "itinerary:";
    const std::string directions = "directions:";
    if (route.arg.rfind(visit, 0) == 0) {
      itinerary_ = ctx_.store.itinerary(route.arg.substr(visit.size()));
      // A visit whose report names no places has no route: the plain park map.
      if (itinerary_ && itinerary_->stops.empty()) itinerary_.reset();
      if (itinerary_) {
        std::vector<content::MapPoint> stops;
        for (const auto& stop : itinerary_->stops)
          for (const auto& p : places_)
            if (p.id == stop.placeId) stops.push_back(p.position);
        walk_ = where_.routeThrough(stops);
      }
    } else if (route.arg.rfind(directions, 0) == 0) {
      destination_ = ctx_.store.place(route.arg.substr(directions.size()));
      if (destination_) {
        walk_ = where_.routeTo(destination_->position);
        const std::string from = where_.profile() ? where_.profile()->name.in(ctx_.lang()) : std::string();
        if (walk_.found()) qr_.encode(content::directionsText(from, destination_->name.in(ctx_.lang()), walk_));
      }
    }
  } catch (const std::exception& error) {
    noteReadError(error);
    places_.clear();
  }
}

// The walk's distance and minutes, or why there is none, and the QR code to take it along.
void MapScreen::drawDirections(float width) {
  auto& u = ui();
  if (!walk_.found()) {
    u.text(u.fonts.body, ui::colour::Muted, ctx_.tr("map.directions_none"), width);
    return;
  }
  const std::string walk = format(ctx_.tr("map.directions_walk"), std::to_string(std::lround(walk_.metres)),
                                  std::to_string(walk_.minutes));
  u.text(u.fonts.title, ui::colour::Ink, walk.c_str(), width);
  u.spacer(12);
  if (!qr_.empty()) {
    // A version 10 code has 57 modules plus the quiet zone: at 300 px a module is about 4.5 px.
    const float size = std::min(u.px(300), width * 0.55f);
    qr_.drawWithCaption(u, size, ctx_.tr("map.directions_qr"), ctx_.tr("map.directions_qr_hint"), width);
  }
  u.spacer(8);
  if (where_.samplePaths()) u.text(u.fonts.small, ui::colour::Muted, ctx_.tr("map.paths_sample"), width);
}

void MapScreen::draw() {
  auto& u = ui();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // The map beside its legend on a wide panel; on a tall one the map across the top (the
  // diagram is 10:7) and the legend below it.
  const bool tall = avail.x < avail.y;
  const float legendW = tall ? avail.x : std::max(u.px(520), avail.x - avail.y / 0.7f - u.px(40));
  const ImVec2 mapSize = tall ? ImVec2(avail.x, std::min(avail.x * 0.7f, avail.y * 0.55f))
                              : ImVec2(avail.x - legendW - u.px(40), avail.y);
  ui::MapOptions options;
  options.language = ctx_.lang();
  options.caption = ctx_.tr("map.caption");
  options.sampleBadge = ctx_.tr("common.sample");
  where_.mark(options, ctx_);
  if (itinerary_) {
    for (const auto& stop : itinerary_->stops) options.route.push_back(stop.placeId);
    options.routeOrdered = !itinerary_->unordered;
  }
  if (destination_) {
    options.highlight = destination_->id;
    options.interactive = false;
    options.numbered = false;
  }
  if (walk_.found()) options.walk = walk_.points;
  options.zoom = &zoom_;
  options.zoomWholeLabel = ctx_.tr("map.zoom_whole");
  if (auto tapped = ui::drawParkMap(u, ctx_.images, mapSize, places_, options))
    ctx_.router.open(Route{ScreenId::Place, *tapped});
  if (tall) u.spacer(16);
  else ImGui::SameLine(0, u.px(40));
  ImGui::BeginGroup();
  if (destination_) {
    layout::screenTitle(ctx_, format(ctx_.tr("map.directions_title"), ctx_.text(destination_->name)).c_str());
    drawDirections(legendW);
    ImGui::EndGroup();
    return;
  }
  if (itinerary_) layout::screenTitle(ctx_, ctx_.tr("map.route_title"), ctx_.text(itinerary_->delegation).c_str());
  else layout::screenTitle(ctx_, ctx_.tr("map.title"), ctx_.tr("map.hint"));
  u.beginScroll("##legend", {legendW, ImGui::GetContentRegionAvail().y});
  // Each entry carries the number its pin shows (none for a place without a numbered pin).
  auto entry = [&](int number, const content::Place& place) {
    const std::string name = ctx_.text(place.name);
    const std::string label = number > 0 ? std::to_string(number) + ". " + name : name;
    std::string detail = ctx_.tr("map.kind." + std::string(content::toString(place.kind)));
    if (place.sample) detail += std::string(" · ") + ctx_.tr("common.sample");
    if (!place.onMap()) detail += std::string(" · ") + ctx_.tr("map.not_on_map");
    ImGui::PushID(place.id.c_str());
    ImGui::PushID(number);
    if (u.row(label.c_str(), label.c_str(), detail.c_str(), u.px(84)))
      ctx_.router.open(Route{ScreenId::Place, place.id});
    ImGui::PopID();
    ImGui::PopID();
  };
  if (itinerary_) {
    // The stops in visiting order, numbered as on the route; a visit whose order is unknown
    // lists them without numbers, as its pins have none.
    for (std::size_t i = 0; i < itinerary_->stops.size(); ++i)
      for (const auto& p : places_)
        if (p.id == itinerary_->stops[i].placeId) entry(itinerary_->unordered ? 0 : static_cast<int>(i) + 1, p);
  } else {
    const std::vector<int> numbers = ui::pinNumbers(places_);
    for (std::size_t i = 0; i < places_.size(); ++i) entry(numbers[i], places_[i]);
  }
  u.endScroll();
  ImGui::EndGroup();
}

}  // namespace qtsc::kiosk
