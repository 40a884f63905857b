// The kiosk's settings, read from a TOML file (`kiosk --config FILE`). Every field says its
// default and unit beside it; a file may set any subset. A value of the wrong type or out of
// range stops the program with a ConfigError naming the field and the line.
#pragma once

#include <stdexcept>
#include <string>

namespace qtsc::kiosk {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string field, int line, const std::string& message);
  std::string field;  // "idle.timeout"
  int line = 0;       // 1-based line in the file, 0 when unknown
};

struct KioskConfig {
  // [display]
  bool fullscreen = true;        // display.fullscreen: fill the primary display
  int windowWidth = 1920;        // display.window_width: pixels, used when not fullscreen
  int windowHeight = 1080;       // display.window_height: pixels, used when not fullscreen
  float dpi = 0.f;               // display.dpi: dots per inch of the panel; 0 = ask the display (96 when it cannot tell)
  float minTouchMm = 9.f;        // display.min_touch_mm: millimetres, the smallest touch target on the panel
  float uiScale = 0.f;           // display.ui_scale: factor; 0 = from the window height (1080 px = 1.0)

  // [idle]
  float idleTimeout = 60.f;      // idle.timeout: seconds without a touch before Attract and a reset
  float attractFps = 15.f;       // idle.attract_fps: frames per second of the Attract animation
  float highlightSeconds = 7.f;  // idle.highlight_seconds: seconds each Attract highlight stays
  int framesAfterInput = 3;      // idle.frames_after_input: frames rendered after each input (>= 2)

  // [language]
  std::string defaultLanguage = "vi";  // language.default: "vi" or "en", restored on idle reset

  // [staff]
  std::string staffPin;          // staff.pin: digits; empty = staff panel disabled
  int staffTaps = 5;             // staff.corner_taps: taps in the bottom-right corner
  float staffTapWindow = 3.f;    // staff.corner_window: seconds in which those taps count

  // [content]
  std::string database;          // content.database: path; empty = bundled park.db
  std::string assets;            // content.assets: folder; empty = bundled assets
  int imageCacheEntries = 24;    // content.image_cache_entries: decoded images kept at most
};

// Reads `path`; throws ConfigError on a bad value, an unknown key or a file that cannot be parsed.
KioskConfig loadConfig(const std::string& path);
// The same from TOML text (`sourceName` appears in messages).
KioskConfig parseConfig(const std::string& text, const std::string& sourceName = "config");

}  // namespace qtsc::kiosk
