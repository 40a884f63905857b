// Each record's fields, described once: the name each has in the content sources (TOML) and
// in the hub's JSON, where it lives in the model, and what validation asks of it. The TOML
// reader (sources.cpp), the hub's JSON reader and writer (hub/src/records.cpp), the tenant
// CSV (hub/src/tenant_csv.cpp) and the schema the admin page builds its forms from
// (schema_description.hpp, GET /api/v1/schema) all walk these descriptions, so a field is
// added, renamed or retyped in one place.
//
// A walker `v` has these members, each given the field's name and a reference into the
// record (a reader fills it, a writer reads it; a missing field leaves the model's default):
//   v.string(name, std::string&)            v.text(name, LocalizedText&)
//   v.strings(name, std::vector<std::string>&)
//   v.texts(name, std::vector<LocalizedText>&)
//   v.integer(name, int&)                   v.boolean(name, bool&)
//   v.negated(name, bool&)                  a flag whose source form says the opposite
//   v.date(name, PartialDate&)              YYYY, YYYY-MM or YYYY-MM-DD
//   v.point(name, MapPoint&)                sources: keys x and y; JSON: {"x": .., "y": ..}
//   v.choice(name, PlaceKind&) / v.choice(name, DayPart&)
//   v.list(name, std::vector<T>&)           each item walked with describeFields(v, item)
#pragma once

#include <optional>
#include <string_view>

#include "qtsc/content/model.hpp"

namespace qtsc::content {

// A field's name in the sources and in JSON (the JSON name is also the one validation uses
// in its field paths, "stops[1].place").
// What validation (validation.cpp) asks of it rides along, so that the schema description
// tells a form what it may leave empty; tests check the two agree.
struct FieldName {
  std::string_view source;
  std::string_view json;
  bool isRequired = false;            // a record without it is refused (a text: in kDefaultLanguage)
  std::optional<RecordKind> target;   // holds the id of a record of this kind (strings: each one)
  std::string_view format;            // a string's form: "date", "time", "datetime", "url", "image" (an uploaded picture's name); empty: free text
  int minItems = 0;                   // a list with fewer items is refused

  // Implicit, so a field with one name in both forms is written as "name".
  constexpr FieldName(const char* both) : source(both), json(both) {}  // NOLINT(google-explicit-constructor)
  constexpr FieldName(const char* inSources, const char* inJson) : source(inSources), json(inJson) {}

  [[nodiscard]] constexpr FieldName required() const { FieldName f = *this; f.isRequired = true; return f; }
  [[nodiscard]] constexpr FieldName refersTo(RecordKind kind) const { FieldName f = *this; f.target = kind; return f; }
  [[nodiscard]] constexpr FieldName as(std::string_view form) const { FieldName f = *this; f.format = form; return f; }
  [[nodiscard]] constexpr FieldName atLeast(int items) const { FieldName f = *this; f.minItems = items; return f; }
};

// Shorthands for the descriptions below.
constexpr FieldName required(FieldName name) { return name.required(); }
constexpr FieldName idField() { return required("id"); }

template <typename Walker>
void describeFields(Walker& v, ParkFact& f) {
  v.string(idField(), f.id);
  v.text(required("label"), f.label);
  v.text(required("value"), f.value);
  v.string("source", f.source);
}

template <typename Walker>
void describeFields(Walker& v, ChainMember& m) {
  v.string(idField(), m.id);
  v.text(required("name"), m.name);
  v.text("location", m.location);
  v.negated({"planned", "official"}, m.official);
}

// In the sources, facts and chain members are sections of their own ([[fact]], [[chain]]).
template <typename Walker>
void describeFields(Walker& v, Park& p) {
  v.text(required("name"), p.name);
  v.text({"short_name", "shortName"}, p.shortName);
  v.text("summary", p.summary);
  v.list({"fact", "facts"}, p.facts);
  v.list("chain", p.chain);
}

template <typename Walker>
void describeFields(Walker& v, Category& c) {
  v.string(idField(), c.id);
  v.text(required("name"), c.name);
}

template <typename Walker>
void describeFields(Walker& v, Milestone& m) {
  v.string(idField(), m.id);
  v.date(required("date"), m.date);
  v.text(required("title"), m.title);
  v.text("body", m.body);
  v.string(FieldName("image").as("image"), m.image);
  v.string("source", m.source);
}

template <typename Walker>
void describeFields(Walker& v, Place& p) {
  v.string(idField(), p.id);
  v.choice("kind", p.kind);
  v.text(required("name"), p.name);
  v.text("description", p.description);
  v.point("position", p.position);
  v.string(FieldName("image").as("image"), p.image);
  v.string("source", p.source);
  v.boolean("sample", p.sample);
}

template <typename Walker>
void describeFields(Walker& v, Tenant& t) {
  v.string(idField(), t.id);
  v.text(required("name"), t.name);
  v.strings(FieldName("sectors").refersTo(RecordKind::Sector), t.sectors);
  v.text("description", t.description);
  v.string(required("place").refersTo(RecordKind::Place), t.placeId);
  v.string("floor", t.floor);
  v.string(FieldName("logo").as("image"), t.logo);
  v.string(FieldName("website").as("url"), t.website);
  v.string("contact", t.contact);
  v.string("source", t.source);
  v.boolean("sample", t.sample);
}

template <typename Walker>
void describeFields(Walker& v, QuizQuestion& q) {
  v.text(required("question"), q.question);
  v.texts(required("choices").atLeast(2), q.choices);
  v.integer(required("answer"), q.answer);
  v.text("explanation", q.explanation);
}

template <typename Walker>
void describeFields(Walker& v, Exhibit& e) {
  v.string(idField(), e.id);
  v.string(required("theme").refersTo(RecordKind::Theme), e.themeId);
  v.text(required("name"), e.name);
  v.integer({"age_min", "ageMin"}, e.ageMin);
  v.integer({"age_max", "ageMax"}, e.ageMax);
  v.text(required("what"), e.what);
  v.text("how", e.how);
  v.texts("steps", e.steps);
  v.list("quiz", e.quiz);
  v.string(FieldName("image").as("image"), e.image);
  v.boolean("sample", e.sample);
}

template <typename Walker>
void describeFields(Walker& v, TourStop& s) {
  v.string(required("place").refersTo(RecordKind::Place), s.placeId);
  v.string(FieldName("start").as("time"), s.start);
  v.string(FieldName("end").as("time"), s.end);
  v.text("activity", s.activity);
}

template <typename Walker>
void describeFields(Walker& v, Itinerary& i) {
  v.string(idField(), i.id);
  v.text(required("delegation"), i.delegation);
  v.text("origin", i.origin);
  v.string(required("date").as("date"), i.date);
  v.string(FieldName("start").as("time"), i.start);
  v.string(FieldName("end").as("time"), i.end);
  v.choice({"day_part", "dayPart"}, i.dayPart);
  v.text("host", i.host);
  v.text("summary", i.summary);
  v.list({"stop", "stops"}, i.stops);
  v.string("source", i.source);
  v.boolean("sample", i.sample);
}

template <typename Walker>
void describeFields(Walker& v, WelcomeMessage& w) {
  v.string(idField(), w.id);
  v.string(FieldName("itinerary").refersTo(RecordKind::Itinerary), w.itineraryId);
  v.string(required("starts").as("datetime"), w.startsAt);
  v.string(required("ends").as("datetime"), w.endsAt);
  v.text(required("text"), w.text);
  v.boolean("sample", w.sample);
}

}  // namespace qtsc::content
