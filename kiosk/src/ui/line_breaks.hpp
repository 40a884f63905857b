// Text broken into lines the way a reader expects: at the line-break opportunities of Unicode's
// line-breaking rules (UAX #14, from ICU), never inside a number ("20.000", "1,5"), and never
// between a number and the word after it, its unit ("43 hecta", "20.000 USD", "22 năm").
// Dear ImGui's own wrapping breaks after any '.' or ',' and at any space, so "20." and
// "000 USD" could end up on two lines.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>

namespace qtsc::kiosk::ui {

// `text` with each space between a number and the word after it made a no-break space (U+00A0).
std::string keepNumbersWithUnits(std::string_view text);

// `text` as lines that fit `width` pixels in `font` at `size`, joined by '\n' (the text's own
// line breaks are kept). A word wider than `width` stands on a line of its own. Draw the result
// with wrapping at the same width: the lines already fit, so nothing is broken again.
std::string breakLines(const ImFont* font, float size, std::string_view text, float width);

}  // namespace qtsc::kiosk::ui
