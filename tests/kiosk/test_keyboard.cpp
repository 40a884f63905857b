// The on-screen keyboard's editing.
#include <catch2/catch.hpp>

#include <string>

#include "ui/keyboard.hpp"

using namespace qtsc::kiosk;

TEST_CASE("the keyboard erases whole Vietnamese letters", "[kiosk][keyboard]") {
  std::string text = "Đà";
  ui::eraseLastCodePoint(text);
  CHECK(text == "Đ");
  ui::eraseLastCodePoint(text);
  CHECK(text.empty());
  ui::eraseLastCodePoint(text);
  CHECK(text.empty());
}
