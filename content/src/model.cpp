#include "qtsc/content/model.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <utility>

namespace qtsc::content {

namespace {

const std::string kEmpty;

std::optional<int> parseDigits(std::string_view text, std::size_t count) {
  if (text.size() != count) return std::nullopt;
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && isLeapYear(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& table,
                           std::string_view text) {
  for (const auto& [value, name] : table)
    if (name == text) return value;
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [candidate, name] : table)
    if (candidate == value) return name;
  return "unknown";
}

constexpr std::array<std::pair<PlaceKind, std::string_view>, 5> kPlaceKinds{{
    {PlaceKind::Building, "building"},
    {PlaceKind::Centre, "centre"},
    {PlaceKind::Lot, "lot"},
    {PlaceKind::Zone, "zone"},
    {PlaceKind::Partner, "partner"},
}};

constexpr std::array<std::pair<TenantKind, std::string_view>, 3> kTenantKinds{{
    {TenantKind::Company, "company"},
    {TenantKind::QtscUnit, "qtsc-unit"},
    {TenantKind::Group, "group"},
}};

constexpr std::array<std::pair<DayPart, std::string_view>, 4> kDayParts{{
    {DayPart::Unknown, ""},
    {DayPart::Morning, "morning"},
    {DayPart::Afternoon, "afternoon"},
    {DayPart::Evening, "evening"},
}};

constexpr std::array<std::pair<RecordKind, std::string_view>, 12> kRecordKinds{{
    {RecordKind::Park, "park"},
    {RecordKind::Sector, "sector"},
    {RecordKind::Theme, "theme"},
    {RecordKind::Milestone, "milestone"},
    {RecordKind::Place, "place"},
    {RecordKind::Tenant, "tenant"},
    {RecordKind::Exhibit, "exhibit"},
    {RecordKind::Itinerary, "itinerary"},
    {RecordKind::Welcome, "welcome"},
    {RecordKind::Source, "source"},
    {RecordKind::Paths, "paths"},
    {RecordKind::Profile, "profile"},
}};

}  // namespace

LocalizedText::LocalizedText(std::string vi, std::string en) {
  set("vi", std::move(vi));
  set("en", std::move(en));
}

const std::string& LocalizedText::in(std::string_view language,
                                     const std::vector<std::string>& fallbacks) const {
  auto pick = [this](std::string_view lang) -> const std::string* {
    auto it = byLanguage.find(lang);
    return it != byLanguage.end() && !it->second.empty() ? &it->second : nullptr;
  };
  if (const auto* text = pick(language)) return *text;
  for (const auto& lang : fallbacks)
    if (const auto* text = pick(lang)) return *text;
  if (const auto* text = pick(kDefaultLanguage)) return *text;
  for (const auto& [lang, text] : byLanguage)
    if (!text.empty()) return text;
  return kEmpty;
}

bool reaches(const std::vector<std::string>& groups, const std::vector<std::string>& kiosks,
             std::string_view kioskId, std::string_view group) {
  if (groups.empty() && kiosks.empty()) return true;
  if (!kioskId.empty() && std::find(kiosks.begin(), kiosks.end(), kioskId) != kiosks.end()) return true;
  return !group.empty() && std::find(groups.begin(), groups.end(), group) != groups.end();
}

bool WelcomeMessage::isFor(std::string_view kioskId, std::string_view group) const {
  return reaches(groups, kiosks, kioskId, group);
}

bool LocalizedText::has(std::string_view language) const {
  auto it = byLanguage.find(language);
  return it != byLanguage.end() && !it->second.empty();
}

bool LocalizedText::empty() const {
  for (const auto& [lang, text] : byLanguage)
    if (!text.empty()) return false;
  return true;
}

void LocalizedText::set(std::string language, std::string text) {
  if (text.empty())
    byLanguage.erase(language);
  else
    byLanguage.insert_or_assign(std::move(language), std::move(text));
}

std::optional<PartialDate> PartialDate::parse(std::string_view text) {
  PartialDate date;
  auto year = parseDigits(text.substr(0, 4), 4);
  if (!year || *year < 1900) return std::nullopt;
  date.year = *year;
  if (text.size() == 4) return date;
  if (text.size() < 7 || text[4] != '-') return std::nullopt;
  auto month = parseDigits(text.substr(5, 2), 2);
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  date.month = *month;
  if (text.size() == 7) return date;
  if (text.size() != 10 || text[7] != '-') return std::nullopt;
  auto day = parseDigits(text.substr(8, 2), 2);
  if (!day || *day < 1 || *day > daysInMonth(date.year, date.month)) return std::nullopt;
  date.day = *day;
  return date;
}

std::string PartialDate::iso() const {
  std::array<char, 16> buffer{};
  if (month == 0)
    std::snprintf(buffer.data(), buffer.size(), "%04d", year);
  else if (day == 0)
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02d", year, month);
  else
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", year, month, day);
  return buffer.data();
}

std::string_view toString(PlaceKind kind) { return nameOf(kPlaceKinds, kind); }
std::optional<PlaceKind> placeKindFromString(std::string_view text) { return lookup(kPlaceKinds, text); }
std::vector<std::string_view> placeKindNames() {
  std::vector<std::string_view> names;
  for (const auto& [kind, name] : kPlaceKinds) names.push_back(name);
  return names;
}
std::string_view toString(TenantKind kind) { return nameOf(kTenantKinds, kind); }
std::optional<TenantKind> tenantKindFromString(std::string_view text) { return lookup(kTenantKinds, text); }
std::vector<std::string_view> tenantKindNames() {
  std::vector<std::string_view> names;
  for (const auto& [kind, name] : kTenantKinds) names.push_back(name);
  return names;
}
std::string_view toString(DayPart part) { return nameOf(kDayParts, part); }
std::optional<DayPart> dayPartFromString(std::string_view text) { return lookup(kDayParts, text); }
std::vector<std::string_view> dayPartNames() {
  std::vector<std::string_view> names;
  for (const auto& [part, name] : kDayParts)
    if (!name.empty()) names.push_back(name);
  return names;
}
std::string_view toString(RecordKind kind) { return nameOf(kRecordKinds, kind); }
std::optional<RecordKind> recordKindFromString(std::string_view text) { return lookup(kRecordKinds, text); }

std::vector<std::string_view> kioskSectionNames() {
  return {"home", "history", "directory", "tours", "exhibits", "map"};
}
bool isKioskSection(std::string_view name) {
  const auto names = kioskSectionNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string thumbnailName(std::string_view image) {
  if (image.empty()) return {};
  const auto slash = image.rfind('/');
  const auto dot = image.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return std::string(image) + ".thumb";
  return std::string(image.substr(0, dot)) + ".thumb" + std::string(image.substr(dot));
}

std::vector<const Picture*> shownPictures(const std::vector<Picture>& gallery) {
  std::vector<const Picture*> shown;
  for (const auto& picture : gallery)
    if (!picture.image.empty()) shown.push_back(&picture);
  return shown;
}

bool isClockTime(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return false;
  auto hours = parseDigits(text.substr(0, 2), 2);
  auto minutes = parseDigits(text.substr(3, 2), 2);
  return hours && minutes && *hours < 24 && *minutes < 60;
}

bool isIsoDate(std::string_view text) {
  auto date = PartialDate::parse(text);
  return date && date->day > 0;
}

bool isIsoDateOrMonth(std::string_view text) {
  auto date = PartialDate::parse(text);
  return date && date->month > 0;
}

std::vector<std::string> citedSources(std::string_view source) {
  std::vector<std::string> ids;
  std::size_t start = 0;
  while (start <= source.size()) {
    auto end = source.find(',', start);
    if (end == std::string_view::npos) end = source.size();
    std::string_view id = source.substr(start, end - start);
    while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
    while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
    if (!id.empty()) ids.emplace_back(id);
    start = end + 1;
  }
  return ids;
}

bool isIsoDateTime(std::string_view text) {
  return text.size() == 16 && text[10] == 'T' && isIsoDate(text.substr(0, 10)) &&
         isClockTime(text.substr(11));
}

std::string withYear(std::string_view text, int year) {
  std::string shown(text);
  if (year == 0 || text.empty()) return shown;
  const std::string suffix = "(" + std::to_string(year) + ")";
  if (text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix) return shown;
  return shown + " " + suffix;
}

}  // namespace qtsc::content
