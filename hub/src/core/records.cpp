// Content records in the hub's JSON, read and written by walking each record's field
// description (content/fields.hpp), the one the content sources are read with too.
//
// [SECTION] walkers: the Reader collects every shape error before refusing; the Writer
// [SECTION] records to JSON
// [SECTION] records from JSON
#include "qtsc/hub/records.hpp"

#include "qtsc/content/fields.hpp"

#include <set>

namespace qtsc::hub {

using nlohmann::json;
namespace c = qtsc::content;

// ---------------------------------------------------------------------------------------
// [SECTION] walkers: the Reader collects every shape error before refusing; the Writer
// ---------------------------------------------------------------------------------------

namespace {

constexpr std::size_t kMaxTextBytes = 20000;  // bytes in one text field of one language

// Reads a record from a JSON object by walking its field description (content/fields.hpp),
// by each field's JSON name. Every shape error is collected, with the field's path as
// validation names it ("stops[1].place", "name.en"), before the request is refused.
class Reader {
 public:
  Reader(const json& body, std::string prefix, std::vector<FieldIssue>& issues)
      : body_(body), prefix_(std::move(prefix)), issues_(issues) {
    if (!body_.is_object()) fail("", "must be a JSON object", "json_object");
  }

  // ---- the walker members

  void string(c::FieldName name, std::string& out) {
    if (const json* v = find(name)) out = stringOf(*v, key(name));
  }
  void text(c::FieldName name, c::LocalizedText& out) {
    if (const json* v = find(name)) out = localizedOf(*v, key(name));
  }
  void strings(c::FieldName name, std::vector<std::string>& out) {
    const json* v = listOf(name, "must be a list of texts", "texts_list");
    if (!v) return;
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) out.push_back(stringOf((*v)[i], at(name, i)));
  }
  void texts(c::FieldName name, std::vector<c::LocalizedText>& out) {
    const json* v = listOf(name, "must be a list of texts by language", "localized_list");
    if (!v) return;
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) out.push_back(localizedOf((*v)[i], at(name, i)));
  }
  void integer(c::FieldName name, int& out) {
    const json* v = find(name);
    if (!v) return;
    if (!v->is_number_integer()) return fail(key(name), "must be a whole number", "whole_number");
    const auto n = v->get<long long>();
    if (n < -1000000 || n > 1000000) return fail(key(name), "is out of range", "number_range", {{"min", "-1000000"}, {"max", "1000000"}});
    out = static_cast<int>(n);
  }
  void boolean(c::FieldName name, bool& out) {
    const json* v = find(name);
    if (!v) return;
    if (!v->is_boolean()) return fail(key(name), "must be true or false", "boolean");
    out = v->get<bool>();
  }
  void negated(c::FieldName name, bool& out) { boolean(name, out); }  // JSON holds the flag itself
  void date(c::FieldName name, c::PartialDate& out) {
    const json* v = find(name);
    const std::string value = v ? stringOf(*v, key(name)) : std::string();
    if (value.empty()) return;
    if (auto parsed = c::PartialDate::parse(value)) out = *parsed;
    else fail(key(name), "'" + value + "' is not a date YYYY, YYYY-MM or YYYY-MM-DD", "partial_date", {{"text", value}});
  }
  void point(c::FieldName name, c::MapPoint& out) {
    const json* v = find(name);
    if (!v) return;
    Reader coordinates(*v, qualified(key(name)), issues_);
    coordinates.number("x", out.x);
    coordinates.number("y", out.y);
    coordinates.finish();
  }
  void choice(c::FieldName name, c::PlaceKind& out) {
    choose(name, out, c::placeKindFromString, "building, centre, lot, zone, partner");
  }
  void choice(c::FieldName name, c::TenantKind& out) { choose(name, out, c::tenantKindFromString, "company, qtsc-unit, group"); }
  void choice(c::FieldName name, c::DayPart& out) { choose(name, out, c::dayPartFromString, "morning, afternoon, evening"); }
  template <typename Record>
  void list(c::FieldName name, std::vector<Record>& out) {
    const json* v = listOf(name, "must be a list", "list");
    if (!v) return;
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) {
      Reader item((*v)[i], qualified(at(name, i)), issues_);
      out.emplace_back();
      if ((*v)[i].is_object()) c::describeFields(item, out.back());
      item.finish();
    }
  }

  // ----

  // Unknown fields are refused so a misspelt field is not silently dropped.
  void finish() {
    if (!body_.is_object()) return;
    for (const auto& [name, value] : body_.items())
      if (!seen_.count(name)) fail(name, "is not a field of this record", "record_field");
  }

 private:
  static std::string key(c::FieldName name) { return std::string(name.json); }
  static std::string at(c::FieldName name, std::size_t index) { return key(name) + "[" + std::to_string(index) + "]"; }
  std::string qualified(const std::string& field) const { return prefix_.empty() ? field : prefix_ + "." + field; }

  void fail(const std::string& field, const std::string& message, const std::string& code, FieldIssue::Params params = {}) {
    std::string name = prefix_;
    if (!field.empty()) name += (name.empty() || field.front() == '[' ? "" : ".") + field;
    issues_.push_back({name.empty() ? "body" : name, message, code, std::move(params)});
  }

  const json* find(c::FieldName name) {
    const std::string k = key(name);
    seen_.insert(k);
    if (!body_.is_object()) return nullptr;
    const auto it = body_.find(k);
    return it == body_.end() || it->is_null() ? nullptr : &*it;
  }

  const json* listOf(c::FieldName name, const char* message, const char* code) {
    const json* v = find(name);
    if (v && !v->is_array()) {
      fail(key(name), message, code);
      return nullptr;
    }
    return v;
  }

  // The text in `v`, the value at `field` (a path below this reader's).
  std::string stringOf(const json& v, const std::string& field) {
    if (!v.is_string()) { fail(field, "must be text", "text"); return {}; }
    if (v.get_ref<const std::string&>().size() > kMaxTextBytes) { fail(field, "is too long", "text_too_long", {{"max", std::to_string(kMaxTextBytes)}}); return {}; }
    return v.get<std::string>();
  }

  // Texts by language in `v`, the value at `field`.
  c::LocalizedText localizedOf(const json& v, const std::string& field) {
    c::LocalizedText out;
    if (!v.is_object()) { fail(field, "must be an object of texts by language, like {\"vi\": \"...\", \"en\": \"...\"}", "localized_object"); return out; }
    for (const auto& [language, text] : v.items()) {
      if (language.empty() || language.size() > 12) { fail(field + "." + language, "is not a language code", "language_code"); continue; }
      if (!text.is_string()) { fail(field + "." + language, "must be text", "text"); continue; }
      if (text.get_ref<const std::string&>().size() > kMaxTextBytes) { fail(field + "." + language, "is too long", "text_too_long", {{"max", std::to_string(kMaxTextBytes)}}); continue; }
      if (!text.get_ref<const std::string&>().empty()) out.set(language, text.get<std::string>());
    }
    return out;
  }

  void number(c::FieldName name, double& out) {
    const json* v = find(name);
    if (!v) return;
    if (!v->is_number()) return fail(key(name), "must be a number", "number");
    out = v->get<double>();
  }

  template <typename Enum, typename Parse>
  void choose(c::FieldName name, Enum& out, Parse parse, const char* allowed) {
    const json* v = find(name);
    const std::string value = v ? stringOf(*v, key(name)) : std::string();
    if (value.empty()) return;
    if (auto parsed = parse(value)) out = *parsed;
    else fail(key(name), "'" + value + "' is not one of " + allowed, "choice", {{"text", value}, {"choices", allowed}});
  }

  const json& body_;
  std::string prefix_;
  std::vector<FieldIssue>& issues_;
  std::set<std::string> seen_;
};

void refuseIfAny(const std::vector<FieldIssue>& issues) {
  if (!issues.empty()) throw InvalidRequestError(issues);
}

// Writes a record's fields (content/fields.hpp) into a JSON object, by their JSON names.
class Writer {
 public:
  json out = json::object();

  void string(c::FieldName name, const std::string& value) { out[key(name)] = value; }
  void text(c::FieldName name, const c::LocalizedText& value) { out[key(name)] = toJson(value); }
  void strings(c::FieldName name, const std::vector<std::string>& values) { out[key(name)] = values; }
  void texts(c::FieldName name, const std::vector<c::LocalizedText>& values) {
    json list = json::array();
    for (const auto& t : values) list.push_back(toJson(t));
    out[key(name)] = std::move(list);
  }
  void integer(c::FieldName name, int value) { out[key(name)] = value; }
  void boolean(c::FieldName name, bool value) { out[key(name)] = value; }
  void negated(c::FieldName name, bool value) { out[key(name)] = value; }  // JSON holds the flag itself
  void date(c::FieldName name, const c::PartialDate& value) { out[key(name)] = value.year ? value.iso() : ""; }
  void point(c::FieldName name, const c::MapPoint& value) { out[key(name)] = {{"x", value.x}, {"y", value.y}}; }
  template <typename Enum>
  void choice(c::FieldName name, Enum value) { out[key(name)] = std::string(c::toString(value)); }
  template <typename Record>
  void list(c::FieldName name, std::vector<Record>& records) {
    json list = json::array();
    for (auto& record : records) {
      Writer item;
      c::describeFields(item, record);
      list.push_back(std::move(item.out));
    }
    out[key(name)] = std::move(list);
  }

 private:
  static std::string key(c::FieldName name) { return std::string(name.json); }
};

template <typename Record>
json write(Record record) {  // a copy: the field descriptions take records by reference
  Writer writer;
  c::describeFields(writer, record);
  return std::move(writer.out);
}

template <typename Record>
Record read(const json& body) {
  std::vector<FieldIssue> issues;
  Reader reader(body, "", issues);
  Record record;
  if (body.is_object()) c::describeFields(reader, record);
  reader.finish();
  refuseIfAny(issues);
  return record;
}

}  // namespace

std::vector<FieldIssue> toFieldIssues(const std::vector<c::ValidationIssue>& issues) {
  std::vector<FieldIssue> out;
  for (const auto& issue : issues) {
    out.push_back({issue.field.empty() ? "id" : issue.field, issue.message, issue.code, issue.params});
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// [SECTION] records to JSON
// ---------------------------------------------------------------------------------------

json toJson(const c::LocalizedText& text) {
  json out = json::object();
  for (const auto& [language, value] : text.byLanguage) out[language] = value;
  return out;
}

json toJson(const c::Park& park) { return write(park); }
json toJson(const c::Category& category) { return write(category); }
json toJson(const c::Milestone& milestone) { return write(milestone); }
json toJson(const c::Place& place) { return write(place); }
json toJson(const c::Tenant& tenant) { return write(tenant); }
json toJson(const c::Exhibit& exhibit) { return write(exhibit); }
json toJson(const c::Itinerary& itinerary) { return write(itinerary); }
json toJson(const c::WelcomeMessage& welcome) { return write(welcome); }
json toJson(const c::PathNetwork& paths) { return write(paths); }
json toJson(const c::KioskProfile& profile) { return write(profile); }
json toJson(const c::SourceDocument& source) { return write(source); }

// ---------------------------------------------------------------------------------------
// [SECTION] records from JSON
// ---------------------------------------------------------------------------------------

c::Park parkFromJson(const json& body) { return read<c::Park>(body); }
c::Category categoryFromJson(const json& body) { return read<c::Category>(body); }
c::Milestone milestoneFromJson(const json& body) { return read<c::Milestone>(body); }
c::Place placeFromJson(const json& body) { return read<c::Place>(body); }
c::Tenant tenantFromJson(const json& body) { return read<c::Tenant>(body); }
c::Exhibit exhibitFromJson(const json& body) { return read<c::Exhibit>(body); }
c::Itinerary itineraryFromJson(const json& body) { return read<c::Itinerary>(body); }
c::WelcomeMessage welcomeFromJson(const json& body) { return read<c::WelcomeMessage>(body); }
c::PathNetwork pathsFromJson(const json& body) { return read<c::PathNetwork>(body); }
c::KioskProfile profileFromJson(const json& body) { return read<c::KioskProfile>(body); }
c::SourceDocument sourceFromJson(const json& body) { return read<c::SourceDocument>(body); }

}  // namespace qtsc::hub
