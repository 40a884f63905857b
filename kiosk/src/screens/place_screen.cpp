#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"
#include "ui/gallery.hpp"
#include "ui/park_map.hpp"

namespace qtsc::kiosk {

void PlaceScreen::onEnter(const Route& route) {
  place_.reset();
  tenants_.clear();
  try {
    place_ = ctx_.store.place(route.arg);
    places_ = ctx_.store.places();
    where_ = Whereabouts::read(ctx_.store, ctx_.config.profile);
    if (place_) tenants_ = ctx_.store.tenantsInBuilding(place_->id, ctx_.lang());
  } catch (const std::exception& error) {
    noteReadError(error);
    place_.reset();
  }
}

void PlaceScreen::draw() {
  auto& u = ui();
  if (!place_) {
    layout::screenTitle(ctx_, ctx_.tr("common.not_found"));
    u.placeholder({ImGui::GetContentRegionAvail().x, u.px(400)}, ctx_.tr("common.not_found_hint"));
    return;
  }
  const auto& p = *place_;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float rightW = avail.x * 0.42f;
  const float gap = u.px(48);
  const float leftW = avail.x - rightW - gap;
  ImGui::BeginGroup();
  u.text(u.fonts.bold, ui::colour::TileMap, ctx_.tr("map.kind." + std::string(content::toString(p.kind))));
  u.text(u.fonts.heading, ui::colour::Ink, ctx_.text(p.name).c_str(), leftW);
  if (p.sample) u.text(u.fonts.bold, ui::colour::Amber, ctx_.tr("common.sample"));
  u.text(u.fonts.body, ui::colour::Ink, ctx_.text(p.description).c_str(), leftW);
  for (const auto& quote : p.quotes) {  // words a document attributes, with who said them and when
    u.spacer(8);
    u.text(u.fonts.body, ui::colour::Ink, ("“" + ctx_.text(quote.text) + "”").c_str(), leftW);
    std::string by = "— " + ctx_.text(quote.by);
    if (quote.date.year != 0) by += ", " + layout::partialDate(quote.date, ctx_.lang());
    u.text(u.fonts.small, ui::colour::Muted, by.c_str(), leftW);
  }
  u.spacer(8);
  layout::drawSourceLine(ctx_, p.source, leftW);
  u.spacer(16);
  if (p.onMap()) directionsButton(ctx_, where_, p.id);
  u.spacer(16);
  u.text(u.fonts.title, ui::colour::Ink, format(ctx_.tr("place.tenants"), std::to_string(tenants_.size())).c_str(), leftW);
  u.beginScroll("##place-tenants", {leftW, ImGui::GetContentRegionAvail().y});
  if (tenants_.empty()) u.text(u.fonts.body, ui::colour::Muted, ctx_.tr("place.no_tenants"), leftW - u.px(20));
  const float rowH = std::max(u.px(92), u.touchMin);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {0, u.px(10)});
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(tenants_.size()), rowH + u.px(10));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& t = tenants_[static_cast<std::size_t>(i)];
      const std::string name = ctx_.text(t.name);
      const std::string floor = t.floor.empty() ? std::string() : format(ctx_.tr("directory.floor"), t.floor);
      ImGui::PushID(i);
      if (u.row(name.c_str(), name.c_str(), floor.c_str(), rowH, t.sample ? ui::colour::Line : ui::colour::Teal))
        ctx_.router.open(Route{ScreenId::Tenant, t.id});
      ImGui::PopID();
    }
  ImGui::PopStyleVar();
  u.endScroll();
  ImGui::EndGroup();
  ImGui::SameLine(0, gap);
  ImGui::BeginGroup();
  ui::MapOptions options;
  options.language = ctx_.lang();
  options.highlight = p.id;
  options.numbered = false;
  options.caption = ctx_.tr("map.caption");
  options.sampleBadge = ctx_.tr("common.sample");
  where_.mark(options, ctx_);
  // With pictures the map gives up half its height to the gallery below it.
  const bool pictures = !content::shownPictures(p.gallery).empty();
  const float mapH = rightW * (pictures ? 0.36f : 0.7f);
  if (auto tapped = ui::drawParkMap(u, ctx_.images, {rightW, mapH}, places_, options); tapped && *tapped != p.id)
    ctx_.router.open(Route{ScreenId::Place, *tapped});
  if (pictures) {
    // The caption, credit and arrows below the picture take about 220 design pixels.
    const float room = ImGui::GetContentRegionAvail().y - u.px(16) - u.px(220);
    u.spacer(16);
    ui::drawGallery(u, ctx_.images, p.gallery, ctx_.session.language,
                    {.width = std::clamp(room / 0.56f, u.px(200), rightW), .aspect = 0.56f, .openLabel = ctx_.tr("viewer.open")}, p.id.c_str());
  }
  ImGui::EndGroup();
}

}  // namespace qtsc::kiosk
