// The on-screen keyboard for the directory search: a plain Latin layout with a row of
// Vietnamese letters. Search ignores diacritics, so "a" finds "Ă" too; the Vietnamese row is
// there for visitors who want to type a name as it is written.
#pragma once

#include <string>

#include "ui/ui.hpp"

namespace qtsc::kiosk::ui {

struct KeyboardLabels {
  const char* space = "space";
  const char* erase = "delete";
  const char* clear = "clear";
};

// Draws the keyboard `width` pixels wide; edits `text`; returns true when it changed.
bool onScreenKeyboard(Ui& ui, std::string& text, const KeyboardLabels& labels, float width);
// Removes the last UTF-8 code point.
void eraseLastCodePoint(std::string& text);
// The height onScreenKeyboard() takes at `width`.
float keyboardHeight(const Ui& ui);

}  // namespace qtsc::kiosk::ui
