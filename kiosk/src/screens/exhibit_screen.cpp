#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"
#include "ui/gallery.hpp"

namespace qtsc::kiosk {

void ExhibitScreen::onEnter(const Route& route) {
  exhibit_.reset();
  themeName_ = {};
  canGuide_ = false;
  try {
    exhibit_ = ctx_.store.exhibit(route.arg);
    if (exhibit_)
      for (const auto& t : ctx_.store.themes())
        if (t.id == exhibit_->themeId) themeName_ = t.name;
    canGuide_ = Whereabouts::read(ctx_.store, ctx_.config.profile).canGuide() && ctx_.store.place(kExhibitsPlaceId).has_value();
  } catch (const std::exception& error) {
    noteReadError(error);
    exhibit_.reset();
  }
}

void ExhibitScreen::draw() {
  auto& u = ui();
  if (!exhibit_) {
    layout::screenTitle(ctx_, ctx_.tr("common.not_found"));
    u.placeholder({ImGui::GetContentRegionAvail().x, u.px(400)}, ctx_.tr("common.not_found_hint"));
    return;
  }
  const auto& e = *exhibit_;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float leftW = avail.x * 0.34f;
  const float gap = u.px(48);
  ImGui::BeginGroup();
  if (ui::drawGallery(u, ctx_.images, e.gallery, ctx_.session.language, {.width = leftW, .aspect = 0.75f, .openLabel = ctx_.tr("viewer.open")}, e.id.c_str()))
    u.spacer(12);
  if (!ctx_.text(themeName_).empty()) u.text(u.fonts.bold, ui::colour::TileSteam, ctx_.text(themeName_).c_str(), leftW);
  u.text(u.fonts.body, ui::colour::Muted, format(ctx_.tr("steam.ages"), std::to_string(e.ageMin), std::to_string(e.ageMax)).c_str(), leftW);
  if (e.sample) u.text(u.fonts.bold, ui::colour::Amber, ctx_.tr("common.sample"));
  u.spacer(16);
  if (!e.quiz.empty()) {
    const std::string label = format(ctx_.tr("exhibit.quiz"), std::to_string(e.quiz.size())) + "##quiz";
    if (u.button(label.c_str(), {leftW, u.px(96)}, ui::Look::Primary, ui::Icon::Star)) ctx_.router.open(Route{ScreenId::Quiz, e.id});
  }
  u.spacer(12);
  if (canGuide_) {
    const std::string label = std::string(ctx_.tr("map.directions")) + "##directions-exhibit";
    if (u.button(label.c_str(), {leftW, 0}, ui::Look::Secondary, ui::Icon::Pin))
      ctx_.router.open(Route{ScreenId::Map, std::string("directions:") + kExhibitsPlaceId});
  }
  ImGui::EndGroup();
  ImGui::SameLine(0, gap);
  const float rightW = avail.x - leftW - gap;
  u.beginScroll("##exhibit", {rightW, avail.y});
  const float wrap = rightW - u.px(24);
  u.text(u.fonts.heading, ui::colour::Ink, ctx_.text(e.name).c_str(), wrap);
  u.spacer(8);
  auto section = [&](const char* key, const std::string& body) {
    if (body.empty()) return;
    u.text(u.fonts.title, ui::colour::TileSteam, ctx_.tr(key));
    u.text(u.fonts.body, ui::colour::Ink, body.c_str(), wrap);
    u.spacer(14);
  };
  section("exhibit.what", ctx_.text(e.what));
  section("exhibit.how", ctx_.text(e.how));
  if (!e.steps.empty()) {
    u.text(u.fonts.title, ui::colour::TileSteam, ctx_.tr("exhibit.try"));
    for (std::size_t i = 0; i < e.steps.size(); ++i) {
      const ImVec2 a = ImGui::GetCursorScreenPos();
      ImDrawList* list = ImGui::GetWindowDrawList();
      list->AddCircleFilled({a.x + u.px(22), a.y + u.px(20)}, u.px(20), ui::colour::TileSteam, 24);
      const std::string n = std::to_string(i + 1);
      const ImVec2 ns = u.fonts.bold->CalcTextSizeA(u.fonts.bold->FontSize, FLT_MAX, 0.f, n.c_str());
      list->AddText(u.fonts.bold, u.fonts.bold->FontSize, {a.x + u.px(22) - ns.x * 0.5f, a.y + u.px(20) - ns.y * 0.5f}, ui::colour::White, n.c_str());
      ImGui::SetCursorScreenPos({a.x + u.px(64), a.y});
      u.text(u.fonts.body, ui::colour::Ink, ctx_.text(e.steps[i]).c_str(), wrap - u.px(64));
      u.spacer(6);
    }
  }
  u.spacer(24);
  u.endScroll();
}

}  // namespace qtsc::kiosk
