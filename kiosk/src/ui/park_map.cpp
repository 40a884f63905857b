#include "ui/park_map.hpp"

#include <algorithm>
#include <cmath>

#include "ui/image.hpp"

namespace qtsc::kiosk::ui {

namespace {
DrawnMap gLastDrawn;  // UI thread only, like every ImGui call
}  // namespace

const DrawnMap& lastDrawnMap() { return gLastDrawn; }

namespace {
// The kiosk as a blue dot with a cone the way the visitor looks, and its words in a bubble.
void drawYouAreHere(Ui& ui, ImDrawList* list, ImVec2 c, int facing, const std::string& label, ImVec2 min, ImVec2 max) {
  gLastDrawn.here = c;
  const ImU32 blue = colour::rgb(0x1D, 0x4E, 0xD8);
  const float r = ui.px(16);
  const float a = static_cast<float>(facing) * 3.14159265f / 180.f;
  const ImVec2 d(std::sin(a), -std::cos(a)), n(-d.y, d.x);
  const float reach = ui.px(58);
  list->AddTriangleFilled(c, {c.x + d.x * reach + n.x * reach * 0.55f, c.y + d.y * reach + n.y * reach * 0.55f},
                          {c.x + d.x * reach - n.x * reach * 0.55f, c.y + d.y * reach - n.y * reach * 0.55f},
                          colour::rgb(0x1D, 0x4E, 0xD8, 90));
  list->AddCircleFilled(c, r + ui.px(6), colour::rgb(0x1D, 0x4E, 0xD8, 60), 32);
  list->AddCircleFilled(c, r, blue, 32);
  list->AddCircle(c, r, colour::White, 32, ui.px(4));
  if (label.empty()) return;
  ImFont* f = ui.fonts.bold;
  const ImVec2 t = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.f, label.c_str());
  const float pad = ui.px(10);
  ImVec2 bmin(c.x - t.x * 0.5f - pad, c.y + r + ui.px(10));
  if (bmin.y + t.y + 2 * pad > max.y - ui.px(4)) bmin.y = c.y - r - ui.px(10) - t.y - 2 * pad;
  bmin.x = std::clamp(bmin.x, min.x + ui.px(4), std::max(min.x + ui.px(4), max.x - t.x - 2 * pad - ui.px(4)));
  const ImVec2 bmax(bmin.x + t.x + 2 * pad, bmin.y + t.y + 2 * pad);
  list->AddRectFilled(bmin, bmax, blue, ui.px(10));
  list->AddText(f, f->FontSize, {bmin.x + pad, bmin.y + pad}, colour::White, label.c_str());
}
}  // namespace

std::vector<int> pinNumbers(const std::vector<content::Place>& places) {
  std::vector<int> numbers(places.size(), 0);
  int next = 0;
  for (std::size_t i = 0; i < places.size(); ++i)
    if (places[i].onMap() && !places[i].sample) numbers[i] = ++next;
  return numbers;
}

std::optional<std::string> drawParkMap(Ui& ui, ImageSource& images, ImVec2 size,
                                       const std::vector<content::Place>& places, const MapOptions& options) {
  std::optional<std::string> tapped;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  // Fit the 1000 x 700 map, centred, keeping its proportions.
  const float k = std::min(size.x / static_cast<float>(content::kMapWidth), size.y / static_cast<float>(content::kMapHeight));
  const ImVec2 mapSize(static_cast<float>(content::kMapWidth) * k, static_cast<float>(content::kMapHeight) * k);
  const ImVec2 min(origin.x + (size.x - mapSize.x) * 0.5f, origin.y + (size.y - mapSize.y) * 0.5f);
  const ImVec2 max(min.x + mapSize.x, min.y + mapSize.y);
  // Zoomed in, the map is drawn larger inside the same frame, cut at its edges.
  ZoomView* zoom = options.zoom;
  if (zoom != nullptr && zoom->update(ui.gestures(), min, max, mapSize, ui.px(12))) ui.requestAnimation();
  const bool zoomed = zoom != nullptr && zoom->zoomed();
  const float kz = zoomed ? k * zoom->scale() : k;
  const ImVec2 cmin = zoomed ? zoom->contentMin() : min, cmax = zoomed ? zoom->contentMax() : max;
  auto at = [&](const content::MapPoint& p) {
    return ImVec2(cmin.x + static_cast<float>(p.x) * kz, cmin.y + static_cast<float>(p.y) * kz);
  };
  ImDrawList* list = ImGui::GetWindowDrawList();
  Ui::fillRounded(list, min, max, colour::rgb(0xE4, 0xEC, 0xE1), ui.px(18));
  if (zoomed) list->PushClipRect(min, max, true);
  const Image image = images.get("map/park.svg");
  if (image.state == Image::State::Ready)
    list->AddImage(image.texture, cmin, cmax);  // a plain quad: the software renderer blits it scaled
  // While zoomed in, "Whole map" at the frame's top right: submitted before the pins so that a
  // touch there is its own, drawn over them.
  ImVec2 wholeMin{0, 0}, wholeMax{0, 0};
  const bool whole = zoomed && !options.zoomWholeLabel.empty();
  if (whole) {
    list->ChannelsSplit(2);
    list->ChannelsSetCurrent(1);
    ImFont* f = ui.fonts.bold;
    const std::string label = options.zoomWholeLabel + "##map-whole";
    const ImVec2 t = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.f, options.zoomWholeLabel.c_str());
    const ImVec2 button(std::max(ui.touchMin, t.x + ui.px(56)), std::max(ui.touchMin, ui.px(72)));
    wholeMin = ImVec2(max.x - button.x - ui.px(12), min.y + ui.px(12));
    wholeMax = ImVec2(wholeMin.x + button.x, wholeMin.y + button.y);
    ImGui::SetCursorScreenPos(wholeMin);
    if (ui.button(label.c_str(), button, Look::Secondary) && !zoom->tapsBlocked()) zoom->zoomTo(1.f);
    list->ChannelsSetCurrent(0);
  }

  gLastDrawn = DrawnMap{{}, std::nullopt, min, max, {}};
  // The route, in order, under the pins: along the paths when a walk is given, else straight
  // from stop to stop.
  std::vector<ImVec2> route;
  for (const auto& p : options.walk) route.push_back(at(p));
  if (route.empty() && options.routeOrdered)
    for (const auto& id : options.route)
      for (const auto& place : places)
        if (place.id == id && place.onMap()) route.push_back(at(place.position));
  if (!options.walk.empty()) gLastDrawn.walk = route;
  if (route.size() > 1) {
    list->AddPolyline(route.data(), static_cast<int>(route.size()), colour::rgb(0xE2, 0x9E, 0x2E, 220), 0, ui.px(8));
    for (std::size_t i = 1; i < route.size(); ++i) {  // an arrowhead half-way along each leg
      const ImVec2 a = route[i - 1], b = route[i];
      const ImVec2 m((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
      const float len = std::max(1.f, std::hypot(b.x - a.x, b.y - a.y));
      const ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len), n(-d.y, d.x);
      const float s = ui.px(16);
      list->AddTriangleFilled({m.x + d.x * s, m.y + d.y * s}, {m.x - d.x * s + n.x * s, m.y - d.y * s + n.y * s},
                              {m.x - d.x * s - n.x * s, m.y - d.y * s - n.y * s}, colour::rgb(0xB5, 0x6E, 0x10));
    }
  }

  const float radius = std::max(ui.px(20), ui.touchMin * 0.5f);
  ImFont* numberFont = ui.fonts.small;
  const std::vector<int> numbers = pinNumbers(places);
  // Where each place stands, whether it is drawn as a pin (else a dot: off the route shown),
  // and the square a finger can tap it in.
  struct Pin {
    bool shown = false;
    bool pin = false;
    int stopNumber = 0;
    ImVec2 c, hitMin, hitMax;
  };
  std::vector<Pin> pins(places.size());
  const float hit = std::max(ui.touchMin, radius * 2.f) + ui.px(8);
  for (std::size_t i = 0; i < places.size(); ++i) {
    const auto& place = places[i];
    if (!place.onMap()) continue;  // a partner institution: no document places it
    Pin& p = pins[i];
    p.shown = true;
    p.c = at(place.position);
    for (std::size_t r = 0; r < options.route.size(); ++r)
      if (options.route[r] == place.id && p.stopNumber == 0) p.stopNumber = static_cast<int>(r) + 1;
    p.pin = !((!options.route.empty() || (!options.interactive && !options.highlight.empty())) && p.stopNumber == 0 &&
              place.id != options.highlight);
    p.hitMin = {p.c.x - hit * 0.5f, p.c.y - hit * 0.5f};
    p.hitMax = {p.c.x + hit * 0.5f, p.c.y + hit * 0.5f};
    if (zoomed && (p.c.x < min.x || p.c.y < min.y || p.c.x > max.x || p.c.y > max.y)) p.shown = false;  // zoomed out of view
    if (p.shown) gLastDrawn.pins.emplace_back(place.id, p.c);
  }
  // Pins close together share the room between them: each square stops half-way to its
  // neighbour, along the axis they are furthest apart on, so a tap has one pin under it.
  for (std::size_t i = 0; i < pins.size(); ++i) {
    if (!pins[i].pin) continue;
    for (std::size_t j = 0; j < pins.size(); ++j) {
      if (i == j || !pins[j].pin) continue;
      Pin& a = pins[i];
      const Pin& b = pins[j];
      const float dx = b.c.x - a.c.x, dy = b.c.y - a.c.y;
      if (std::fabs(dx) >= hit || std::fabs(dy) >= hit || (dx == 0.f && dy == 0.f)) continue;
      if (std::fabs(dx) >= std::fabs(dy)) {
        const float mid = a.c.x + dx * 0.5f;
        if (dx > 0) a.hitMax.x = std::min(a.hitMax.x, mid);
        else a.hitMin.x = std::max(a.hitMin.x, mid);
      } else {
        const float mid = a.c.y + dy * 0.5f;
        if (dy > 0) a.hitMax.y = std::min(a.hitMax.y, mid);
        else a.hitMin.y = std::max(a.hitMin.y, mid);
      }
    }
  }
  for (std::size_t i = 0; i < places.size(); ++i) {
    const auto& place = places[i];
    const Pin& p = pins[i];
    if (!p.shown) continue;
    const ImVec2 c = p.c;
    const bool highlighted = place.id == options.highlight;
    int stopNumber = p.stopNumber;
    const bool onRoute = stopNumber > 0;
    if (!options.routeOrdered) stopNumber = 0;
    if (!p.pin) {
      list->AddCircleFilled(c, radius * 0.45f, colour::rgb(0x5B, 0x6A, 0x6E, 150), 24);
      continue;
    }
    if (options.interactive) {
      // Zoomed in, the part of its square inside the frame, and none under "Whole map".
      ImVec2 hmin = p.hitMin, hmax = p.hitMax;
      if (zoomed) {
        hmin = ImVec2(std::max(hmin.x, min.x), std::max(hmin.y, min.y));
        hmax = ImVec2(std::min(hmax.x, max.x), std::min(hmax.y, max.y));
      }
      const bool underWhole = wholeMax.x > wholeMin.x && hmin.x < wholeMax.x && hmax.x > wholeMin.x &&
                              hmin.y < wholeMax.y && hmax.y > wholeMin.y;
      if (hmax.x > hmin.x && hmax.y > hmin.y && !underWhole) {
        const std::string id = place.name.in(options.language) + "##pin-" + place.id;
        ImGui::SetCursorScreenPos(hmin);
        if (ImGui::InvisibleButton(id.c_str(), {hmax.x - hmin.x, hmax.y - hmin.y}) && !(zoom && zoom->tapsBlocked()))
          tapped = place.id;
        ui.registerTarget(id.c_str(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
      }
    }
    const ImU32 fill = highlighted ? colour::Amber : onRoute ? colour::rgb(0xB5, 0x6E, 0x10) : colour::Teal;
    const float r = highlighted ? radius * 1.25f : radius;
    list->AddCircleFilled({c.x, c.y + ui.px(3)}, r, colour::rgb(0, 0, 0, 40), 32);
    if (place.sample && !highlighted) {
      // A sample place is a hollow pin with a dashed ring and a badge: never taken for a real one.
      list->AddCircleFilled(c, r, colour::White, 32);
      for (int s = 0; s < 12; s += 2) {
        list->PathArcTo(c, r - ui.px(2), static_cast<float>(s) * 3.14159265f / 6.f,
                        static_cast<float>(s + 1) * 3.14159265f / 6.f, 6);
        list->PathStroke(fill, 0, ui.px(4));
      }
      if (!options.sampleBadge.empty()) {
        ImFont* f = ui.fonts.small;
        const ImVec2 t = f->CalcTextSizeA(f->FontSize * 0.8f, FLT_MAX, 0.f, options.sampleBadge.c_str());
        const ImVec2 bmin(c.x - t.x * 0.5f - ui.px(6), c.y + r + ui.px(2));
        list->AddRectFilled(bmin, {bmin.x + t.x + ui.px(12), bmin.y + t.y + ui.px(4)}, colour::rgb(0x5B, 0x6A, 0x6E, 230), ui.px(6));
        list->AddText(f, f->FontSize * 0.8f, {bmin.x + ui.px(6), bmin.y + ui.px(2)}, colour::White, options.sampleBadge.c_str());
      }
    } else {
      list->AddCircleFilled(c, r, fill, 32);
      list->AddCircle(c, r, colour::White, 32, ui.px(3));
    }
    std::string mark;
    if (onRoute) mark = stopNumber > 0 ? std::to_string(stopNumber) : std::string();
    else if (options.numbered && numbers[i] > 0) mark = std::to_string(numbers[i]);
    if (!mark.empty()) {
      const ImVec2 t = numberFont->CalcTextSizeA(numberFont->FontSize, FLT_MAX, 0.f, mark.c_str());
      list->AddText(numberFont, numberFont->FontSize, {c.x - t.x * 0.5f, c.y - t.y * 0.5f}, colour::White, mark.c_str());
    }
    if (highlighted) {  // the name in a bubble above the pin
      ImFont* f = ui.fonts.bold;
      const std::string& name = place.name.in(options.language);
      const float wrap = ui.px(380);
      const ImVec2 t = ui.wrappedSize(f, name, wrap);
      const float pad = ui.px(12);
      ImVec2 bmin(c.x - t.x * 0.5f - pad, c.y - r - ui.px(14) - t.y - 2 * pad);
      bmin.x = std::clamp(bmin.x, min.x + ui.px(6), std::max(min.x + ui.px(6), max.x - t.x - 2 * pad - ui.px(6)));
      bmin.y = std::max(bmin.y, min.y + ui.px(6));
      const ImVec2 bmax(bmin.x + t.x + 2 * pad, bmin.y + t.y + 2 * pad);
      list->AddRectFilled({bmin.x, bmin.y + ui.px(3)}, {bmax.x, bmax.y + ui.px(3)}, colour::rgb(0, 0, 0, 30), ui.px(10));
      list->AddRectFilled(bmin, bmax, colour::White, ui.px(10));
      ui.drawWrapped(list, f, {bmin.x + pad, bmin.y + pad}, colour::Ink, name, wrap);
    }
  }
  if (options.here) drawYouAreHere(ui, list, at(*options.here), options.hereFacing, options.hereLabel, min, max);
  if (!options.caption.empty()) {  // the map is a diagram, and says so on every map
    ImFont* f = ui.fonts.small;
    const float pad = ui.px(8);
    const float wrap = std::max(ui.px(120), max.x - min.x - 4 * pad);
    const ImVec2 t = ui.wrappedSize(f, options.caption, wrap);
    const ImVec2 bmin(min.x + pad, max.y - t.y - 3 * pad);
    list->AddRectFilled(bmin, {bmin.x + t.x + 2 * pad, bmin.y + t.y + 2 * pad}, colour::rgb(0xFF, 0xFF, 0xFF, 225), ui.px(8));
    ui.drawWrapped(list, f, {bmin.x + pad, bmin.y + pad}, colour::Ink, options.caption, wrap);
  }
  if (whole) list->ChannelsMerge();
  if (zoomed) list->PopClipRect();
  // One item the size of the map, so the layout continues beside or below it.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
  return tapped;
}

}  // namespace qtsc::kiosk::ui
