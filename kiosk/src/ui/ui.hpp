// The kiosk's look and touch behaviour: palette, fonts, sizes that respect the panel's DPI,
// and the widgets every screen uses. Every touch target goes through Ui so that it is at least
// the minimum size on the actual display and is listed for the test harness.
//
// [SECTION] Palette
// [SECTION] Fonts and metrics
// [SECTION] Touch targets (registry for tests)
// [SECTION] Widgets
// [SECTION] Drag-to-scroll with inertia
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/lightbox.hpp"
#include "ui/touch.hpp"

namespace qtsc::kiosk::ui {

// ---- [SECTION] Palette ------------------------------------------------------------------
// Calm museum colours: warm paper, deep teal, a touch of lotus amber.
namespace colour {
inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
  return (a << 24) | (b << 16) | (g << 8) | r;
}
// `top` blended over the opaque `bottom`: the opaque colour a translucent fill shows there.
inline constexpr ImU32 over(ImU32 top, ImU32 bottom) {
  const unsigned a = top >> 24;
  auto mix = [a](unsigned t, unsigned b) { return (t * a + b * (255 - a) + 127) / 255; };
  return rgb(mix(top & 0xFF, bottom & 0xFF), mix((top >> 8) & 0xFF, (bottom >> 8) & 0xFF),
             mix((top >> 16) & 0xFF, (bottom >> 16) & 0xFF));
}
inline constexpr ImU32 Paper = rgb(0xF6, 0xF3, 0xEC);
inline constexpr ImU32 Card = rgb(0xFF, 0xFF, 0xFF);
inline constexpr ImU32 Line = rgb(0xE2, 0xDC, 0xCF);
inline constexpr ImU32 Ink = rgb(0x1E, 0x2B, 0x2F);
inline constexpr ImU32 Muted = rgb(0x5B, 0x6A, 0x6E);
inline constexpr ImU32 Teal = rgb(0x0E, 0x5C, 0x61);
inline constexpr ImU32 TealDark = rgb(0x09, 0x3F, 0x43);
inline constexpr ImU32 TealSoft = rgb(0xD8, 0xEA, 0xE8);
inline constexpr ImU32 Amber = rgb(0xE2, 0x9E, 0x2E);
inline constexpr ImU32 AmberSoft = rgb(0xFB, 0xEC, 0xD2);
inline constexpr ImU32 Green = rgb(0x2F, 0x7D, 0x4F);
inline constexpr ImU32 Red = rgb(0xB0, 0x3A, 0x2E);
inline constexpr ImU32 White = rgb(0xFF, 0xFF, 0xFF);
// The five home tiles.
inline constexpr ImU32 TileHistory = rgb(0x8C, 0x5A, 0x2B);
inline constexpr ImU32 TileDirectory = rgb(0x0E, 0x5C, 0x61);
inline constexpr ImU32 TileTours = rgb(0x3B, 0x4F, 0x86);
inline constexpr ImU32 TileSteam = rgb(0xB5, 0x58, 0x3C);
inline constexpr ImU32 TileMap = rgb(0x3D, 0x74, 0x4A);
}  // namespace colour

// ---- [SECTION] Fonts and metrics ---------------------------------------------------------
struct Fonts {
  ImFont* small = nullptr;    // captions, chips
  ImFont* body = nullptr;     // running text
  ImFont* bold = nullptr;     // labels, buttons
  ImFont* title = nullptr;    // card titles
  ImFont* heading = nullptr;  // screen headings
  ImFont* display = nullptr;  // Attract and the park name
};

enum class Icon { None, History, Directory, Tours, Steam, Map, Home, Back, Search, Pin, Clock, Check, Cross, Qr, Star, Backspace };

struct TouchTarget {
  std::string label;  // visible text (before any "##")
  ImVec2 min, max;    // screen pixels: the part that can be touched (clipped to its region)
  ImVec2 fullMin, fullMax;  // the whole target, part of it may be scrolled out of view
  bool hidden = false;      // drawn as nothing (the staff corner): other targets may lie over it
};

// Where a scroll region stood when it was drawn this frame (for tests and the idle reset).
struct ScrollOffset {
  std::string id;  // the region's id, e.g. "##timeline"
  float x = 0.f, y = 0.f;
};

enum class Look { Primary, Secondary, Quiet, Selected, Danger, Key, OnDark, Disabled };

class Ui {
 public:
  // ---- metrics
  float scale = 1.f;        // layout factor: 1.0 at 1080 px tall
  float touchMin = 34.f;    // px: the minimum touch target on this panel (9 mm at its DPI)
  float textScale = 1.f;    // visitor's text size choice
  Fonts fonts;

  [[nodiscard]] float px(float designPixels) const { return designPixels * scale; }
  // Rebuilds the atlas for the current scale and text size; the renderer's font texture must
  // be recreated by the caller. Returns false when the fonts cannot be read.
  bool buildFonts(const std::string& regularPath, const std::string& boldPath);
  void applyStyle();

  // ---- per frame
  void beginFrame(float deltaSeconds);
  [[nodiscard]] bool wantsAnimation() const { return animating_; }
  void requestAnimation() { animating_ = true; }
  [[nodiscard]] float dt() const { return dt_; }
  [[nodiscard]] const std::vector<TouchTarget>& targets() const { return targets_; }
  // What did not fit where it was drawn this frame, one line each: a word wider than its
  // text's width (it would be broken inside, "STEAMZ" / "ONE"), a button label wider than
  // its button, a touch target outside every scroll region that the screen cuts off (it
  // cannot be scrolled into view). Empty on a screen laid out for its panel.
  [[nodiscard]] const std::vector<std::string>& misfits() const { return misfits_; }
  // Every scroll region opens at its start from the next frame, its inertia stopped.
  void resetScrolling() {
    scrolls_.clear();
    ++scrollGeneration_;
  }
  [[nodiscard]] const std::vector<ScrollOffset>& scrollOffsets() const { return scrollOffsets_; }

  // ---- the pointer and fingers (ui/touch.hpp): the runner feeds events in, ImGui reads it
  PointerInput input;
  // Fingers down and the pinch in progress, for screens and widgets (see ui/touch.hpp).
  [[nodiscard]] const Gestures& gestures() const { return input.gestures(); }
  // A gallery's picture seen full screen: galleries open it, the kiosk draws it over the screen.
  Lightbox lightbox;

  // ---- [SECTION] Widgets
  // A rounded button at least touchMin in both directions; returns true when tapped.
  bool button(const char* label, ImVec2 size = {0, 0}, Look look = Look::Primary, Icon icon = Icon::None);
  // A button that shows only its icon (the keyboard's ⌫); `label` still names it as a touch
  // target, so it is found and read out by its name.
  bool iconButton(const char* label, Icon icon, ImVec2 size, Look look = Look::Primary);
  // A large card-like button: coloured band with an icon, a title and a line under it.
  bool tile(const char* id, const char* title, const char* subtitle, ImU32 tint, Icon icon, ImVec2 size);
  // A list row: title, a muted line under it; full width of the region.
  bool row(const char* id, const char* title, const char* detail, float height = 0.f, ImU32 accent = 0);
  // A rounded chip; `selected` fills it.
  bool chip(const char* label, bool selected);
  void registerTarget(const char* label, ImVec2 min, ImVec2 max);
  void hiddenTarget(const char* label, ImVec2 min, ImVec2 max);
  // A layer over the screen from `min` to `max` (the idle notice): the targets under it can no
  // longer be touched, so they are dropped, and the layer itself takes a touch anywhere on it.
  void coverTargets(const char* label, ImVec2 min, ImVec2 max);

  // Wrapped text, broken into lines by wrapped() below. -1: to the region's edge; 0: no wrapping.
  void text(ImFont* font, ImU32 colour, const char* text, float wrapWidth = -1.f);
  // `text` broken into lines of at most `width` pixels in `font` (ui/line_breaks.hpp: never
  // inside a number or between a number and its unit), for a draw list's AddText and for
  // measuring it; kept between frames, so a still screen breaks its text once. The reference
  // stays valid until the next beginFrame().
  const std::string& wrapped(ImFont* font, const std::string& text, float width);
  // The size of `text` as wrapped() breaks it at `width`.
  ImVec2 wrappedSize(ImFont* font, const std::string& text, float width);
  // Draws `text` on `list` at `pos`, broken by wrapped() at `width`; returns its size. Every
  // wrapped text a screen draws on a draw list goes through here.
  ImVec2 drawWrapped(ImDrawList* list, ImFont* font, ImVec2 pos, ImU32 colour, const std::string& text, float width);
  void heading(const char* text);
  void caption(const char* text);
  void placeholder(ImVec2 size, const char* label);  // a tidy frame where an image is missing
  void drawIcon(ImDrawList* list, Icon icon, ImVec2 centre, float size, ImU32 colour) const;
  // A filled rounded rectangle that SDL's software renderer draws cheaply: the body as plain
  // rectangles, which it fills directly, and only the corners as small triangle fans with an
  // antialiased arc. (AddRectFilled with rounding fans triangles across the whole shape, and
  // each is rasterised over its bounding box.) Opaque colours: the pieces overlap by a pixel.
  static void fillRounded(ImDrawList* list, ImVec2 min, ImVec2 max, ImU32 colour, float rounding);
  // A card on the page: fillRounded, over a drop shadow `drop` pixels down whose darkness
  // (`shadowAlpha` of black) is mixed into the page colour beforehand, so it is opaque too.
  static void pageCard(ImDrawList* list, ImVec2 min, ImVec2 max, ImU32 fill, float rounding, float drop,
                       unsigned shadowAlpha);
  void beginCard(const char* id, ImVec2 size, ImU32 fill = colour::Card);
  void endCard();
  void spacer(float designPixels) const;

  // ---- [SECTION] Drag-to-scroll with inertia
  // A child region the visitor scrolls by dragging; a drag never taps what it started on.
  void beginScroll(const char* id, ImVec2 size, bool horizontal = false, ImU32 fill = 0);
  void endScroll();

 private:
  struct ScrollState {
    bool tracking = false;
    bool dragging = false;
    float velocity = 0.f;  // px per second, along the scroll axis
    std::uint32_t generation = 0;  // resetScrolling() calls seen
  };
  std::unordered_map<ImGuiID, ScrollState> scrolls_;
  // Broken texts by font, width, size and a hash of the text; the text itself is kept to tell
  // two texts of one hash apart.
  struct WrapKey {
    const ImFont* font = nullptr;
    int width = 0;
    float size = 0.f;
    std::size_t hash = 0;
    bool operator==(const WrapKey&) const = default;
  };
  struct WrapKeyHash {
    std::size_t operator()(const WrapKey& k) const noexcept;
  };
  struct Wrapped {
    std::string text;
    std::string lines;
    bool overfull = false;  // a line is wider than the width: a word that does not fit
  };
  std::vector<std::string> misfits_;
  bool drawButton(const char* label, ImVec2 size, Look look, Icon icon, bool labelShown);
  std::unordered_multimap<WrapKey, Wrapped, WrapKeyHash> wrapped_;
  std::vector<bool> scrollHorizontal_;
  std::vector<TouchTarget> targets_;
  std::vector<ScrollOffset> scrollOffsets_;
  std::unordered_map<std::string, ImVec2> loggedScroll_;  // the offsets last logged at debug level
  std::uint32_t scrollGeneration_ = 0;
  bool animating_ = false;
  float dt_ = 1.f / 60.f;
};

// Visible part of an ImGui label ("Open##tenant-3" -> "Open").
std::string visibleLabel(const char* label);

}  // namespace qtsc::kiosk::ui
