// Touch as touch, and a pointer that follows the events: what the kiosk gives Dear ImGui as
// its mouse, read from SDL's events rather than from the backend's polling.
//
// Why not the backend's mouse: ImGui 1.86's SDL backend reads the pointer each frame with
// SDL_GetGlobalMouseState while a button is down (it captures the mouse for the drag), and
// SDL 2.26 on X11 does not refresh that state while captured (imgui#7217, SDL#8827): a swipe
// seemed stuck where it went down. On Wayland (cage) and KMSDRM there is no global state at
// all. The positions in SDL_MOUSEMOTION / SDL_FINGER* events are right on every driver, so
// PointerInput keeps its own pointer from them and writes it into ImGuiIO after the
// backend's NewFrame (applyTo), overriding what the backend polled.
//
// Fingers: the runner sets SDL_HINT_TOUCH_MOUSE_EVENTS to "0" so SDL does not turn the
// first finger into a mouse (and mouse events SDL still marks SDL_TOUCH_MOUSEID are ignored).
// - The first finger down drives the pointer; every other finger is counted but never
//   presses anything, so a resting palm or a second visitor's finger blocks nobody.
// - A driving finger that has not moved for `restingSeconds` when another finger lands is
//   taken for a palm (or for a contact the compositor cancelled without telling SDL 2.26,
//   which has no cancel event): it lets go without tapping and the new finger drives.
// - A contact that has not moved for `staleContactSeconds` is dropped (a ghost contact that
//   never lifts): it lets go without tapping. Losing the window's focus, the touch device
//   going away and the idle reset cancel every contact the same way (cancelAll()).
// - Two fingers that land together pinch: Gestures below says by how much.
//
// Gesture state for screens and widgets (ui::Ui::gestures()): read it during a frame.
//   fingers         contacts down now, resting ones included
//   pinching        true while two fingers pinch (the driver and the next one to land)
//   pinchScale      their distance now / their distance when the pinch began (1 = unchanged)
//   pinchStep       the change since the previous frame: multiply a zoom factor by it
//   pinchCentre     screen px, the midpoint of the two fingers (zoom about this point)
// While pinching, the driving finger does not press (the pointer is released without a tap
// when the second finger lands), so a pinch never taps or drags what is under it.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <cfloat>
#include <deque>
#include <optional>
#include <vector>

namespace qtsc::kiosk::ui {

struct TouchSettings {
  double staleContactSeconds = 10.0;  // seconds a contact may stay down without moving before it is dropped
  double restingSeconds = 1.0;        // seconds without moving after which the driving finger yields to a new one
  float moveSlop = 6.f;               // px a contact must move to count as moving (jitter below it is rest)
};

struct Gestures {
  int fingers = 0;
  bool pinching = false;
  float pinchScale = 1.f;
  float pinchStep = 1.f;
  ImVec2 pinchCentre{0.f, 0.f};
};

class PointerInput {
 public:
  explicit PointerInput(TouchSettings settings = {}) : settings_(settings) {}

  // Takes one event; `windowSize` in px turns SDL's 0..1 finger positions into pixels.
  // Returns true when it was pointer input a visitor made (it counts against the idle timer);
  // a resting or ignored contact's events return false.
  bool handle(const SDL_Event& event, double now, ImVec2 windowSize);
  // Drops contacts that have not moved for staleContactSeconds. Call once per pass of the loop.
  void expire(double now);
  // Lets go of every contact and of the pointer without tapping anything.
  void cancelAll();
  // Writes the pointer into ImGui for the frame about to begin: call after the backend's
  // NewFrame and before ImGui::NewFrame. A press and release that both came since the last
  // frame show as down this frame and up the next, so a quick tap is never lost.
  void applyTo(ImGuiIO& io);
  // Whether the next frame must be drawn for a press, release or cancel not yet shown.
  [[nodiscard]] bool pending() const { return !queued_.empty(); }
  // When the loop must wake to expire a contact; empty when none is down.
  [[nodiscard]] std::optional<double> nextExpiry() const;

  [[nodiscard]] const Gestures& gestures() const { return gestures_; }
  [[nodiscard]] const TouchSettings& settings() const { return settings_; }
  void setSettings(const TouchSettings& settings) { settings_ = settings; }

 private:
  struct Contact {
    SDL_TouchID device = 0;
    SDL_FingerID finger = 0;
    ImVec2 pos{0.f, 0.f};
    ImVec2 anchor{0.f, 0.f};  // where it last counted as moving
    double since = 0.0;       // when it went down
    double lastMoved = 0.0;   // when it last moved beyond moveSlop
  };
  struct Frame {
    ImVec2 pos{-FLT_MAX, -FLT_MAX};  // px; -FLT_MAX: over nothing
    bool down = false;
  };
  Contact* find(SDL_TouchID device, SDL_FingerID finger);
  void queue(ImVec2 pos, bool down);  // a press or release, shown in a frame of its own
  void letGo(bool tap);               // releases the pointer; without `tap` the press is cancelled
  void updatePinch();
  void updateCount();

  TouchSettings settings_;
  std::vector<Contact> contacts_;
  std::optional<SDL_FingerID> driver_;   // the finger that drives the pointer
  SDL_TouchID driverDevice_ = 0;
  std::optional<SDL_FingerID> partner_;  // the second finger of a pinch
  float pinchStartDistance_ = 0.f;
  float lastPinchScale_ = 1.f;

  Frame current_;              // the pointer as the events left it
  std::deque<Frame> queued_;   // presses and releases not yet shown, oldest first
  Gestures gestures_;
};

}  // namespace qtsc::kiosk::ui
