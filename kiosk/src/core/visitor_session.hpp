// What the visitor at the glass has chosen: the language and the text size. Reset to the
// configured defaults on the idle timeout.
#pragma once

#include <string>

namespace qtsc::kiosk {

// What a visitor has chosen; reset on the idle timeout.
struct VisitorSession {
  std::string language = "vi";
  int textSize = 1;  // 0 smaller, 1 normal, 2 larger, 3 largest
};
inline constexpr float kTextScales[] = {0.9f, 1.f, 1.15f, 1.3f};

}  // namespace qtsc::kiosk
