#include <imgui.h>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

void SearchScreen::onEnter(const Route&) {
  if (!(result_.text == text_)) requestResults();
}

void SearchScreen::reset() {
  countSearchOutcome();
  counted_.clear();
  text_.clear();
  result_ = {};
  waiting_ = false;
}

void SearchScreen::countSearchOutcome() {
  if (waiting_ || !result_.error.empty() || !result_.hits.empty() || result_.text.empty() || counted_ == result_.text) return;
  counted_ = result_.text;
  ctx_.usage.searchNotFound(result_.text);
}

void SearchScreen::requestResults() {
  waiting_ = true;
  ctx_.search.requestEverything(text_, [this](EverythingResult result) {
    waiting_ = result.text != text_;
    if (!result.error.empty())
      spdlog::error("search screen: the search cannot be run on {}: {}", ctx_.store.path(), result.error);
    result_ = std::move(result);
  });
}

Route SearchScreen::routeOf(const content::SearchHit& hit) {
  using content::RecordKind;
  switch (hit.kind) {
    case RecordKind::Tenant: return {ScreenId::Tenant, hit.id};
    case RecordKind::Place: return {ScreenId::Place, hit.id};
    case RecordKind::Milestone: return {ScreenId::Milestone, hit.id};
    case RecordKind::Exhibit: return {ScreenId::Exhibit, hit.id};
    case RecordKind::Itinerary: return {ScreenId::Itinerary, hit.id};
    case RecordKind::Park: return {ScreenId::Chain, hit.id};  // a member of the chain
    default: return {ScreenId::Home, {}};
  }
}

std::string SearchScreen::status() const {
  if (text_.find_first_not_of(' ') == std::string::npos) return ctx_.tr("search.hint");
  if (!result_.error.empty()) return ctx_.tr("directory.error");
  if (waiting_ && result_.hits.empty()) return ctx_.tr("directory.searching");
  return layout::resultCount(ctx_, result_.total, result_.totalCapped, result_.hits.size());
}

std::string SearchScreen::detailOf(const content::SearchHit& hit) const {
  std::string detail = ctx_.tr("search.kind." + std::string(content::toString(hit.kind)));
  // A milestone's subtitle is its date as stored ("2021-03-16"): shown as the visitor reads dates.
  if (const std::string& sub = ctx_.text(hit.subtitle); !sub.empty())
    detail += " · " + (hit.kind == content::RecordKind::Milestone ? layout::date(sub, ctx_.lang()) : text::excerpt(sub, 80));
  if (hit.sample) detail += std::string(" · ") + ctx_.tr("common.sample");
  return detail;
}

void SearchScreen::draw() {
  auto& u = ui();
  const layout::SearchColumns columns = layout::searchColumns(ctx_, ImGui::GetContentRegionAvail());

  ImGui::BeginGroup();
  layout::screenTitle(ctx_, ctx_.tr("search.title"));
  if (layout::searchField(ctx_, text_, ctx_.tr("search.placeholder"), columns.fieldW)) requestResults();
  ImGui::EndGroup();
  layout::nextColumn(ctx_, columns);

  ImGui::BeginGroup();
  const float rightW = columns.resultsW;
  u.text(u.fonts.bold, ui::colour::Teal, status().c_str(), rightW);
  u.beginScroll("##everything", {rightW, ImGui::GetContentRegionAvail().y});
  const bool typed = text_.find_first_not_of(' ') != std::string::npos;
  if (typed && result_.hits.empty() && !waiting_ && result_.error.empty()) {
    u.spacer(20);
    u.text(u.fonts.body, ui::colour::Muted, ctx_.tr("search.none"), rightW - u.px(40));
  }
  const float rowH = std::max(u.px(104), u.touchMin);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {0, u.px(10)});
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(result_.hits.size()), rowH + u.px(10));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& hit = result_.hits[static_cast<std::size_t>(i)];
      const std::string detail = detailOf(hit);
      const std::string title = ctx_.text(hit.title);
      ImGui::PushID(i);
      if (u.row(title.c_str(), title.c_str(), detail.c_str(), rowH, hit.sample ? ui::colour::Line : ui::colour::Teal))
        ctx_.router.open(routeOf(hit));
      ImGui::PopID();
    }
  }
  ImGui::PopStyleVar();
  u.endScroll();
  ImGui::EndGroup();
}

}  // namespace qtsc::kiosk
