#include "ui/gallery.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

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
  const bool tapped = ImGui::InvisibleButton("##frame", frame);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  if (!look.openLabel.empty()) u.registerTarget((look.openLabel + "##gallery-open").c_str(), a, b);
  // A swipe turns the picture when the finger lifts, by the way it moved; a tap opens it
  // full screen.
  const float moved = ImGui::GetIO().MousePos.x - ImGui::GetIO().MouseClickedPos[0].x;
  if (ImGui::IsItemDeactivated() && count > 1) {
    if (moved < -u.px(look.swipeDistance)) index = (index + 1) % count;
    else if (moved > u.px(look.swipeDistance)) index = (index + count - 1) % count;
  }
  if (tapped && std::sqrt(ImGui::GetIO().MouseDragMaxDistanceSqr[0]) < u.px(look.swipeDistance) * 0.5f) {
    std::vector<content::Picture> pictures;
    for (const content::Picture* p : shown) pictures.push_back(*p);
    u.lightbox.open(std::move(pictures), index);
  }
  ImDrawList* list = ImGui::GetWindowDrawList();
  Ui::fillRounded(list, a, b, colour::Card, u.px(14));
  // A small frame shows the thumbnail; the full size is for larger frames and the lightbox.
  const Image image = thumbnailFits(frame.x, frame.y) ? images.thumbnail(picture.image) : images.get(picture.image);
  if (image.state == Image::State::Ready && image.width > 0 && image.height > 0) {
    // Fitted whole inside the frame: a museum picture is not cropped.
    const float fit = std::min(frame.x / static_cast<float>(image.width), frame.y / static_cast<float>(image.height));
    const ImVec2 size(static_cast<float>(image.width) * fit, static_cast<float>(image.height) * fit);
    const ImVec2 at(a.x + (frame.x - size.x) * 0.5f, a.y + (frame.y - size.y) * 0.5f);
    list->AddImage(image.texture, at, {at.x + size.x, at.y + size.y});
    if (!look.openLabel.empty()) {  // a magnifier in the corner: the picture opens larger
      const float r = u.px(26);
      const ImVec2 c(b.x - r - u.px(12), b.y - r - u.px(12));
      list->AddCircleFilled(c, r, colour::rgb(0x10, 0x16, 0x18, 170), 24);
      u.drawIcon(list, Icon::Search, c, r * 1.1f, colour::White);
    }
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

void Lightbox::open(std::vector<content::Picture> pictures, int index) {
  pictures_ = std::move(pictures);
  index_ = pictures_.empty() ? 0 : std::clamp(index, 0, count() - 1);
  zoom.reset();
}

void Lightbox::close() {
  pictures_.clear();
  index_ = 0;
  zoom.reset();
}

void Lightbox::turn(int by) {
  if (pictures_.empty()) return;
  index_ = ((index_ + by) % count() + count()) % count();
  zoom.reset();
}

void drawLightbox(Ui& u, ImageSource& images, const LightboxText& text) {
  Lightbox& box = u.lightbox;
  if (!box.isOpen()) return;
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 display = io.DisplaySize;
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(display);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, colour::rgb(0x10, 0x16, 0x18));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
  ImGui::Begin("##lightbox", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  u.coverTargets("lightbox", {0, 0}, display);
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float pad = u.px(32);
  const float buttonH = std::max(u.px(88), u.touchMin);
  const float width = display.x - 2 * pad;
  const content::Picture& picture = box.picture();
  const int count = box.count();

  // The close button at the top right, the counter at the top left.
  const std::string closeLabel = text.close + "##lightbox-close";
  ImFont* bf = u.fonts.bold;
  const float closeW = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.f, text.close.c_str()).x + u.px(110);
  ImGui::SetCursorScreenPos({display.x - pad - closeW, pad});
  bool closing = u.button(closeLabel.c_str(), {closeW, buttonH}, Look::OnDark, Icon::Cross);
  if (count > 1) {
    const std::string counter = std::to_string(box.index() + 1) + " / " + std::to_string(count);
    list->AddText(bf, bf->FontSize, {pad, pad + (buttonH - bf->FontSize) * 0.5f}, colour::White, counter.c_str());
  }

  // Below the picture: caption, credit, then the arrows and the hint.
  const std::string& caption = picture.caption.in(text.language);
  const std::string& credit = picture.credit.in(text.language);
  const std::string creditLine = credit.empty() ? std::string() : "© " + credit;
  float below = pad + buttonH;  // the row of arrows and hint
  if (!caption.empty()) below += u.wrappedSize(u.fonts.body, caption, width).y + u.px(8);
  if (!creditLine.empty()) below += u.wrappedSize(u.fonts.small, creditLine, width).y + u.px(4);
  const ImVec2 frameMin(pad, pad + buttonH + u.px(16));
  const ImVec2 frameMax(display.x - pad, std::max(frameMin.y + u.px(120), display.y - below - u.px(16)));

  // The picture: a press anywhere on it, for the swipe, the drag and the double-tap.
  ImGui::SetCursorScreenPos(frameMin);
  ImGui::InvisibleButton("##lightbox-picture", {frameMax.x - frameMin.x, frameMax.y - frameMin.y});
  const bool doubleTapped = ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
  const bool lifted = ImGui::IsItemDeactivated();
  const Image image = images.get(picture.image);
  if (image.state == Image::State::Ready && image.width > 0 && image.height > 0) {
    const float fit = std::min((frameMax.x - frameMin.x) / static_cast<float>(image.width),
                               (frameMax.y - frameMin.y) / static_cast<float>(image.height));
    const ImVec2 fitted(static_cast<float>(image.width) * fit, static_cast<float>(image.height) * fit);
    if (doubleTapped) box.zoom.zoomTo(box.zoom.zoomed() ? 1.f : 2.5f, io.MousePos);
    if (box.zoom.update(u.gestures(), frameMin, frameMax, fitted, u.px(12))) u.requestAnimation();
    list->PushClipRect(frameMin, frameMax, true);
    list->AddImage(image.texture, box.zoom.contentMin(), box.zoom.contentMax());
    list->PopClipRect();
  } else if (image.state == Image::State::Missing) {
    ImGui::SetCursorScreenPos(frameMin);
    u.placeholder({frameMax.x - frameMin.x, frameMax.y - frameMin.y}, "");
  }
  // Seen whole, a swipe across the picture turns it when the finger lifts.
  if (lifted && count > 1 && !box.zoom.zoomed() && !box.zoom.tapsBlocked()) {
    const float moved = io.MousePos.x - io.MouseClickedPos[0].x;
    if (moved < -u.px(80)) box.turn(1);
    else if (moved > u.px(80)) box.turn(-1);
  }

  // From the bottom up: the arrows and the hint, the credit, the caption.
  const float rowY = display.y - pad - buttonH;
  float y = frameMax.y + u.px(16);
  const ImU32 soft = colour::rgb(0xB8, 0xC2, 0xC4);
  if (!caption.empty()) y += u.drawWrapped(list, u.fonts.body, {pad, y}, colour::White, caption, width).y + u.px(8);
  if (!creditLine.empty()) u.drawWrapped(list, u.fonts.small, {pad, y}, soft, creditLine, width);
  float hintX = pad;
  if (count > 1) {
    const ImVec2 arrow(std::max(u.px(112), u.touchMin), buttonH);
    ImGui::SetCursorScreenPos({pad, rowY});
    if (u.button("<##lightbox-previous", arrow, Look::OnDark)) box.turn(-1);
    ImGui::SameLine(0, u.px(16));
    if (u.button(">##lightbox-next", arrow, Look::OnDark)) box.turn(1);
    hintX = pad + 2 * arrow.x + u.px(48);
  }
  ImFont* sf = u.fonts.small;
  const float hintW = display.x - pad - hintX;
  if (hintW > u.px(160)) {
    const ImVec2 hs = u.wrappedSize(sf, text.hint, hintW);
    u.drawWrapped(list, sf, {hintX, rowY + std::max(0.f, (buttonH - hs.y) * 0.5f)}, soft, text.hint, hintW);
  }
  ImGui::End();
  if (closing) box.close();
}

}  // namespace qtsc::kiosk::ui
