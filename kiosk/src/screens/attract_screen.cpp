#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

namespace text {
std::string excerpt(const std::string& value, std::size_t maxBytes) {
  if (value.size() <= maxBytes) return value;
  std::size_t cut = value.rfind(' ', maxBytes);
  if (cut == std::string::npos || cut < maxBytes / 2) {
    cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;  // whole code points
  }
  std::string out = value.substr(0, cut);
  while (!out.empty() && (out.back() == ',' || out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out + "…";
}
}  // namespace text

void AttractScreen::onEnter(const Route&) {
  enteredAt_ = ctx_.clock.seconds();
  start_ = ScreenId::Home;
  try {
    const Whereabouts where = Whereabouts::read(ctx_.store, ctx_.config.profile);
    if (where.profile()) start_ = screenOfSection(where.profile()->startSection);
  } catch (const std::exception& error) {
    noteReadError(error);
  }
  load();
}

void AttractScreen::load() {
  loadedAt_ = ctx_.clock.nowIso();
  try {
    home_ = ctx_.store.homeData(loadedAt_, ctx_.self.hubId, ctx_.self.group);
    welcome_ = home_.welcome;
  } catch (const std::exception& error) {
    noteReadError(error);
    home_ = {};
    welcome_.reset();
  }
  if (!highlights_.empty()) return;  // the rotation itself does not change while running
  std::vector<Highlight> kinds[3];
  try {
    auto first = [](const std::vector<content::Picture>& gallery) {
      const auto shown = content::shownPictures(gallery);
      return shown.empty() ? std::string() : shown.front()->image;
    };
    for (const auto& m : home_.highlights) kinds[0].push_back({"attract.kind.history", m.title, m.body, first(m.gallery)});
    for (const auto& p : ctx_.store.places())
      if (!p.sample && p.kind != content::PlaceKind::Zone)
        kinds[1].push_back({"attract.kind.place", p.name, p.description, first(p.gallery)});
    for (const auto& e : ctx_.store.exhibits())
      if (!e.sample) kinds[2].push_back({"attract.kind.exhibit", e.name, e.what, first(e.gallery)});
  } catch (const std::exception& error) {
    noteReadError(error);
  }
  // Alternate history, places and exhibits.
  for (std::size_t i = 0;; ++i) {
    bool any = false;
    for (auto& kind : kinds)
      if (i < kind.size()) {
        highlights_.push_back(kind[i]);
        any = true;
      }
    if (!any) break;
  }
}

double AttractScreen::highlightPeriod() const {
  return std::max(1.0, static_cast<double>(ctx_.config.highlightSeconds));
}

double AttractScreen::nextChangeAt() const {
  const double now = ctx_.clock.seconds();
  double next = now + ctx_.clock.secondsToNextMinute();  // the welcome is looked up each minute
  if (highlights_.size() > 1) {
    const double turns = std::floor((now - enteredAt_) / highlightPeriod()) + 1.0;
    next = std::min(next, enteredAt_ + turns * highlightPeriod());
  }
  return next;
}

void AttractScreen::draw() {
  auto& u = ui();
  // The welcome window may open or close while the screen is shown: look again each minute.
  if (ctx_.clock.nowIso() != loadedAt_) load();
  const double t = ctx_.clock.seconds() - enteredAt_;
  ImDrawList* list = ImGui::GetWindowDrawList();
  list->PushClipRectFullScreen();  // the backdrop runs to the edges, past the padding
  const ImVec2 wmin = ImGui::GetWindowPos();
  const ImVec2 wsize = ImGui::GetWindowSize();
  const ImVec2 wmax(wmin.x + wsize.x, wmin.y + wsize.y);
  // Deep teal lightening to the right, in whole-pixel bands one shade apart: plain
  // rectangles, which the software renderer fills far faster than a shaded quad.
  {
    const ImVec4 from = ImGui::ColorConvertU32ToFloat4(ui::colour::TealDark);
    const ImVec4 to = ImGui::ColorConvertU32ToFloat4(ui::colour::rgb(0x11, 0x66, 0x69));
    constexpr int bands = 48;
    float x0 = wmin.x;
    for (int i = 0; i < bands; ++i) {
      const float f = (static_cast<float>(i) + 0.5f) / bands;
      const float x1 = i == bands - 1 ? wmax.x : std::round(wmin.x + wsize.x * static_cast<float>(i + 1) / bands);
      const ImVec4 c(from.x + (to.x - from.x) * f, from.y + (to.y - from.y) * f, from.z + (to.z - from.z) * f, 1.f);
      list->AddRectFilled({x0, wmin.y}, {x1, wmax.y}, ImGui::ColorConvertFloat4ToU32(c));
      x0 = x1;
    }
  }
  // Three quiet rings behind the park's name.
  for (int i = 0; i < 3; ++i) {
    const float phase = static_cast<float>(i) * 2.1f;
    const ImVec2 c(wmin.x + wsize.x * (0.78f + 0.06f * std::sin(phase)), wmin.y + wsize.y * (0.3f + 0.08f * std::cos(phase * 1.3f)));
    list->AddCircle(c, u.px(260.f + 130.f * static_cast<float>(i)), ui::colour::rgb(255, 255, 255, 22), 96, u.px(2));
  }
  const float left = u.px(96);
  const float contentW = wsize.x - 2 * left;
  const ImU32 white = ui::colour::White;
  const ImU32 soft = ui::colour::rgb(255, 255, 255, 200);
  const std::string& lang = ctx_.lang();

  ImGui::SetCursorScreenPos({wmin.x + left, wmin.y + u.px(72)});
  u.text(u.fonts.bold, ui::colour::Amber, ctx_.text(home_.park.shortName).c_str());
  ImGui::SetCursorPosX(left);
  u.text(u.fonts.display, white, ctx_.text(home_.park.name).c_str(), contentW);
  ImGui::SetCursorPosX(left);
  ImGui::PushTextWrapPos(left + contentW * 0.62f);
  u.text(u.fonts.body, soft, ctx_.text(home_.park.summary).c_str(), contentW * 0.62f);
  ImGui::PopTextWrapPos();

  float y = ImGui::GetCursorScreenPos().y + u.px(48);
  if (!readError_.empty()) {
    // Said on the backdrop, in both languages; "touch to start" stays, other screens may read.
    for (const char* language : {"vi", "en"}) {
      ImGui::SetCursorScreenPos({wmin.x + left, y});
      u.text(u.fonts.title, white, ctx_.i18n.tr("common.read_error", language), contentW);
      ImGui::SetCursorPosX(left);
      u.text(u.fonts.body, soft, ctx_.i18n.tr("common.read_error_hint", language), contentW);
      y = ImGui::GetCursorScreenPos().y + u.px(24);
    }
  }
  if (welcome_) {
    // The welcome in both languages: the delegation reads theirs, the hosts read theirs.
    const std::string& first = welcome_->text.in(lang);
    const std::string& second = welcome_->text.in(lang == "vi" ? "en" : "vi");
    const float wrap = contentW - 2 * u.px(48);
    ImFont* big = u.fonts.heading;
    ImFont* small = u.fonts.title;
    const ImVec2 s1 = u.wrappedSize(big, first, wrap);
    const ImVec2 s2 = second == first ? ImVec2(0, 0) : u.wrappedSize(small, second, wrap);
    const float h = s1.y + s2.y + u.px(48) * 2 + (s2.y > 0 ? u.px(16) : 0.f);
    const ImVec2 a(wmin.x + left, y), b(wmin.x + left + contentW, y + h);
    const float round = u.px(28);
    ui::Ui::fillRounded(list, {a.x, a.y + u.px(8)}, {b.x, b.y + u.px(8)}, ui::colour::rgb(0x06, 0x30, 0x33), round);
    // An amber edge down the left, following the card's corners.
    ui::Ui::fillRounded(list, a, b, ui::colour::Amber, round);
    ui::Ui::fillRounded(list, {a.x + u.px(14), a.y}, b, ui::colour::Paper, round);
    u.drawWrapped(list, big, {a.x + u.px(48), a.y + u.px(48)}, ui::colour::TealDark, first, wrap);
    if (s2.y > 0) u.drawWrapped(list, small, {a.x + u.px(48), a.y + u.px(48) + s1.y + u.px(16)}, ui::colour::Muted, second, wrap);
    y = b.y + u.px(40);
  }

  // The highlight: history, places and exhibits in turn, each for idle.highlight_seconds.
  if (!highlights_.empty()) {
    const auto index = static_cast<std::size_t>((t + 1e-6) / highlightPeriod()) % highlights_.size();
    const auto& h = highlights_[index];
    const float cardW = welcome_ ? contentW : contentW * 0.62f;
    const float bottomReserve = u.px(170);
    const float cardH = std::max(u.px(160), std::min(u.px(300), wmax.y - bottomReserve - y));
    const ImVec2 a(wmin.x + left, y), b(a.x + cardW, a.y + cardH);
    // A lighter teal, as a white veil over the backdrop would look.
    ui::Ui::fillRounded(list, a, b, ui::colour::rgb(0x1C, 0x6E, 0x71), u.px(24));
    // The record's picture behind the card, cropped to fill it, under a dark veil that keeps
    // the words readable. Until it is decoded (or without one) the card is plain.
    const Image picture = h.picture.empty() ? Image{Image::State::Missing} : ctx_.images.get(h.picture);
    shownPicture_ = picture.state == Image::State::Ready ? h.picture : std::string();
    if (picture.state == Image::State::Ready && picture.width > 0 && picture.height > 0) {
      const Crop crop = cropToFill(b.x - a.x, b.y - a.y, picture);
      list->AddImageRounded(picture.texture, a, b, {crop.u0, crop.v0}, {crop.u1, crop.v1}, IM_COL32_WHITE, u.px(24));
      list->AddRectFilled(a, b, ui::colour::rgb(0x06, 0x30, 0x33, 185), u.px(24));
    } else if (picture.state == Image::State::Loading) {
      u.requestAnimation();  // drawn again when it is ready
    }
    const float pad = u.px(36);
    const float wrap = cardW - 2 * pad;
    list->PushClipRect(a, b, true);
    list->AddText(u.fonts.bold, u.fonts.bold->FontSize, {a.x + pad, a.y + pad}, ui::colour::Amber, ctx_.tr(h.kindKey));
    const float titleY = a.y + pad + u.fonts.bold->FontSize * 1.5f;
    const std::string& title = ctx_.text(h.title);
    const float bodyY = titleY + u.drawWrapped(list, u.fonts.title, {a.x + pad, titleY}, white, title, wrap).y + u.px(10);
    u.drawWrapped(list, u.fonts.body, {a.x + pad, bodyY}, soft, text::excerpt(ctx_.text(h.body), 260), wrap);
    list->PopClipRect();
    // Where the rotation is: one dot per highlight; past twelve, a bar and "13 / 20", since
    // dots that start again would say the rotation did.
    constexpr std::size_t kMaxDots = 12;
    if (highlights_.size() <= kMaxDots) {
      for (std::size_t i = 0; i < highlights_.size(); ++i) {
        const ImVec2 c(a.x + pad + static_cast<float>(i) * u.px(22), b.y + u.px(24));
        list->AddCircleFilled(c, u.px(5), i == index ? ui::colour::Amber : ui::colour::rgb(255, 255, 255, 80), 16);
      }
    } else {
      const float barW = u.px(22) * static_cast<float>(kMaxDots);
      const ImVec2 bar(a.x + pad, b.y + u.px(21));
      const float done = static_cast<float>(index + 1) / static_cast<float>(highlights_.size());
      list->AddRectFilled(bar, {bar.x + barW, bar.y + u.px(6)}, ui::colour::rgb(255, 255, 255, 80), u.px(3));
      list->AddRectFilled(bar, {bar.x + barW * done, bar.y + u.px(6)}, ui::colour::Amber, u.px(3));
      rotationCount_ = std::to_string(index + 1) + " / " + std::to_string(highlights_.size());
      ImFont* f = u.fonts.small;
      list->AddText(f, f->FontSize, {bar.x + barW + u.px(16), bar.y + u.px(3) - f->FontSize * 0.5f}, soft, rotationCount_.c_str());
    }
  }

  // "Touch to start" in both languages.
  const std::string start = std::string(ctx_.i18n.tr("attract.start", "vi")) + "  ·  " + ctx_.i18n.tr("attract.start", "en");
  ImFont* sf = u.fonts.title;
  const ImVec2 ss = sf->CalcTextSizeA(sf->FontSize, FLT_MAX, 0.f, start.c_str());
  const ImVec2 pillMin(wmin.x + (wsize.x - ss.x) * 0.5f - u.px(48), wmax.y - u.px(72) - ss.y - u.px(28));
  const ImVec2 pillMax(wmin.x + (wsize.x + ss.x) * 0.5f + u.px(48), wmax.y - u.px(72) + u.px(4));
  ui::Ui::fillRounded(list, pillMin, pillMax, ui::colour::Amber, (pillMax.y - pillMin.y) * 0.5f);
  list->AddText(sf, sf->FontSize, {pillMin.x + u.px(48), pillMin.y + u.px(14)}, ui::colour::TealDark, start.c_str());

  // The whole screen is the button.
  ImGui::SetCursorScreenPos(wmin);
  if (ImGui::InvisibleButton("##attract-start", wsize)) {
    // Home under the profile's start section, so that Back and Home lead there.
    ctx_.router.reset(Route{ScreenId::Home, {}});
    if (start_ != ScreenId::Home) ctx_.router.open(Route{start_, {}});
  }
  u.registerTarget(ctx_.tr("attract.start"), wmin, wmax);
  list->PopClipRect();
}

}  // namespace qtsc::kiosk
