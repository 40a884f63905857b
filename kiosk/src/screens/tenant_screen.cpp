#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"
#include "ui/park_map.hpp"

namespace qtsc::kiosk {

void TenantScreen::onEnter(const Route& route) {
  tenant_.reset();
  qr_.clear();
  try {
    tenant_ = ctx_.store.tenant(route.arg);
    places_ = ctx_.store.places();
    where_ = Whereabouts::read(ctx_.store, ctx_.config.profile);
    sectorNames_.clear();
    for (const auto& s : ctx_.store.sectors()) sectorNames_[s.id] = s.name;
  } catch (const std::exception& error) {
    noteReadError(error);
    tenant_.reset();
  }
  if (tenant_ && !tenant_->website.empty()) qr_.encode(tenant_->website);
}

void TenantScreen::draw() {
  auto& u = ui();
  if (!tenant_) {
    layout::screenTitle(ctx_, ctx_.tr("common.not_found"));
    u.placeholder({ImGui::GetContentRegionAvail().x, u.px(400)}, ctx_.tr("common.not_found_hint"));
    return;
  }
  const auto& t = *tenant_;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float rightW = avail.x * 0.4f;
  const float gap = u.px(48);
  const float leftW = avail.x - rightW - gap;

  u.beginScroll("##tenant", {leftW, avail.y});
  if (t.sample) u.text(u.fonts.bold, ui::colour::Amber, ctx_.tr("common.sample"));
  // What the entry is: a QTSC unit, a company, a group of companies.
  u.text(u.fonts.bold, ui::colour::TealDark, ctx_.tr("directory.kind." + std::string(content::toString(t.kind))));
  u.text(u.fonts.heading, ui::colour::Ink, ctx_.text(t.name).c_str(), leftW - u.px(20));
  // Sector tags (not buttons: they do not navigate).
  for (std::size_t i = 0; i < t.sectors.size(); ++i) {
    auto n = sectorNames_.find(t.sectors[i]);
    if (n == sectorNames_.end()) continue;
    if (i) ImGui::SameLine(0, u.px(10));
    const std::string& label = ctx_.text(n->second);
    ImFont* f = u.fonts.small;
    const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.f, label.c_str());
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy({ts.x + u.px(28), ts.y + u.px(14)});
    ImGui::GetWindowDrawList()->AddRectFilled(a, ImGui::GetItemRectMax(), ui::colour::TealSoft, u.px(20));
    ImGui::GetWindowDrawList()->AddText(f, f->FontSize, {a.x + u.px(14), a.y + u.px(7)}, ui::colour::TealDark, label.c_str());
  }
  u.spacer(12);
  const std::string& description = ctx_.text(t.description);
  u.text(u.fonts.body, ui::colour::Ink, description.empty() ? ctx_.tr("tenant.no_description") : description.c_str(), leftW - u.px(20));
  u.spacer(8);
  layout::drawSourceLine(ctx_, t.source, leftW - u.px(20));
  u.spacer(16);
  auto fact = [&](const char* labelKey, const std::string& value) {
    if (value.empty()) return;
    u.text(u.fonts.small, ui::colour::Muted, ctx_.tr(labelKey));
    u.text(u.fonts.bold, ui::colour::Ink, value.c_str(), leftW - u.px(20));
    u.spacer(6);
  };
  std::string building;
  for (const auto& p : places_)
    if (p.id == t.placeId) building = ctx_.text(p.name);
  fact("tenant.building", building);
  fact("tenant.floor", t.floor);
  fact("tenant.website", t.website);
  fact("tenant.contact", t.contact);
  u.spacer(8);
  if (!t.placeId.empty() &&
      u.button((std::string(ctx_.tr("tenant.open_building")) + "##open-building").c_str(), {0, 0}, ui::Look::Primary, ui::Icon::Pin))
    ctx_.router.open(Route{ScreenId::Place, t.placeId});
  u.spacer(8);
  directionsButton(ctx_, where_, t.placeId);
  u.endScroll();

  ImGui::SameLine(0, gap);
  ImGui::BeginGroup();
  ui::MapOptions options;
  options.language = ctx_.lang();
  options.highlight = t.placeId;
  options.caption = ctx_.tr("map.caption");
  options.sampleBadge = ctx_.tr("common.sample");
  options.interactive = false;
  options.numbered = false;
  where_.mark(options, ctx_);
  const float mapH = rightW * 0.7f;
  ui::drawParkMap(u, ctx_.images, {rightW, mapH}, places_, options);
  u.spacer(16);
  if (!qr_.empty()) {
    const float qrSize = std::min(u.px(240), avail.y - mapH - u.px(60));
    qr_.drawWithCaption(u, qrSize, ctx_.tr("tenant.qr_title"), ctx_.tr("tenant.qr_hint"), rightW);
  } else {
    u.text(u.fonts.small, ui::colour::Muted, ctx_.tr("tenant.no_website"), rightW);
  }
  ImGui::EndGroup();
}

}  // namespace qtsc::kiosk
