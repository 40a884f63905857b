// Each record's fields, described once: the name each has in the content sources (TOML) and
// in the hub's JSON, and where it lives in the model. The TOML reader (sources.cpp), the
// hub's JSON reader and its JSON writer (hub/src/records.cpp) all walk these descriptions,
// so a field is added, renamed or retyped in one place.
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

#include <string_view>

#include "qtsc/content/model.hpp"

namespace qtsc::content {

// A field's name in the sources and in JSON (the JSON name is also the one validation uses
// in its field paths, "stops[1].place").
struct FieldName {
  std::string_view source;
  std::string_view json;
  // Implicit, so a field with one name in both forms is written as "name".
  constexpr FieldName(const char* both) : source(both), json(both) {}  // NOLINT(google-explicit-constructor)
  constexpr FieldName(const char* inSources, const char* inJson) : source(inSources), json(inJson) {}
};

template <typename Walker>
void describeFields(Walker& v, ParkFact& f) {
  v.string("id", f.id);
  v.text("label", f.label);
  v.text("value", f.value);
  v.string("source", f.source);
}

template <typename Walker>
void describeFields(Walker& v, ChainMember& m) {
  v.string("id", m.id);
  v.text("name", m.name);
  v.text("location", m.location);
  v.negated({"planned", "official"}, m.official);
}

// In the sources, facts and chain members are sections of their own ([[fact]], [[chain]]).
template <typename Walker>
void describeFields(Walker& v, Park& p) {
  v.text("name", p.name);
  v.text({"short_name", "shortName"}, p.shortName);
  v.text("summary", p.summary);
  v.list({"fact", "facts"}, p.facts);
  v.list("chain", p.chain);
}

template <typename Walker>
void describeFields(Walker& v, Category& c) {
  v.string("id", c.id);
  v.text("name", c.name);
}

template <typename Walker>
void describeFields(Walker& v, Milestone& m) {
  v.string("id", m.id);
  v.date("date", m.date);
  v.text("title", m.title);
  v.text("body", m.body);
  v.string("image", m.image);
  v.string("source", m.source);
}

template <typename Walker>
void describeFields(Walker& v, Place& p) {
  v.string("id", p.id);
  v.choice("kind", p.kind);
  v.text("name", p.name);
  v.text("description", p.description);
  v.point("position", p.position);
  v.string("image", p.image);
  v.string("source", p.source);
  v.boolean("sample", p.sample);
}

template <typename Walker>
void describeFields(Walker& v, Tenant& t) {
  v.string("id", t.id);
  v.text("name", t.name);
  v.strings("sectors", t.sectors);
  v.text("description", t.description);
  v.string("place", t.placeId);
  v.string("floor", t.floor);
  v.string("logo", t.logo);
  v.string("website", t.website);
  v.string("contact", t.contact);
  v.string("source", t.source);
  v.boolean("sample", t.sample);
}

template <typename Walker>
void describeFields(Walker& v, QuizQuestion& q) {
  v.text("question", q.question);
  v.texts("choices", q.choices);
  v.integer("answer", q.answer);
  v.text("explanation", q.explanation);
}

template <typename Walker>
void describeFields(Walker& v, Exhibit& e) {
  v.string("id", e.id);
  v.string("theme", e.themeId);
  v.text("name", e.name);
  v.integer({"age_min", "ageMin"}, e.ageMin);
  v.integer({"age_max", "ageMax"}, e.ageMax);
  v.text("what", e.what);
  v.text("how", e.how);
  v.texts("steps", e.steps);
  v.list("quiz", e.quiz);
  v.string("image", e.image);
  v.boolean("sample", e.sample);
}

template <typename Walker>
void describeFields(Walker& v, TourStop& s) {
  v.string("place", s.placeId);
  v.string("start", s.start);
  v.string("end", s.end);
  v.text("activity", s.activity);
}

template <typename Walker>
void describeFields(Walker& v, Itinerary& i) {
  v.string("id", i.id);
  v.text("delegation", i.delegation);
  v.text("origin", i.origin);
  v.string("date", i.date);
  v.string("start", i.start);
  v.string("end", i.end);
  v.choice({"day_part", "dayPart"}, i.dayPart);
  v.text("host", i.host);
  v.text("summary", i.summary);
  v.list({"stop", "stops"}, i.stops);
  v.string("source", i.source);
  v.boolean("sample", i.sample);
}

template <typename Walker>
void describeFields(Walker& v, WelcomeMessage& w) {
  v.string("id", w.id);
  v.string("itinerary", w.itineraryId);
  v.string("starts", w.startsAt);
  v.string("ends", w.endsAt);
  v.text("text", w.text);
  v.boolean("sample", w.sample);
}

}  // namespace qtsc::content
