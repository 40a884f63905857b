// Pinch to zoom and drag to pan, for the park map and a picture seen full screen.
//
// A ZoomView belongs to one frame on screen (the map's box, the full-screen picture's box).
// Its content is laid out fitted in the frame at scale 1; the view says how much larger it is
// drawn and where its centre now stands:
// - a pinch whose centre is inside the frame zooms about that centre (the point between the
//   fingers stays under them) and pans as the fingers move together;
// - while zoomed in, a finger dragged from inside the frame pans;
// - the content never leaves a gap at an edge it covers, and at scale 1 it is fitted again.
// ZoomView::update reads the frame's gestures (ui/touch.hpp) and ImGui's pointer; the widget
// draws its content through toScreen(). A drag that panned is not a tap: tapsBlocked() tells
// the widget to ignore what a lift over its buttons would tap.
#pragma once

#include <imgui.h>

#include <optional>

#include "ui/touch.hpp"

namespace qtsc::kiosk::ui {

class ZoomView {
 public:
  static constexpr float kMaxScale = 4.f;

  // Takes this frame's pinch and drag. `min`/`max`: the frame in screen px; `content`: the
  // fitted content's size at scale 1 (centred in the frame). `dragSlop`: px a finger moves
  // before a drag pans. Returns true when the view changed (the frame must be drawn again).
  bool update(const Gestures& gestures, ImVec2 min, ImVec2 max, ImVec2 content, float dragSlop);
  // Zooms to `scale` at the next update, about `about` (screen px; the point there stays put)
  // or, without one, to the frame's centre: double-tap and --shots.
  void zoomTo(float scale, std::optional<ImVec2> about = std::nullopt) {
    requested_ = scale;
    requestedAbout_ = about;
  }
  void reset() { *this = ZoomView{}; }

  [[nodiscard]] float scale() const { return scale_; }
  [[nodiscard]] bool zoomed() const { return scale_ > 1.001f; }
  // Where a point of the fitted content (relative to its top-left corner, at scale 1) is drawn.
  [[nodiscard]] ImVec2 toScreen(ImVec2 fitted) const {
    return {centre_.x + (fitted.x - content_.x * 0.5f) * scale_, centre_.y + (fitted.y - content_.y * 0.5f) * scale_};
  }
  // The content's top-left and bottom-right corners on screen.
  [[nodiscard]] ImVec2 contentMin() const { return toScreen({0.f, 0.f}); }
  [[nodiscard]] ImVec2 contentMax() const { return toScreen(content_); }
  // True from the frame a pinch or a pan begins until every finger has lifted.
  [[nodiscard]] bool tapsBlocked() const { return blocked_; }

 private:
  void clamp(ImVec2 min, ImVec2 max);

  float scale_ = 1.f;
  ImVec2 centre_{0.f, 0.f};   // the content's centre on screen
  ImVec2 content_{0.f, 0.f};  // the fitted size at scale 1
  ImVec2 frameMin_{0.f, 0.f}, frameMax_{0.f, 0.f};
  bool placed_ = false;       // centre_ has been set for this frame
  float requested_ = 0.f;     // zoomTo's scale, not yet applied
  std::optional<ImVec2> requestedAbout_;
  bool pinching_ = false;     // a pinch that began inside the frame is going on
  ImVec2 lastPinchCentre_{0.f, 0.f};
  bool panning_ = false;
  bool blocked_ = false;
};

}  // namespace qtsc::kiosk::ui
