#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

void SteamScreen::onEnter(const Route&) {
  try {
    themes_ = ctx_.store.themes();
    exhibits_ = ctx_.store.exhibits();
  } catch (const std::exception& error) {
    noteReadError(error);
    themes_.clear();
    exhibits_.clear();
  }
}

void SteamScreen::draw() {
  auto& u = ui();
  layout::screenTitle(ctx_, ctx_.tr("steam.title"), ctx_.tr("steam.subtitle"));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  u.beginScroll("##themes", {avail.x, std::max(u.px(76), u.touchMin + u.px(12))}, true);
  if (u.chip((std::string(ctx_.tr("steam.all_themes")) + "##theme-all").c_str(), theme_.empty())) theme_.clear();
  for (const auto& theme : themes_) {
    ImGui::SameLine(0, u.px(12));
    if (u.chip((ctx_.text(theme.name) + "##theme-" + theme.id).c_str(), theme_ == theme.id)) theme_ = theme.id;
  }
  u.endScroll();
  u.spacer(8);
  std::map<std::string, const content::Category*> themeById;
  for (const auto& t : themes_) themeById[t.id] = &t;
  u.beginScroll("##exhibits", ImGui::GetContentRegionAvail());
  const float gap = u.px(28);
  const int columns = 3;
  const float cardW = (avail.x - u.px(20) - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  const float cardH = u.px(380);
  int shown = 0;
  for (const auto& e : exhibits_) {
    if (!theme_.empty() && e.themeId != theme_) continue;
    if (shown % columns != 0) ImGui::SameLine(0, gap);
    ++shown;
    ImGui::PushID(e.id.c_str());
    const std::string name = ctx_.text(e.name);
    const bool tapped = ImGui::InvisibleButton("##exhibit", {cardW, cardH});
    const bool held = ImGui::IsItemActive();
    ImGui::PopID();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    u.registerTarget(name.c_str(), a, b);
    ImDrawList* list = ImGui::GetWindowDrawList();
    ui::Ui::pageCard(list, a, b, held ? ui::colour::AmberSoft : ui::colour::Card, u.px(22), u.px(5), 16);
    // A coloured band with the theme's icon stands in for a photo.
    const float band = u.px(150);
    const auto pictures = content::shownPictures(e.gallery);
    const Image image = pictures.empty()                              ? Image{Image::State::Missing}
                        : thumbnailFits(b.x - a.x, band) ? ctx_.images.thumbnail(pictures.front()->image)
                                                             : ctx_.images.get(pictures.front()->image);
    if (image.state == Image::State::Ready) {
      list->AddImage(image.texture, a, {b.x, a.y + band});
    } else {
      list->AddRectFilled(a, {b.x, a.y + band}, ui::colour::TileSteam, u.px(22), ImDrawFlags_RoundCornersTop);
      u.drawIcon(list, ui::Icon::Steam, {a.x + cardW * 0.5f, a.y + band * 0.5f}, u.px(80), ui::colour::rgb(255, 255, 255, 200));
    }
    const float pad = u.px(28);
    const float wrap = cardW - 2 * pad;
    list->PushClipRect(a, b, true);
    float y = a.y + band + u.px(20);
    auto theme = themeById.find(e.themeId);
    std::string kicker = theme != themeById.end() ? ctx_.text(theme->second->name) : std::string();
    kicker += (kicker.empty() ? "" : " · ") + format(ctx_.tr("steam.ages"), std::to_string(e.ageMin), std::to_string(e.ageMax));
    list->AddText(u.fonts.small, u.fonts.small->FontSize, {a.x + pad, y}, ui::colour::TileSteam, kicker.c_str());
    y += u.fonts.small->FontSize * 1.5f;
    y += u.drawWrapped(list, u.fonts.title, {a.x + pad, y}, ui::colour::Ink, name, wrap).y + u.px(8);
    u.drawWrapped(list, u.fonts.small, {a.x + pad, y}, ui::colour::Muted, text::excerpt(ctx_.text(e.what), 120), wrap);
    list->PopClipRect();
    if (tapped) ctx_.router.open(Route{ScreenId::Exhibit, e.id});
  }
  if (shown == 0) u.text(u.fonts.body, ui::colour::Muted, ctx_.tr("common.empty"));
  u.spacer(24);
  u.endScroll();
}

}  // namespace qtsc::kiosk
