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
//   v.choice(name, PlaceKind&) / v.choice(name, DayPart&) / v.choice(name, TenantKind&)
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
  std::string_view format;            // a string's form: "date", "month-or-date" (YYYY-MM or YYYY-MM-DD), "time", "datetime", "url", "image" (an uploaded picture's name), "sources" (ids of source documents, "001, 004"); empty: free text
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
  v.integer({"as_of", "asOf"}, f.asOf);
  v.string(FieldName("source").as("sources"), f.source);
}

template <typename Walker>
void describeFields(Walker& v, ChainMember& m) {
  v.string(idField(), m.id);
  v.text(required("name"), m.name);
  v.text("location", m.location);
  v.negated({"planned", "official"}, m.official);
  v.integer({"as_of", "asOf"}, m.asOf);
  v.string(FieldName("source").as("sources"), m.source);
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
  v.boolean("sample", c.sample);
}

// The documents the content cites, in content/park/sources.toml ([[source]]).
template <typename Walker>
void describeFields(Walker& v, SourceDocument& s) {
  v.string(idField(), s.id);
  v.string("title", s.title);
  v.text("publisher", s.publisher);
  v.string("author", s.author);
  v.date("date", s.date);
  v.string(required("language"), s.language);
  v.string(FieldName("link").as("url"), s.link);
  v.text("note", s.note);
  v.strings({"unconfirmed_names", "unconfirmedNames"}, s.unconfirmedNames);
}

template <typename Walker>
void describeFields(Walker& v, Quote& q) {
  v.text(required("text"), q.text);
  v.text(required("by"), q.by);
  v.date("date", q.date);
  v.string(FieldName("source").as("sources"), q.source);
}

// In the sources, a record's pictures are sections of its own ([[milestone.picture]]).
template <typename Walker>
void describeFields(Walker& v, Picture& p) {
  v.string(FieldName("image").as("image"), p.image);
  v.text("caption", p.caption);
  v.text("credit", p.credit);
}

template <typename Walker>
void describeFields(Walker& v, Milestone& m) {
  v.string(idField(), m.id);
  v.date(required("date"), m.date);
  v.date({"reported_on", "reportedOn"}, m.reportedOn);
  v.text(required("title"), m.title);
  v.text("body", m.body);
  v.list({"picture", "gallery"}, m.gallery);
  v.string(FieldName("source").as("sources"), m.source);
}

template <typename Walker>
void describeFields(Walker& v, Place& p) {
  v.string(idField(), p.id);
  v.choice("kind", p.kind);
  v.text(required("name"), p.name);
  v.text("description", p.description);
  v.point("position", p.position);
  v.list({"picture", "gallery"}, p.gallery);
  v.string(FieldName("source").as("sources"), p.source);
  v.list({"quote", "quotes"}, p.quotes);
  v.boolean("sample", p.sample);
}

template <typename Walker>
void describeFields(Walker& v, Tenant& t) {
  v.string(idField(), t.id);
  v.choice("kind", t.kind);
  v.text(required("name"), t.name);
  v.strings(FieldName("sectors").refersTo(RecordKind::Sector), t.sectors);
  v.text("description", t.description);
  v.string(required("place").refersTo(RecordKind::Place), t.placeId);
  v.string("floor", t.floor);
  v.string(FieldName("logo").as("image"), t.logo);
  v.string(FieldName("website").as("url"), t.website);
  v.string("contact", t.contact);
  v.string(FieldName("source").as("sources"), t.source);
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
  v.list({"picture", "gallery"}, e.gallery);
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
  v.string(required("date").as("month-or-date"), i.date);
  v.string(FieldName("reported_on", "reportedOn").as("date"), i.reportedOn);
  v.string(FieldName("start").as("time"), i.start);
  v.string(FieldName("end").as("time"), i.end);
  v.choice({"day_part", "dayPart"}, i.dayPart);
  v.text("host", i.host);
  v.text({"also_present", "alsoPresent"}, i.alsoPresent);
  v.text("summary", i.summary);
  v.list({"stop", "stops"}, i.stops);
  v.boolean("unordered", i.unordered);
  v.list({"picture", "gallery"}, i.gallery);
  v.string(FieldName("source").as("sources"), i.source);
  v.boolean("sample", i.sample);
}

template <typename Walker>
void describeFields(Walker& v, WelcomeMessage& w) {
  v.string(idField(), w.id);
  v.string(FieldName("itinerary").refersTo(RecordKind::Itinerary), w.itineraryId);
  v.string(required("starts").as("datetime"), w.startsAt);
  v.string(required("ends").as("datetime"), w.endsAt);
  v.text(required("text"), w.text);
  v.strings("groups", w.groups);
  v.strings("kiosks", w.kiosks);
  v.boolean("sample", w.sample);
}

template <typename Walker>
void describeFields(Walker& v, PathPoint& p) {
  v.string(idField(), p.id);
  v.point("position", p.position);
}

template <typename Walker>
void describeFields(Walker& v, PathSegment& s) {
  v.string(required("from"), s.from);
  v.string(required("to"), s.to);
}

// In the sources, one [paths] table with [[paths.point]] and [[paths.segment]] sections.
template <typename Walker>
void describeFields(Walker& v, PathNetwork& n) {
  v.integer({"map_width_metres", "mapWidthMetres"}, n.mapWidthMetres);
  v.list({"point", "points"}, n.points);
  v.list({"segment", "segments"}, n.segments);
  v.string("source", n.source);
  v.boolean("sample", n.sample);
}

template <typename Walker>
void describeFields(Walker& v, KioskProfile& k) {
  v.string(idField(), k.id);
  v.text(required("name"), k.name);
  v.string(required("group"), k.group);
  v.point("position", k.position);
  v.integer("facing", k.facing);
  v.string({"start_section", "startSection"}, k.startSection);
  v.strings({"home_sections", "homeSections"}, k.homeSections);
  v.integer({"idle_timeout", "idleTimeout"}, k.idleTimeout);
  v.string(FieldName("opens").as("time"), k.opens);
  v.string(FieldName("closes").as("time"), k.closes);
  v.strings("kiosks", k.kiosks);
  v.boolean("sample", k.sample);
}

}  // namespace qtsc::content
