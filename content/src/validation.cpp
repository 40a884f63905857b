#include "qtsc/content/validation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "qtsc/content/wayfinding.hpp"

namespace qtsc::content {

namespace {

// Collects issues for one record.
class Checker {
 public:
  Checker(RecordKind kind, std::string id) : kind_(kind), id_(std::move(id)) {}

  // Every issue has a code (a key "server.<code>" of the admin page's catalogues) and the
  // values its text names, so that the page says it in its own language.
  void fail(std::string field, std::string message, std::string code, std::map<std::string, std::string> params = {}) {
    issues_.push_back({kind_, id_, std::move(field), std::move(message), std::move(code), std::move(params)});
  }
  void id() {
    if (!isValidId(id_)) {
      if (id_.empty()) fail("id", "an id is required", "id_required");
      else fail("id", std::string(kIdRule), "id_rule");
    }
  }
  void required(const LocalizedText& text, const std::string& field) {
    if (!text.has(kDefaultLanguage))
      fail(field + "." + std::string(kDefaultLanguage), "required text in the default language (Vietnamese) is missing",
           "required_default_language");
  }
  void reference(const ExistsFn& exists, RecordKind target, const std::string& targetId,
                 const std::string& field, bool optional = false) {
    if (targetId.empty()) {
      if (!optional)
        fail(field, std::string("a ") + std::string(toString(target)) + " is required", "reference_required",
             {{"kind", std::string(toString(target))}});
      return;
    }
    if (!exists(target, targetId))
      fail(field, "unknown " + std::string(toString(target)) + " '" + targetId + "'", "reference_unknown",
           {{"kind", std::string(toString(target))}, {"id", targetId}});
  }
  // Kiosks named by their hub ids, each once.
  void kiosks(const std::vector<std::string>& kiosks) {
    std::set<std::string> listed;
    for (std::size_t i = 0; i < kiosks.size(); ++i) {
      const auto& kiosk = kiosks[i];
      const std::string at = "kiosks[" + std::to_string(i) + "]";
      if (!isKioskId(kiosk))
        fail(at, "'" + kiosk + "' is not a kiosk id (up to 64 of a-z, A-Z, 0-9, '-', '_', '.')", "kiosk_id", {{"text", kiosk}});
      else if (!listed.insert(kiosk).second)
        fail(at, "kiosk '" + kiosk + "' is listed twice", "kiosk_twice", {{"kiosk", kiosk}});
    }
  }
  // Groups of kiosk profiles, each once.
  void groups(const std::vector<std::string>& groups) {
    std::set<std::string> listed;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      const auto& group = groups[i];
      const std::string at = "groups[" + std::to_string(i) + "]";
      if (!isValidId(group)) fail(at, "a group " + std::string(kIdRule).substr(6), "group_rule");
      else if (!listed.insert(group).second) fail(at, "group '" + group + "' is listed twice", "group_twice", {{"group", group}});
    }
  }
  // Each picture names a picture (or, not uploaded yet, says in its caption what it will
  // show), no picture twice, at most kMaxGalleryPictures of them.
  void gallery(const std::vector<Picture>& pictures) {
    if (pictures.size() > kMaxGalleryPictures)
      fail("gallery", "holds " + std::to_string(pictures.size()) + " pictures; at most " +
                          std::to_string(kMaxGalleryPictures) + " are shown",
           "gallery_too_many", {{"count", std::to_string(pictures.size())}, {"max", std::to_string(kMaxGalleryPictures)}});
    std::set<std::string> seen;
    for (std::size_t i = 0; i < pictures.size(); ++i) {
      const auto& picture = pictures[i];
      const std::string at = "gallery[" + std::to_string(i) + "]";
      const std::string which = "picture " + std::to_string(i + 1);
      if (picture.image.empty()) {
        if (picture.caption.empty())
          fail(at, which + " has neither an image nor a caption saying what it will show", "picture_empty",
               {{"n", std::to_string(i + 1)}});
        continue;
      }
      if (!isPictureName(picture.image))
        fail(at + ".image", which + " '" + picture.image + "' is not a picture name: " + std::string(kPictureNameRule),
             "picture_name", {{"n", std::to_string(i + 1)}, {"name", picture.image}});
      else if (!seen.insert(picture.image).second)
        fail(at + ".image", which + " '" + picture.image + "' is already earlier in the gallery", "picture_twice",
             {{"n", std::to_string(i + 1)}, {"name", picture.image}});
    }
  }
  // Each document a `source` field names is one of the source documents. Without `exists`
  // (a record checked on its own) the names are not looked up.
  void sources(const ExistsFn& exists, const std::string& source, const std::string& field) {
    if (!exists) return;
    for (const auto& cited : citedSources(source))
      if (!exists(RecordKind::Source, cited))
        fail(field, "unknown source document '" + cited + "': the documents are listed as [[source]] records",
             "source_unknown", {{"id", cited}});
  }
  // The year a document states a figure or a list for; 0 when none is stated.
  void year(int year, const std::string& field) {
    if (year != 0 && (year < 1900 || year > 2200))
      fail(field, "the year " + std::to_string(year) + " is not a year a document can state it for", "year_range",
           {{"year", std::to_string(year)}});
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

// The values of a position_off_map issue: the spot and the map's size, in map units.
std::map<std::string, std::string> offMapParams(MapPoint p) {
  auto whole = [](double v) { return std::isfinite(v) ? std::to_string(std::lround(v)) : std::string("?"); };
  return {{"x", whole(p.x)}, {"y", whole(p.y)}, {"width", whole(kMapWidth)}, {"height", whole(kMapHeight)}};
}

int minutesOf(const std::string& clock) {
  return std::stoi(clock.substr(0, 2)) * 60 + std::stoi(clock.substr(3, 2));
}

}  // namespace

bool isPictureName(std::string_view name) {
  if (name.empty() || name.size() > kMaxPictureNameLength) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const auto segment = name.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == ".." || segment.front() == '.') return false;
    const bool plain = std::all_of(segment.begin(), segment.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
             c == '.';
    });
    if (!plain) return false;
    start = end + 1;
  }
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  const auto extension = name.substr(dot + 1);
  return extension == "png" || extension == "jpg" || extension == "jpeg";
}

bool isValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool isKioskId(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

std::vector<ValidationIssue> validatePark(const Park& park, const ExistsFn& exists) {
  Checker check(RecordKind::Park, "");
  check.required(park.name, "name");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < park.facts.size(); ++i) {
    const auto& fact = park.facts[i];
    const std::string at = "facts[" + std::to_string(i) + "]";
    if (!isValidId(fact.id)) check.fail(at + ".id", std::string(kIdRule), "id_rule");
    if (!ids.insert(fact.id).second) check.fail(at + ".id", "duplicate fact id '" + fact.id + "'", "fact_twice", {{"id", fact.id}});
    check.required(fact.label, at + ".label");
    check.required(fact.value, at + ".value");
    check.year(fact.asOf, at + ".asOf");
    check.sources(exists, fact.source, at + ".source");
  }
  std::set<std::string> chainIds;
  for (std::size_t i = 0; i < park.chain.size(); ++i) {
    const auto& member = park.chain[i];
    const std::string at = "chain[" + std::to_string(i) + "]";
    if (!isValidId(member.id)) check.fail(at + ".id", std::string(kIdRule), "id_rule");
    if (!chainIds.insert(member.id).second) check.fail(at + ".id", "duplicate chain member id '" + member.id + "'", "chain_member_twice", {{"id", member.id}});
    check.required(member.name, at + ".name");
    check.year(member.asOf, at + ".asOf");
    check.sources(exists, member.source, at + ".source");
  }
  return check.take();
}

std::vector<ValidationIssue> validateCategory(RecordKind kind, const Category& category) {
  Checker check(kind, category.id);
  check.id();
  check.required(category.name, "name");
  return check.take();
}

std::vector<ValidationIssue> validateMilestone(const Milestone& milestone, const ExistsFn& exists) {
  Checker check(RecordKind::Milestone, milestone.id);
  check.id();
  if (milestone.date.year == 0) check.fail("date", "a date (YYYY, YYYY-MM or YYYY-MM-DD) is required", "milestone_date_required");
  else if (milestone.reportedOn.year != 0 && milestone.reportedOn < milestone.date)
    check.fail("reportedOn", "reported on " + milestone.reportedOn.iso() + ", before it happened (" +
                                 milestone.date.iso() + ")",
               "reported_before", {{"reported", milestone.reportedOn.iso()}, {"date", milestone.date.iso()}});
  check.required(milestone.title, "title");
  check.sources(exists, milestone.source, "source");
  check.gallery(milestone.gallery);
  return check.take();
}

std::vector<ValidationIssue> validatePlace(const Place& place, const ExistsFn& exists) {
  Checker check(RecordKind::Place, place.id);
  check.id();
  check.required(place.name, "name");
  const auto& p = place.position;
  // A place off the map (a partner institution) has no position to check.
  if (place.onMap() && (p.x < 0.0 || p.x > kMapWidth || p.y < 0.0 || p.y > kMapHeight))
    check.fail("position", "(" + std::to_string(static_cast<int>(p.x)) + ", " +
                               std::to_string(static_cast<int>(p.y)) +
                               ") is off the park map (0.." + std::to_string(static_cast<int>(kMapWidth)) + " across, 0.." +
                               std::to_string(static_cast<int>(kMapHeight)) + " down)",
               "position_off_map", offMapParams(p));
  check.gallery(place.gallery);
  check.sources(exists, place.source, "source");
  for (std::size_t i = 0; i < place.quotes.size(); ++i) {
    const std::string at = "quotes[" + std::to_string(i) + "]";
    check.required(place.quotes[i].text, at + ".text");
    check.required(place.quotes[i].by, at + ".by");
    check.sources(exists, place.quotes[i].source, at + ".source");
  }
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
    check.fail("website", "a website starts with http:// or https://", "website_scheme");
  check.sources(exists, tenant.source, "source");
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
                           std::to_string(exhibit.ageMax) + " is not a range of ages",
               "age_range", {{"min", std::to_string(exhibit.ageMin)}, {"max", std::to_string(exhibit.ageMax)}, {"limit", std::to_string(kMaxExhibitAge)}});
  for (std::size_t i = 0; i < exhibit.steps.size(); ++i)
    check.required(exhibit.steps[i], "steps[" + std::to_string(i) + "]");
  for (std::size_t i = 0; i < exhibit.quiz.size(); ++i) {
    const auto& q = exhibit.quiz[i];
    const std::string at = "quiz[" + std::to_string(i) + "]";
    check.required(q.question, at + ".question");
    if (q.choices.size() < 2) check.fail(at + ".choices", "a question needs at least two choices", "quiz_choices");
    for (std::size_t c = 0; c < q.choices.size(); ++c)
      check.required(q.choices[c], at + ".choices[" + std::to_string(c) + "]");
    if (q.answer < 0 || static_cast<std::size_t>(q.answer) >= q.choices.size())
      check.fail(at + ".answer", "the answer must be the index of one of the choices", "quiz_answer");
  }
  check.gallery(exhibit.gallery);
  return check.take();
}

std::vector<ValidationIssue> validateItinerary(const Itinerary& itinerary, const ExistsFn& exists) {
  Checker check(RecordKind::Itinerary, itinerary.id);
  check.id();
  check.required(itinerary.delegation, "delegation");
  if (!isIsoDateOrMonth(itinerary.date))
    check.fail("date", "a date YYYY-MM-DD (YYYY-MM when the documents give only the month) is required",
               "visit_date_required");
  if (!itinerary.reportedOn.empty()) {
    if (!isIsoDate(itinerary.reportedOn))
      check.fail("reportedOn", "'" + itinerary.reportedOn + "' is not a date YYYY-MM-DD", "date_invalid",
                 {{"text", itinerary.reportedOn}});
    else if (isIsoDateOrMonth(itinerary.date) && itinerary.reportedOn < itinerary.date)
      check.fail("reportedOn", "reported on " + itinerary.reportedOn + ", before the visit (" + itinerary.date + ")",
                 "reported_before", {{"reported", itinerary.reportedOn}, {"date", itinerary.date}});
  }
  check.sources(exists, itinerary.source, "source");
  for (const auto* field : {&itinerary.start, &itinerary.end})
    if (!field->empty() && !isClockTime(*field))
      check.fail(field == &itinerary.start ? "start" : "end", "'" + *field + "' is not a time HH:MM", "time_invalid",
                 {{"text", *field}});
  if (isClockTime(itinerary.start) && isClockTime(itinerary.end) &&
      minutesOf(itinerary.end) <= minutesOf(itinerary.start))
    check.fail("end", "the visit ends at " + itinerary.end + ", not after it starts at " + itinerary.start, "visit_order",
               {{"end", itinerary.end}, {"start", itinerary.start}});

  struct Span { int from; int to; std::size_t index; };
  std::vector<Span> spans;
  for (std::size_t i = 0; i < itinerary.stops.size(); ++i) {
    const auto& stop = itinerary.stops[i];
    const std::string at = "stops[" + std::to_string(i) + "]";
    check.reference(exists, RecordKind::Place, stop.placeId, at + ".place");
    bool timesOk = true;
    for (const auto* field : {&stop.start, &stop.end})
      if (!field->empty() && !isClockTime(*field)) {
        check.fail(at + (field == &stop.start ? ".start" : ".end"), "'" + *field + "' is not a time HH:MM",
                   "time_invalid", {{"text", *field}});
        timesOk = false;
      }
    if (!timesOk || stop.start.empty()) continue;
    int from = minutesOf(stop.start);
    int to = stop.end.empty() ? from : minutesOf(stop.end);
    if (to < from) {
      check.fail(at + ".end", "the stop ends at " + stop.end + ", before it starts at " + stop.start, "stop_order",
                 {{"end", stop.end}, {"start", stop.start}});
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
                 "overlaps stop " + std::to_string(prev.index + 1) + " (" + itinerary.stops[prev.index].start + "-" +
                     itinerary.stops[prev.index].end + ")",
                 "stop_overlap",
                 {{"stop", std::to_string(prev.index + 1)},
                  {"times", itinerary.stops[prev.index].start + "-" + itinerary.stops[prev.index].end}});
  }
  check.gallery(itinerary.gallery);
  return check.take();
}

std::vector<ValidationIssue> validateWelcome(const WelcomeMessage& welcome, const ExistsFn& exists) {
  Checker check(RecordKind::Welcome, welcome.id);
  check.id();
  check.required(welcome.text, "text");
  check.reference(exists, RecordKind::Itinerary, welcome.itineraryId, "itinerary", true);
  if (!isIsoDateTime(welcome.startsAt)) check.fail("starts", "a time YYYY-MM-DDTHH:MM is required", "datetime_required");
  if (!isIsoDateTime(welcome.endsAt)) check.fail("ends", "a time YYYY-MM-DDTHH:MM is required", "datetime_required");
  else if (welcome.endsAt <= welcome.startsAt) check.fail("ends", "the window ends before it starts", "window_order");
  check.groups(welcome.groups);
  check.kiosks(welcome.kiosks);
  return check.take();
}

std::vector<ValidationIssue> validateWelcomeGroups(const WelcomeMessage& welcome, const std::set<std::string>& profileGroups) {
  Checker check(RecordKind::Welcome, welcome.id);
  for (std::size_t i = 0; i < welcome.groups.size(); ++i)
    if (isValidId(welcome.groups[i]) && profileGroups.count(welcome.groups[i]) == 0)
      check.fail("groups[" + std::to_string(i) + "]", "no kiosk profile is in group '" + welcome.groups[i] + "'",
                 "group_unknown", {{"group", welcome.groups[i]}});
  return check.take();
}

std::vector<ValidationIssue> validateSource(const SourceDocument& source) {
  Checker check(RecordKind::Source, source.id);
  check.id();
  const auto& lang = source.language;
  if (lang.empty()) check.fail("language", "the document's language (\"vi\", \"en\") is required", "source_language_required");
  else if (lang.size() < 2 || lang.size() > 3 || !std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    check.fail("language", "'" + lang + "' is not a language code such as \"vi\" or \"en\"", "source_language",
               {{"text", lang}});
  if (!source.link.empty() && source.link.rfind("http://", 0) != 0 && source.link.rfind("https://", 0) != 0)
    check.fail("link", "a link starts with http:// or https://", "link_scheme");
  if (source.title.empty() && source.publisher.empty() && source.author.empty())
    check.fail("title", "a document needs a title, a publisher or an author to be named by", "source_name_required");
  return check.take();
}

namespace {

bool onMap(MapPoint p) { return p.x >= 0.0 && p.x <= kMapWidth && p.y >= 0.0 && p.y <= kMapHeight; }

std::string offMapMessage(MapPoint p) {
  auto whole = [](double v) { return std::isfinite(v) ? std::to_string(std::lround(v)) : std::string("?"); };
  return "(" + whole(p.x) + ", " + whole(p.y) + ") is off the park map (0.." + whole(kMapWidth) + " across, 0.." +
         whole(kMapHeight) + " down)";
}

// "is 85 m from the nearest walking path (at most 48 m)": how far a spot is from the paths.
std::string awayMessage(double units, const PathNetwork& paths) {
  const double scale = paths.mapWidthMetres > 0 ? paths.metresPerUnit() : 1.0;
  const std::string unit = paths.mapWidthMetres > 0 ? " m" : " map units";
  const std::string limit = std::to_string(std::lround(kReachDistance * scale)) + unit;
  if (!std::isfinite(units)) return "no walking path reaches it (the network has no connected segments)";
  return "no walking path reaches it: the nearest is " + std::to_string(std::lround(units * scale)) + unit +
         " away (at most " + limit + ")";
}

// The code and values of awayMessage's issue: metres when the map's width is known.
std::string awayCode(double units, const PathNetwork& paths) {
  if (!std::isfinite(units)) return "path_none";
  return paths.mapWidthMetres > 0 ? "path_far_metres" : "path_far_units";
}

std::map<std::string, std::string> awayParams(double units, const PathNetwork& paths) {
  if (!std::isfinite(units)) return {};
  const double scale = paths.mapWidthMetres > 0 ? paths.metresPerUnit() : 1.0;
  return {{"distance", std::to_string(std::lround(units * scale))}, {"max", std::to_string(std::lround(kReachDistance * scale))}};
}

}  // namespace

std::vector<ValidationIssue> validatePaths(const PathNetwork& paths, const std::vector<Place>& places) {
  Checker check(RecordKind::Paths, "");
  if (paths.empty()) return {};
  if (paths.mapWidthMetres <= 0 || paths.mapWidthMetres > kMaxMapWidthMetres)
    check.fail("mapWidthMetres", "the map's width on the ground, 1 to " + std::to_string(kMaxMapWidthMetres) +
                                     " metres, is required",
               "map_width", {{"max", std::to_string(kMaxMapWidthMetres)}});
  std::map<std::string, MapPoint> points;
  for (std::size_t i = 0; i < paths.points.size(); ++i) {
    const auto& point = paths.points[i];
    const std::string at = "points[" + std::to_string(i) + "]";
    if (!isValidId(point.id)) check.fail(at + ".id", std::string(kIdRule), "id_rule");
    else if (!points.emplace(point.id, point.position).second)
      check.fail(at + ".id", "duplicate point id '" + point.id + "'", "point_twice", {{"id", point.id}});
    if (!onMap(point.position)) check.fail(at + ".position", offMapMessage(point.position), "position_off_map", offMapParams(point.position));
  }
  std::set<std::pair<std::string, std::string>> joined;
  for (std::size_t i = 0; i < paths.segments.size(); ++i) {
    const auto& segment = paths.segments[i];
    const std::string at = "segments[" + std::to_string(i) + "]";
    bool known = true;
    for (const auto* end : {&segment.from, &segment.to})
      if (points.count(*end) == 0) {
        check.fail(at + (end == &segment.from ? ".from" : ".to"),
                   end->empty() ? std::string("a point is required") : "unknown point '" + *end + "'",
                   end->empty() ? "point_required" : "point_unknown", {{"id", *end}});
        known = false;
      }
    if (!known) continue;
    if (segment.from == segment.to) {
      check.fail(at + ".to", "a segment joins two different points, not '" + segment.from + "' to itself", "segment_loop",
                 {{"id", segment.from}});
      continue;
    }
    if (!joined.insert(std::minmax(segment.from, segment.to)).second)
      check.fail(at, "'" + segment.from + "' and '" + segment.to + "' are already joined", "segment_twice",
                 {{"from", segment.from}, {"to", segment.to}});
  }
  std::vector<ValidationIssue> issues = check.take();
  const WalkingRouter router(paths);
  for (const auto& place : places) {
    if (!place.onMap() || !onMap(place.position)) continue;  // not drawn; or off the map, which its own check says
    const double away = router.distanceToMainPaths(place.position);
    if (!(away <= kReachDistance))
      issues.push_back({RecordKind::Place, place.id, "position", awayMessage(away, paths), awayCode(away, paths),
                        awayParams(away, paths)});
  }
  return issues;
}

std::vector<ValidationIssue> validateProfile(const KioskProfile& profile, const PathNetwork& paths) {
  Checker check(RecordKind::Profile, profile.id);
  check.id();
  check.required(profile.name, "name");
  if (!isValidId(profile.group))
    check.fail("group",
               profile.group.empty() ? std::string("a group (museum, lobby, steamzone, ...) is required")
                                     : "a group " + std::string(kIdRule).substr(6),
               profile.group.empty() ? "group_required" : "group_rule");
  if (!onMap(profile.position)) check.fail("position", offMapMessage(profile.position), "position_off_map", offMapParams(profile.position));
  else if (!paths.empty()) {
    const double away = WalkingRouter(paths).distanceToMainPaths(profile.position);
    if (!(away <= kReachDistance)) check.fail("position", awayMessage(away, paths), awayCode(away, paths), awayParams(away, paths));
  }
  if (profile.facing < 0 || profile.facing > 359)
    check.fail("facing", "a direction 0 to 359 degrees clockwise from the top of the map, not " +
                             std::to_string(profile.facing),
               "facing_range", {{"value", std::to_string(profile.facing)}});
  std::string sections;
  for (auto name : kioskSectionNames()) sections += (sections.empty() ? "" : ", ") + std::string(name);
  if (!profile.startSection.empty() && !isKioskSection(profile.startSection))
    check.fail("startSection", "unknown section '" + profile.startSection + "' (one of " + sections + ")", "section_unknown",
               {{"name", profile.startSection}, {"sections", sections}});
  std::set<std::string> shown;
  for (std::size_t i = 0; i < profile.homeSections.size(); ++i) {
    const auto& name = profile.homeSections[i];
    const std::string at = "homeSections[" + std::to_string(i) + "]";
    if (!isKioskSection(name) || name == "home")
      check.fail(at, "unknown section '" + name + "' (one of " + sections.substr(6) + ")", "section_unknown",
                 {{"name", name}, {"sections", sections.substr(6)}});
    else if (!shown.insert(name).second)
      check.fail(at, "'" + name + "' is shown once", "section_twice", {{"name", name}});
  }
  if (profile.idleTimeout != 0 && (profile.idleTimeout < kMinIdleTimeout || profile.idleTimeout > kMaxIdleTimeout))
    check.fail("idleTimeout", "0 (the kiosk's default) or " + std::to_string(kMinIdleTimeout) + " to " +
                                  std::to_string(kMaxIdleTimeout) + " seconds, not " +
                                  std::to_string(profile.idleTimeout),
               "idle_range", {{"min", std::to_string(kMinIdleTimeout)}, {"max", std::to_string(kMaxIdleTimeout)},
                              {"value", std::to_string(profile.idleTimeout)}});
  bool hoursOk = true;
  for (const auto* field : {&profile.opens, &profile.closes})
    if (!field->empty() && !isClockTime(*field)) {
      check.fail(field == &profile.opens ? "opens" : "closes", "'" + *field + "' is not a time HH:MM", "time_invalid",
                 {{"text", *field}});
      hoursOk = false;
    }
  if (hoursOk && profile.opens.empty() != profile.closes.empty())
    check.fail(profile.opens.empty() ? "opens" : "closes",
               "opening hours need both a time it opens and a time it closes (or neither: always open)", "hours_both");
  else if (hoursOk && !profile.opens.empty() && minutesOf(profile.closes) <= minutesOf(profile.opens))
    check.fail("closes", "the kiosk closes at " + profile.closes + ", not after it opens at " + profile.opens, "hours_order",
               {{"opens", profile.opens}, {"closes", profile.closes}});
  check.kiosks(profile.kiosks);
  return check.take();
}

std::vector<ValidationIssue> validateProfileKiosks(const std::vector<KioskProfile>& profiles) {
  std::vector<ValidationIssue> issues;
  std::map<std::string, std::string> owner;  // kiosk -> the first profile listing it
  for (const auto& profile : profiles)
    for (std::size_t i = 0; i < profile.kiosks.size(); ++i) {
      const auto [it, fresh] = owner.emplace(profile.kiosks[i], profile.id);
      if (!fresh && it->second != profile.id)
        issues.push_back({RecordKind::Profile, profile.id, "kiosks[" + std::to_string(i) + "]",
                          "kiosk '" + profile.kiosks[i] + "' already uses profile '" + it->second + "'",
                          "kiosk_has_profile", {{"kiosk", profile.kiosks[i]}, {"profile", it->second}}});
    }
  return issues;
}

std::set<std::string> profileGroups(const std::vector<KioskProfile>& profiles) {
  std::set<std::string> groups;
  for (const auto& k : profiles) groups.insert(k.group);
  return groups;
}

std::vector<ValidationIssue> validateSet(const ContentSet& set, const ExistsFn& existsOutsideSet,
                                         const std::optional<std::set<std::string>>& groups) {
  std::map<RecordKind, std::set<std::string>> inSet;
  std::vector<ValidationIssue> issues;
  auto collect = [&](RecordKind kind, const auto& records) {
    for (const auto& record : records)
      if (!inSet[kind].insert(record.id).second)
        issues.push_back({kind, record.id, "id", "duplicate id: another " + std::string(toString(kind)) + " has it",
                          "duplicate_id", {{"kind", std::string(toString(kind))}}});
  };
  collect(RecordKind::Sector, set.sectors);
  collect(RecordKind::Theme, set.themes);
  collect(RecordKind::Milestone, set.milestones);
  collect(RecordKind::Place, set.places);
  collect(RecordKind::Tenant, set.tenants);
  collect(RecordKind::Exhibit, set.exhibits);
  collect(RecordKind::Itinerary, set.itineraries);
  collect(RecordKind::Welcome, set.welcomes);
  collect(RecordKind::Source, set.sources);

  ExistsFn exists = [&](RecordKind kind, const std::string& id) {
    auto it = inSet.find(kind);
    return (it != inSet.end() && it->second.count(id) > 0) || existsOutsideSet(kind, id);
  };
  append(issues, validatePark(set.park, exists));
  for (const auto& s : set.sources) append(issues, validateSource(s));
  for (const auto& c : set.sectors) append(issues, validateCategory(RecordKind::Sector, c));
  for (const auto& c : set.themes) append(issues, validateCategory(RecordKind::Theme, c));
  for (const auto& m : set.milestones) append(issues, validateMilestone(m, exists));
  for (const auto& p : set.places) append(issues, validatePlace(p, exists));
  for (const auto& t : set.tenants) append(issues, validateTenant(t, exists));
  for (const auto& e : set.exhibits) append(issues, validateExhibit(e, exists));
  for (const auto& i : set.itineraries) append(issues, validateItinerary(i, exists));
  for (const auto& w : set.welcomes) append(issues, validateWelcome(w, exists));
  collect(RecordKind::Profile, set.profiles);
  if (set.paths) append(issues, validatePaths(*set.paths, set.places));
  for (const auto& k : set.profiles) append(issues, validateProfile(k, set.paths ? *set.paths : PathNetwork{}));
  append(issues, validateProfileKiosks(set.profiles));
  const std::set<std::string> known = groups ? *groups : profileGroups(set.profiles);
  for (const auto& w : set.welcomes) append(issues, validateWelcomeGroups(w, known));
  return issues;
}

}  // namespace qtsc::content
