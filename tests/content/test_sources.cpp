#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

#include "qtsc/content/sources.hpp"
#include "test_support.hpp"

using namespace qtsc::content;
using qtsc::testing::TempDir;
using qtsc::testing::writeFile;

namespace {
const char* kPlaces = R"toml(
[[place]]
id = "museum"
kind = "building"
name = { vi = "Bảo tàng QTSC", en = "QTSC Museum" }
x = 430
y = 300
)toml";

// Every folder of sources needs the park record; the tests add it beside what they test.
std::vector<SourceDiagnostic> check(const TempDir& dir) {
  writeFile(dir / "park.toml", "[park]\nname = { vi = \"Công viên phần mềm Quang Trung\" }\n");
  return checkSources(dir.path());
}
}  // namespace

TEST_CASE("the park's own sources are valid", "[sources]") {
  auto diagnostics = checkSources(QTSC_PARK_SOURCES);
  for (const auto& d : diagnostics) UNSCOPED_INFO(d.describe());
  CHECK(diagnostics.empty());
}

TEST_CASE("a content error names the file and the line of the field", "[sources]") {
  TempDir dir;
  writeFile(dir / "places.toml", kPlaces);
  writeFile(dir / "tenants.toml", R"toml(# tenants
[[tenant]]
id = "tma"
name = { vi = "TMA Solutions", en = "TMA Solutions" }
place = "nowhere"
)toml");
  auto diagnostics = check(dir);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].where.file == (dir / "tenants.toml").string());
  CHECK(diagnostics[0].where.line == 5);
  CHECK(diagnostics[0].message.find("tenant 'tma' field 'place': unknown place 'nowhere'") != std::string::npos);
  CHECK(diagnostics[0].describe().find("tenants.toml:5: ") != std::string::npos);
}

TEST_CASE("missing Vietnamese text points at the field's line", "[sources]") {
  TempDir dir;
  writeFile(dir / "places.toml", std::string(kPlaces) + R"toml(
[[place]]
id = "lab"
kind = "centre"
name.en = "Lab"
x = 1
y = 1
)toml");
  auto diagnostics = check(dir);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].where.line == 12);  // name.en, the nearest line of 'name'
  CHECK(diagnostics[0].message.find("name.vi") != std::string::npos);
}

TEST_CASE("TOML syntax errors, wrong types and unknown fields are reported with lines", "[sources]") {
  TempDir dir;
  writeFile(dir / "a.toml", "[[place]]\nid = \"x\"\nname = { vi = \"X\" \n");
  auto syntax = check(dir);
  REQUIRE(syntax.size() == 1);
  CHECK(syntax[0].where.line == 3);

  TempDir typed;
  writeFile(typed / "places.toml", std::string(kPlaces) + "nmae = \"typo\"\n");
  writeFile(typed / "exhibits.toml", R"toml(
[[theme]]
id = "robotics"
name = { vi = "Rô-bốt", en = "Robotics" }

[[exhibit]]
id = "arm"
theme = "robotics"
name = { vi = "Cánh tay", en = "Arm" }
what = { vi = "Gắp", en = "Picks" }
age_min = "six"
)toml");
  auto diagnostics = check(typed);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].where.file.find("exhibits.toml") != std::string::npos);
  CHECK(diagnostics[0].where.line == 11);
  CHECK(diagnostics[0].message.find("'age_min' must be a whole number") != std::string::npos);
  CHECK(diagnostics[1].where.line == 8);
  CHECK(diagnostics[1].message.find("unknown field 'nmae'") != std::string::npos);
}

TEST_CASE("a duplicate id across files is reported", "[sources]") {
  TempDir dir;
  writeFile(dir / "a.toml", kPlaces);
  writeFile(dir / "b.toml", kPlaces);
  auto diagnostics = check(dir);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message.find("duplicate id") != std::string::npos);
}

TEST_CASE("itinerary stops are located at their own lines", "[sources]") {
  TempDir dir;
  writeFile(dir / "places.toml", kPlaces);
  writeFile(dir / "tours.toml", R"toml(
[[itinerary]]
id = "visit"
date = "2026-11-23"
delegation = { vi = "Đoàn", en = "Delegation" }

  [[itinerary.stop]]
  place = "museum"
  start = "09:00"
  end = "10:00"

  [[itinerary.stop]]
  place = "museum"
  start = "09:30"
)toml");
  auto diagnostics = check(dir);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].where.line == 14);
  CHECK(diagnostics[0].message.find("overlaps stop 1") != std::string::npos);
}

TEST_CASE("an exhibit's steps and quiz questions are located at their own lines", "[sources]") {
  TempDir dir;
  writeFile(dir / "steam.toml", R"toml(
[[theme]]
id = "robots"
name = { vi = "Robot", en = "Robots" }

[[exhibit]]
id = "arm"
theme = "robots"
name = { vi = "Cánh tay robot", en = "Robot arm" }
what = { vi = "Một cánh tay", en = "An arm" }
steps = [
  { vi = "Bước một", en = "Step one" },
  { en = "Step two only in English" },
]

  [[exhibit.quiz]]
  question = { vi = "Câu hỏi?", en = "Question?" }
  choices = [{ vi = "A" }, { vi = "B" }]
  answer = 1

  [[exhibit.quiz]]
  question = { vi = "Câu hỏi hai?", en = "Second question?" }
  choices = [{ vi = "A" }, { vi = "B" }]
)toml");
  auto diagnostics = check(dir);
  REQUIRE(diagnostics.size() == 2);
  std::sort(diagnostics.begin(), diagnostics.end(),
            [](const SourceDiagnostic& a, const SourceDiagnostic& b) { return a.where.line < b.where.line; });
  CHECK(diagnostics[0].where.line == 13);  // the step without Vietnamese
  CHECK(diagnostics[0].message.find("steps[1]") != std::string::npos);
  CHECK(diagnostics[1].where.line == 21);  // the question without an answer: its table
  CHECK(diagnostics[1].message.find("quiz[1].answer") != std::string::npos);
}

TEST_CASE("sources without the park's name are refused", "[sources]") {
  TempDir dir;
  writeFile(dir / "places.toml", kPlaces);
  auto diagnostics = checkSources(dir.path());
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message.find("park field 'name.vi'") != std::string::npos);
}

TEST_CASE("a folder without sources is an error, not an empty park", "[sources]") {
  TempDir dir;
  CHECK_THROWS_AS(readValidSources(dir.path()), SourceError);
  CHECK_THROWS_AS(readValidSources(dir / "missing"), SourceError);
}

TEST_CASE("a chain member written planned is read as not yet a member, and the park's chain has both kinds", "[sources]") {
  TempDir dir;
  writeFile(dir / "park.toml", R"toml([park]
name = { vi = "Công viên phần mềm Quang Trung" }

[[chain]]
id = "qtsc"
name = { vi = "QTSC" }

[[chain]]
id = "planned-can-tho"
name = { vi = "Khu công nghệ tiềm năng tại Cần Thơ" }
planned = true
)toml");
  const auto chain = readValidSources(dir.path()).park.chain;
  REQUIRE(chain.size() == 2);
  CHECK(chain[0].official);
  CHECK_FALSE(chain[1].official);

  const auto park = readValidSources(QTSC_PARK_SOURCES).park.chain;
  const auto members = std::count_if(park.begin(), park.end(), [](const ChainMember& m) { return m.official; });
  CHECK(members == 3);
  CHECK(park.size() - static_cast<std::size_t>(members) == 7);
}

namespace {
// The diagnostic whose message holds `part`, or fails naming every diagnostic found.
const SourceDiagnostic& diagnosticWith(const std::vector<SourceDiagnostic>& diagnostics, const std::string& part) {
  for (const auto& d : diagnostics)
    if (d.message.find(part) != std::string::npos) return d;
  std::string all;
  for (const auto& d : diagnostics) all += "\n  " + d.describe();
  FAIL("no diagnostic says '" << part << "'; found:" << all);
  throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE("hostile sources for the corrected model: wrong types and unknown kinds name file, line and field", "[sources]") {
  TempDir dir;
  writeFile(dir / "places.toml", std::string(kPlaces) + R"toml(
[[place]]
id = "biotech"
kind = "neighbour"
name = { vi = "Trung tâm Công nghệ sinh học" }

[[place]]
id = "partner"
kind = "partner"
name = { vi = "Đối tác" }
source = "000"

  [[place.quote]]
  text = "not per language"
  by = { en = "Mr A" }
)toml");
  writeFile(dir / "tenants.toml", R"toml(
[[tenant]]
id = "tma"
kind = "corporation"
name = { vi = "TMA" }
place = "museum"
)toml");
  writeFile(dir / "visits.toml", R"toml(
[[itinerary]]
id = "commission"
date = "2020-07"
unordered = "yes"
delegation = { vi = "Đoàn" }
also_present = "Mr B"

[[milestone]]
id = "reported"
date = "2020-07"
reported_on = "July 2020"
title = { vi = "Tin" }
)toml");
  writeFile(dir / "sources.toml", R"toml(
[[source]]
id = "003"
title = 3
language = "en"
)toml");
  const auto diagnostics = check(dir);
  auto expect = [&](const std::string& part, const std::string& file, int line) {
    INFO(part);
    const auto& d = diagnosticWith(diagnostics, part);
    CHECK(d.where.file.find(file) != std::string::npos);
    CHECK(d.where.line == line);
  };
  // Unknown kinds, with the kinds there are.
  expect("place 'biotech': kind 'neighbour' is not one of building, centre, lot, zone, partner", "places.toml", 11);
  expect("tenant 'tma': kind 'corporation' is not one of company, qtsc-unit, group", "tenants.toml", 4);
  // Wrong types.
  expect("itinerary 'commission': field 'unordered' must be true or false", "visits.toml", 5);
  expect("itinerary 'commission': field 'also_present' must give the text per language", "visits.toml", 7);
  expect("place 'partner' quote: field 'text' must give the text per language", "places.toml", 21);
  expect("source '003': field 'title' must be text in quotes", "sources.toml", 4);
  expect("milestone 'reported': reported_on 'July 2020' is not YYYY, YYYY-MM or YYYY-MM-DD", "visits.toml", 12);
  CHECK(diagnostics.size() == 7);
}

TEST_CASE("hostile sources for the corrected model: reported dates, documents and languages are checked", "[sources]") {
  TempDir dir;
  writeFile(dir / "places.toml", kPlaces);
  writeFile(dir / "visits.toml", R"toml(
[[itinerary]]
id = "commission"
date = "2020-07"
reported_on = "16/7/2020"
delegation = { vi = "Đoàn" }
source = "003, 042"

[[itinerary]]
id = "early-report"
date = "2020-07-16"
reported_on = "2020-07-01"
delegation = { vi = "Đoàn" }
)toml");
  writeFile(dir / "sources.toml", R"toml(
[[source]]
id = "000"
language = "english"
publisher = { vi = "QTSC" }
link = "cand.com.vn"

[[source]]
id = "003"
language = "en"
author = "Tan Ba"
)toml");
  const auto diagnostics = check(dir);
  auto expect = [&](const std::string& part, const std::string& file, int line) {
    INFO(part);
    const auto& d = diagnosticWith(diagnostics, part);
    CHECK(d.where.file.find(file) != std::string::npos);
    CHECK(d.where.line == line);
  };
  expect("itinerary 'commission' field 'reportedOn': '16/7/2020' is not a date YYYY-MM-DD", "visits.toml", 5);
  expect("itinerary 'early-report' field 'reportedOn': reported on 2020-07-01, before the visit (2020-07-16)",
         "visits.toml", 12);
  expect("itinerary 'commission' field 'source': unknown source document '042'", "visits.toml", 7);
  expect("source '000' field 'language': 'english' is not a language code", "sources.toml", 4);
  expect("source '000' field 'link': a link starts with http:// or https://", "sources.toml", 6);
  CHECK(diagnostics.size() == 5);
}

TEST_CASE("a partner institution needs no position; every other place does", "[sources]") {
  TempDir dir;
  writeFile(dir / "places.toml", R"toml(
[[place]]
id = "partner"
kind = "partner"
name = { vi = "Đối tác" }

[[place]]
id = "lost"
kind = "building"
name = { vi = "Tòa nhà" }
)toml");
  const auto diagnostics = check(dir);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message.find("place 'lost' field 'position'") != std::string::npos);
  CHECK(diagnostics[0].message.find("off the park map") != std::string::npos);
}
