#include <imgui.h>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

void DirectoryScreen::onEnter(const Route&) {
  try {
    sectors_ = ctx_.store.sectors();
    buildings_.clear();
    placeNames_.clear();
    for (auto& place : ctx_.store.places()) {
      placeNames_[place.id] = place.name;
      if (place.kind == content::PlaceKind::Building || place.kind == content::PlaceKind::Centre) buildings_.push_back(place);
    }
    sectorNames_.clear();
    for (const auto& s : sectors_) sectorNames_[s.id] = s.name;
  } catch (const std::exception& error) {
    noteReadError(error);
  }
  query_.language = ctx_.lang();
  if (rows_.empty() || !(shown_ == query_)) requestResults();
}

void DirectoryScreen::countSearchOutcome() {
  if (waiting_ || !error_.empty() || !rows_.empty() || shown_.text.empty() || counted_ == shown_.text) return;
  counted_ = shown_.text;
  ctx_.usage.searchNotFound(shown_.text);
}

void DirectoryScreen::reset() {
  countSearchOutcome();
  counted_.clear();
  query_ = {};
  shown_ = {};
  rows_.clear();
  total_ = 0;
  totalCapped_ = false;
  waiting_ = false;
}

void DirectoryScreen::requestResults() {
  query_.offset = 0;
  waiting_ = true;
  ctx_.search.request(query_, [this](DirectoryResult result) {
    waiting_ = !(result.query == query_);
    rows_ = std::move(result.rows);
    total_ = result.total;
    totalCapped_ = result.totalCapped;
    error_ = std::move(result.error);
    if (!error_.empty()) spdlog::error("directory screen: the search cannot be run on {}: {}", ctx_.store.path(), error_);
    shown_ = result.query;
  });
}

void DirectoryScreen::requestMore() {
  DirectoryQuery more = query_;
  more.offset = static_cast<int>(rows_.size());
  waiting_ = true;
  ctx_.search.request(more, [this](DirectoryResult result) {
    DirectoryQuery asked = result.query;
    asked.offset = 0;
    if (!(asked == query_) || result.query.offset != static_cast<int>(rows_.size())) return;  // a newer query's rows
    waiting_ = false;
    error_ = std::move(result.error);
    if (!error_.empty()) spdlog::error("directory screen: the listing cannot be read on {}: {}", ctx_.store.path(), error_);
    for (auto& row : result.rows) rows_.push_back(std::move(row));
    if (result.rows.empty()) total_ = static_cast<int>(rows_.size());  // tenants went away since the count
  });
}

std::string DirectoryScreen::status() const {
  if (!error_.empty()) return ctx_.tr("directory.error");
  if (waiting_ && rows_.empty()) return ctx_.tr("directory.searching");
  // An untyped listing says how many there are, however many pages are read so far.
  const std::size_t listed = shown_.text.find_first_not_of(' ') == std::string::npos ? static_cast<std::size_t>(total_) : rows_.size();
  return layout::resultCount(ctx_, total_, totalCapped_, listed);
}

void DirectoryScreen::draw() {
  auto& u = ui();
  const layout::SearchColumns columns = layout::searchColumns(ctx_, ImGui::GetContentRegionAvail());
  bool changed = false;
  if (query_.language != ctx_.lang()) {  // an untyped listing is in the visitor's language's order
    query_.language = ctx_.lang();
    changed = true;
  }

  // ---- the search field and the keyboard: on the left, or on top on a tall panel
  ImGui::BeginGroup();
  layout::screenTitle(ctx_, ctx_.tr("directory.title"));
  changed = layout::searchField(ctx_, query_.text, ctx_.tr("directory.placeholder"), columns.fieldW) || changed;
  ImGui::EndGroup();
  layout::nextColumn(ctx_, columns);

  // ---- filters and results
  ImGui::BeginGroup();
  const float rightW = columns.resultsW;
  u.text(u.fonts.bold, ui::colour::Muted, ctx_.tr("directory.sector"));
  u.beginScroll("##sectors", {rightW, std::max(u.px(76), u.touchMin + u.px(12))}, true);
  if (u.chip((std::string(ctx_.tr("directory.all_sectors")) + "##sector-all").c_str(), query_.sectorId.empty())) {
    changed = changed || !query_.sectorId.empty();
    query_.sectorId.clear();
  }
  for (const auto& sector : sectors_) {
    ImGui::SameLine(0, u.px(12));
    const std::string id = ctx_.text(sector.name) + "##sector-" + sector.id;
    if (u.chip(id.c_str(), query_.sectorId == sector.id)) {
      query_.sectorId = query_.sectorId == sector.id ? std::string() : sector.id;
      changed = true;
    }
  }
  u.endScroll();
  u.text(u.fonts.bold, ui::colour::Muted, ctx_.tr("directory.building"));
  u.beginScroll("##buildings", {rightW, std::max(u.px(76), u.touchMin + u.px(12))}, true);
  if (u.chip((std::string(ctx_.tr("directory.all_buildings")) + "##place-all").c_str(), query_.placeId.empty())) {
    changed = changed || !query_.placeId.empty();
    query_.placeId.clear();
  }
  for (const auto& place : buildings_) {
    ImGui::SameLine(0, u.px(12));
    const std::string id = text::excerpt(ctx_.text(place.name), 40) + "##place-" + place.id;
    if (u.chip(id.c_str(), query_.placeId == place.id)) {
      query_.placeId = query_.placeId == place.id ? std::string() : place.id;
      changed = true;
    }
  }
  u.endScroll();
  if (changed) requestResults();

  u.text(u.fonts.bold, ui::colour::Teal, status().c_str(), rightW);

  const float listH = ImGui::GetContentRegionAvail().y;
  u.beginScroll("##results", {rightW, listH});
  if (rows_.empty() && !waiting_) {
    u.spacer(20);
    u.text(u.fonts.body, ui::colour::Muted, ctx_.tr("directory.none"), rightW - u.px(40));
  }
  const float rowH = std::max(u.px(104), u.touchMin);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {0, u.px(10)});
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows_.size()), rowH + u.px(10));
  int shownEnd = 0;
  while (clipper.Step()) {
    shownEnd = std::max(shownEnd, clipper.DisplayEnd);
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& row = rows_[static_cast<std::size_t>(i)];
      std::string detail;
      if (auto p = placeNames_.find(row.placeId); p != placeNames_.end()) detail = ctx_.text(p->second);
      if (!row.floor.empty()) detail += (detail.empty() ? "" : " · ") + format(ctx_.tr("directory.floor"), row.floor);
      for (const auto& s : row.sectors)
        if (auto n = sectorNames_.find(s); n != sectorNames_.end()) {
          detail += (detail.empty() ? "" : " · ") + ctx_.text(n->second);
          break;
        }
      const std::string title = ctx_.text(row.name);
      ImGui::PushID(i);
      if (u.row(title.c_str(), title.c_str(), detail.c_str(), rowH, row.sample ? ui::colour::Line : ui::colour::Teal))
        ctx_.router.open(Route{ScreenId::Tenant, row.id});
      ImGui::PopID();
    }
  }
  ImGui::PopStyleVar();
  u.endScroll();
  ImGui::EndGroup();
  // Near the end of what is read of an untyped listing: the next page.
  const auto read = static_cast<int>(rows_.size());
  if (!waiting_ && error_.empty() && shown_ == query_ && query_.text.find_first_not_of(' ') == std::string::npos &&
      read < total_ && shownEnd + 50 >= read)
    requestMore();
}

}  // namespace qtsc::kiosk
