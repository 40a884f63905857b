#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"
#include "ui/gallery.hpp"

namespace qtsc::kiosk {

void MilestoneScreen::onEnter(const Route& route) {
  index_ = -1;
  try {
    milestones_ = ctx_.store.milestones();
  } catch (const std::exception& error) {
    noteReadError(error);
    milestones_.clear();
  }
  for (std::size_t i = 0; i < milestones_.size(); ++i)
    if (milestones_[i].id == route.arg) index_ = static_cast<int>(i);
}

void MilestoneScreen::draw() {
  auto& u = ui();
  if (index_ < 0) {
    layout::screenTitle(ctx_, ctx_.tr("common.not_found"));
    u.placeholder({ImGui::GetContentRegionAvail().x, u.px(400)}, ctx_.tr("common.not_found_hint"));
    return;
  }
  const auto& m = milestones_[static_cast<std::size_t>(index_)];
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float navH = u.px(96);
  const float leftW = avail.x * 0.36f;
  // The gallery, when the milestone has pictures; without, the date heads the column alone.
  ImGui::BeginGroup();
  if (ui::drawGallery(u, ctx_.images, m.gallery, ctx_.session.language, {.width = leftW, .aspect = 0.72f, .openLabel = ctx_.tr("viewer.open")}, m.id.c_str()))
    u.spacer(12);
  u.text(u.fonts.heading, ui::colour::TileHistory, layout::reportedDate(ctx_, m.date, m.reportedOn).c_str());
  ImGui::EndGroup();
  ImGui::SameLine(0, u.px(56));
  u.beginScroll("##story", {0, avail.y - navH - u.px(20)});
  u.text(u.fonts.heading, ui::colour::Ink, ctx_.text(m.title).c_str(), ImGui::GetContentRegionAvail().x - u.px(20));
  u.spacer(8);
  u.text(u.fonts.body, ui::colour::Ink, ctx_.text(m.body).c_str(), ImGui::GetContentRegionAvail().x - u.px(20));
  u.spacer(12);
  layout::drawSourceLine(ctx_, m.source, ImGui::GetContentRegionAvail().x - u.px(20));
  u.endScroll();
  // Previous and next along the timeline.
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - navH - u.px(28));
  const std::string counter = std::to_string(index_ + 1) + " / " + std::to_string(milestones_.size());
  if (index_ > 0) {
    if (u.button((std::string(ctx_.tr("history.previous")) + "##prev").c_str(), {u.px(320), navH}, ui::Look::Secondary, ui::Icon::Back)) --index_;
  } else {
    ImGui::Dummy({u.px(320), navH});
  }
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (navH - u.fonts.bold->FontSize) * 0.5f);
  u.text(u.fonts.bold, ui::colour::Muted, counter.c_str());
  ImGui::SameLine(ImGui::GetWindowWidth() - u.px(48) - u.px(320));
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - navH - u.px(28));
  if (index_ + 1 < static_cast<int>(milestones_.size()) &&
      u.button((std::string(ctx_.tr("history.next")) + "##next").c_str(), {u.px(320), navH}, ui::Look::Primary))
    ++index_;
}

}  // namespace qtsc::kiosk
