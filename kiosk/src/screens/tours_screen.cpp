#include <imgui.h>

#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

void ToursScreen::onEnter(const Route&) {
  const std::string today = ctx_.clock.todayIso();
  try {
    today_ = ctx_.store.itinerariesOn(today);
    upcoming_.clear();
    for (auto& it : ctx_.store.itinerariesFrom(addDays(today, 1))) upcoming_.push_back(std::move(it));
    past_ = ctx_.store.itinerariesBefore(today);
  } catch (const std::exception& error) {
    noteReadError(error);
    today_.clear();
    upcoming_.clear();
    past_.clear();
  }
}

void ToursScreen::draw() {
  auto& u = ui();
  layout::screenTitle(ctx_, ctx_.tr("tours.title"), ctx_.tr("tours.subtitle"));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  u.beginScroll("##tours", avail);
  const float w = avail.x - u.px(24);
  auto section = [&](const char* titleKey, const std::vector<content::Itinerary>& items, const char* emptyKey, ImU32 accent) {
    u.spacer(8);
    u.text(u.fonts.title, ui::colour::Ink, ctx_.tr(titleKey));
    if (items.empty()) {
      u.text(u.fonts.body, ui::colour::Muted, ctx_.tr(emptyKey), w);
      return;
    }
    for (const auto& it : items) {
      std::string detail = layout::reportedDate(ctx_, it.date, it.reportedOn);
      if (!it.start.empty()) detail += " · " + it.start + (it.end.empty() ? "" : "–" + it.end);
      else if (it.dayPart != content::DayPart::Unknown) detail += std::string(" · ") + ctx_.tr("tours.daypart." + std::string(content::toString(it.dayPart)));
      const std::string& origin = ctx_.text(it.origin);
      if (!origin.empty()) detail += " · " + origin;
      if (it.sample) detail += std::string(" · ") + ctx_.tr("common.sample");
      const std::string title = ctx_.text(it.delegation);
      ImGui::PushID(it.id.c_str());
      ImGui::SetNextItemWidth(w);
      ImGui::BeginGroup();
      if (u.row(title.c_str(), title.c_str(), detail.c_str(), 0.f, accent)) ctx_.router.open(Route{ScreenId::Itinerary, it.id});
      ImGui::EndGroup();
      ImGui::PopID();
    }
  };
  section("tours.today", today_, "tours.none_today", ui::colour::Amber);
  section("tours.upcoming", upcoming_, "tours.none_upcoming", ui::colour::TileTours);
  section("tours.past", past_, "tours.none_past", ui::colour::Line);
  u.spacer(24);
  u.endScroll();
}

}  // namespace qtsc::kiosk
