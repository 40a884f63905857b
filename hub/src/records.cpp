// [SECTION] reading a body: the Reader collects every shape error before refusing
// [SECTION] records to JSON
// [SECTION] records from JSON
#include "qtsc/hub/records.hpp"

#include <set>

namespace qtsc::hub {

using nlohmann::json;
namespace c = qtsc::content;

// ---------------------------------------------------------------------------------------
// [SECTION] reading a body: the Reader collects every shape error before refusing
// ---------------------------------------------------------------------------------------

namespace {

constexpr std::size_t kMaxTextBytes = 20000;  // bytes in one text field of one language

class Reader {
 public:
  Reader(const json& body, std::string prefix, std::vector<FieldIssue>& issues)
      : body_(body), prefix_(std::move(prefix)), issues_(issues) {
    if (!body_.is_object()) fail("", "must be a JSON object");
  }

  void fail(const std::string& field, const std::string& message) {
    std::string name = prefix_;
    if (!field.empty()) name += (name.empty() || field.front() == '[' ? "" : ".") + field;
    issues_.push_back({name.empty() ? "body" : name, message, 0, 0});
  }

  const json* find(const std::string& key) {
    seen_.insert(key);
    if (!body_.is_object()) return nullptr;
    const auto it = body_.find(key);
    return it == body_.end() || it->is_null() ? nullptr : &*it;
  }

  std::string text(const std::string& key) {
    const json* v = find(key);
    if (!v) return {};
    if (!v->is_string()) { fail(key, "must be text"); return {}; }
    if (v->get_ref<const std::string&>().size() > kMaxTextBytes) { fail(key, "is too long"); return {}; }
    return v->get<std::string>();
  }

  c::LocalizedText localized(const std::string& key) {
    c::LocalizedText out;
    const json* v = find(key);
    if (!v) return out;
    if (!v->is_object()) { fail(key, "must be an object of texts by language, like {\"vi\": \"...\", \"en\": \"...\"}"); return out; }
    for (const auto& [language, text] : v->items()) {
      if (language.empty() || language.size() > 12) { fail(key + "." + language, "is not a language code"); continue; }
      if (!text.is_string()) { fail(key + "." + language, "must be text"); continue; }
      if (text.get_ref<const std::string&>().size() > kMaxTextBytes) { fail(key + "." + language, "is too long"); continue; }
      if (!text.get_ref<const std::string&>().empty()) out.set(language, text.get<std::string>());
    }
    return out;
  }

  bool boolean(const std::string& key) {
    const json* v = find(key);
    if (!v) return false;
    if (!v->is_boolean()) { fail(key, "must be true or false"); return false; }
    return v->get<bool>();
  }

  int integer(const std::string& key, int fallback) {
    const json* v = find(key);
    if (!v) return fallback;
    if (!v->is_number_integer()) { fail(key, "must be a whole number"); return fallback; }
    const auto n = v->get<long long>();
    if (n < -1000000 || n > 1000000) { fail(key, "is out of range"); return fallback; }
    return static_cast<int>(n);
  }

  double number(const std::string& key) {
    const json* v = find(key);
    if (!v) return 0.0;
    if (!v->is_number()) { fail(key, "must be a number"); return 0.0; }
    return v->get<double>();
  }

  std::vector<std::string> strings(const std::string& key) {
    std::vector<std::string> out;
    const json* v = find(key);
    if (!v) return out;
    if (!v->is_array()) { fail(key, "must be a list of texts"); return out; }
    for (std::size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) fail(key + "[" + std::to_string(i) + "]", "must be text");
      else out.push_back((*v)[i].get<std::string>());
    }
    return out;
  }

  // Calls `each(reader, index)` for every object in the list `key`.
  template <typename Each>
  void list(const std::string& key, Each each) {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_array()) { fail(key, "must be a list"); return; }
    for (std::size_t i = 0; i < v->size(); ++i) {
      Reader item((*v)[i], qualified(key) + "[" + std::to_string(i) + "]", issues_);
      each(item, i);
      item.finish();
    }
  }

  const json* raw(const std::string& key) { return find(key); }
  std::string qualified(const std::string& key) const { return prefix_.empty() ? key : prefix_ + "." + key; }
  std::vector<FieldIssue>& issues() { return issues_; }

  // Unknown fields are refused so a misspelt field is not silently dropped.
  void finish() {
    if (!body_.is_object()) return;
    for (const auto& [key, value] : body_.items())
      if (!seen_.count(key)) fail(key, "is not a field of this record");
  }

 private:
  const json& body_;
  std::string prefix_;
  std::vector<FieldIssue>& issues_;
  std::set<std::string> seen_;
};

void refuseIfAny(const std::vector<FieldIssue>& issues) {
  if (!issues.empty()) throw InvalidRequestError(issues);
}

json textList(const std::vector<c::LocalizedText>& list) {
  json out = json::array();
  for (const auto& t : list) out.push_back(toJson(t));
  return out;
}

}  // namespace

std::vector<FieldIssue> toFieldIssues(const std::vector<c::ValidationIssue>& issues) {
  std::vector<FieldIssue> out;
  for (const auto& issue : issues) out.push_back({issue.field.empty() ? "id" : issue.field, issue.message, 0, 0});
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

json toJson(const c::Park& park) {
  json facts = json::array();
  for (const auto& f : park.facts)
    facts.push_back({{"id", f.id}, {"label", toJson(f.label)}, {"value", toJson(f.value)}, {"source", f.source}});
  json chain = json::array();
  for (const auto& m : park.chain)
    chain.push_back({{"id", m.id}, {"name", toJson(m.name)}, {"location", toJson(m.location)}, {"official", m.official}});
  return {{"name", toJson(park.name)}, {"shortName", toJson(park.shortName)}, {"summary", toJson(park.summary)},
          {"facts", facts}, {"chain", chain}};
}

json toJson(const c::Category& category) { return {{"id", category.id}, {"name", toJson(category.name)}}; }

json toJson(const c::Milestone& m) {
  return {{"id", m.id}, {"date", m.date.year ? m.date.iso() : ""}, {"title", toJson(m.title)}, {"body", toJson(m.body)},
          {"image", m.image}, {"source", m.source}};
}

json toJson(const c::Place& p) {
  return {{"id", p.id}, {"kind", std::string(c::toString(p.kind))}, {"name", toJson(p.name)},
          {"description", toJson(p.description)}, {"position", {{"x", p.position.x}, {"y", p.position.y}}},
          {"image", p.image}, {"source", p.source}, {"sample", p.sample}};
}

json toJson(const c::Tenant& t) {
  return {{"id", t.id}, {"name", toJson(t.name)}, {"sectors", t.sectors}, {"description", toJson(t.description)},
          {"place", t.placeId}, {"floor", t.floor}, {"logo", t.logo}, {"website", t.website},
          {"contact", t.contact}, {"source", t.source}, {"sample", t.sample}};
}

json toJson(const c::Exhibit& e) {
  json quiz = json::array();
  for (const auto& q : e.quiz)
    quiz.push_back({{"question", toJson(q.question)}, {"choices", textList(q.choices)}, {"answer", q.answer},
                    {"explanation", toJson(q.explanation)}});
  return {{"id", e.id}, {"theme", e.themeId}, {"name", toJson(e.name)}, {"ageMin", e.ageMin}, {"ageMax", e.ageMax},
          {"what", toJson(e.what)}, {"how", toJson(e.how)}, {"steps", textList(e.steps)}, {"quiz", quiz},
          {"image", e.image}, {"sample", e.sample}};
}

json toJson(const c::Itinerary& i) {
  json stops = json::array();
  for (const auto& s : i.stops)
    stops.push_back({{"place", s.placeId}, {"start", s.start}, {"end", s.end}, {"activity", toJson(s.activity)}});
  return {{"id", i.id}, {"delegation", toJson(i.delegation)}, {"origin", toJson(i.origin)}, {"date", i.date},
          {"start", i.start}, {"end", i.end}, {"dayPart", std::string(c::toString(i.dayPart))},
          {"host", toJson(i.host)}, {"summary", toJson(i.summary)}, {"stops", stops}, {"source", i.source},
          {"sample", i.sample}};
}

json toJson(const c::WelcomeMessage& w) {
  return {{"id", w.id}, {"itinerary", w.itineraryId}, {"starts", w.startsAt}, {"ends", w.endsAt},
          {"text", toJson(w.text)}, {"sample", w.sample}};
}

// ---------------------------------------------------------------------------------------
// [SECTION] records from JSON
// ---------------------------------------------------------------------------------------

c::Park parkFromJson(const json& body) {
  std::vector<FieldIssue> issues;
  Reader r(body, "", issues);
  c::Park park;
  park.name = r.localized("name");
  park.shortName = r.localized("shortName");
  park.summary = r.localized("summary");
  r.list("facts", [&](Reader& item, std::size_t) {
    park.facts.push_back({item.text("id"), item.localized("label"), item.localized("value"), item.text("source")});
  });
  r.list("chain", [&](Reader& item, std::size_t) {
    c::ChainMember m{item.text("id"), item.localized("name"), item.localized("location"), true};
    if (item.raw("official")) m.official = item.boolean("official");
    park.chain.push_back(m);
  });
  r.finish();
  refuseIfAny(issues);
  return park;
}

c::Category categoryFromJson(const json& body) {
  std::vector<FieldIssue> issues;
  Reader r(body, "", issues);
  c::Category category{r.text("id"), r.localized("name")};
  r.finish();
  refuseIfAny(issues);
  return category;
}

c::Milestone milestoneFromJson(const json& body) {
  std::vector<FieldIssue> issues;
  Reader r(body, "", issues);
  c::Milestone m;
  m.id = r.text("id");
  const std::string date = r.text("date");
  if (!date.empty()) {
    if (auto parsed = c::PartialDate::parse(date)) m.date = *parsed;
    else r.fail("date", "'" + date + "' is not a date YYYY, YYYY-MM or YYYY-MM-DD");
  }
  m.title = r.localized("title");
  m.body = r.localized("body");
  m.image = r.text("image");
  m.source = r.text("source");
  r.finish();
  refuseIfAny(issues);
  return m;
}

c::Place placeFromJson(const json& body) {
  std::vector<FieldIssue> issues;
  Reader r(body, "", issues);
  c::Place p;
  p.id = r.text("id");
  const std::string kind = r.text("kind");
  if (auto k = c::placeKindFromString(kind.empty() ? "building" : kind)) p.kind = *k;
  else r.fail("kind", "'" + kind + "' is not one of building, centre, lot, zone, neighbour");
  p.name = r.localized("name");
  p.description = r.localized("description");
  if (const json* pos = r.raw("position")) {
    Reader at(*pos, "position", issues);
    p.position = {at.number("x"), at.number("y")};
    at.finish();
  }
  p.image = r.text("image");
  p.source = r.text("source");
  p.sample = r.boolean("sample");
  r.finish();
  refuseIfAny(issues);
  return p;
}

c::Tenant tenantFromJson(const json& body) {
  std::vector<FieldIssue> issues;
  Reader r(body, "", issues);
  c::Tenant t;
  t.id = r.text("id");
  t.name = r.localized("name");
  t.sectors = r.strings("sectors");
  t.description = r.localized("description");
  t.placeId = r.text("place");
  t.floor = r.text("floor");
  t.logo = r.text("logo");
  t.website = r.text("website");
  t.contact = r.text("contact");
  t.source = r.text("source");
  t.sample = r.boolean("sample");
  r.finish();
  refuseIfAny(issues);
  return t;
}

c::Exhibit exhibitFromJson(const json& body) {
  std::vector<FieldIssue> issues;
  Reader r(body, "", issues);
  c::Exhibit e;
  e.id = r.text("id");
  e.themeId = r.text("theme");
  e.name = r.localized("name");
  e.ageMin = r.integer("ageMin", 6);
  e.ageMax = r.integer("ageMax", 99);
  e.what = r.localized("what");
  e.how = r.localized("how");
  if (const json* steps = r.raw("steps")) {
    if (!steps->is_array()) r.fail("steps", "must be a list");
    else
      for (std::size_t i = 0; i < steps->size(); ++i) {
        Reader step(json::object(), "", issues);
        if (!(*steps)[i].is_object()) { r.fail("steps[" + std::to_string(i) + "]", "must be texts by language"); continue; }
        c::LocalizedText text;
        for (const auto& [language, value] : (*steps)[i].items())
          if (value.is_string()) text.set(language, value.get<std::string>());
          else r.fail("steps[" + std::to_string(i) + "]." + language, "must be text");
        e.steps.push_back(text);
      }
  }
  r.list("quiz", [&](Reader& item, std::size_t) {
    c::QuizQuestion q;
    q.question = item.localized("question");
    if (const json* choices = item.raw("choices"); choices && choices->is_array())
      for (const auto& choice : *choices) {
        c::LocalizedText text;
        if (choice.is_object())
          for (const auto& [language, value] : choice.items())
            if (value.is_string()) text.set(language, value.get<std::string>());
        q.choices.push_back(text);
      }
    q.answer = item.integer("answer", 0);
    q.explanation = item.localized("explanation");
    e.quiz.push_back(q);
  });
  e.image = r.text("image");
  e.sample = r.boolean("sample");
  r.finish();
  refuseIfAny(issues);
  return e;
}

c::Itinerary itineraryFromJson(const json& body) {
  std::vector<FieldIssue> issues;
  Reader r(body, "", issues);
  c::Itinerary i;
  i.id = r.text("id");
  i.delegation = r.localized("delegation");
  i.origin = r.localized("origin");
  i.date = r.text("date");
  i.start = r.text("start");
  i.end = r.text("end");
  const std::string part = r.text("dayPart");
  if (!part.empty()) {
    if (auto p = c::dayPartFromString(part)) i.dayPart = *p;
    else r.fail("dayPart", "'" + part + "' is not one of morning, afternoon, evening");
  }
  i.host = r.localized("host");
  i.summary = r.localized("summary");
  r.list("stops", [&](Reader& item, std::size_t) {
    i.stops.push_back({item.text("place"), item.text("start"), item.text("end"), item.localized("activity")});
  });
  i.source = r.text("source");
  i.sample = r.boolean("sample");
  r.finish();
  refuseIfAny(issues);
  return i;
}

c::WelcomeMessage welcomeFromJson(const json& body) {
  std::vector<FieldIssue> issues;
  Reader r(body, "", issues);
  c::WelcomeMessage w;
  w.id = r.text("id");
  w.itineraryId = r.text("itinerary");
  w.startsAt = r.text("starts");
  w.endsAt = r.text("ends");
  w.text = r.localized("text");
  w.sample = r.boolean("sample");
  r.finish();
  refuseIfAny(issues);
  return w;
}

}  // namespace qtsc::hub
