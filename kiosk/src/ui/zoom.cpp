#include "ui/zoom.hpp"

#include <algorithm>
#include <cmath>

namespace qtsc::kiosk::ui {

namespace {
bool inside(ImVec2 p, ImVec2 min, ImVec2 max) { return p.x >= min.x && p.y >= min.y && p.x < max.x && p.y < max.y; }
bool same(ImVec2 a, ImVec2 b) { return std::fabs(a.x - b.x) < 0.5f && std::fabs(a.y - b.y) < 0.5f; }
}  // namespace

void ZoomView::clamp(ImVec2 min, ImVec2 max) {
  // Along each axis: content smaller than the frame is centred; larger content covers it.
  auto axis = [](float& centre, float lo, float hi, float size) {
    if (size <= hi - lo) centre = (lo + hi) * 0.5f;
    else centre = std::clamp(centre, hi - size * 0.5f, lo + size * 0.5f);
  };
  axis(centre_.x, min.x, max.x, content_.x * scale_);
  axis(centre_.y, min.y, max.y, content_.y * scale_);
}

bool ZoomView::update(const Gestures& gestures, ImVec2 min, ImVec2 max, ImVec2 content, float dragSlop) {
  const float oldScale = scale_;
  const ImVec2 oldCentre = centre_;
  if (!placed_ || !same(min, frameMin_) || !same(max, frameMax_) || !same(content, content_)) {
    // A new frame (another panel size or text size): the view starts fitted.
    if (placed_) scale_ = 1.f;
    content_ = content;
    frameMin_ = min;
    frameMax_ = max;
    centre_ = ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    placed_ = true;
  }
  if (requested_ > 0.f) {
    const float next = std::clamp(requested_, 1.f, kMaxScale);
    if (requestedAbout_) {
      const ImVec2 c = *requestedAbout_;
      centre_ = ImVec2(c.x + (centre_.x - c.x) * next / scale_, c.y + (centre_.y - c.y) * next / scale_);
    } else {
      centre_ = ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    }
    scale_ = next;
    requested_ = 0.f;
    requestedAbout_.reset();
  }

  if (gestures.pinching) {
    if (!pinching_ && inside(gestures.pinchCentre, min, max)) {
      pinching_ = true;
      blocked_ = true;
      lastPinchCentre_ = gestures.pinchCentre;
    }
    if (pinching_) {
      const ImVec2 c = gestures.pinchCentre;
      const float next = std::clamp(scale_ * gestures.pinchStep, 1.f, kMaxScale);
      const float f = next / scale_;
      // The point between the fingers stays under them, and follows them as they move.
      centre_ = ImVec2(c.x + (centre_.x - c.x) * f + (c.x - lastPinchCentre_.x),
                       c.y + (centre_.y - c.y) * f + (c.y - lastPinchCentre_.y));
      lastPinchCentre_ = c;
      scale_ = next;
    }
  } else {
    pinching_ = false;
  }

  const ImGuiIO& io = ImGui::GetIO();
  if (!gestures.pinching && io.MouseDown[0] && zoomed() && inside(io.MouseClickedPos[0], min, max)) {
    if (!panning_) {
      const float dx = io.MousePos.x - io.MouseClickedPos[0].x, dy = io.MousePos.y - io.MouseClickedPos[0].y;
      if (std::hypot(dx, dy) >= dragSlop) {
        panning_ = true;
        blocked_ = true;
        centre_ = ImVec2(centre_.x + dx, centre_.y + dy);
      }
    } else {
      centre_ = ImVec2(centre_.x + io.MouseDelta.x, centre_.y + io.MouseDelta.y);
    }
  }
  // Taps count again once every finger is up and the lift that ended the gesture has passed.
  if (!io.MouseDown[0] && !ImGui::IsMouseReleased(ImGuiMouseButton_Left) && gestures.fingers == 0 && !gestures.pinching) {
    panning_ = false;
    blocked_ = false;
  }
  clamp(min, max);
  return scale_ != oldScale || !same(centre_, oldCentre);
}

}  // namespace qtsc::kiosk::ui
