#include "qtsc/content/validation.hpp"

#include <algorithm>
#include <set>

namespace qtsc::content {

namespace {

// Collects issues for one record.
class Checker {
 public:
  Checker(RecordKind kind, std::string id) : kind_(kind), id_(std::move(id)) {}

  void fail(std::string field, std::string message) {
    issues_.push_back({kind_, id_, std::move(field), std::move(message)});
  }
  void id() {
    if (!isValidId(id_))
      fail("id", id_.empty() ? "an id is required" : std::string(kIdRule));
  }
  void required(const LocalizedText& text, const std::string& field) {
    if (!text.has(kDefaultLanguage))
      fail(field + "." + std::string(kDefaultLanguage),
           "required text in the default language (Vietnamese) is missing");
  }
  void reference(const ExistsFn& exists, RecordKind target, const std::string& targetId,
                 const std::string& field, bool optional = false) {
    if (targetId.empty()) {
      if (!optional) fail(field, std::string("a ") + std::string(toString(target)) + " is required");
      return;
    }
    if (!exists(target, targetId))
      fail(field, "unknown " + std::string(toString(target)) + " '" + targetId + "'");
  }
  std::vector<ValidationIssue> take() { return std::move(issues_); }

 private:
  RecordKind kind_;
  std::string id_;
  std::vector<ValidationIssue> issues_;
};

template <typename T>
void append(std::vector<T>& to, std::vector<T> from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

int minutesOf(const std::string& clock) {
  return std::stoi(clock.substr(0, 2)) * 60 + std::stoi(clock.substr(3, 2));
}

}  // namespace

bool isValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::vector<ValidationIssue> validatePark(const Park& park) {
  Checker check(RecordKind::Park, "");
  check.required(park.name, "name");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < park.facts.size(); ++i) {
    const auto& fact = park.facts[i];
    const std::string at = "facts[" + std::to_string(i) + "]";
    if (!isValidId(fact.id)) check.fail(at + ".id", std::string(kIdRule));
    if (!ids.insert(fact.id).second) check.fail(at + ".id", "duplicate fact id '" + fact.id + "'");
    check.required(fact.label, at + ".label");
    check.required(fact.value, at + ".value");
  }
  std::set<std::string> chainIds;
  for (std::size_t i = 0; i < park.chain.size(); ++i) {
    const auto& member = park.chain[i];
    const std::string at = "chain[" + std::to_string(i) + "]";
    if (!isValidId(member.id)) check.fail(at + ".id", std::string(kIdRule));
    if (!chainIds.insert(member.id).second) check.fail(at + ".id", "duplicate chain member id '" + member.id + "'");
    check.required(member.name, at + ".name");
  }
  return check.take();
}

std::vector<ValidationIssue> validateCategory(RecordKind kind, const Category& category) {
  Checker check(kind, category.id);
  check.id();
  check.required(category.name, "name");
  return check.take();
}

std::vector<ValidationIssue> validateMilestone(const Milestone& milestone) {
  Checker check(RecordKind::Milestone, milestone.id);
  check.id();
  if (milestone.date.year == 0) check.fail("date", "a date (YYYY, YYYY-MM or YYYY-MM-DD) is required");
  check.required(milestone.title, "title");
  return check.take();
}

std::vector<ValidationIssue> validatePlace(const Place& place) {
  Checker check(RecordKind::Place, place.id);
  check.id();
  check.required(place.name, "name");
  const auto& p = place.position;
  if (p.x < 0.0 || p.x > kMapWidth || p.y < 0.0 || p.y > kMapHeight)
    check.fail("position", "(" + std::to_string(static_cast<int>(p.x)) + ", " +
                               std::to_string(static_cast<int>(p.y)) +
                               ") is off the park map (0.." + std::to_string(static_cast<int>(kMapWidth)) + " across, 0.." +
                               std::to_string(static_cast<int>(kMapHeight)) + " down)");
  return check.take();
}

std::vector<ValidationIssue> validateTenant(const Tenant& tenant, const ExistsFn& exists) {
  Checker check(RecordKind::Tenant, tenant.id);
  check.id();
  check.required(tenant.name, "name");
  check.reference(exists, RecordKind::Place, tenant.placeId, "place");
  for (std::size_t i = 0; i < tenant.sectors.size(); ++i)
    check.reference(exists, RecordKind::Sector, tenant.sectors[i], "sectors[" + std::to_string(i) + "]");
  if (!tenant.website.empty() && tenant.website.rfind("http://", 0) != 0 &&
      tenant.website.rfind("https://", 0) != 0)
    check.fail("website", "a website starts with http:// or https://");
  return check.take();
}

std::vector<ValidationIssue> validateExhibit(const Exhibit& exhibit, const ExistsFn& exists) {
  Checker check(RecordKind::Exhibit, exhibit.id);
  check.id();
  check.required(exhibit.name, "name");
  check.required(exhibit.what, "what");
  check.reference(exists, RecordKind::Theme, exhibit.themeId, "theme");
  if (exhibit.ageMin < 0 || exhibit.ageMax < exhibit.ageMin || exhibit.ageMax > kMaxExhibitAge)
    check.fail("ages", "the age range " + std::to_string(exhibit.ageMin) + "-" +
                           std::to_string(exhibit.ageMax) + " is not a range of ages");
  for (std::size_t i = 0; i < exhibit.steps.size(); ++i)
    check.required(exhibit.steps[i], "steps[" + std::to_string(i) + "]");
  for (std::size_t i = 0; i < exhibit.quiz.size(); ++i) {
    const auto& q = exhibit.quiz[i];
    const std::string at = "quiz[" + std::to_string(i) + "]";
    check.required(q.question, at + ".question");
    if (q.choices.size() < 2) check.fail(at + ".choices", "a question needs at least two choices");
    for (std::size_t c = 0; c < q.choices.size(); ++c)
      check.required(q.choices[c], at + ".choices[" + std::to_string(c) + "]");
    if (q.answer < 0 || static_cast<std::size_t>(q.answer) >= q.choices.size())
      check.fail(at + ".answer", "the answer must be the index of one of the choices");
  }
  return check.take();
}

std::vector<ValidationIssue> validateItinerary(const Itinerary& itinerary, const ExistsFn& exists) {
  Checker check(RecordKind::Itinerary, itinerary.id);
  check.id();
  check.required(itinerary.delegation, "delegation");
  if (!isIsoDate(itinerary.date)) check.fail("date", "a date YYYY-MM-DD is required");
  for (const auto* field : {&itinerary.start, &itinerary.end})
    if (!field->empty() && !isClockTime(*field))
      check.fail(field == &itinerary.start ? "start" : "end", "'" + *field + "' is not a time HH:MM");
  if (isClockTime(itinerary.start) && isClockTime(itinerary.end) &&
      minutesOf(itinerary.end) <= minutesOf(itinerary.start))
    check.fail("end", "the visit ends at " + itinerary.end + ", not after it starts at " + itinerary.start);

  struct Span { int from; int to; std::size_t index; };
  std::vector<Span> spans;
  for (std::size_t i = 0; i < itinerary.stops.size(); ++i) {
    const auto& stop = itinerary.stops[i];
    const std::string at = "stops[" + std::to_string(i) + "]";
    check.reference(exists, RecordKind::Place, stop.placeId, at + ".place");
    bool timesOk = true;
    for (const auto* field : {&stop.start, &stop.end})
      if (!field->empty() && !isClockTime(*field)) {
        check.fail(at + (field == &stop.start ? ".start" : ".end"), "'" + *field + "' is not a time HH:MM");
        timesOk = false;
      }
    if (!timesOk || stop.start.empty()) continue;
    int from = minutesOf(stop.start);
    int to = stop.end.empty() ? from : minutesOf(stop.end);
    if (to < from) {
      check.fail(at + ".end", "the stop ends at " + stop.end + ", before it starts at " + stop.start);
      continue;
    }
    spans.push_back({from, to, i});
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.from < b.from; });
  for (std::size_t i = 1; i < spans.size(); ++i) {
    const auto& prev = spans[i - 1];
    const auto& cur = spans[i];
    if (cur.from < prev.to || cur.from == prev.from)
      check.fail("stops[" + std::to_string(cur.index) + "].start",
                 "overlaps stop " + std::to_string(prev.index + 1) + " (" +
                     itinerary.stops[prev.index].start + "-" + itinerary.stops[prev.index].end + ")");
  }
  return check.take();
}

std::vector<ValidationIssue> validateWelcome(const WelcomeMessage& welcome, const ExistsFn& exists) {
  Checker check(RecordKind::Welcome, welcome.id);
  check.id();
  check.required(welcome.text, "text");
  check.reference(exists, RecordKind::Itinerary, welcome.itineraryId, "itinerary", true);
  if (!isIsoDateTime(welcome.startsAt)) check.fail("starts", "a time YYYY-MM-DDTHH:MM is required");
  if (!isIsoDateTime(welcome.endsAt)) check.fail("ends", "a time YYYY-MM-DDTHH:MM is required");
  else if (welcome.endsAt <= welcome.startsAt) check.fail("ends", "the window ends before it starts");
  return check.take();
}

std::vector<ValidationIssue> validateSet(const ContentSet& set, const ExistsFn& existsOutsideSet) {
  std::map<RecordKind, std::set<std::string>> inSet;
  std::vector<ValidationIssue> issues;
  auto collect = [&](RecordKind kind, const auto& records) {
    for (const auto& record : records)
      if (!inSet[kind].insert(record.id).second)
        issues.push_back({kind, record.id, "id", "duplicate id: another " +
                                                     std::string(toString(kind)) + " has it"});
  };
  collect(RecordKind::Sector, set.sectors);
  collect(RecordKind::Theme, set.themes);
  collect(RecordKind::Milestone, set.milestones);
  collect(RecordKind::Place, set.places);
  collect(RecordKind::Tenant, set.tenants);
  collect(RecordKind::Exhibit, set.exhibits);
  collect(RecordKind::Itinerary, set.itineraries);
  collect(RecordKind::Welcome, set.welcomes);

  ExistsFn exists = [&](RecordKind kind, const std::string& id) {
    auto it = inSet.find(kind);
    return (it != inSet.end() && it->second.count(id) > 0) || existsOutsideSet(kind, id);
  };
  append(issues, validatePark(set.park));
  for (const auto& c : set.sectors) append(issues, validateCategory(RecordKind::Sector, c));
  for (const auto& c : set.themes) append(issues, validateCategory(RecordKind::Theme, c));
  for (const auto& m : set.milestones) append(issues, validateMilestone(m));
  for (const auto& p : set.places) append(issues, validatePlace(p));
  for (const auto& t : set.tenants) append(issues, validateTenant(t, exists));
  for (const auto& e : set.exhibits) append(issues, validateExhibit(e, exists));
  for (const auto& i : set.itineraries) append(issues, validateItinerary(i, exists));
  for (const auto& w : set.welcomes) append(issues, validateWelcome(w, exists));
  return issues;
}

}  // namespace qtsc::content
