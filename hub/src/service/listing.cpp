#include "service/listing.hpp"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "core/safe_text.hpp"
#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

using nlohmann::json;

namespace {

// The problem in English and as a code with parameters for the admin page (hub/web/lang).
[[noreturn]] void refuse(const std::string& param, const std::string& problem, const std::string& code,
                         std::map<std::string, std::string> params = {}) {
  throw InvalidRequestError({FieldIssue{param, problem, code, std::move(params)}});
}

bool wholeNumber(const std::string& text, long long& out) {
  if (text.empty() || text.size() > 12) return false;
  std::size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return false;
  for (std::size_t j = i; j < text.size(); ++j)
    if (text[j] < '0' || text[j] > '9') return false;
  out = std::stoll(text);
  return true;
}

// The text of a field for matching and sorting: a string, the texts of every language of
// a localised text, a number as digits.
void textsOf(const json& value, std::vector<std::string>& out) {
  if (value.is_string()) out.push_back(value.get<std::string>());
  else if (value.is_object())
    for (const auto& [lang, text] : value.items())
      if (text.is_string()) out.push_back(text.get<std::string>());
}

std::string sortText(const json& value, const std::string& language) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) {
    for (const std::string& lang : {language, std::string("vi"), std::string("en")})
      if (value.contains(lang) && value[lang].is_string()) return value[lang].get<std::string>();
    return {};
  }
  if (value.is_number()) return value.dump();
  return {};
}

// One Vietnamese collator for every list; ICU's collators are not thread-safe to share
// for comparison without a lock, so each sort takes its own clone.
std::unique_ptr<icu::Collator> vietnameseCollator() {
  static std::once_flag once;
  static std::unique_ptr<icu::Collator> prototype;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::Collator::createInstance(icu::Locale("vi"), status));
    // Numbers inside names by their value: "Lô 9" before "Lô 10".
    if (U_SUCCESS(status)) prototype->setAttribute(UCOL_NUMERIC_COLLATION, UCOL_ON, status);
    if (U_FAILURE(status)) prototype.reset();
  });
  if (!prototype) throw HubError("ICU has no Vietnamese collator");
  return std::unique_ptr<icu::Collator>(prototype->clone());
}

}  // namespace

std::string foldForFilter(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw HubError("ICU has no NFD normaliser");
  const icu::UnicodeString decomposed = nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), status);
  if (U_FAILURE(status)) throw HubError("ICU could not normalise a filter text");
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 ch = decomposed.char32At(i);
    i += U16_LENGTH(ch);
    if (u_charType(ch) == U_NON_SPACING_MARK) continue;
    bare.append(ch == 0x0110 || ch == 0x0111 ? UChar32{'d'} : ch);
  }
  bare.toLower(icu::Locale::getRoot());
  std::string out;
  bare.toUTF8String(out);
  return out;
}

ListQuery parseListQuery(const std::multimap<std::string, std::string>& params, const ListShape& shape) {
  ListQuery q;
  for (const auto& [name, value] : params) {
    const std::string shown = safeText(name, 40);
    if (firstInvalidUtf8(name)) refuse("query", "a parameter name is not valid UTF-8", "utf8_invalid");
    if (firstInvalidUtf8(value)) refuse(shown, "is not valid UTF-8 text", "utf8_invalid");
    if (params.count(name) > 1) refuse(shown, "is given more than once", "param_repeated");
    long long number = 0;
    if (name == "q") {
      if (value.size() > kMaxFilterBytes) refuse("q", "is at most " + std::to_string(kMaxFilterBytes) + " bytes", "filter_too_long", {{"max", std::to_string(kMaxFilterBytes)}});
      q.text = value;
    } else if (name == "descriptions") {
      if (value != "0" && value != "1") refuse("descriptions", "is 1 (also search descriptions and websites) or 0", "descriptions_flag");
      q.inDescriptions = value == "1";
    } else if (name == "building" || name == "sector") {
      if (!shape.hasBuildingAndSector) refuse(shown, "is not a filter of this list", "filter_not_here");
      if (value.size() > 64) refuse(shown, "is an id of at most 64 bytes", "id_too_long");
      (name == "building" ? q.building : q.sector) = value;
    } else if (name == "sort") {
      const std::string field = !value.empty() && value[0] == '-' ? value.substr(1) : value;
      if (std::find(shape.sortable.begin(), shape.sortable.end(), field) == shape.sortable.end()) {
        std::string list;
        for (const auto& f : shape.sortable) list += (list.empty() ? "" : ", ") + f;
        refuse("sort", "is one of " + list + " (with - before it for the reverse order)", "sort_field", {{"fields", list}});
      }
      q.sort = value;
    } else if (name == "lang") {
      if (value != "vi" && value != "en") refuse("lang", "is vi or en", "sort_language");
      q.language = value;
    } else if (name == "offset") {
      if (!wholeNumber(value, number) || number < 0 || number > kMaxOffset)
        refuse("offset", "is a whole number from 0 to " + std::to_string(kMaxOffset), "offset_range", {{"max", std::to_string(kMaxOffset)}});
      q.offset = number;
    } else if (name == "limit") {
      if (!wholeNumber(value, number) || number < 1 || number > kMaxPageSize)
        refuse("limit", "is a whole number from 1 to " + std::to_string(kMaxPageSize), "page_size", {{"max", std::to_string(kMaxPageSize)}});
      q.limit = static_cast<int>(number);
    } else {
      const std::string known = std::string("q, descriptions, sort, lang, offset, limit") + (shape.hasBuildingAndSector ? ", building, sector" : "");
      refuse(shown, "is not a parameter of this list (" + known + ")", "param_unknown", {{"names", known}});
    }
  }
  return q;
}

json listPage(const json& records, const ListQuery& query, const ListShape& shape,
              const std::function<json(const json&)>& project) {
  // Every word of the filter in the record's names (or descriptions, when asked).
  std::vector<std::string> words;
  {
    const std::string folded = foldForFilter(query.text);
    std::size_t at = 0;
    while (at < folded.size()) {
      const std::size_t end = folded.find_first_of(" \t", at);
      const std::string word = folded.substr(at, end == std::string::npos ? std::string::npos : end - at);
      if (!word.empty()) words.push_back(word);
      if (end == std::string::npos) break;
      at = end + 1;
    }
  }
  std::vector<const json*> matching;
  for (const auto& record : records) {
    if (!query.building.empty() && record.value("place", std::string()) != query.building) continue;
    if (!query.sector.empty()) {
      const json sectors = record.value("sectors", json::array());
      if (std::find(sectors.begin(), sectors.end(), json(query.sector)) == sectors.end()) continue;
    }
    if (!words.empty()) {
      std::vector<std::string> texts;
      if (record.contains("id")) textsOf(record["id"], texts);
      for (const auto& f : shape.names)
        if (record.contains(f)) textsOf(record[f], texts);
      if (query.inDescriptions)
        for (const auto& f : shape.descriptions)
          if (record.contains(f)) textsOf(record[f], texts);
      std::string haystack;
      for (const auto& t : texts) haystack += foldForFilter(t) + "\n";
      const bool all = std::all_of(words.begin(), words.end(), [&](const std::string& w) { return haystack.find(w) != std::string::npos; });
      if (!all) continue;
    }
    matching.push_back(&record);
  }

  const std::string sortSpec = query.sort.empty() && !shape.sortable.empty() ? shape.sortable.front() : query.sort;
  const bool descending = !sortSpec.empty() && sortSpec[0] == '-';
  const std::string field = descending ? sortSpec.substr(1) : sortSpec;
  if (!field.empty()) {
    auto collator = vietnameseCollator();
    struct Keyed {
      const json* record;
      bool number;
      double value;
      std::string key;  // the collator's sort key
      std::string id;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(matching.size());
    for (const json* r : matching) {
      Keyed k{r, false, 0, {}, r->value("id", std::string())};
      const json value = r->contains(field) ? (*r)[field] : json();
      if (value.is_number()) {
        k.number = true;
        k.value = value.get<double>();
      } else {
        const std::string text = sortText(value, query.language);
        const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
        const int32_t size = collator->getSortKey(u, nullptr, 0);
        k.key.resize(static_cast<std::size_t>(size));
        collator->getSortKey(u, reinterpret_cast<uint8_t*>(k.key.data()), size);
      }
      keyed.push_back(std::move(k));
    }
    std::stable_sort(keyed.begin(), keyed.end(), [descending](const Keyed& a, const Keyed& b) {
      // Numbers before texts; then the value; then the id so the order is the same each time.
      if (a.number != b.number) return a.number;
      int order = a.number ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : a.key.compare(b.key);
      if (order == 0) order = a.id.compare(b.id);
      return descending ? order > 0 : order < 0;
    });
    for (std::size_t i = 0; i < keyed.size(); ++i) matching[i] = keyed[i].record;
  }

  json items = json::array();
  const auto total = static_cast<long long>(matching.size());
  for (long long i = query.offset; i < total && i < query.offset + query.limit; ++i)
    items.push_back(project ? project(*matching[static_cast<std::size_t>(i)]) : *matching[static_cast<std::size_t>(i)]);
  return {{"items", items}, {"total", total}, {"offset", query.offset}, {"limit", query.limit},
          {"all", records.size()}};
}

}  // namespace qtsc::hub
