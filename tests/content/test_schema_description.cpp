#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "qtsc/content/fields.hpp"
#include "qtsc/content/schema_description.hpp"
#include "qtsc/content/validation.hpp"

using namespace qtsc::content;
using nlohmann::json;

namespace {

// A walker of its own, so the test does not trust the describer: the JSON name of every
// field fields.hpp gives, list items as "stops[].place".
struct NameCollector {
  std::string prefix;
  std::vector<std::string> names;
  void add(FieldName name) { names.push_back(prefix + std::string(name.json)); }
  void string(FieldName n, std::string&) { add(n); }
  void text(FieldName n, LocalizedText&) { add(n); }
  void strings(FieldName n, std::vector<std::string>&) { add(n); }
  void texts(FieldName n, std::vector<LocalizedText>&) { add(n); }
  void integer(FieldName n, int&) { add(n); }
  void boolean(FieldName n, bool&) { add(n); }
  void negated(FieldName n, bool&) { add(n); }
  void date(FieldName n, PartialDate&) { add(n); }
  void point(FieldName n, MapPoint&) { add(n); }
  void choice(FieldName n, PlaceKind&) { add(n); }
  void choice(FieldName n, DayPart&) { add(n); }
  void choice(FieldName n, TenantKind&) { add(n); }
  template <typename Record>
  void list(FieldName n, std::vector<Record>&) {
    add(n);
    NameCollector items{prefix + std::string(n.json) + "[].", {}};
    Record item;
    describeFields(items, item);
    names.insert(names.end(), items.names.begin(), items.names.end());
  }
};

template <typename Record>
std::vector<std::string> walkedNames() {
  NameCollector collector;
  Record record;
  describeFields(collector, record);
  return collector.names;
}

void describedNames(const json& fields, const std::string& prefix, std::vector<std::string>& out) {
  for (const auto& field : fields) {
    out.push_back(prefix + field.at("name").get<std::string>());
    if (field.contains("fields")) describedNames(field["fields"], prefix + field["name"].get<std::string>() + "[].", out);
  }
}

std::vector<std::string> describedNames(const std::string& kind) {
  std::vector<std::string> out;
  describedNames(describeSchema().at("kinds").at(kind).at("fields"), "", out);
  return out;
}

// The fields described as required, as validation names them ("name.vi" for a text).
std::set<std::string> requiredFields(const json& fields, const std::string& prefix = "") {
  std::set<std::string> out;
  for (const auto& field : fields) {
    if (!field["required"].get<bool>()) continue;
    const std::string name = prefix + field["name"].get<std::string>();
    out.insert(field["type"] == "text" ? name + "." + std::string(kDefaultLanguage) : name);
  }
  return out;
}

std::set<std::string> issueFields(const std::vector<ValidationIssue>& issues) {
  std::set<std::string> out;
  for (const auto& issue : issues) out.insert(issue.field);
  return out;
}

const ExistsFn kNothingExists = [](RecordKind, const std::string&) { return false; };

}  // namespace

TEST_CASE("the schema lists every field of every kind that the field descriptions give", "[schema]") {
  CHECK(describedNames("park") == walkedNames<Park>());
  CHECK(describedNames("sector") == walkedNames<Category>());
  CHECK(describedNames("theme") == walkedNames<Category>());
  CHECK(describedNames("milestone") == walkedNames<Milestone>());
  CHECK(describedNames("place") == walkedNames<Place>());
  CHECK(describedNames("tenant") == walkedNames<Tenant>());
  CHECK(describedNames("exhibit") == walkedNames<Exhibit>());
  CHECK(describedNames("itinerary") == walkedNames<Itinerary>());
  CHECK(describedNames("welcome") == walkedNames<WelcomeMessage>());
  CHECK(describedNames("source") == walkedNames<SourceDocument>());
  // One entry per record kind, named as errors and search results name kinds.
  const nlohmann::json schema = describeSchema();  // held: the loop below walks a part of it
  for (const auto& [name, kind] : schema["kinds"].items()) CHECK(recordKindFromString(name));
  CHECK(schema["kinds"].size() == 10);
}

TEST_CASE("a described field carries its JSON and source names, type, references and defaults", "[schema]") {
  const json schema = describeSchema();
  const auto field = [&](const std::string& kind, const std::string& name) {
    for (const auto& f : schema["kinds"][kind]["fields"])
      if (f["name"] == name) return f;
    FAIL("no field " << kind << "." << name);
    return json();
  };
  CHECK(field("tenant", "place") == json{{"name", "place"}, {"source", "place"}, {"type", "string"}, {"required", true}, {"refersTo", "place"}});
  CHECK(field("tenant", "sectors")["refersTo"] == "sector");
  CHECK(field("tenant", "logo")["format"] == "image");
  CHECK(field("park", "shortName")["source"] == "short_name");
  CHECK(field("place", "kind")["enum"] == "placeKind");
  CHECK(field("place", "kind")["default"] == "building");
  CHECK(field("exhibit", "ageMin")["default"] == 6);
  CHECK(field("exhibit", "ageMax")["default"] == 99);
  CHECK(field("itinerary", "stops")["source"] == "stop");
  CHECK(field("itinerary", "stops")["fields"][0]["refersTo"] == "place");
  CHECK(field("welcome", "starts")["format"] == "datetime");
  // Fields of the content model corrections.
  CHECK(field("tenant", "kind")["enum"] == "tenantKind");
  CHECK(field("tenant", "kind")["default"] == "company");
  CHECK(field("itinerary", "date")["format"] == "month-or-date");
  CHECK(field("itinerary", "reportedOn")["source"] == "reported_on");
  CHECK(field("itinerary", "reportedOn")["format"] == "date");
  CHECK(field("itinerary", "alsoPresent")["type"] == "text");
  CHECK(field("itinerary", "unordered")["default"] == false);
  CHECK(field("milestone", "reportedOn")["type"] == "date");
  CHECK(field("sector", "sample")["default"] == false);
  CHECK(field("place", "quotes")["source"] == "quote");
  CHECK(field("tenant", "source")["format"] == "sources");
  CHECK(field("source", "language")["required"] == true);
  CHECK(field("source", "unconfirmedNames")["type"] == "strings");
  const json official = schema["kinds"]["park"]["fields"][4]["fields"][3];
  CHECK(official["name"] == "official");
  CHECK(official["source"] == "planned");
  CHECK(official["negatedInSource"] == true);
}

TEST_CASE("what the schema calls required is what validation refuses an empty record for", "[schema]") {
  const json kinds = describeSchema()["kinds"];
  CHECK(issueFields(validateCategory(RecordKind::Sector, {})) == requiredFields(kinds["sector"]["fields"]));
  CHECK(issueFields(validateCategory(RecordKind::Theme, {})) == requiredFields(kinds["theme"]["fields"]));
  CHECK(issueFields(validateMilestone({})) == requiredFields(kinds["milestone"]["fields"]));
  CHECK(issueFields(validatePlace({})) == requiredFields(kinds["place"]["fields"]));
  CHECK(issueFields(validateTenant({}, kNothingExists)) == requiredFields(kinds["tenant"]["fields"]));
  CHECK(issueFields(validateExhibit({}, kNothingExists)) == requiredFields(kinds["exhibit"]["fields"]));
  CHECK(issueFields(validateItinerary({}, kNothingExists)) == requiredFields(kinds["itinerary"]["fields"]));
  CHECK(issueFields(validateWelcome({}, kNothingExists)) == requiredFields(kinds["welcome"]["fields"]));
  // A document needs to be named somehow, but by none of its fields in particular.
  auto sourceIssues = issueFields(validateSource({}));
  sourceIssues.erase("title");
  CHECK(sourceIssues == requiredFields(kinds["source"]["fields"]));

  Place quoted;
  quoted.name.set("vi", "Trung tâm");
  quoted.quotes.emplace_back();
  std::set<std::string> quoteIssues;
  for (const auto& f : issueFields(validatePlace(quoted)))
    if (f.rfind("quotes[0].", 0) == 0) quoteIssues.insert(f);
  json quoteFields;
  for (const auto& f : kinds["place"]["fields"])
    if (f["name"] == "quotes") quoteFields = f["fields"];
  CHECK(quoteIssues == requiredFields(quoteFields, "quotes[0]."));

  // Items of lists: a park with one empty fact and one empty chain member.
  Park park;
  park.name.set("vi", "Công viên");
  park.facts.emplace_back();
  park.chain.emplace_back();
  const json parkFields = kinds["park"]["fields"];
  std::set<std::string> expected = requiredFields(parkFields[3]["fields"], "facts[0].");
  expected.merge(requiredFields(parkFields[4]["fields"], "chain[0]."));
  CHECK(issueFields(validatePark(park)) == expected);

  Exhibit exhibit;
  exhibit.quiz.emplace_back();
  std::set<std::string> quiz;
  for (const auto& f : issueFields(validateExhibit(exhibit, kNothingExists)))
    if (f.rfind("quiz[0].", 0) == 0) quiz.insert(f);
  CHECK(quiz == requiredFields(kinds["exhibit"]["fields"][8]["fields"], "quiz[0]."));

  Itinerary itinerary;
  itinerary.stops.emplace_back();
  CHECK(issueFields(validateItinerary(itinerary, kNothingExists)).count("stops[0].place") == 1);
}

TEST_CASE("the schema's enums, id rule, languages and map are the model's", "[schema]") {
  const json schema = describeSchema();
  CHECK(schema["enums"]["placeKind"] == json{"building", "centre", "lot", "zone", "partner"});
  CHECK(schema["enums"]["tenantKind"] == json{"company", "qtsc-unit", "group"});
  for (const auto& name : schema["enums"]["tenantKind"]) CHECK(tenantKindFromString(name.get<std::string>()));
  for (const auto& name : schema["enums"]["placeKind"]) CHECK(placeKindFromString(name.get<std::string>()));
  CHECK(schema["enums"]["dayPart"] == json{"morning", "afternoon", "evening"});
  for (const auto& name : schema["enums"]["dayPart"]) CHECK(dayPartFromString(name.get<std::string>()));
  CHECK(schema["languages"]["default"] == "vi");
  CHECK(schema["languages"]["authored"] == json{"vi", "en"});
  CHECK(schema["map"] == json{{"width", 1000.0}, {"height", 700.0}});
  CHECK(schema["limits"]["exhibitAge"]["max"] == 120);

  // A form checking the pattern and the length accepts exactly the ids validation accepts.
  const std::regex pattern("^(?:" + schema["id"]["pattern"].get<std::string>() + ")$");
  const auto maxLength = schema["id"]["maxLength"].get<std::size_t>();
  const std::vector<std::string> ids{"tma", "a-1", "9", "-a", "A", "a_b", "", "ă", std::string(64, 'a'), std::string(65, 'a'), "a-"};
  for (const auto& id : ids) {
    INFO(id);
    CHECK((std::regex_match(id, pattern) && id.size() <= maxLength) == isValidId(id));
  }
}
