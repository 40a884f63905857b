#include "ui/touch.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace qtsc::kiosk::ui {

namespace {
const ImVec2 kNowhere(-FLT_MAX, -FLT_MAX);
constexpr std::size_t kMaxQueuedFrames = 32;  // presses and releases not yet shown; more are merged

float distance(ImVec2 a, ImVec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }
}  // namespace

PointerInput::Contact* PointerInput::find(SDL_TouchID device, SDL_FingerID finger) {
  for (auto& contact : contacts_)
    if (contact.device == device && contact.finger == finger) return &contact;
  return nullptr;
}

void PointerInput::queue(ImVec2 pos, bool down) {
  current_ = Frame{pos, down};
  if (queued_.size() < kMaxQueuedFrames) queued_.push_back(current_);
  else queued_.back() = current_;
}

void PointerInput::letGo(bool tap) {
  if (tap) {
    queue(current_.pos, false);
    current_.pos = kNowhere;  // a finger that lifted hovers over nothing
  } else {
    queue(kNowhere, false);  // released away from everything: no button takes it as a tap
  }
}

bool PointerInput::handle(const SDL_Event& event, double now, ImVec2 windowSize) {
  switch (event.type) {
    case SDL_MOUSEMOTION:
      if (event.motion.which == SDL_TOUCH_MOUSEID) return false;  // SDL's copy of a finger
      current_.pos = ImVec2(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
      return true;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (event.button.which == SDL_TOUCH_MOUSEID) return false;
      if (event.button.button != SDL_BUTTON_LEFT) return true;
      if (driver_) return true;  // a finger is driving; the mouse waits
      {
        const ImVec2 at(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
        if (event.type == SDL_MOUSEBUTTONDOWN) queue(at, true);
        else queue(at, false);
      }
      return true;
    case SDL_MOUSEWHEEL: return event.wheel.which != SDL_TOUCH_MOUSEID;
    case SDL_FINGERDOWN: {
      const ImVec2 at(event.tfinger.x * windowSize.x, event.tfinger.y * windowSize.y);
      if (Contact* again = find(event.tfinger.touchId, event.tfinger.fingerId)) {
        again->pos = again->anchor = at;  // a down for a finger already down: it lifted unseen
        again->lastMoved = now;
        return false;
      }
      contacts_.push_back(Contact{event.tfinger.touchId, event.tfinger.fingerId, at, at, now, now});
      Contact* driver = driver_ ? find(driverDevice_, *driver_) : nullptr;
      if (driver == nullptr && !partner_) {
        driver_ = event.tfinger.fingerId;
        driverDevice_ = event.tfinger.touchId;
        queue(at, true);
        updateCount();
        return true;
      }
      if (driver != nullptr && !partner_ && now - driver->lastMoved >= settings_.restingSeconds &&
          now - driver->since >= settings_.restingSeconds) {
        // The driver has rested: a palm, or a contact the compositor took back. The new finger drives.
        letGo(false);
        driver_ = event.tfinger.fingerId;
        driverDevice_ = event.tfinger.touchId;
        queue(at, true);
        updateCount();
        return true;
      }
      if (driver != nullptr && !partner_ && event.tfinger.touchId == driverDevice_) {
        // A second finger beside a moving one: a pinch. The first finger's press lets go untapped.
        partner_ = event.tfinger.fingerId;
        pinchStartDistance_ = std::max(1.f, distance(driver->pos, at));
        lastPinchScale_ = 1.f;
        letGo(false);
        updateCount();
        updatePinch();
        return true;
      }
      updateCount();
      return false;  // another visitor's finger, or a third one: counted, never pressing
    }
    case SDL_FINGERMOTION: {
      Contact* contact = find(event.tfinger.touchId, event.tfinger.fingerId);
      if (contact == nullptr) return false;  // went down before we were listening
      contact->pos = ImVec2(event.tfinger.x * windowSize.x, event.tfinger.y * windowSize.y);
      const bool moved = distance(contact->pos, contact->anchor) >= settings_.moveSlop;
      if (moved) {
        contact->anchor = contact->pos;
        contact->lastMoved = now;
      }
      const bool driving = driver_ && *driver_ == contact->finger && driverDevice_ == contact->device;
      const bool pinchFinger = partner_ && (driving || (*partner_ == contact->finger && driverDevice_ == contact->device));
      if (pinchFinger) {
        updatePinch();
        return moved;
      }
      if (driving) {
        current_.pos = contact->pos;
        return moved;
      }
      return false;
    }
    case SDL_FINGERUP: {
      Contact* contact = find(event.tfinger.touchId, event.tfinger.fingerId);
      if (contact == nullptr) return false;
      const bool driving = driver_ && *driver_ == contact->finger && driverDevice_ == contact->device;
      const bool partner = partner_ && *partner_ == contact->finger && driverDevice_ == contact->device;
      if (driving && !partner_) {
        current_.pos = ImVec2(event.tfinger.x * windowSize.x, event.tfinger.y * windowSize.y);
        letGo(true);
      }
      if (driving || partner) {
        // The pinch (or the press) is over; a finger still down does not start driving.
        driver_.reset();
        partner_.reset();
        gestures_.pinching = false;
      }
      std::erase_if(contacts_, [&](const Contact& c) { return c.device == contact->device && c.finger == contact->finger; });
      updateCount();
      return driving || partner;
    }
    case SDL_WINDOWEVENT:
      if (event.window.event == SDL_WINDOWEVENT_FOCUS_LOST || event.window.event == SDL_WINDOWEVENT_HIDDEN) cancelAll();
      return false;
    default: return false;
  }
}

void PointerInput::expire(double now) {
  bool driverGone = false;
  std::erase_if(contacts_, [&](const Contact& c) {
    if (now - c.lastMoved < settings_.staleContactSeconds) return false;
    const bool key = (driver_ && *driver_ == c.finger && driverDevice_ == c.device) ||
                     (partner_ && *partner_ == c.finger && driverDevice_ == c.device);
    driverGone = driverGone || key;
    return true;
  });
  if (driverGone) {
    if (!partner_) letGo(false);
    driver_.reset();
    partner_.reset();
    gestures_.pinching = false;
  }
  updateCount();
}

void PointerInput::cancelAll() {
  const bool pressed = current_.down || (!queued_.empty() && queued_.back().down);
  contacts_.clear();
  driver_.reset();
  partner_.reset();
  gestures_ = Gestures{};
  if (pressed) letGo(false);
  else current_.pos = kNowhere;
}

std::optional<double> PointerInput::nextExpiry() const {
  std::optional<double> next;
  for (const auto& c : contacts_) {
    const double at = c.lastMoved + settings_.staleContactSeconds;
    if (!next || at < *next) next = at;
  }
  return next;
}

void PointerInput::updateCount() { gestures_.fingers = static_cast<int>(contacts_.size()); }

void PointerInput::updatePinch() {
  const Contact* a = driver_ ? find(driverDevice_, *driver_) : nullptr;
  const Contact* b = partner_ ? find(driverDevice_, *partner_) : nullptr;
  if (a == nullptr || b == nullptr) {
    gestures_.pinching = false;
    return;
  }
  gestures_.pinching = true;
  gestures_.pinchScale = std::max(0.05f, distance(a->pos, b->pos) / pinchStartDistance_);
  gestures_.pinchCentre = ImVec2((a->pos.x + b->pos.x) * 0.5f, (a->pos.y + b->pos.y) * 0.5f);
}

void PointerInput::applyTo(ImGuiIO& io) {
  Frame frame = current_;
  if (!queued_.empty()) {
    frame = queued_.front();
    queued_.pop_front();
  }
  io.MousePos = frame.pos;
  io.MouseDown[0] = frame.down;
  if (gestures_.pinching) {
    gestures_.pinchStep = gestures_.pinchScale / lastPinchScale_;
    lastPinchScale_ = gestures_.pinchScale;
  } else {
    gestures_.pinchStep = 1.f;
    gestures_.pinchScale = 1.f;
    lastPinchScale_ = 1.f;
  }
}

}  // namespace qtsc::kiosk::ui
