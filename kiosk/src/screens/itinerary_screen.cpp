#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"
#include "ui/gallery.hpp"
#include "ui/park_map.hpp"

namespace qtsc::kiosk {

void ItineraryScreen::onEnter(const Route& route) {
  itinerary_.reset();
  qr_.clear();
  qrLanguage_.clear();
  try {
    itinerary_ = ctx_.store.itinerary(route.arg);
    places_ = ctx_.store.places();
    where_ = Whereabouts::read(ctx_.store, ctx_.config.profile);
    walk_.clear();
    if (itinerary_ && !itinerary_->unordered) {
      std::vector<content::MapPoint> stops;
      for (const auto& stop : itinerary_->stops)
        for (const auto& p : places_)
          if (p.id == stop.placeId) stops.push_back(p.position);
      if (auto walk = where_.routeThrough(stops); walk.found()) walk_ = walk.points;
    }
  } catch (const std::exception& error) {
    noteReadError(error);
    itinerary_.reset();
  }
}

std::string ItineraryScreen::plainText() const {
  // What the visitor's phone shows after scanning: plain text, no link to follow.
  const auto& it = *itinerary_;
  const std::string& lang = ctx_.lang();
  std::string out = "QTSC — " + it.delegation.in(lang) + "\n" + layout::reportedDate(ctx_, it.date, it.reportedOn);
  if (!it.start.empty()) out += " " + it.start + (it.end.empty() ? "" : "–" + it.end);
  out += "\n";
  int n = 1;
  for (const auto& stop : it.stops) {
    std::string where = stop.placeId;
    for (const auto& p : places_)
      if (p.id == stop.placeId) where = p.name.in(lang);
    // Numbers only where the documents give the order.
    out += it.unordered ? std::string("- ") : std::to_string(n++) + ". ";
    if (!stop.start.empty()) out += stop.start + " ";
    out += where;
    const std::string& activity = stop.activity.in(lang);
    if (!activity.empty()) out += ": " + activity;
    out += "\n";
  }
  return out;
}

void ItineraryScreen::draw() {
  auto& u = ui();
  if (!itinerary_) {
    layout::screenTitle(ctx_, ctx_.tr("common.not_found"));
    u.placeholder({ImGui::GetContentRegionAvail().x, u.px(400)}, ctx_.tr("common.not_found_hint"));
    return;
  }
  if (qrLanguage_ != ctx_.lang()) {  // the code carries the text in the language shown
    qr_.encode(plainText());
    qrLanguage_ = ctx_.lang();
  }
  const auto& it = *itinerary_;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float rightW = avail.x * 0.38f;
  const float gap = u.px(48);
  const float leftW = avail.x - rightW - gap;
  u.beginScroll("##itinerary", {leftW, avail.y});
  const float wrap = leftW - u.px(24);
  std::string when = layout::reportedDate(ctx_, it.date, it.reportedOn);
  if (!it.start.empty()) when += " · " + it.start + (it.end.empty() ? "" : "–" + it.end);
  else if (it.dayPart != content::DayPart::Unknown) when += std::string(" · ") + ctx_.tr("tours.daypart." + std::string(content::toString(it.dayPart)));
  u.text(u.fonts.bold, ui::colour::Amber, when.c_str());
  if (it.sample) u.text(u.fonts.bold, ui::colour::Amber, ctx_.tr("common.sample"));
  u.text(u.fonts.heading, ui::colour::Ink, ctx_.text(it.delegation).c_str(), wrap);
  if (!ctx_.text(it.origin).empty()) u.text(u.fonts.body, ui::colour::Muted, ctx_.text(it.origin).c_str(), wrap);
  u.spacer(8);
  if (!ctx_.text(it.host).empty()) {
    u.text(u.fonts.small, ui::colour::Muted, ctx_.tr("itinerary.host"));
    u.text(u.fonts.body, ui::colour::Ink, ctx_.text(it.host).c_str(), wrap);
    u.spacer(6);
  }
  if (!ctx_.text(it.alsoPresent).empty()) {
    u.text(u.fonts.small, ui::colour::Muted, ctx_.tr("itinerary.also_present"));
    u.text(u.fonts.body, ui::colour::Ink, ctx_.text(it.alsoPresent).c_str(), wrap);
    u.spacer(6);
  }
  if (!ctx_.text(it.summary).empty()) u.text(u.fonts.body, ui::colour::Ink, ctx_.text(it.summary).c_str(), wrap);
  u.spacer(16);
  const bool hasStops = !it.stops.empty();
  if (!hasStops) {
    // The report tells of the visit but names no place in the park: say so, number nothing.
    u.text(u.fonts.title, ui::colour::Ink, ctx_.tr("itinerary.visit"));
    u.text(u.fonts.body, ui::colour::Muted, ctx_.tr("itinerary.no_stops"), wrap);
  } else {
    u.text(u.fonts.title, ui::colour::Ink, ctx_.tr("itinerary.stops"));
    if (it.unordered) u.text(u.fonts.small, ui::colour::Muted, ctx_.tr("itinerary.unordered"), wrap);
    // The stops as a timeline: a numbered dot on a line, each stop opens its place.
    for (std::size_t i = 0; i < it.stops.size(); ++i) {
      const auto& stop = it.stops[i];
      std::string where = stop.placeId;
      for (const auto& p : places_)
        if (p.id == stop.placeId) where = ctx_.text(p.name);
      std::string detail = stop.start.empty() ? std::string() : stop.start + (stop.end.empty() ? "" : "–" + stop.end) + " · ";
      detail += ctx_.text(stop.activity);
      const ImVec2 a = ImGui::GetCursorScreenPos();
      ImGui::SetCursorScreenPos({a.x + u.px(72), a.y});
      ImGui::PushID(static_cast<int>(i));
      ImGui::BeginGroup();
      const bool tapped = u.row(where.c_str(), where.c_str(), detail.c_str(), 0.f, 0);
      ImGui::EndGroup();
      ImGui::PopID();
      const ImVec2 b = ImGui::GetItemRectMax();
      ImDrawList* list = ImGui::GetWindowDrawList();
      const float cx = a.x + u.px(30);
      if (it.unordered) {
        // No order is known: a plain dot for each stop, no line joining them, no number.
        list->AddCircleFilled({cx, a.y + u.px(44)}, u.px(12), ui::colour::TileTours, 24);
      } else {
        if (i + 1 < it.stops.size()) list->AddLine({cx, a.y + u.px(30)}, {cx, b.y + u.px(30)}, ui::colour::Line, u.px(4));
        list->AddCircleFilled({cx, a.y + u.px(44)}, u.px(24), ui::colour::TileTours, 32);
        const std::string n = std::to_string(i + 1);
        const ImVec2 ns = u.fonts.bold->CalcTextSizeA(u.fonts.bold->FontSize, FLT_MAX, 0.f, n.c_str());
        list->AddText(u.fonts.bold, u.fonts.bold->FontSize, {cx - ns.x * 0.5f, a.y + u.px(44) - ns.y * 0.5f}, ui::colour::White, n.c_str());
      }
      if (tapped) ctx_.router.open(Route{ScreenId::Place, stop.placeId});
    }
  }
  u.spacer(16);
  layout::drawSourceLine(ctx_, it.source, wrap);
  u.spacer(24);
  u.spacer(16);
  ui::drawGallery(u, ctx_.images, it.gallery, ctx_.session.language, {.width = wrap, .aspect = 0.56f, .openLabel = ctx_.tr("viewer.open")}, it.id.c_str());
  u.endScroll();

  ImGui::SameLine(0, gap);
  ImGui::BeginGroup();
  if (hasStops) drawRouteMap(rightW);
  u.spacer(8);
  const float qrSize = std::min(u.px(hasStops ? 260 : 360), ImGui::GetContentRegionAvail().y - u.px(10));
  qr_.drawWithCaption(u, qrSize, ctx_.tr("itinerary.qr_title"), ctx_.tr("itinerary.qr_hint"), rightW);
  ImGui::EndGroup();
}

void ItineraryScreen::drawRouteMap(float width) {
  auto& u = ui();
  const auto& it = *itinerary_;
  const float rightW = width;
  ui::MapOptions options;
  options.language = ctx_.lang();
  for (const auto& stop : it.stops) options.route.push_back(stop.placeId);
  options.routeOrdered = !it.unordered;
  options.caption = ctx_.tr("map.caption");
  options.sampleBadge = ctx_.tr("common.sample");
  options.walk = walk_;
  where_.mark(options, ctx_);
  options.interactive = false;
  const float mapH = rightW * 0.7f;
  ui::drawParkMap(u, ctx_.images, {rightW, mapH}, places_, options);
  u.spacer(8);
  // A route in order only where the documents give one.
  if (!it.unordered &&
      u.button((std::string(ctx_.tr("itinerary.show_route")) + "##route").c_str(), {rightW, 0}, ui::Look::Secondary, ui::Icon::Map))
    ctx_.router.open(Route{ScreenId::Map, "itinerary:" + it.id});
}

}  // namespace qtsc::kiosk
