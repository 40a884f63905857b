// QR codes (libqrencode) drawn as filled squares: no texture, crisp at any size.
#pragma once

#include <string>
#include <vector>

#include "ui/ui.hpp"

namespace qtsc::kiosk::ui {

class QrCode {
 public:
  // Encodes `text` (UTF-8, byte mode, error correction level M); false when it cannot.
  bool encode(const std::string& text);
  void clear() { modules_ = 0; dark_.clear(); text_.clear(); }
  [[nodiscard]] bool empty() const { return modules_ == 0; }
  [[nodiscard]] int modules() const { return modules_; }
  [[nodiscard]] bool dark(int x, int y) const { return dark_[static_cast<std::size_t>(y * modules_ + x)] != 0; }
  [[nodiscard]] const std::string& text() const { return text_; }
  // A white square `size` pixels wide with a four-module quiet zone.
  void draw(Ui& ui, float size) const;
  // The code with a title and a hint beside it, within `width` pixels.
  void drawWithCaption(Ui& ui, float size, const char* title, const char* hint, float width) const;

 private:
  int modules_ = 0;
  std::vector<unsigned char> dark_;
  std::string text_;
};

}  // namespace qtsc::kiosk::ui
