// Lines broken as a reader expects: never inside a number or between a number and its unit.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <sstream>
#include <string>
#include <vector>

#include "ui/line_breaks.hpp"

using namespace qtsc::kiosk::ui;

namespace {

const std::string kNbsp = "\xC2\xA0";

struct FontFixture {
  FontFixture() {
    context = ImGui::CreateContext();
    font = ImGui::GetIO().Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  }
  ~FontFixture() { ImGui::DestroyContext(context); }
  FontFixture(const FontFixture&) = delete;
  FontFixture& operator=(const FontFixture&) = delete;
  [[nodiscard]] float width(const std::string& text) const {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, text.c_str()).x;
  }
  ImGuiContext* context = nullptr;
  ImFont* font = nullptr;
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("a number keeps the word after it, its unit, with a no-break space", "[kiosk][ui][text]") {
  CHECK(keepNumbersWithUnits("43 hecta (2018)") == "43" + kNbsp + "hecta (2018)");
  CHECK(keepNumbersWithUnits("khoảng 20.000 USD") == "khoảng 20.000" + kNbsp + "USD");
  CHECK(keepNumbersWithUnits("hơn 22 năm xây dựng") == "hơn 22" + kNbsp + "năm xây dựng");
  CHECK(keepNumbersWithUnits("Quận 12") == "Quận 12");        // nothing after the number
  CHECK(keepNumbersWithUnits("1, 2 và 3") == "1, 2" + kNbsp + "và 3");  // a number before a number: no unit
  CHECK(keepNumbersWithUnits("tầng 5  cao") == "tầng 5  cao");  // two spaces are a gap, not a unit
  CHECK(keepNumbersWithUnits("") == "");
}

TEST_CASE("broken lines fit their width and never split a number or a number from its unit", "[kiosk][ui][text]") {
  FontFixture f;
  const std::string text = "Revenue reached 20.000 USD per year, about 1,500 billion in 2023 over 43 hecta";
  bool imguiSplitsANumber = false;  // the case this guards against does happen with Dear ImGui's own wrapping
  for (float width = 60.f; width <= 700.f; width += 5.f) {
    INFO("width " << width);
    const std::string broken = breakLines(f.font, f.font->FontSize, text, width);
    for (const char* kept : {"20.000\xC2\xA0USD", "1,500\xC2\xA0" "billion", "43\xC2\xA0hecta", "2023"}) {
      INFO(broken);
      CHECK(broken.find(kept) != std::string::npos);
    }
    for (const auto& line : lines(broken)) {
      INFO("line '" << line << "'");
      CHECK(line == line.substr(0, line.find_last_not_of(' ') + 1));  // no trailing spaces
      const bool oneWord = line.find(' ') == std::string::npos;
      CHECK((oneWord || f.width(line) <= width));
    }
    // What ImGui alone does at this width: where it would break the first line.
    const char* end = f.font->CalcWordWrapPositionA(1.f, text.c_str(), text.c_str() + text.size(), width);
    const std::string first(text.c_str(), end);
    if (first.size() >= 3 && (first.substr(first.size() - 3) == "20." || first.substr(first.size() - 2) == "1,"))
      imguiSplitsANumber = true;
  }
  CHECK(imguiSplitsANumber);
}

TEST_CASE("the text's own line breaks are kept, and text that fits is left as it is", "[kiosk][ui][text]") {
  FontFixture f;
  CHECK(breakLines(f.font, f.font->FontSize, "one\ntwo", 1000.f) == "one\ntwo");
  CHECK(breakLines(f.font, f.font->FontSize, "short", 1000.f) == "short");
  CHECK(breakLines(f.font, f.font->FontSize, "", 100.f).empty());
  const auto broken = lines(breakLines(f.font, f.font->FontSize, "alpha beta gamma\ndelta epsilon", f.width("alpha beta") + 1));
  REQUIRE(broken.size() == 4);
  CHECK(broken[0] == "alpha beta");
  CHECK(broken[1] == "gamma");
  CHECK(broken[2] == "delta");
  CHECK(broken[3] == "epsilon");
}
