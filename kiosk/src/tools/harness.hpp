// Drives the app without a display, for tests, benchmarks and screenshots: an offscreen
// window with a software renderer, taps at coordinates or on a widget by its visible label,
// a clock that moves only when told. The caller sets SDL_VIDEODRIVER=offscreen first.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "shell/app.hpp"

namespace qtsc::kiosk {

struct HarnessOptions {
  std::string databasePath;   // empty: the bundled park.db
  KioskConfig config = defaultHarnessConfig();
  std::string now = "2018-11-14T09:00";  // park time
  SyncHook syncHook;
  bool startSync = true;  // with [sync] set in `config`; false: the installed content, no sync (kiosk --shots)

  static KioskConfig defaultHarnessConfig();  // windowed 1920 x 1080, 96 dpi
};

class Harness {
 public:
  explicit Harness(HarnessOptions options = {});
  App& app() { return *app_; }

  // Builds `frames` frames, running posted results first.
  void pump(int frames = 3);
  // Waits for searches and image decoding, then pumps until nothing is left to show.
  void settle();
  // A press and a release at (x, y), then settle().
  void tap(float x, float y);
  // Taps the `nth` visible touch target whose label equals `label`; false when none.
  bool tapLabel(const std::string& label, int nth = 0);
  // Taps the first target whose label starts with `prefix`; false when none.
  bool tapPrefix(const std::string& prefix);
  // A drag from one point to another over `steps` frames, released at the end.
  void drag(float x0, float y0, float x1, float y1, int steps = 8);
  [[nodiscard]] bool hasLabel(const std::string& label) const;
  [[nodiscard]] std::vector<std::string> labels() const;
  [[nodiscard]] const std::vector<ui::TouchTarget>& targets() const;
  [[nodiscard]] ScreenId screen() const { return app_->currentScreen(); }
  // Moves the clock forward and lets the idle policy act.
  void advance(double seconds);
  void typeOnKeyboard(const std::string& asciiText);

 private:
  std::unique_ptr<App> app_;
};

}  // namespace qtsc::kiosk
