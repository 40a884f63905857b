// Home's one search across everything, and the chain screen it can lead to, driven by taps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "qtsc/content/store.hpp"
#include "screens/all_screens.hpp"
#include "test_kiosk_support.hpp"

using namespace qtsc::kiosk;
using qtsc::content::RecordKind;
using qtsc::testing::makeHarness;

namespace {

SearchScreen& searchScreen(App& app) { return static_cast<SearchScreen&>(app.screen(ScreenId::Search)); }
ChainScreen& chainScreen(App& app) { return static_cast<ChainScreen&>(app.screen(ScreenId::Chain)); }

void openSearch(Harness& h) {
  REQUIRE(h.tapLabel("Chạm để bắt đầu"));
  REQUIRE(h.screen() == ScreenId::Home);
  REQUIRE(h.tapLabel("Tìm trong toàn bộ nội dung"));
  REQUIRE(h.screen() == ScreenId::Search);
}

const qtsc::content::SearchHit* findHit(App& app, RecordKind kind, const std::string& id = {}) {
  for (const auto& hit : searchScreen(app).hits())
    if (hit.kind == kind && (id.empty() || hit.id == id)) return &hit;
  return nullptr;
}

}  // namespace

TEST_CASE("Home's search finds every kind of record and each hit opens the screen that shows it", "[kiosk][search]") {
  auto h = makeHarness();
  App& app = h->app();
  openSearch(*h);
  CHECK(searchScreen(app).status() == app.i18n().tr("search.hint", "vi"));  // nothing typed: what can be found

  // What visitors type, and the kind of record it must reach.
  const std::pair<const char*, RecordKind> cases[] = {
      {"tma", RecordKind::Tenant},       {"steamzone", RecordKind::Place}, {"2009", RecordKind::Milestone},
      {"vieng chan", RecordKind::Itinerary}, {"huecit", RecordKind::Park},
  };
  const std::map<RecordKind, ScreenId> screens = {
      {RecordKind::Tenant, ScreenId::Tenant},       {RecordKind::Place, ScreenId::Place},
      {RecordKind::Milestone, ScreenId::Milestone}, {RecordKind::Itinerary, ScreenId::Itinerary},
      {RecordKind::Park, ScreenId::Chain},
  };
  for (const auto& [typed, kind] : cases) {
    INFO(typed);
    h->tapLabel("Xóa hết");
    h->typeOnKeyboard(typed);
    h->settle();
    REQUIRE(searchScreen(app).query() == typed);
    const auto* hit = findHit(app, kind);
    REQUIRE(hit != nullptr);
    const std::string title = hit->title.in("vi");
    const std::string id = hit->id;
    int nth = 0;  // rows of other kinds may carry the same title (the STEAMZONE unit and its place)
    for (const auto& other : searchScreen(app).hits()) {
      if (&other == hit) break;
      if (other.title.in("vi") == title) ++nth;
    }
    REQUIRE(h->tapLabel(title, nth));
    CHECK(h->screen() == screens.at(kind));
    CHECK(app.router().current().arg == id);
    CHECK(app.screen(h->screen()).readError().empty());
    CHECK_FALSE(h->hasLabel(app.i18n().tr("common.not_found", "vi")));
    app.router().back();
    h->settle();
    REQUIRE(h->screen() == ScreenId::Search);
    CHECK(searchScreen(app).query() == typed);  // Back keeps what was typed
  }
}

TEST_CASE("a search of everything that finds nothing says so and is counted once for the hub", "[kiosk][search]") {
  auto h = makeHarness();
  App& app = h->app();
  openSearch(*h);
  h->typeOnKeyboard("zzqxzzqx");
  h->settle();
  CHECK(searchScreen(app).hits().empty());
  CHECK(searchScreen(app).status() == format(app.i18n().tr("directory.count", "vi"), "0"));
  app.router().home();
  h->settle();
  const auto taken = app.usage().take();
  INFO(taken.dump());
  CHECK(taken["searchesNotFound"]["zzqxzzqx"] == 1);
}

TEST_CASE("the idle reset clears the search for the next visitor", "[kiosk][search]") {
  auto h = makeHarness();
  App& app = h->app();
  openSearch(*h);
  h->typeOnKeyboard("tma");
  h->settle();
  REQUIRE_FALSE(searchScreen(app).hits().empty());
  h->advance(10 * 60);
  REQUIRE(h->screen() == ScreenId::Attract);
  CHECK(searchScreen(app).query().empty());
  CHECK(searchScreen(app).hits().empty());
}

TEST_CASE("the chain screen keeps members and planned members apart, and links a planned locality's own visit",
          "[kiosk][chain]") {
  auto h = makeHarness();
  App& app = h->app();
  const auto park = app.store().park();
  REQUIRE_FALSE(park.chain.empty());
  REQUIRE(h->tapLabel("Chạm để bắt đầu"));
  REQUIRE(h->tapLabel("Chuỗi CVPM Quang Trung"));
  REQUIRE(h->screen() == ScreenId::Chain);
  const auto& chain = chainScreen(app);
  const auto official = std::count_if(park.chain.begin(), park.chain.end(), [](const auto& m) { return m.official; });
  CHECK(chain.members().size() == static_cast<std::size_t>(official));
  CHECK(chain.planned().size() == park.chain.size() - static_cast<std::size_t>(official));
  for (const auto& e : chain.members()) CHECK(e.member.official);
  for (const auto& e : chain.planned()) CHECK_FALSE(e.member.official);

  // Can Tho is a planned member (2021) and a city whose delegation visited (2023): the visit is
  // linked from its card, and only from there.
  const ChainScreen::Entry* canTho = nullptr;
  for (const auto& e : chain.planned())
    if (e.member.location.in("vi") == "Cần Thơ") canTho = &e;
  REQUIRE(canTho != nullptr);
  REQUIRE(canTho->visits.size() == 1);
  const auto visit = canTho->visits.front();
  CHECK_FALSE(visit.sample);
  CHECK(visit.origin.in("vi").find("Cần Thơ") != std::string::npos);
  for (const auto& e : chain.members()) CHECK(e.visits.empty());
  for (const auto& e : chain.planned())
    if (&e != canTho) CHECK(e.visits.empty());
  REQUIRE(h->tapPrefix("Đoàn đến thăm QTSC"));
  CHECK(h->screen() == ScreenId::Itinerary);
  CHECK(app.router().current().arg == visit.id);
}

TEST_CASE("a chain member found by search opens the chain screen marked at that member, in English too", "[kiosk][chain]") {
  auto h = makeHarness();
  App& app = h->app();
  openSearch(*h);
  REQUIRE(h->tapLabel("English"));
  h->typeOnKeyboard("can tho");
  h->settle();
  const auto* member = findHit(app, RecordKind::Park);
  REQUIRE(member != nullptr);
  const std::string id = member->id;
  CHECK(findHit(app, RecordKind::Itinerary) != nullptr);  // the city's visit is found beside it
  REQUIRE(h->tapLabel(member->title.in("en")));
  REQUIRE(h->screen() == ScreenId::Chain);
  CHECK(app.router().current().arg == id);
  std::set<std::string> shown;
  for (const auto& e : chainScreen(app).planned()) shown.insert(e.member.id);
  CHECK(shown.count(id) == 1);
  CHECK(h->tapPrefix("Visited QTSC, "));
  CHECK(h->screen() == ScreenId::Itinerary);
}

TEST_CASE("a milestone found by search shows its date as visitors read dates", "[kiosk][search]") {
  auto h = makeHarness();
  App& app = h->app();
  openSearch(*h);
  h->typeOnKeyboard("cantho");
  h->settle();
  const auto* hit = findHit(app, RecordKind::Milestone);
  REQUIRE(hit != nullptr);
  const std::string vi = searchScreen(app).detailOf(*hit);
  INFO(vi);
  CHECK(vi.rfind("Lịch sử · ", 0) == 0);
  CHECK(vi.find("/20") != std::string::npos);  // "16/3/2021", "21/12/2023"
  CHECK(vi.find("-") == std::string::npos);    // not "2021-03-16"
  app.session().language = "en";
  const std::string en = searchScreen(app).detailOf(*hit);
  INFO(en);
  CHECK(en.find("-") == std::string::npos);
}
