#include "ui/qr.hpp"

#include <qrencode.h>

#include <cmath>

namespace qtsc::kiosk::ui {

bool QrCode::encode(const std::string& text) {
  clear();
  if (text.empty()) return false;
  QRcode* code = QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M);
  if (!code) return false;
  modules_ = code->width;
  dark_.resize(static_cast<std::size_t>(modules_ * modules_));
  for (std::size_t i = 0; i < dark_.size(); ++i) dark_[i] = code->data[i] & 1u;
  QRcode_free(code);
  text_ = text;
  return true;
}

void QrCode::draw(Ui& ui, float size) const {
  ImGui::Dummy({size, size});
  const ImVec2 min = ImGui::GetItemRectMin();
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->AddRectFilled(min, {min.x + size, min.y + size}, colour::White, ui.px(12));
  if (empty()) return;
  const float cell = std::floor(size / static_cast<float>(modules_ + 8));
  const float offset = std::floor((size - cell * static_cast<float>(modules_)) * 0.5f);
  for (int y = 0; y < modules_; ++y)
    for (int x = 0; x < modules_; ++x)
      if (dark(x, y)) {
        const ImVec2 a(min.x + offset + static_cast<float>(x) * cell, min.y + offset + static_cast<float>(y) * cell);
        list->AddRectFilled(a, {a.x + cell, a.y + cell}, colour::Ink);
      }
}

void QrCode::drawWithCaption(Ui& ui, float size, const char* title, const char* hint, float width) const {
  draw(ui, size);
  ImGui::SameLine(0, ui.px(24));
  ImGui::BeginGroup();
  ImGui::Dummy({1, ui.px(30)});
  const float textWidth = width - size - ui.px(40);
  ui.text(ui.fonts.bold, colour::Ink, title, textWidth);
  ui.text(ui.fonts.small, colour::Muted, hint, textWidth);
  ImGui::EndGroup();
}

}  // namespace qtsc::kiosk::ui
