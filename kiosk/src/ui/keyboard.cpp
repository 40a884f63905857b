#include "ui/keyboard.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace qtsc::kiosk::ui {
namespace {

const std::array<std::vector<const char*>, 5> kRows = {{
    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
    {"a", "s", "d", "f", "g", "h", "j", "k", "l"},
    {"z", "x", "c", "v", "b", "n", "m", "-", "&"},
    {"ă", "â", "đ", "ê", "ô", "ơ", "ư"},
}};

float keyHeight(const Ui& ui) { return std::max(ui.px(74), ui.touchMin); }
constexpr std::size_t kMaxLength = 64;  // bytes a visitor can type

}  // namespace

void eraseLastCodePoint(std::string& text) {
  while (!text.empty()) {
    const auto last = static_cast<unsigned char>(text.back());
    text.pop_back();
    if ((last & 0xC0) != 0x80) break;  // reached the lead byte
  }
}

float keyboardHeight(const Ui& ui) { return 6 * keyHeight(ui) + 5 * ui.px(10); }

bool onScreenKeyboard(Ui& ui, std::string& text, const KeyboardLabels& labels, float width) {
  bool changed = false;
  const float gap = ui.px(10);
  const float h = keyHeight(ui);
  const float keyW = std::max((width - 9 * gap) / 10.f, ui.touchMin);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {gap, gap});
  const float left = ImGui::GetCursorPosX();
  for (const auto& row : kRows) {
    const float rowW = static_cast<float>(row.size()) * keyW + static_cast<float>(row.size() - 1) * gap;
    ImGui::SetCursorPosX(left + (width - rowW) * 0.5f);
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) ImGui::SameLine();
      const std::string id = std::string(row[i]) + "##key";
      if (ui.button(id.c_str(), {keyW, h}, Look::Key) && text.size() < kMaxLength) {
        text += row[i];
        changed = true;
      }
    }
  }
  ImGui::SetCursorPosX(left);
  const float side = keyW * 2.f + gap;
  if (ui.button((std::string(labels.clear) + "##key-clear").c_str(), {side, h}, Look::Quiet)) {
    changed = !text.empty();
    text.clear();
  }
  ImGui::SameLine();
  if (ui.button((std::string(labels.space) + "##key-space").c_str(), {width - 2 * side - 2 * gap, h}, Look::Key) &&
      !text.empty() && text.back() != ' ' && text.size() < kMaxLength) {
    text += ' ';
    changed = true;
  }
  ImGui::SameLine();
  // Delete is the ⌫ symbol, so it is not read as "clear" next to it.
  if (ui.iconButton((std::string(labels.erase) + "##key-erase").c_str(), Icon::Backspace, {side, h}, Look::Quiet) &&
      !text.empty()) {
    eraseLastCodePoint(text);
    changed = true;
  }
  ImGui::PopStyleVar();
  return changed;
}

}  // namespace qtsc::kiosk::ui
