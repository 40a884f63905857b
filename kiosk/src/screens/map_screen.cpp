#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"
#include "ui/park_map.hpp"

namespace qtsc::kiosk {

void MapScreen::onEnter(const Route& route) {
  itinerary_.reset();
  try {
    places_ = ctx_.store.places();
    const std::string prefix = "itinerary:";
    if (route.arg.rfind(prefix, 0) == 0) itinerary_ = ctx_.store.itinerary(route.arg.substr(prefix.size()));
  } catch (const std::exception& error) {
    noteReadError(error);
    places_.clear();
  }
}

void MapScreen::draw() {
  auto& u = ui();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float legendW = std::max(u.px(520), avail.x - avail.y / 0.7f - u.px(40));
  const float mapW = avail.x - legendW - u.px(40);
  ui::MapOptions options;
  options.language = ctx_.lang();
  options.caption = ctx_.tr("map.caption");
  options.sampleBadge = ctx_.tr("common.sample");
  if (itinerary_) {
    for (const auto& stop : itinerary_->stops) options.route.push_back(stop.placeId);
    options.routeOrdered = !itinerary_->unordered;
  }
  if (auto tapped = ui::drawParkMap(u, ctx_.images, {mapW, avail.y}, places_, options))
    ctx_.router.open(Route{ScreenId::Place, *tapped});
  ImGui::SameLine(0, u.px(40));
  ImGui::BeginGroup();
  if (itinerary_) layout::screenTitle(ctx_, ctx_.tr("map.route_title"), ctx_.text(itinerary_->delegation).c_str());
  else layout::screenTitle(ctx_, ctx_.tr("map.title"), ctx_.tr("map.hint"));
  u.beginScroll("##legend", {legendW, ImGui::GetContentRegionAvail().y});
  auto entry = [&](std::size_t number, const content::Place& place) {
    const std::string name = ctx_.text(place.name);
    const std::string label = std::to_string(number) + ". " + name;
    ImGui::PushID(place.id.c_str());
    ImGui::PushID(static_cast<int>(number));
    if (u.row(label.c_str(), label.c_str(), ctx_.tr("map.kind." + std::string(content::toString(place.kind))), u.px(84)))
      ctx_.router.open(Route{ScreenId::Place, place.id});
    ImGui::PopID();
    ImGui::PopID();
  };
  if (itinerary_) {
    for (std::size_t i = 0; i < itinerary_->stops.size(); ++i)
      for (const auto& p : places_)
        if (p.id == itinerary_->stops[i].placeId) entry(i + 1, p);
  } else {
    for (std::size_t i = 0; i < places_.size(); ++i) entry(i + 1, places_[i]);
  }
  u.endScroll();
  ImGui::EndGroup();
}

}  // namespace qtsc::kiosk
