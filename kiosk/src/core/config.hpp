// The kiosk's settings, read from a TOML file (`kiosk --config FILE`). Every field says its
// default and unit beside it; a file may set any subset. A value of the wrong type or out of
// range stops the program with a ConfigError naming the field and the line. Messages quote at
// most a short prefix of what the file holds, without control characters: a hostile or broken
// file cannot flood the journal or forge a line in it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace qtsc::kiosk {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string field, int line, const std::string& message);
  std::string field;  // "idle.timeout"
  int line = 0;       // 1-based line in the file, 0 when unknown
};

struct KioskConfig {
  // [kiosk]
  std::string profile;           // kiosk.profile: the kiosk profile in the content (location, sections, hours); empty = none
  // [display]
  bool fullscreen = true;        // display.fullscreen: fill the primary display
  int windowWidth = 1920;        // display.window_width: pixels, used when not fullscreen
  int windowHeight = 1080;       // display.window_height: pixels, used when not fullscreen
  float dpi = 0.f;               // display.dpi: dots per inch of the panel; 0 = ask the display (96 when it cannot tell)
  float minTouchMm = 9.f;        // display.min_touch_mm: millimetres, the smallest touch target on the panel
  float uiScale = 0.f;           // display.ui_scale: factor; 0 = from the window height (1080 px = 1.0)

  // [idle]
  float idleTimeout = 60.f;      // idle.timeout: seconds without a touch before Attract and a reset
  float idleWarning = 10.f;      // idle.warning: seconds of "Still there?" countdown before the reset; 0 = none
  float highlightSeconds = 7.f;  // idle.highlight_seconds: seconds each Attract highlight stays
  int framesAfterInput = 3;      // idle.frames_after_input: frames rendered after each input (>= 2)

  // [language]
  std::string defaultLanguage = "vi";  // language.default: "vi" or "en", restored on idle reset

  // [staff]
  std::string staffPin;          // staff.pin: 4 to 12 digits; empty = staff panel disabled
  int staffTaps = 5;             // staff.corner_taps: taps in the bottom-right corner
  float staffTapWindow = 3.f;    // staff.corner_window: seconds in which those taps count

  // [content]
  std::string database;          // content.database: path; empty = bundled park.db
  std::string assets;            // content.assets: folder; empty = bundled assets
  int imageCacheEntries = 24;    // content.image_cache_entries: decoded images kept at most

  // [images]
  int maxImagePixels = 16'777'216;  // images.max_pixels: pixels (width × height) an image may have; its header is read
                                    // first and a larger one is refused unread (default 16 MP, 64 MiB decoded)
  int textureBudgetMb = 24;  // images.texture_budget_mb: MiB of pictures kept as textures (4 bytes a pixel), 8 .. 2048;
                             // past it the least recently drawn are dropped (a full-screen 1920 × 1080 picture is 7.9 MiB,
                             // a thumbnail 0.7 MiB); 24 keeps the kiosk under 100 MB with 200 pictures (BENCHMARKS.md)

  // [sync] content updates from the publisher; off while sync.url and sync.hub_url are empty
  std::string syncUrl;           // sync.url: base URL of the published folder (a mirror, a CDN); empty = hub_url + "/content"
  std::string syncPublicKey;     // sync.public_key: the publisher's Ed25519 key, 64 hex digits; empty with hub_url:
                                 // the key the pairing by code brought
  std::string syncKioskId;       // sync.kiosk_id: names this kiosk in reports; empty = unnamed
  std::string syncHubUrl;        // sync.hub_url: reports go to hub_url/api/v1/reports; empty = no reports
  std::string syncReportKey;     // sync.report_key: the key the hub gave this kiosk when paired by hand; empty: the
                                 // pairing by code's
  std::string syncDataDir = "/var/lib/qtsc-kiosk/content";  // sync.data_dir: folder; installed content
  std::string syncStateDir = "/var/lib/qtsc-kiosk/state";   // sync.state_dir: folder; sync state, outside data_dir
  int syncIntervalS = 300;       // sync.interval_s: seconds between polls (±20% jitter)
  int syncTransferTimeoutS = 1800;  // sync.transfer_timeout_s: seconds one download may take in all (a cut one resumes)
  int syncMinBytesPerS = 1024;   // sync.min_bytes_per_s: bytes/s; slower than this for sync.stall_s, a download fails
  int syncStallS = 60;           // sync.stall_s: seconds below sync.min_bytes_per_s before a download fails
  int syncFleetPollS = 15;       // sync.fleet_poll_s: seconds between polls of the hub's commands (with hub_url; 1..300)
  [[nodiscard]] bool syncConfigured() const { return !syncUrl.empty() || !syncHubUrl.empty(); }
  // Where the published content is read: sync.url, else the hub's own /content.
  [[nodiscard]] std::string syncContentUrl() const {
    if (!syncUrl.empty() || syncHubUrl.empty()) return syncUrl;
    std::string hub = syncHubUrl;
    while (!hub.empty() && hub.back() == '/') hub.pop_back();
    return hub + "/content";
  }

  // [hours] opening hours in park time; outside them the screen is black but for a dim "opens at" notice, and the loop idles
  int openMinute = 0;            // hours.open: "HH:MM", minutes after midnight the kiosk opens (default "00:00")
  int closeMinute = 24 * 60;     // hours.close: "HH:MM", minutes after midnight it closes; "24:00" = midnight (default)
  std::array<bool, 8> openDays{false, true, true, true, true, true, true, true};  // hours.days: ISO weekdays 1 (Monday) .. 7 (Sunday); default every day
};

// Whether the kiosk is open at park time `nowIso` ("YYYY-MM-DDTHH:MM"). A close earlier than
// open spans midnight and belongs to the day it opened. Malformed times count as open.
bool isOpenAt(const KioskConfig& config, const std::string& nowIso);
// When a kiosk closed at `nowIso` opens again ("YYYY-MM-DDTHH:MM", park time), within the
// next eight days; nullopt when no day is open.
std::optional<std::string> nextOpening(const KioskConfig& config, const std::string& nowIso);

// Reads `path`; throws ConfigError on a bad value, an unknown key, a file that cannot be parsed,
// a path that is a folder or a file larger than kMaxConfigBytes.
inline constexpr std::size_t kMaxConfigBytes = 16 * 1024 * 1024;  // bytes; the shipped file is under 3 KB
KioskConfig loadConfig(const std::string& path);
// The same from TOML text, any bytes at all (`sourceName` appears in messages). Throws only ConfigError.
KioskConfig parseConfig(std::string_view text, std::string_view sourceName = "config");

// `value` as a message may quote it: at most `maxBytes` bytes ending on a whole UTF-8 code
// point, control characters and invalid UTF-8 shown as '?', and "… (N bytes)" when cut.
std::string quoteForMessage(std::string_view value, std::size_t maxBytes = 64);

}  // namespace qtsc::kiosk
