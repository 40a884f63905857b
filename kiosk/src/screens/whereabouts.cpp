#include "screens/whereabouts.hpp"

#include "screens/screen.hpp"

namespace qtsc::kiosk {

Whereabouts Whereabouts::read(const content::ContentStore& store, const std::string& profileId) {
  Whereabouts w;
  const content::PathNetwork paths = store.paths();
  if (!paths.empty()) w.router_ = std::make_shared<const content::WalkingRouter>(paths);
  w.samplePaths_ = paths.sample;
  if (!profileId.empty()) w.profile_ = store.profile(profileId);
  return w;
}

content::WalkingRoute Whereabouts::routeTo(content::MapPoint to) const {
  if (!canGuide()) return {};
  return router_->route(profile_->position, to);
}

content::WalkingRoute Whereabouts::routeThrough(const std::vector<content::MapPoint>& stops) const {
  if (!router_) return {};
  return router_->routeThrough(stops);
}

ScreenId screenOfSection(std::string_view section) {
  if (section == "history") return ScreenId::History;
  if (section == "directory") return ScreenId::Directory;
  if (section == "tours") return ScreenId::Tours;
  if (section == "exhibits") return ScreenId::Steam;
  if (section == "map") return ScreenId::Map;
  return ScreenId::Home;
}

bool directionsButton(Context& ctx, const Whereabouts& where, const std::string& placeId) {
  if (!where.canGuide() || placeId.empty()) return false;
  const std::string label = std::string(ctx.tr("map.directions")) + "##directions-" + placeId;
  if (!ctx.ui.button(label.c_str(), {0, 0}, ui::Look::Primary, ui::Icon::Pin)) return false;
  ctx.router.open(Route{ScreenId::Map, "directions:" + placeId});
  return true;
}

void Whereabouts::mark(ui::MapOptions& options, const Context& ctx) const {
  if (!profile_) return;
  options.here = profile_->position;
  options.hereFacing = profile_->facing;
  options.hereLabel = ctx.tr("map.you_are_here");
}

}  // namespace qtsc::kiosk
