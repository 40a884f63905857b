#include "ui/ui.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string_view>

#include <spdlog/spdlog.h>

#include "ui/line_breaks.hpp"

namespace qtsc::kiosk::ui {

std::string visibleLabel(const char* label) {
  const char* end = std::strstr(label, "##");
  return end ? std::string(label, end) : std::string(label);
}

// ---- [SECTION] Fonts and metrics ---------------------------------------------------------
bool Ui::buildFonts(const std::string& regularPath, const std::string& boldPath) {
  if (!std::filesystem::exists(regularPath) || !std::filesystem::exists(boldPath)) return false;
  // Vietnamese plus the punctuation and signs the park's texts use: — “ ” … · ₫ € → and the
  // rest of Latin Extended-A for names of visitors from abroad.
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesVietnamese());
    static const ImWchar extra[] = {0x0100, 0x017F, 0x2000, 0x206F, 0x20AB, 0x20AC, 0x2190, 0x2193, 0x2116, 0x2116, 0};
    builder.AddRanges(extra);
    builder.BuildRanges(&ranges);
  }
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  const float k = scale * textScale;
  auto add = [&](const std::string& path, float designSize, int oversample) {
    ImFontConfig config;
    config.OversampleH = oversample;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    return atlas->AddFontFromFileTTF(path.c_str(), std::round(designSize * k), &config, ranges.Data);
  };
  fonts.small = add(regularPath, 22.f, 2);
  fonts.body = add(regularPath, 27.f, 2);
  fonts.bold = add(boldPath, 27.f, 2);
  fonts.title = add(boldPath, 34.f, 1);
  fonts.heading = add(boldPath, 46.f, 1);
  fonts.display = add(boldPath, 72.f, 1);
  atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  if (!fonts.small || !fonts.body || !fonts.bold || !fonts.title || !fonts.heading || !fonts.display) return false;
  ImGui::GetIO().FontDefault = fonts.body;
  return atlas->Build();
}

void Ui::applyStyle() {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = {px(32), px(24)};
  style.FramePadding = {px(16), px(12)};
  style.ItemSpacing = {px(16), px(16)};
  style.ItemInnerSpacing = {px(12), px(8)};
  style.TouchExtraPadding = {px(4), px(4)};
  style.ScrollbarSize = px(8);
  style.ScrollbarRounding = px(4);
  style.GrabMinSize = px(40);
  style.WindowRounding = 0.f;
  style.ChildRounding = px(18);
  style.FrameRounding = px(12);
  style.WindowBorderSize = 0.f;
  style.ChildBorderSize = 0.f;
  style.FrameBorderSize = 0.f;
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colour::Paper);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colour::Ink);
  c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(colour::Muted);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(colour::rgb(0x9A, 0xA8, 0xA8, 0x90));
  c[ImGuiCol_ScrollbarGrabHovered] = c[ImGuiCol_ScrollbarGrab];
  c[ImGuiCol_ScrollbarGrabActive] = ImGui::ColorConvertU32ToFloat4(colour::Teal);
  c[ImGuiCol_Separator] = ImGui::ColorConvertU32ToFloat4(colour::Line);
  ImGui::GetStyle() = style;
}

void Ui::beginFrame(float deltaSeconds) {
  dt_ = std::clamp(deltaSeconds, 1.f / 240.f, 0.1f);
  animating_ = false;
  targets_.clear();
  scrollOffsets_.clear();
  misfits_.clear();
  // Broken texts are kept between frames, more than any screen shows; past that the store
  // starts again here, where no caller holds a reference from wrapped().
  constexpr std::size_t kKept = 4000;
  if (wrapped_.size() > kKept) wrapped_.clear();
}

// ---- [SECTION] Touch targets ------------------------------------------------------------
void Ui::registerTarget(const char* label, ImVec2 min, ImVec2 max) {
  // Only what the visitor can see and touch: clipped to the region being drawn.
  const ImRect clip(ImGui::GetWindowDrawList()->GetClipRectMin(), ImGui::GetWindowDrawList()->GetClipRectMax());
  ImRect r(min, max);
  r.ClipWithFull(clip);
  // Outside a scroll region nothing brings a cut-off part into view.
  constexpr float kSlack = 1.5f;
  if (scrollHorizontal_.empty() && (r.Min.x > min.x + kSlack || r.Min.y > min.y + kSlack || r.Max.x < max.x - kSlack ||
                                    r.Max.y < max.y - kSlack))
    misfits_.push_back("cut off: '" + visibleLabel(label) + "'");
  if (r.GetWidth() < 1.f || r.GetHeight() < 1.f) return;
  targets_.push_back(TouchTarget{visibleLabel(label), r.Min, r.Max, min, max, false});
}

void Ui::coverTargets(const char* label, ImVec2 min, ImVec2 max) {
  std::erase_if(targets_, [&](const TouchTarget& t) {
    return t.min.x >= min.x && t.min.y >= min.y && t.max.x <= max.x && t.max.y <= max.y;
  });
  hiddenTarget(label, min, max);
}

void Ui::hiddenTarget(const char* label, ImVec2 min, ImVec2 max) { targets_.push_back(TouchTarget{label, min, max, min, max, true}); }

// ---- [SECTION] Widgets ------------------------------------------------------------------
namespace {

ImU32 darker(ImU32 c, float f = 0.82f) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(v.x * f, v.y * f, v.z * f, v.w));
}

void centredText(ImDrawList* list, ImFont* font, ImVec2 min, ImVec2 max, ImU32 colour, const std::string& text,
                 ImVec2 clipMin = {0, 0}, ImVec2 clipMax = {0, 0}) {
  const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, text.c_str());
  ImVec2 pos((min.x + max.x - size.x) * 0.5f, (min.y + max.y - size.y) * 0.5f);
  pos.x = std::max(pos.x, min.x + 4.f);
  if (clipMax.x <= clipMin.x) { clipMin = min; clipMax = max; }
  list->PushClipRect(clipMin, clipMax, true);
  list->AddText(font, font->FontSize, pos, colour, text.c_str());
  list->PopClipRect();
}

}  // namespace

void Ui::pageCard(ImDrawList* list, ImVec2 min, ImVec2 max, ImU32 fill, float rounding, float drop,
                  unsigned shadowAlpha) {
  fillRounded(list, {min.x, min.y + drop}, {max.x, max.y + drop}, colour::over(colour::rgb(0, 0, 0, shadowAlpha), colour::Paper),
              rounding);
  fillRounded(list, min, max, fill, rounding);
}

void Ui::fillRounded(ImDrawList* list, ImVec2 a, ImVec2 b, ImU32 colour, float rounding) {
  // On whole pixels: the rectangle fill and the triangle fill would round a fraction apart.
  a = {std::round(a.x), std::round(a.y)};
  b = {std::round(b.x), std::round(b.y)};
  if ((colour & IM_COL32_A_MASK) == 0 || b.x <= a.x || b.y <= a.y) return;
  const float r = std::floor(std::min({rounding, (b.x - a.x) * 0.5f, (b.y - a.y) * 0.5f}));
  if (r < 1.f) {
    list->AddRectFilled(a, b, colour);
    return;
  }
  // The rectangles reach one pixel into the corners: the software renderer's triangle and
  // rectangle fills round differently, and an overlap is invisible in an opaque colour.
  list->AddRectFilled({a.x + r - 1, a.y}, {b.x - r + 1, b.y}, colour);
  list->AddRectFilled({a.x, a.y + r - 1}, {a.x + r, b.y - r + 1}, colour);
  list->AddRectFilled({b.x - r, a.y + r - 1}, {b.x, b.y - r + 1}, colour);
  // Each corner: a fan from its centre to one pixel inside the arc, then a one-pixel fringe
  // fading out to the arc, which ends where the rectangles' hard edges are.
  const int n = std::clamp(static_cast<int>(r / 3.f), 4, 16);
  const ImU32 clear = colour & ~IM_COL32_A_MASK;
  const ImVec2 uv = list->_Data->TexUvWhitePixel;
  const ImVec2 centres[4] = {{a.x + r, a.y + r}, {b.x - r, a.y + r}, {b.x - r, b.y - r}, {a.x + r, b.y - r}};
  for (int corner = 0; corner < 4; ++corner) {
    const ImVec2 c = centres[corner];
    const float from = IM_PI * (1.f + 0.5f * static_cast<float>(corner));
    list->PrimReserve(n * 9, 2 * n + 3);
    const auto base = static_cast<ImDrawIdx>(list->_VtxCurrentIdx);
    list->PrimWriteVtx(c, uv, colour);
    for (int i = 0; i <= n; ++i) {
      const float angle = from + IM_PI * 0.5f * static_cast<float>(i) / static_cast<float>(n);
      const ImVec2 d(std::cos(angle), std::sin(angle));
      list->PrimWriteVtx({c.x + d.x * (r - 1.f), c.y + d.y * (r - 1.f)}, uv, colour);
      list->PrimWriteVtx({c.x + d.x * r, c.y + d.y * r}, uv, clear);
    }
    for (int i = 0; i < n; ++i) {
      const auto in0 = static_cast<ImDrawIdx>(base + 1 + 2 * i), out0 = static_cast<ImDrawIdx>(in0 + 1);
      const auto in1 = static_cast<ImDrawIdx>(in0 + 2), out1 = static_cast<ImDrawIdx>(in0 + 3);
      for (const ImDrawIdx index : {base, in0, in1, in0, out0, out1, in0, out1, in1}) list->PrimWriteIdx(index);
    }
  }
}

bool Ui::button(const char* label, ImVec2 size, Look look, Icon icon) { return drawButton(label, size, look, icon, true); }

bool Ui::iconButton(const char* label, Icon icon, ImVec2 size, Look look) { return drawButton(label, size, look, icon, false); }

bool Ui::drawButton(const char* label, ImVec2 size, Look look, Icon icon, bool labelShown) {
  const std::string visible = labelShown ? visibleLabel(label) : std::string();
  ImFont* font = look == Look::Key ? fonts.title : fonts.bold;
  const ImVec2 textSize = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, visible.c_str());
  const float iconSize = icon == Icon::None ? 0.f : font->FontSize * 1.1f;
  const float gap = (icon != Icon::None && !visible.empty()) ? px(12) : 0.f;
  float w = size.x > 0 ? size.x : textSize.x + iconSize + gap + 2 * px(26);
  float h = size.y > 0 ? size.y : std::max(px(72), textSize.y + 2 * px(14));
  w = std::max(w, touchMin);
  h = std::max(h, touchMin);
  const bool tapped = ImGui::InvisibleButton(label, {w, h});
  const bool held = ImGui::IsItemActive();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  registerTarget(label, min, max);

  ImU32 fill = colour::Teal, ink = colour::White, border = 0;
  switch (look) {
    case Look::Primary: break;
    case Look::Secondary: fill = colour::Card; ink = colour::Teal; border = colour::Line; break;
    case Look::Quiet: fill = colour::TealSoft; ink = colour::TealDark; break;
    case Look::Selected: fill = colour::TealDark; ink = colour::White; break;
    case Look::Danger: fill = colour::Red; ink = colour::White; break;
    case Look::Key: fill = colour::Card; ink = colour::Ink; border = colour::Line; break;
    case Look::OnDark: fill = colour::TealDark; ink = colour::White; break;
    case Look::Disabled: fill = colour::TealDark; ink = colour::rgb(255, 255, 255, 90); break;
  }
  if (held) fill = darker(fill);
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float rounding = std::min(px(16), h * 0.5f);
  // The drop shadow only where it shows, below the button (buttons sit on the page and on the
  // top bar, so it stays translucent); the opaque fill covers the band's upper part.
  list->AddRectFilled({min.x, max.y - rounding}, {max.x, max.y + px(3)}, colour::rgb(0, 0, 0, 18), rounding,
                      ImDrawFlags_RoundCornersBottom);
  fillRounded(list, min, max, fill, rounding);
  if (border) list->AddRect(min, max, border, rounding, 0, px(2));
  const float room = w - 2 * px(12) - iconSize - gap;
  if (textSize.x > room + 1.f) misfits_.push_back("label wider than its button: '" + visible + "'");
  const float contentW = iconSize + gap + std::min(textSize.x, room);
  float x = (min.x + max.x - contentW) * 0.5f;
  if (icon != Icon::None) {
    drawIcon(list, icon, {x + iconSize * 0.5f, (min.y + max.y) * 0.5f}, iconSize, ink);
    x += iconSize + gap;
  }
  if (!visible.empty())
    centredText(list, font, {x, min.y}, {x + contentW - iconSize - gap, max.y}, ink, visible, {min.x + px(6), min.y}, {max.x - px(6), max.y});
  return tapped;
}

bool Ui::tile(const char* id, const char* title, const char* subtitle, ImU32 tint, Icon icon, ImVec2 size) {
  size.x = std::max(size.x, touchMin);
  size.y = std::max(size.y, touchMin);
  const bool tapped = ImGui::InvisibleButton(id, size);
  const bool held = ImGui::IsItemActive();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  registerTarget(title, min, max);
  ImDrawList* list = ImGui::GetWindowDrawList();
  const float r = px(24);
  pageCard(list, min, max, held ? darker(tint) : tint, r, px(6), 22);
  // A soft disc behind the icon.
  const float iconSize = std::min(size.x, size.y) * 0.26f;
  const ImVec2 iconCentre(min.x + px(32) + iconSize * 0.85f, min.y + px(32) + iconSize * 0.85f);
  list->AddCircleFilled(iconCentre, iconSize * 0.85f, colour::rgb(255, 255, 255, 40), 48);
  drawIcon(list, icon, iconCentre, iconSize, colour::White);
  const float pad = px(32);
  const float wrap = size.x - 2 * pad;
  ImFont* tf = fonts.title;
  ImFont* sf = fonts.body;
  const ImVec2 subSize = wrappedSize(sf, subtitle, wrap);
  const ImVec2 titleSize = wrappedSize(tf, title, wrap);
  const float subY = max.y - pad - subSize.y;
  const float titleY = subY - px(8) - titleSize.y;
  list->PushClipRect(min, max, true);
  drawWrapped(list, tf, {min.x + pad, titleY}, colour::White, title, wrap);
  drawWrapped(list, sf, {min.x + pad, subY}, colour::rgb(255, 255, 255, 215), subtitle, wrap);
  list->PopClipRect();
  return tapped;
}

bool Ui::row(const char* id, const char* title, const char* detail, float height, ImU32 accent) {
  const float w = std::max(ImGui::GetContentRegionAvail().x, touchMin);
  ImFont* tf = fonts.bold;
  ImFont* df = fonts.small;
  const float pad = px(24);
  const float wrap = w - 2 * pad - (accent ? px(12) : 0.f) - px(28);  // the chevron's room on the right
  const std::string titleText(title), detailText(detail ? detail : "");  // drawn broken; the target keeps the title as given
  const bool hasDetail = !detailText.empty();
  const float titleH = wrappedSize(tf, titleText, wrap).y;
  const float textH = titleH + (hasDetail ? px(6) + wrappedSize(df, detailText, wrap).y : 0.f);
  const float h = std::max({height > 0 ? height : px(92), textH + 2 * px(18), touchMin});
  const bool tapped = ImGui::InvisibleButton(id, {w, h});
  const bool held = ImGui::IsItemActive();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  registerTarget(title, min, max);
  ImDrawList* list = ImGui::GetWindowDrawList();
  fillRounded(list, min, max, held ? colour::TealSoft : colour::Card, px(14));
  float x = min.x + pad;
  if (accent) {
    list->AddRectFilled({min.x, min.y}, {min.x + px(8), max.y}, accent, px(14), ImDrawFlags_RoundCornersLeft);
    x += px(12);
  }
  float y = (min.y + max.y - textH) * 0.5f;
  list->PushClipRect(min, max, true);
  drawWrapped(list, tf, {x, y}, colour::Ink, titleText, wrap);
  if (hasDetail) drawWrapped(list, df, {x, y + titleH + px(6)}, colour::Muted, detailText, wrap);
  // A chevron says "opens".
  const float cx = max.x - px(28), cy = (min.y + max.y) * 0.5f, s = px(9);
  list->AddPolyline(std::array<ImVec2, 3>{ImVec2(cx - s * 0.5f, cy - s), ImVec2(cx + s * 0.5f, cy), ImVec2(cx - s * 0.5f, cy + s)}.data(),
                    3, colour::Muted, 0, px(3));
  list->PopClipRect();
  return tapped;
}

bool Ui::chip(const char* label, bool selected) {
  const std::string visible = visibleLabel(label);
  ImFont* font = fonts.bold;
  const ImVec2 textSize = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, visible.c_str());
  const float h = std::max(px(64), touchMin);
  const float w = std::max(textSize.x + 2 * px(24), touchMin);
  const bool tapped = ImGui::InvisibleButton(label, {w, h});
  const bool held = ImGui::IsItemActive();
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  registerTarget(label, min, max);
  ImDrawList* list = ImGui::GetWindowDrawList();
  ImU32 fill = selected ? colour::Teal : colour::Card;
  if (held) fill = darker(fill, 0.9f);
  fillRounded(list, min, max, fill, h * 0.5f);
  if (!selected) list->AddRect(min, max, colour::Line, h * 0.5f, 0, px(2));
  centredText(list, font, min, max, selected ? colour::White : colour::Ink, visible);
  return tapped;
}

std::size_t Ui::WrapKeyHash::operator()(const WrapKey& k) const noexcept {
  std::size_t h = std::hash<const void*>{}(k.font);
  for (const std::size_t part : {std::hash<int>{}(k.width), std::hash<float>{}(k.size), k.hash})
    h ^= part + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

const std::string& Ui::wrapped(ImFont* font, const std::string& value, float width) {
  // A rebuilt atlas may give a font of another size the same address: the size is in the key.
  const WrapKey key{font, static_cast<int>(width), font->FontSize, std::hash<std::string_view>{}(value)};
  auto [first, last] = wrapped_.equal_range(key);
  for (auto it = first; it != last; ++it)
    if (it->second.text == value) {
      if (it->second.overfull) misfits_.push_back("a word wider than its text: '" + value + "'");
      return it->second.lines;
    }
  Wrapped made{value, breakLines(font, font->FontSize, value, static_cast<float>(key.width)), false};
  for (std::size_t start = 0; start <= made.lines.size() && key.width > 0;) {
    const std::size_t end = std::min(made.lines.find('\n', start), made.lines.size());
    const char* line = made.lines.c_str();
    if (font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, line + start, line + end).x > static_cast<float>(key.width) + 1.f)
      made.overfull = true;
    start = end + 1;
  }
  if (made.overfull) misfits_.push_back("a word wider than its text: '" + value + "'");
  return wrapped_.emplace(key, std::move(made))->second.lines;
}

ImVec2 Ui::wrappedSize(ImFont* font, const std::string& value, float width) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, width, wrapped(font, value, width).c_str());
}

ImVec2 Ui::drawWrapped(ImDrawList* list, ImFont* font, ImVec2 pos, ImU32 colour, const std::string& value, float width) {
  const std::string& lines = wrapped(font, value, width);
  list->AddText(font, font->FontSize, pos, colour, lines.c_str(), nullptr, width);
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, width, lines.c_str());
}

void Ui::text(ImFont* font, ImU32 ink, const char* value, float wrapWidth) {
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, ink);
  const float width = wrapWidth < 0 ? ImGui::GetContentRegionAvail().x : wrapWidth;
  ImGui::PushTextWrapPos(wrapWidth == 0 ? -1.f : ImGui::GetCursorPosX() + width);
  if (wrapWidth == 0) ImGui::TextUnformatted(value);
  else ImGui::TextUnformatted(wrapped(font, value, width).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void Ui::heading(const char* value) { text(fonts.heading, colour::Ink, value); }
void Ui::caption(const char* value) { text(fonts.small, colour::Muted, value); }

void Ui::placeholder(ImVec2 size, const char* label) {
  ImGui::Dummy(size);
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImDrawList* list = ImGui::GetWindowDrawList();
  fillRounded(list, min, max, colour::TealSoft, px(18));
  // A framed landscape: two hills and a sun, the universal "picture goes here".
  const ImVec2 c((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f - px(16));
  const float s = std::min(size.x, size.y) * 0.18f;
  const ImU32 ink = colour::rgb(0x0E, 0x5C, 0x61, 110);
  list->AddRect({c.x - s * 1.4f, c.y - s}, {c.x + s * 1.4f, c.y + s}, ink, px(6), 0, px(3));
  list->AddTriangleFilled({c.x - s * 1.2f, c.y + s * 0.85f}, {c.x - s * 0.3f, c.y - s * 0.2f}, {c.x + s * 0.6f, c.y + s * 0.85f}, ink);
  list->AddTriangleFilled({c.x, c.y + s * 0.85f}, {c.x + s * 0.6f, c.y + s * 0.2f}, {c.x + s * 1.2f, c.y + s * 0.85f}, ink);
  list->AddCircleFilled({c.x + s * 0.7f, c.y - s * 0.45f}, s * 0.2f, ink);
  if (label && *label) {
    ImFont* f = fonts.small;
    const ImVec2 t = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.f, label);
    list->AddText(f, f->FontSize, {c.x - t.x * 0.5f, c.y + s + px(14)}, colour::Muted, label);
  }
}

void Ui::drawIcon(ImDrawList* list, Icon icon, ImVec2 c, float size, ImU32 ink) const {
  const float s = size * 0.5f;
  const float t = std::max(2.f, size * 0.09f);
  switch (icon) {
    case Icon::None: break;
    case Icon::History:
    case Icon::Clock:
      list->AddCircle(c, s * 0.9f, ink, 40, t);
      list->AddLine(c, {c.x, c.y - s * 0.55f}, ink, t);
      list->AddLine(c, {c.x + s * 0.4f, c.y + s * 0.2f}, ink, t);
      break;
    case Icon::Directory:
      list->AddRect({c.x - s * 0.6f, c.y - s * 0.9f}, {c.x + s * 0.6f, c.y + s * 0.9f}, ink, s * 0.08f, 0, t);
      for (int r = 0; r < 3; ++r)
        for (int k = 0; k < 2; ++k) {
          const float x = c.x - s * 0.32f + static_cast<float>(k) * s * 0.42f;
          const float y = c.y - s * 0.62f + static_cast<float>(r) * s * 0.42f;
          list->AddRectFilled({x, y}, {x + s * 0.22f, y + s * 0.22f}, ink);
        }
      list->AddRectFilled({c.x - s * 0.14f, c.y + s * 0.55f}, {c.x + s * 0.14f, c.y + s * 0.9f}, ink);
      break;
    case Icon::Tours:
      list->AddLine({c.x - s * 0.6f, c.y - s * 0.9f}, {c.x - s * 0.6f, c.y + s * 0.9f}, ink, t);
      list->AddTriangleFilled({c.x - s * 0.6f, c.y - s * 0.9f}, {c.x + s * 0.8f, c.y - s * 0.5f}, {c.x - s * 0.6f, c.y - s * 0.1f}, ink);
      break;
    case Icon::Steam: {
      // A flask with a bubble.
      const ImVec2 pts[] = {{c.x - s * 0.25f, c.y - s * 0.9f}, {c.x - s * 0.25f, c.y - s * 0.2f}, {c.x - s * 0.8f, c.y + s * 0.85f},
                            {c.x + s * 0.8f, c.y + s * 0.85f}, {c.x + s * 0.25f, c.y - s * 0.2f}, {c.x + s * 0.25f, c.y - s * 0.9f}};
      list->AddPolyline(pts, 6, ink, 0, t);
      list->AddLine({c.x - s * 0.45f, c.y - s * 0.9f}, {c.x + s * 0.45f, c.y - s * 0.9f}, ink, t);
      list->AddTriangleFilled({c.x - s * 0.55f, c.y + s * 0.55f}, {c.x + s * 0.55f, c.y + s * 0.55f}, {c.x, c.y + s * 0.85f}, ink);
      list->AddRectFilled({c.x - s * 0.62f, c.y + s * 0.4f}, {c.x + s * 0.62f, c.y + s * 0.85f}, ink, s * 0.1f);
      list->AddCircle({c.x + s * 0.1f, c.y + s * 0.05f}, s * 0.12f, ink, 16, t * 0.7f);
      break;
    }
    case Icon::Map:
    case Icon::Pin:
      list->AddCircleFilled({c.x, c.y - s * 0.3f}, s * 0.55f, ink, 32);
      list->AddTriangleFilled({c.x - s * 0.47f, c.y - s * 0.05f}, {c.x + s * 0.47f, c.y - s * 0.05f}, {c.x, c.y + s * 0.95f}, ink);
      list->AddCircleFilled({c.x, c.y - s * 0.3f}, s * 0.22f, colour::rgb(255, 255, 255, 200), 24);
      break;
    case Icon::Home:
      list->AddTriangleFilled({c.x - s * 0.9f, c.y - s * 0.05f}, {c.x, c.y - s * 0.85f}, {c.x + s * 0.9f, c.y - s * 0.05f}, ink);
      list->AddRectFilled({c.x - s * 0.6f, c.y - s * 0.1f}, {c.x + s * 0.6f, c.y + s * 0.8f}, ink, s * 0.06f);
      break;
    case Icon::Back: {
      const ImVec2 pts[] = {{c.x + s * 0.25f, c.y - s * 0.6f}, {c.x - s * 0.35f, c.y}, {c.x + s * 0.25f, c.y + s * 0.6f}};
      list->AddPolyline(pts, 3, ink, 0, t * 1.3f);
      break;
    }
    case Icon::Search:
      list->AddCircle({c.x - s * 0.15f, c.y - s * 0.15f}, s * 0.5f, ink, 32, t);
      list->AddLine({c.x + s * 0.22f, c.y + s * 0.22f}, {c.x + s * 0.75f, c.y + s * 0.75f}, ink, t * 1.3f);
      break;
    case Icon::Check: {
      const ImVec2 pts[] = {{c.x - s * 0.6f, c.y}, {c.x - s * 0.15f, c.y + s * 0.5f}, {c.x + s * 0.65f, c.y - s * 0.5f}};
      list->AddPolyline(pts, 3, ink, 0, t * 1.4f);
      break;
    }
    case Icon::Cross:
      list->AddLine({c.x - s * 0.5f, c.y - s * 0.5f}, {c.x + s * 0.5f, c.y + s * 0.5f}, ink, t * 1.4f);
      list->AddLine({c.x + s * 0.5f, c.y - s * 0.5f}, {c.x - s * 0.5f, c.y + s * 0.5f}, ink, t * 1.4f);
      break;
    case Icon::Qr:
      for (int i = 0; i < 3; ++i) {
        const ImVec2 o = i == 0 ? ImVec2(c.x - s * 0.8f, c.y - s * 0.8f) : i == 1 ? ImVec2(c.x + s * 0.15f, c.y - s * 0.8f) : ImVec2(c.x - s * 0.8f, c.y + s * 0.15f);
        list->AddRect(o, {o.x + s * 0.65f, o.y + s * 0.65f}, ink, 0, 0, t);
      }
      list->AddRectFilled({c.x + s * 0.3f, c.y + s * 0.3f}, {c.x + s * 0.8f, c.y + s * 0.8f}, ink);
      break;
    case Icon::Star: {
      // A five-pointed star is not convex: its inner pentagon, and a triangle for each point.
      ImVec2 tips[5], inner[5];
      for (int i = 0; i < 5; ++i) {
        const float a = -IM_PI / 2 + static_cast<float>(i) * 2 * IM_PI / 5;
        tips[i] = {c.x + std::cos(a) * s * 0.9f, c.y + std::sin(a) * s * 0.9f};
        inner[i] = {c.x + std::cos(a + IM_PI / 5) * s * 0.38f, c.y + std::sin(a + IM_PI / 5) * s * 0.38f};
      }
      list->AddConvexPolyFilled(inner, 5, ink);
      for (int i = 0; i < 5; ++i) list->AddTriangleFilled(inner[(i + 4) % 5], tips[i], inner[i], ink);
      break;
    }
    case Icon::Backspace: {
      // A key pointing left with a cross in it: delete the letter before the cursor.
      const ImVec2 pts[5] = {{c.x - s * 0.95f, c.y}, {c.x - s * 0.45f, c.y - s * 0.6f}, {c.x + s * 0.9f, c.y - s * 0.6f},
                             {c.x + s * 0.9f, c.y + s * 0.6f}, {c.x - s * 0.45f, c.y + s * 0.6f}};
      list->AddPolyline(pts, 5, ink, ImDrawFlags_Closed, t);
      const ImVec2 x(c.x + s * 0.2f, c.y);
      list->AddLine({x.x - s * 0.25f, x.y - s * 0.25f}, {x.x + s * 0.25f, x.y + s * 0.25f}, ink, t);
      list->AddLine({x.x + s * 0.25f, x.y - s * 0.25f}, {x.x - s * 0.25f, x.y + s * 0.25f}, ink, t);
      break;
    }
  }
}

void Ui::beginCard(const char* id, ImVec2 size, ImU32 fill) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, fill);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {px(32), px(28)});
  ImGui::BeginChild(id, size, false, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
}

void Ui::endCard() {
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

void Ui::spacer(float designPixels) const { ImGui::Dummy({1.f, px(designPixels)}); }

// ---- [SECTION] Drag-to-scroll with inertia -------------------------------------------------
void Ui::beginScroll(const char* id, ImVec2 size, bool horizontal, ImU32 fill) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, fill);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0.f, 0.f});
  ImGui::BeginChild(id, size, false, horizontal ? ImGuiWindowFlags_HorizontalScrollbar : ImGuiWindowFlags_None);
  scrollHorizontal_.push_back(horizontal);
  // After resetScrolling() every region opens at its start again (ImGui keeps the offsets).
  ScrollState& state = scrolls_[ImGui::GetCurrentWindow()->ID];
  if (state.generation != scrollGeneration_) {
    ImGui::SetScrollX(0.f);
    ImGui::SetScrollY(0.f);
    state.generation = scrollGeneration_;
  }
  scrollOffsets_.push_back(ScrollOffset{id, ImGui::GetScrollX(), ImGui::GetScrollY()});
  // With --log-level debug each change is logged: the real-window test reads it.
  if (spdlog::should_log(spdlog::level::debug)) {
    ImVec2& logged = loggedScroll_[scrollOffsets_.back().id];
    if (logged.x != scrollOffsets_.back().x || logged.y != scrollOffsets_.back().y) {
      logged = ImVec2(scrollOffsets_.back().x, scrollOffsets_.back().y);
      spdlog::debug("scroll {} x={:.0f} y={:.0f}", scrollOffsets_.back().id, static_cast<double>(logged.x), static_cast<double>(logged.y));
    }
  }
}

void Ui::endScroll() {
  const bool horizontal = scrollHorizontal_.back();
  scrollHorizontal_.pop_back();
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ScrollState& state = scrolls_[window->ID];
  ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && hovered) state = ScrollState{true, false, 0.f, state.generation};
  auto scroll = [&] { return horizontal ? ImGui::GetScrollX() : ImGui::GetScrollY(); };
  auto scrollMax = [&] { return horizontal ? ImGui::GetScrollMaxX() : ImGui::GetScrollMaxY(); };
  auto setScroll = [&](float v) {
    v = std::clamp(v, 0.f, scrollMax());
    if (horizontal) ImGui::SetScrollX(v); else ImGui::SetScrollY(v);
  };
  if (state.tracking) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      const ImVec2 drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.f);
      const float along = horizontal ? drag.x : drag.y;
      if (!state.dragging && std::fabs(along) > px(14) && scrollMax() > 0.f) {
        state.dragging = true;
        ImGui::ClearActiveID();  // the drag scrolls; the button under the finger is not tapped
      }
      if (state.dragging) {
        const float delta = horizontal ? io.MouseDelta.x : io.MouseDelta.y;
        setScroll(scroll() - delta);
        state.velocity = 0.6f * state.velocity + 0.4f * (-delta / dt_);
        requestAnimation();
      }
    } else {
      state.tracking = false;
      state.dragging = false;
    }
  }
  if (!state.tracking && std::fabs(state.velocity) > px(30)) {
    const float before = scroll();
    setScroll(before + state.velocity * dt_);
    state.velocity *= std::exp(-3.5f * dt_);  // friction: about a third of a second to settle
    const float after = std::clamp(before + state.velocity * dt_, 0.f, scrollMax());
    if (after <= 0.f || after >= scrollMax()) state.velocity = 0.f;
    else requestAnimation();
  } else if (!state.tracking) {
    state.velocity = 0.f;
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace qtsc::kiosk::ui
