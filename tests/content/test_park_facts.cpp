// The park's bundled content checked against the source documents it was written from.
// Each expectation quotes its document; where the documents are at hand (../shared/seeds
// next to the checkout), the quotes themselves are checked to be in them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "qtsc/content/store.hpp"

using namespace qtsc::content;

namespace {

ContentStore& park() {
  static ContentStore store(QTSC_PARK_DB, ContentStore::Mode::ReadOnly);
  return store;
}

std::string fact(const std::string& id, const std::string& lang) {
  for (const auto& f : park().park().facts)
    if (f.id == id) return f.value.in(lang);
  return {};
}

// The seed document whose name starts with `prefix` ("002"), or empty when not at hand.
std::string seed(const std::string& prefix) {
  const auto folder = std::filesystem::path(QTSC_SOURCE_DIR) / ".." / "shared" / "seeds";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      return text.str();
    }
  return {};
}

void quoted(const std::string& document, const std::string& quote) {
  const std::string text = seed(document);
  if (text.empty()) return;  // documents not at hand: the expectations below still hold
  INFO("document " << document << " should say: " << quote);
  CHECK(text.find(quote) != std::string::npos);
}

}  // namespace

TEST_CASE("founding year, area and recognition", "[facts]") {
  quoted("001", "Established in 2001");
  CHECK(fact("founded", "en") == "2001");
  quoted("002", "tổng diện tích 43 hecta");
  CHECK(fact("area", "vi") == "43 hecta");
  CHECK(fact("area", "en") == "43 hectares");
  quoted("001", "April 2009 as Vietnam's first concentrated IT park");
  auto recognised = park().milestone("first-concentrated-it-park");
  REQUIRE(recognised);
  CHECK(recognised->date.iso() == "2009-04");
  CHECK(park().milestone("established")->date.iso() == "2001");
}

TEST_CASE("figures from the documents", "[facts]") {
  quoted("000", "turnover of USD510 million in 2019");
  CHECK(fact("turnover-2019", "en") == "USD 510 million");
  quoted("004", "có 3 thành viên chính thức");
  const auto chain = park().park().chain;
  REQUIRE(chain.size() == 4);
  CHECK(std::count_if(chain.begin(), chain.end(), [](const ChainMember& m) { return m.official; }) == 3);
  CHECK(chain[1].name.in("en").find("VNU-ITP") != std::string::npos);
  CHECK(chain[2].name.in("en").find("HueCIT") != std::string::npos);
}

TEST_CASE("every delegation visit is an itinerary on the documented date", "[facts]") {
  quoted("002", "Sáng ngày 14/11/2018");
  quoted("003", "date 2020-07-16");
  quoted("000", "evening of August 7th 2020");
  quoted("004", "Chiều 16/3");
  quoted("001", "afternoon of December 21st, 2023");
  const std::vector<std::tuple<std::string, std::string, DayPart>> visits{
      {"2018-11-14-vientiane", "2018-11-14", DayPart::Morning},
      {"2020-07-16-propaganda-commission", "2020-07-16", DayPart::Unknown},
      {"2020-08-07-district-12", "2020-08-07", DayPart::Evening},
      {"2021-03-16-twentieth-anniversary", "2021-03-16", DayPart::Afternoon},
      {"2023-12-21-can-tho", "2023-12-21", DayPart::Afternoon},
  };
  for (const auto& [id, date, part] : visits) {
    auto visit = park().itinerary(id);
    REQUIRE(visit);
    CHECK(visit->date == date);
    CHECK(visit->dayPart == part);
    CHECK_FALSE(visit->sample);
    CHECK_FALSE(visit->source.empty());
  }
  int real = 0;
  for (const auto& i : park().itineraries()) real += i.sample ? 0 : 1;
  CHECK(real == 5);
}

TEST_CASE("visit routes follow the documents", "[facts]") {
  auto stopsOf = [](const std::string& id) {
    std::vector<std::string> places;
    for (const auto& stop : park().stopsOf(id)) places.push_back(stop.placeId);
    return places;
  };
  quoted("002", "lô số 13");
  CHECK(stopsOf("2018-11-14-vientiane") == std::vector<std::string>{"agri-coe", "tma-building"});
  CHECK(stopsOf("2020-08-07-district-12") == std::vector<std::string>{"ioc", "steamzone", "rd-labs"});
  CHECK(stopsOf("2021-03-16-twentieth-anniversary") ==
        std::vector<std::string>{"ioc", "telecom-centre", "museum", "steamzone", "tma-building"});
  CHECK(park().place("agri-coe")->name.in("en").find("lot 13") != std::string::npos);
  CHECK(park().place("biotech-center")->kind == PlaceKind::Neighbour);
}

TEST_CASE("every sample in the bundled content is marked in name and flag", "[facts]") {
  for (const auto& t : park().tenants({.sectorId = {}, .placeId = {}, .offset = 0, .limit = 100000})) {
    const bool named = t.name.in("vi").rfind("[Mẫu]", 0) == 0 && t.name.in("en").rfind("[Sample]", 0) == 0;
    CHECK(t.sample == named);
  }
  for (const auto& e : park().exhibits()) {
    CHECK(e.sample);  // the documents describe no exhibits: all are samples
    CHECK(e.name.in("en").rfind("[Sample]", 0) == 0);
  }
  CHECK(park().tenant("tma-solutions"));
  CHECK_FALSE(park().tenant("tma-solutions")->sample);
}
