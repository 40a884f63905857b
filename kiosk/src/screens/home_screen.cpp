#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

void HomeScreen::onEnter(const Route&) {
  try {
    home_ = ctx_.store.homeData(ctx_.clock.nowIso(), ctx_.self.hubId, ctx_.self.group);
    const auto milestones = ctx_.store.milestones();
    milestoneCount_ = static_cast<int>(milestones.size());
    // "since" the earliest milestone the content has, not a year written into the strings.
    firstMilestoneYear_ = 0;
    for (const auto& m : milestones)
      if (m.date.year != 0 && (firstMilestoneYear_ == 0 || m.date.year < firstMilestoneYear_)) firstMilestoneYear_ = m.date.year;
    sections_.clear();
    if (!ctx_.config.profile.empty())
      if (auto profile = ctx_.store.profile(ctx_.config.profile)) sections_ = profile->homeSections;
  } catch (const std::exception& error) {
    noteReadError(error);
    home_ = {};
  }
}

std::string HomeScreen::historySubtitle() const {
  if (firstMilestoneYear_ == 0) return format(ctx_.tr("home.history_count"), std::to_string(milestoneCount_));
  return format(ctx_.tr("home.history_sub"), std::to_string(milestoneCount_), std::to_string(firstMilestoneYear_));
}

void HomeScreen::draw() {
  auto& u = ui();
  const float w = ImGui::GetContentRegionAvail().x;
  u.text(u.fonts.heading, ui::colour::Ink, ctx_.text(home_.park.name).c_str());
  u.text(u.fonts.body, ui::colour::Muted, ctx_.text(home_.park.summary).c_str(), w * 0.8f);
  u.spacer(12);
  // One search across everything, and the chain the park belongs to.
  {
    const float gapX = u.px(24);
    const bool chain = !home_.park.chain.empty();
    const float searchW = chain ? std::max(w * 0.55f, w - u.px(560) - gapX) : w;
    const float h = std::max(u.px(76), u.touchMin);
    if (u.button((std::string(ctx_.tr("home.search")) + "##home-search").c_str(), {searchW, h}, ui::Look::Secondary,
                 ui::Icon::Search))
      ctx_.router.open(Route{ScreenId::Search, {}});
    if (chain) {
      ImGui::SameLine(0, gapX);
      if (u.button((std::string(ctx_.tr("home.chain")) + "##home-chain").c_str(), {w - searchW - gapX, h},
                   ui::Look::Secondary, ui::Icon::Pin))
        ctx_.router.open(Route{ScreenId::Chain, {}});
    }
  }
  u.spacer(16);

  struct TileSpec {
    const char* section;  // as kiosk profiles name it (content::kioskSectionNames)
    const char* titleKey;
    std::string subtitle;
    ImU32 tint;
    ui::Icon icon;
    Route route;
  };
  // The park's own records are counted; samples, where there are any, are counted apart.
  auto upTo = [this](int n) {
    return n > content::HomeData::kCountCap ? formatCount(content::HomeData::kCountCap, ctx_.lang()) + "+" : formatCount(n, ctx_.lang());
  };
  auto counted = [this, &upTo](const char* key, int real, int samples) {
    std::string out = format(ctx_.tr(key), upTo(real));
    if (samples > 0) out += " · " + format(ctx_.tr("home.samples"), upTo(samples));
    return out;
  };
  const TileSpec tiles[] = {
      {"history", "home.history", historySubtitle(), ui::colour::TileHistory, ui::Icon::History, {ScreenId::History, {}}},
      {"directory", "home.directory", counted("home.directory_sub", home_.tenantCount, home_.sampleTenantCount), ui::colour::TileDirectory, ui::Icon::Directory, {ScreenId::Directory, {}}},
      {"tours", "home.tours", counted("home.tours_sub", home_.itineraryCount, home_.sampleItineraryCount), ui::colour::TileTours, ui::Icon::Tours, {ScreenId::Tours, {}}},
      {"exhibits", "home.steam", counted("home.steam_sub", home_.exhibitCount, home_.sampleExhibitCount), ui::colour::TileSteam, ui::Icon::Steam, {ScreenId::Steam, {}}},
      {"map", "home.map", counted("home.map_sub", home_.placeCount, home_.samplePlaceCount), ui::colour::TileMap, ui::Icon::Map, {ScreenId::Map, {}}},
  };
  // The profile's sections in its order, else every one.
  std::vector<const TileSpec*> shown;
  if (sections_.empty())
    for (const auto& t : tiles) shown.push_back(&t);
  for (const auto& name : sections_)
    for (const auto& t : tiles)
      if (name == t.section) shown.push_back(&t);
  const float gap = u.px(24);
  const float factsH = u.px(200);
  // One row of tiles on a wide panel; on a tall one two to a row, the rows sharing the height.
  const std::size_t count = std::max<std::size_t>(shown.size(), 1);
  const ImVec2 region = ImGui::GetContentRegionAvail();
  const bool tall = w < region.y;
  const std::size_t perRow = tall && count > 3 ? 2 : count;
  const std::size_t rows = (count + perRow - 1) / perRow;
  const float tilesH = std::max(u.px(300), region.y - factsH - u.px(70));
  const float tileH = std::max(u.px(260), (tilesH - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {gap, gap});
  for (std::size_t i = 0; i < shown.size(); ++i) {
    // A row's tiles share its width; a last row with fewer tiles spreads them across it.
    const std::size_t rowStart = i / perRow * perRow;
    const float inRow = static_cast<float>(std::min(perRow, shown.size() - rowStart));
    const float tileW = (w - (inRow - 1.f) * gap) / inRow;
    if (i != rowStart) ImGui::SameLine();
    const auto& t = *shown[i];
    ImGui::PushID(static_cast<int>(i));
    if (u.tile(ctx_.tr(t.titleKey), ctx_.tr(t.titleKey), t.subtitle.c_str(), t.tint, t.icon, {tileW, tileH}))
      ctx_.router.open(t.route);
    ImGui::PopID();
  }
  ImGui::PopStyleVar();
  u.spacer(10);
  u.text(u.fonts.bold, ui::colour::Muted, ctx_.tr("home.facts"));
  // The park's figures on cards the visitor can swipe.
  u.beginScroll("##facts", {w, factsH}, true);
  const float cardW = u.px(400);
  for (std::size_t i = 0; i < home_.park.facts.size(); ++i) {
    const auto& fact = home_.park.facts[i];
    if (i) ImGui::SameLine(0, u.px(20));
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy({cardW, factsH - u.px(16)});
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 b(a.x + cardW, a.y + factsH - u.px(16));
    ui::Ui::fillRounded(list, a, b, ui::colour::Card, u.px(18));
    list->AddRectFilled(a, {a.x + u.px(8), b.y}, ui::colour::Amber, u.px(18), ImDrawFlags_RoundCornersLeft);
    const float wrap = cardW - u.px(56);
    list->PushClipRect(a, b, true);
    const std::string value = content::withYear(ctx_.text(fact.value), fact.asOf);
    const float vy = u.drawWrapped(list, u.fonts.title, {a.x + u.px(32), a.y + u.px(22)}, ui::colour::Teal, value, wrap).y;
    u.drawWrapped(list, u.fonts.small, {a.x + u.px(32), a.y + u.px(30) + vy}, ui::colour::Muted, ctx_.text(fact.label), wrap);
    list->PopClipRect();
  }
  u.endScroll();
}

}  // namespace qtsc::kiosk
