#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

void HistoryScreen::onEnter(const Route&) {
  try {
    milestones_ = ctx_.store.milestones();
  } catch (const std::exception& error) {
    noteReadError(error);
    milestones_.clear();
  }
}

void HistoryScreen::draw() {
  auto& u = ui();
  layout::screenTitle(ctx_, ctx_.tr("history.title"), ctx_.tr("history.swipe"));
  if (milestones_.empty()) {
    u.placeholder({ImGui::GetContentRegionAvail().x, u.px(400)}, ctx_.tr("common.empty"));
    return;
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  u.beginScroll("##timeline", {avail.x, avail.y}, true);
  ImDrawList* list = ImGui::GetWindowDrawList();
  // On a tall panel the cards are wider and no taller than half again their width, so a
  // milestone reads as a card, not a column.
  const bool tall = avail.x < avail.y;
  const float cardW = tall ? std::max(u.px(470), std::min(avail.x * 0.78f, u.px(760))) : u.px(470);
  const float gap = u.px(36);
  const float lineY = u.px(70);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float totalW = static_cast<float>(milestones_.size()) * (cardW + gap) + gap;
  list->AddLine({origin.x, origin.y + lineY}, {origin.x + totalW, origin.y + lineY}, ui::colour::Line, u.px(6));
  const float cardH = tall ? std::min(avail.y - lineY - u.px(60), cardW * 1.5f) : avail.y - lineY - u.px(60);
  for (std::size_t i = 0; i < milestones_.size(); ++i) {
    const auto& m = milestones_[i];
    const float x = origin.x + gap * 0.5f + static_cast<float>(i) * (cardW + gap);
    // The year on the line.
    const std::string year = std::to_string(m.date.year);
    ImFont* yf = u.fonts.heading;
    const ImVec2 ys = yf->CalcTextSizeA(yf->FontSize, FLT_MAX, 0.f, year.c_str());
    list->AddText(yf, yf->FontSize, {x, origin.y + lineY - ys.y - u.px(14)}, ui::colour::TileHistory, year.c_str());
    list->AddCircleFilled({x + u.px(12), origin.y + lineY}, u.px(12), ui::colour::Amber, 24);
    ImGui::SetCursorScreenPos({x, origin.y + lineY + u.px(36)});
    ImGui::PushID(static_cast<int>(i));
    const std::string title = ctx_.text(m.title);
    if (ImGui::InvisibleButton(("##m-" + m.id).c_str(), {cardW, cardH})) ctx_.router.open(Route{ScreenId::Milestone, m.id});
    const bool held = ImGui::IsItemActive();
    ImGui::PopID();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    u.registerTarget(title.c_str(), a, b);
    ui::Ui::pageCard(list, a, b, held ? ui::colour::AmberSoft : ui::colour::Card, u.px(22), u.px(5), 16);
    const float pad = u.px(32);
    const float wrap = cardW - 2 * pad;
    list->PushClipRect(a, b, true);
    float y = a.y + pad;
    const auto shown = content::shownPictures(m.gallery);
    if (!shown.empty()) {
      // The milestone's picture across the top of the card, cropped to fill its frame.
      const ImVec2 pa(a.x + pad, y), pb(b.x - pad, y + wrap * 0.5f);
      const std::string& file = shown.front()->image;
      const Image image = thumbnailFits(pb.x - pa.x, pb.y - pa.y) ? ctx_.images.thumbnail(file) : ctx_.images.get(file);
      if (image.state == Image::State::Ready && image.width > 0 && image.height > 0) {
        const Crop crop = cropToFill(pb.x - pa.x, pb.y - pa.y, image);
        list->AddImage(image.texture, pa, pb, {crop.u0, crop.v0}, {crop.u1, crop.v1});  // a plain quad: the software renderer blits it
      } else {
        ui::Ui::fillRounded(list, pa, pb, ui::colour::TealSoft, u.px(14));
      }
      y = pb.y + u.px(20);
    }
    const std::string when = layout::reportedDate(ctx_, m.date, m.reportedOn);
    list->AddText(u.fonts.bold, u.fonts.bold->FontSize, {a.x + pad, y}, ui::colour::Amber, when.c_str());
    y += u.fonts.bold->FontSize * 1.4f;
    y += u.drawWrapped(list, u.fonts.title, {a.x + pad, y}, ui::colour::Ink, title, wrap).y + u.px(14);
    u.drawWrapped(list, u.fonts.body, {a.x + pad, y}, ui::colour::Muted, text::excerpt(ctx_.text(m.body), shown.empty() ? 300 : 160),
                  wrap);
    const char* more = ctx_.tr("common.read_more");
    list->AddText(u.fonts.bold, u.fonts.bold->FontSize, {a.x + pad, b.y - pad - u.fonts.bold->FontSize}, ui::colour::Teal, more);
    list->PopClipRect();
  }
  ImGui::SetCursorScreenPos({origin.x + totalW, origin.y});
  ImGui::Dummy({1, 1});
  u.endScroll();
}

}  // namespace qtsc::kiosk
