// The hub's JSON form of content records: every record of the park's sources and of the
// generated samples survives the trip to JSON and back unchanged, names follow the API, and
// shape errors name the field by the path validation uses.
#include <catch2/catch.hpp>

#include <algorithm>

#include "qtsc/content/generator.hpp"
#include "qtsc/content/sources.hpp"
#include "qtsc/hub/records.hpp"

using namespace qtsc;
using nlohmann::json;

namespace {

content::ContentSet parkAndSamples() {
  content::ContentSet park = content::readValidSources(QTSC_PARK_SOURCES);
  content::SampleSpec spec;
  spec.tenants = 20;
  spec.exhibits = 6;
  spec.demoDay = "2026-11-23";
  const content::ContentSet samples = content::generateSamples(park, spec);
  auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
  append(park.sectors, samples.sectors);
  append(park.themes, samples.themes);
  append(park.places, samples.places);
  append(park.tenants, samples.tenants);
  append(park.exhibits, samples.exhibits);
  append(park.itineraries, samples.itineraries);
  append(park.welcomes, samples.welcomes);
  return park;
}

template <typename Record, typename Read>
void roundTrips(const std::vector<Record>& records, Read read) {
  REQUIRE_FALSE(records.empty());
  for (const auto& record : records) {
    const json written = hub::toJson(record);
    INFO(written.dump());
    CHECK(read(written) == record);
    CHECK(read(json::parse(written.dump())) == record);  // through text, as over HTTP
  }
}

std::vector<std::string> fieldsRefused(const std::function<void()>& read) {
  std::vector<std::string> fields;
  try {
    read();
  } catch (const hub::InvalidRequestError& e) {
    for (const auto& issue : e.issues) fields.push_back(issue.field);
  }
  std::sort(fields.begin(), fields.end());
  return fields;
}

}  // namespace

TEST_CASE("every record of the park and of the samples survives JSON and back", "[hub][records]") {
  const content::ContentSet set = parkAndSamples();
  CHECK(hub::parkFromJson(hub::toJson(set.park)) == set.park);
  REQUIRE(set.park.facts.size() > 3);
  REQUIRE(set.park.chain.size() > 1);
  roundTrips(set.sectors, hub::categoryFromJson);
  roundTrips(set.themes, hub::categoryFromJson);
  roundTrips(set.milestones, hub::milestoneFromJson);
  roundTrips(set.places, hub::placeFromJson);
  roundTrips(set.tenants, hub::tenantFromJson);
  roundTrips(set.exhibits, hub::exhibitFromJson);
  roundTrips(set.itineraries, hub::itineraryFromJson);
  roundTrips(set.welcomes, hub::welcomeFromJson);
}

TEST_CASE("records are written under the API's field names", "[hub][records]") {
  const content::ContentSet set = parkAndSamples();
  const json park = hub::toJson(set.park);
  CHECK(park.contains("shortName"));
  CHECK(park["facts"].is_array());
  CHECK(park["chain"][0].contains("official"));
  const auto exhibit = hub::toJson(set.exhibits.front());
  CHECK(exhibit["ageMin"].is_number_integer());
  CHECK(exhibit["steps"][0].contains("vi"));
  CHECK(exhibit["quiz"][0]["choices"].size() >= 2);
  const auto place = hub::toJson(set.places.front());
  CHECK(place["position"].contains("x"));
  CHECK(place["kind"].is_string());
  const auto visit = hub::toJson(set.itineraries.front());
  CHECK(visit["dayPart"].is_string());
  CHECK(visit["stops"][0].contains("place"));
  const auto milestone = hub::toJson(set.milestones.front());
  CHECK(milestone["date"].get<std::string>().size() >= 4);
}

TEST_CASE("shape errors in nested fields name the path validation uses", "[hub][records]") {
  const json exhibit = {{"id", "x"},
                        {"name", {{"vi", "X"}}},
                        {"steps", json::array({{{"vi", "a"}}, "not texts"})},
                        {"quiz", json::array({{{"question", {{"vi", "?"}}},
                                               {"choices", json::array({{{"vi", 1}}})},
                                               {"answer", "first"},
                                               {"colour", "red"}}})},
                        {"ageMin", 1.5}};
  CHECK(fieldsRefused([&] { hub::exhibitFromJson(exhibit); }) ==
        std::vector<std::string>{"ageMin", "quiz[0].answer", "quiz[0].choices[0].vi", "quiz[0].colour", "steps[1]"});

  const json visit = {{"id", "v"},
                      {"dayPart", "night"},
                      {"stops", json::array({{{"place", 7}}, {{"place", "lab"}, {"activity", "tour"}}})}};
  CHECK(fieldsRefused([&] { hub::itineraryFromJson(visit); }) ==
        std::vector<std::string>{"dayPart", "stops[0].place", "stops[1].activity"});

  const json place = {{"id", "p"}, {"kind", "castle"}, {"position", {{"x", "left"}, {"z", 1}}}};
  CHECK(fieldsRefused([&] { hub::placeFromJson(place); }) ==
        std::vector<std::string>{"kind", "position.x", "position.z"});

  const json chain = {{"chain", json::array({{{"id", "a"}, {"official", "yes"}}})}};
  CHECK(fieldsRefused([&] { hub::parkFromJson(chain); }) == std::vector<std::string>{"chain[0].official"});
  CHECK(fieldsRefused([&] { hub::tenantFromJson(json::array()); }) == std::vector<std::string>{"body"});
}

TEST_CASE("a field left out keeps the record's default", "[hub][records]") {
  const auto member = hub::parkFromJson({{"chain", json::array({{{"id", "hue"}}})}}).chain.at(0);
  CHECK(member.official);
  const auto planned = hub::parkFromJson({{"chain", json::array({{{"id", "hue"}, {"official", false}}})}}).chain.at(0);
  CHECK_FALSE(planned.official);
  const auto exhibit = hub::exhibitFromJson({{"id", "e"}, {"quiz", json::array({json::object()})}});
  CHECK(exhibit.ageMin == 6);
  CHECK(exhibit.quiz.at(0).answer == -1);  // no answer chosen: validation refuses it
  CHECK(hub::placeFromJson({{"id", "p"}}).kind == content::PlaceKind::Building);
}
