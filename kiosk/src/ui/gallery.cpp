#include "ui/gallery.hpp"

#include <imgui.h>

#include <algorithm>

namespace qtsc::kiosk::ui {

bool drawGallery(Ui& u, ImageSource& images, const std::vector<content::Picture>& gallery,
                 const std::string& language, const GalleryLook& look, const char* id) {
  const auto shown = content::shownPictures(gallery);
  if (shown.empty()) return false;
  ImGui::PushID(id);
  const int count = static_cast<int>(shown.size());
  int& index = *ImGui::GetStateStorage()->GetIntRef(ImGui::GetID("picture"), 0);
  index = std::clamp(index, 0, count - 1);
  const content::Picture& picture = *shown[static_cast<std::size_t>(index)];

  ImGui::BeginGroup();
  const ImVec2 frame(look.width, look.width * look.aspect);
  ImGui::InvisibleButton("##frame", frame);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  // A swipe turns the picture when the finger lifts, by the way it moved.
  if (ImGui::IsItemDeactivated() && count > 1) {
    const float moved = ImGui::GetIO().MousePos.x - ImGui::GetIO().MouseClickedPos[0].x;
    if (moved < -u.px(look.swipeDistance)) index = (index + 1) % count;
    else if (moved > u.px(look.swipeDistance)) index = (index + count - 1) % count;
  }
  ImDrawList* list = ImGui::GetWindowDrawList();
  Ui::fillRounded(list, a, b, colour::Card, u.px(14));
  const Image image = images.get(picture.image);
  if (image.state == Image::State::Ready && image.width > 0 && image.height > 0) {
    // Fitted whole inside the frame: a museum picture is not cropped.
    const float fit = std::min(frame.x / static_cast<float>(image.width), frame.y / static_cast<float>(image.height));
    const ImVec2 size(static_cast<float>(image.width) * fit, static_cast<float>(image.height) * fit);
    const ImVec2 at(a.x + (frame.x - size.x) * 0.5f, a.y + (frame.y - size.y) * 0.5f);
    list->AddImage(image.texture, at, {at.x + size.x, at.y + size.y});
  }
  const std::string& caption = picture.caption.in(language);
  const std::string& credit = picture.credit.in(language);
  if (!caption.empty()) {
    u.spacer(8);
    u.text(u.fonts.body, colour::Ink, caption.c_str(), look.width);
  }
  if (!credit.empty()) u.text(u.fonts.small, colour::Muted, ("© " + credit).c_str(), look.width);
  if (count > 1) {
    u.spacer(8);
    const ImVec2 arrow(u.px(88), u.px(72));
    if (u.button("<##previous-picture", arrow, Look::Secondary)) index = (index + count - 1) % count;
    ImGui::SameLine();
    const std::string counter = std::to_string(index + 1) + " / " + std::to_string(count);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (arrow.y - u.fonts.bold->FontSize) * 0.5f);
    u.text(u.fonts.bold, colour::Muted, counter.c_str());
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - (arrow.y - u.fonts.bold->FontSize) * 0.5f);
    if (u.button(">##next-picture", arrow, Look::Secondary)) index = (index + 1) % count;
  }
  ImGui::EndGroup();
  ImGui::PopID();
  return true;
}

}  // namespace qtsc::kiosk::ui
