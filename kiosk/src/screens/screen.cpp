#include "screens/screen.hpp"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "screens/all_screens.hpp"
#include "ui/keyboard.hpp"

namespace qtsc::kiosk {

ScreenRegistry makeScreens(Context& context) {
  ScreenRegistry screens;
  screens.add(std::make_unique<AttractScreen>(context));
  screens.add(std::make_unique<HomeScreen>(context));
  screens.add(std::make_unique<HistoryScreen>(context));
  screens.add(std::make_unique<MilestoneScreen>(context));
  screens.add(std::make_unique<DirectoryScreen>(context));
  screens.add(std::make_unique<TenantScreen>(context));
  screens.add(std::make_unique<ToursScreen>(context));
  screens.add(std::make_unique<ItineraryScreen>(context));
  screens.add(std::make_unique<SteamScreen>(context));
  screens.add(std::make_unique<ExhibitScreen>(context));
  screens.add(std::make_unique<QuizScreen>(context));
  screens.add(std::make_unique<MapScreen>(context));
  screens.add(std::make_unique<PlaceScreen>(context));
  screens.add(std::make_unique<ChainScreen>(context));
  screens.add(std::make_unique<SearchScreen>(context));
  screens.add(std::make_unique<StaffScreen>(context));
  for (int i = 0; i < kScreenCount; ++i)
    if (!screens.has(static_cast<ScreenId>(i)))
      throw std::logic_error("no screen registered for " + std::string(screenName(static_cast<ScreenId>(i))));
  return screens;
}

void ScreenRegistry::add(std::unique_ptr<Screen> screen) {
  const auto index = static_cast<std::size_t>(screen->id());
  if (index >= screens_.size()) throw std::logic_error("a screen reports an id out of range");
  if (screens_[index]) throw std::logic_error("two screens registered for " + std::string(screenName(screen->id())));
  screens_[index] = std::move(screen);
}

Screen& ScreenRegistry::get(ScreenId id) const {
  const auto index = static_cast<std::size_t>(id);
  if (index >= screens_.size() || !screens_[index])
    throw std::logic_error("no screen registered for " + std::string(screenName(id)));
  return *screens_[index];
}

bool ScreenRegistry::has(ScreenId id) const {
  const auto index = static_cast<std::size_t>(id);
  return index < screens_.size() && screens_[index] != nullptr;
}


void Screen::noteReadError(const std::exception& error) {
  readError_ = error.what();
  if (readError_.empty()) readError_ = "unknown error";
  if (readError_ == lastLoggedError_) return;  // once, not at every visit or minute
  lastLoggedError_ = readError_;
  spdlog::error("{} screen: the content cannot be read from {}: {}", screenName(id()), ctx_.store.path(), readError_);
}

namespace layout {

void drawReadError(Context& ctx) {
  // Both languages at once: the visitor may not find the language buttons useful here.
  auto& u = ctx.ui;
  const std::string& lang = ctx.lang();
  const std::string other = lang == "vi" ? "en" : "vi";
  u.spacer(40);
  u.text(u.fonts.heading, ui::colour::Ink, ctx.i18n.tr("common.read_error", lang));
  u.text(u.fonts.body, ui::colour::Muted, ctx.i18n.tr("common.read_error_hint", lang), ImGui::GetContentRegionAvail().x * 0.8f);
  u.spacer(24);
  u.text(u.fonts.title, ui::colour::Muted, ctx.i18n.tr("common.read_error", other));
  u.text(u.fonts.small, ui::colour::Muted, ctx.i18n.tr("common.read_error_hint", other), ImGui::GetContentRegionAvail().x * 0.8f);
}

void screenTitle(Context& ctx, const char* title, const char* subtitle) {
  ctx.ui.text(ctx.ui.fonts.heading, ui::colour::Ink, title);
  if (subtitle && *subtitle) ctx.ui.text(ctx.ui.fonts.body, ui::colour::Muted, subtitle);
  ctx.ui.spacer(8);
}

namespace {
const char* const kMonthsEn[] = {"January", "February", "March", "April", "May", "June",
                                 "July", "August", "September", "October", "November", "December"};
}

std::string date(const std::string& iso, const std::string& language) {
  const auto parsed = content::PartialDate::parse(iso);
  if (!parsed) return iso;
  return partialDate(*parsed, language);
}

std::string partialDate(const content::PartialDate& d, const std::string& language) {
  if (d.year == 0) return {};
  const std::string year = std::to_string(d.year);
  if (d.month == 0) return year;
  if (language == "vi") {
    if (d.day == 0) return "Tháng " + std::to_string(d.month) + "/" + year;
    return std::to_string(d.day) + "/" + std::to_string(d.month) + "/" + year;
  }
  const std::string month = kMonthsEn[d.month - 1];
  if (d.day == 0) return month + " " + year;
  return std::to_string(d.day) + " " + month + " " + year;
}

std::string reportedDate(Context& ctx, const std::string& isoDate, const std::string& reportedIso) {
  const std::string when = date(isoDate, ctx.lang());
  if (reportedIso.empty()) return when;
  return format(ctx.tr("common.reported"), when, date(reportedIso, ctx.lang()));
}

std::string reportedDate(Context& ctx, const content::PartialDate& when, const content::PartialDate& reported) {
  const std::string shown = partialDate(when, ctx.lang());
  if (reported.year == 0) return shown;
  return format(ctx.tr("common.reported"), shown, partialDate(reported, ctx.lang()));
}

std::string sourceLine(Context& ctx, const std::string& source) {
  std::vector<content::SourceDocument> documents;
  try {
    documents = ctx.store.sourcesCitedBy(source);
  } catch (const std::exception& error) {
    spdlog::warn("the documents '{}' cites cannot be read: {}", source, error.what());
    return {};
  }
  if (documents.empty()) return {};
  std::string line = std::string(ctx.tr("common.source")) + ": ";
  std::vector<std::string> unconfirmed;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const auto& d = documents[i];
    std::string name = ctx.text(d.publisher);
    if (name.empty()) name = d.author;
    if (name.empty()) name = ctx.tr("common.untitled_news");
    std::string detail;
    if (d.date.year != 0) detail = partialDate(d.date, ctx.lang());
    if (!d.language.empty() && d.language != ctx.lang()) {
      const std::string language = ctx.tr("common.language." + d.language);
      if (language != "common.language." + d.language) detail += (detail.empty() ? "" : ", ") + language;
    }
    line += (i ? "; " : "") + name + (detail.empty() ? "" : " (" + detail + ")");
    for (const auto& n : d.unconfirmedNames)
      if (std::find(unconfirmed.begin(), unconfirmed.end(), n) == unconfirmed.end()) unconfirmed.push_back(n);
  }
  if (!unconfirmed.empty() && ctx.lang() == "vi") {
    std::string names;
    for (const auto& n : unconfirmed) names += (names.empty() ? "" : ", ") + n;
    line += ". " + format(ctx.tr("common.unconfirmed_names"), names);
  }
  return line;
}

void drawSourceLine(Context& ctx, const std::string& source, float wrap) {
  const std::string line = sourceLine(ctx, source);
  if (line.empty()) return;
  ctx.ui.text(ctx.ui.fonts.small, ui::colour::Muted, line.c_str(), wrap);
}

std::string resultCount(Context& ctx, int total, bool capped, std::size_t listed) {
  const std::string counted = formatCount(total, ctx.lang()) + (capped ? "+" : "");
  if (!capped && static_cast<std::size_t>(total) <= listed)
    return total == 1 ? std::string(ctx.tr("directory.count_one")) : format(ctx.tr("directory.count"), counted);
  return format(ctx.tr("directory.count_listed"), counted, formatCount(static_cast<long long>(listed), ctx.lang()));
}

SearchColumns searchColumns(Context& ctx, ImVec2 avail) {
  auto& u = ctx.ui;
  SearchColumns c;
  c.stacked = avail.x < avail.y;
  c.gap = u.px(48);
  c.fieldW = c.stacked ? avail.x : std::min(u.px(780), avail.x * 0.45f);
  c.resultsW = c.stacked ? avail.x : avail.x - c.fieldW - c.gap;
  return c;
}

void nextColumn(Context& ctx, const SearchColumns& columns) {
  if (columns.stacked) ctx.ui.spacer(16);
  else ImGui::SameLine(0, columns.gap);
}

bool searchField(Context& ctx, std::string& text, const char* placeholder, float width) {
  auto& u = ctx.ui;
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const float h = u.px(92);
  ImGui::Dummy({width, h});
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 b(a.x + width, a.y + h);
  ui::Ui::fillRounded(list, a, b, ui::colour::Card, u.px(18));
  list->AddRect(a, b, ui::colour::Teal, u.px(18), 0, u.px(3));
  u.drawIcon(list, ui::Icon::Search, {a.x + u.px(46), a.y + h * 0.5f}, u.px(36), ui::colour::Teal);
  const bool empty = text.empty();
  const char* shown = empty ? placeholder : text.c_str();
  ImFont* f = u.fonts.title;
  const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.f, shown);
  const float tx = a.x + u.px(84);
  list->PushClipRect(a, {b.x - u.px(16), b.y}, true);
  list->AddText(f, f->FontSize, {tx, a.y + (h - ts.y) * 0.5f}, empty ? ui::colour::Muted : ui::colour::Ink, shown);
  if (!empty) list->AddRectFilled({tx + ts.x + u.px(4), a.y + u.px(22)}, {tx + ts.x + u.px(7), b.y - u.px(22)}, ui::colour::Teal);
  list->PopClipRect();
  u.spacer(12);
  const ui::KeyboardLabels labels{ctx.tr("keyboard.space"), ctx.tr("keyboard.delete"), ctx.tr("keyboard.clear")};
  return ui::onScreenKeyboard(u, text, labels, width);
}

}  // namespace layout
}  // namespace qtsc::kiosk
