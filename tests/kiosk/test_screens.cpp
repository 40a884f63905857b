// Every screen draws, in both languages, with the real content and with 10,000 tenants;
// every touch target is at least the minimum size on the panel.
#include <catch2/catch.hpp>

#include <filesystem>

#include "qtsc/content/store.hpp"
#include "screens/all_screens.hpp"
#include "services/search_worker.hpp"
#include "test_kiosk_support.hpp"
#include "test_support.hpp"

using namespace qtsc::kiosk;

namespace {

std::vector<Route> everyScreen(qtsc::content::ContentStore& store) {
  std::string exhibitWithQuiz;
  for (const auto& e : store.exhibits())
    if (!e.quiz.empty() && exhibitWithQuiz.empty()) exhibitWithQuiz = e.id;
  const auto tenants = store.tenants({"", "", 0, 1});
  return {
      {ScreenId::Attract, {}},
      {ScreenId::Home, {}},
      {ScreenId::History, {}},
      {ScreenId::Milestone, store.milestones().front().id},
      {ScreenId::Directory, {}},
      {ScreenId::Tenant, tenants.front().id},
      {ScreenId::Tours, {}},
      {ScreenId::Itinerary, "2018-11-14-vientiane"},
      {ScreenId::Steam, {}},
      {ScreenId::Exhibit, exhibitWithQuiz},
      {ScreenId::Quiz, exhibitWithQuiz},
      {ScreenId::Map, {}},
      {ScreenId::Map, "itinerary:2018-11-14-vientiane"},
      {ScreenId::Place, "museum"},
      {ScreenId::Staff, {}},
  };
}

void drawEveryScreen(Harness& h) {
  const auto routes = everyScreen(h.app().store());
  for (const std::string language : {"vi", "en"}) {
    for (const auto& route : routes) {
      INFO(language << " " << screenName(route.screen) << " " << route.arg);
      h.app().resetToAttract();
      h.app().session().language = language;
      if (route.screen != ScreenId::Attract) {
        h.app().router().reset(Route{ScreenId::Home, {}});
        h.pump(1);
        h.app().router().open(route);
      }
      h.settle();
      CHECK(h.app().currentRoute() == route);
      REQUIRE_FALSE(h.targets().empty());
      for (const auto& target : h.targets()) {
        if (target.label == "staff-corner") continue;
        INFO(target.label);
        // The whole target, including any part scrolled out of view.
        const float w = target.fullMax.x - target.fullMin.x, hgt = target.fullMax.y - target.fullMin.y;
        CHECK(std::min(w, hgt) >= h.app().ui().touchMin - 0.5f);
      }
    }
  }
}

}  // namespace

TEST_CASE("every screen draws in both languages with the park's content", "[kiosk][screens]") {
  auto h = qtsc::testing::makeHarness();
  drawEveryScreen(*h);
}

TEST_CASE("every screen draws in both languages with 10,000 tenants", "[kiosk][screens][big]") {
  auto h = qtsc::testing::makeHarness(qtsc::testing::bigParkDatabase());
  REQUIRE(h->app().store().tenantCount({}) >= 10000);
  drawEveryScreen(*h);
  // The directory lists everyone a page at a time and draws only the rows in view; the line
  // above the list counts every tenant, not the page.
  h->app().session().language = "vi";
  h->app().router().reset(Route{ScreenId::Directory, {}});
  h->settle();
  auto& directory = static_cast<DirectoryScreen&>(h->app().screen(ScreenId::Directory));
  const auto& store = h->app().store();
  const int everyone = store.tenantCount({});
  const auto page = static_cast<std::size_t>(SearchWorker::kPageSize);
  CHECK(directory.rows().size() == page);
  REQUIRE(everyone >= 10'000);
  CHECK(directory.status() == formatCount(everyone, "vi") + " kết quả");
  CHECK(directory.status().find('.') == 2);  // "10.0xx kết quả": thousands grouped as Vietnamese writes them
  CHECK(h->targets().size() < 200);

  // Swiping up through the list reads the next page once the end of the first is near.
  ImVec2 inList{};
  for (const auto& t : h->targets())
    if (!directory.rows().empty() && t.label == directory.rows().front().name.in("vi")) inList = {(t.min.x + t.max.x) * 0.5f, t.max.y};
  REQUIRE(inList.y > 0.f);
  for (int swipe = 0; swipe < 60 && directory.rows().size() == page; ++swipe) {
    h->drag(inList.x, inList.y + 400.f, inList.x, inList.y - 50.f);
    h->pump(10);
  }
  h->settle();
  REQUIRE(directory.rows().size() == 2 * page);
  std::vector<std::string> listed;
  for (const auto& row : directory.rows()) listed.push_back(row.id);
  std::vector<std::string> expected;
  for (const auto& t : store.tenants({"", "", 0, static_cast<int>(2 * page), "vi"})) expected.push_back(t.id);
  CHECK(listed == expected);  // the pages follow on, with no row twice or left out

  // In English the listing is read again in the order of the English names (and on past
  // the first page, the list being scrolled down).
  REQUIRE(h->tapLabel("English"));
  h->settle();
  listed.clear();
  for (const auto& row : directory.rows()) listed.push_back(row.id);
  REQUIRE(listed.size() >= page);
  expected.clear();
  for (const auto& t : store.tenants({"", "", 0, static_cast<int>(listed.size()), "en"})) expected.push_back(t.id);
  std::vector<std::string> vietnameseOrder;
  for (const auto& t : store.tenants({"", "", 0, static_cast<int>(listed.size()), "vi"})) vietnameseOrder.push_back(t.id);
  REQUIRE(expected != vietnameseOrder);  // the two orders differ, so the check below tells them apart
  CHECK(listed == expected);
  CHECK(directory.status() == formatCount(everyone, "en") + " results");
}

TEST_CASE("touch targets follow the panel's DPI", "[kiosk][screens]") {
  auto config = HarnessOptions::defaultHarnessConfig();
  config.dpi = 160.f;  // a dense panel: 9 mm is 57 px
  auto h = qtsc::testing::makeHarness({}, config);
  CHECK(h->app().ui().touchMin == Approx(57.f).margin(1.f));
  h->app().router().reset(Route{ScreenId::Directory, {}});
  h->settle();
  for (const auto& target : h->targets()) {
    if (target.label == "staff-corner") continue;
    INFO(target.label);
    CHECK(target.fullMax.x - target.fullMin.x >= 56.f);
    CHECK(target.fullMax.y - target.fullMin.y >= 56.f);
  }
}

TEST_CASE("Attract shows the welcome scheduled for now", "[kiosk][screens]") {
  auto h = qtsc::testing::makeHarness();
  auto& attract = static_cast<AttractScreen&>(h->app().screen(ScreenId::Attract));
  REQUIRE(attract.welcome());
  CHECK(attract.welcome()->text.in("vi").rfind("Chào mừng Đoàn công tác", 0) == 0);
  CHECK(attract.welcome()->text.in("en").rfind("Welcome, delegation of", 0) == 0);
  h->advance(4 * 3600.0);  // past noon: the morning's welcome has closed
  h->pump(2);
  CHECK_FALSE(attract.welcome());
}

TEST_CASE("Attract shows the welcome for this kiosk: its group's, its own, else the one for every kiosk", "[kiosk][screens]") {
  qtsc::testing::TempDir dir;
  const auto path = (dir / "targeted.db").string();
  std::filesystem::copy_file(QTSC_PARK_DB, path);
  {
    qtsc::content::ContentStore store(path, qtsc::content::ContentStore::Mode::ReadWrite);
    qtsc::content::WelcomeMessage w;
    w.id = "steamzone-class";
    w.startsAt = "2018-11-14T08:00";  // after the bundled welcome for every kiosk (07:00)
    w.endsAt = "2018-11-14T12:00";
    w.text = qtsc::content::LocalizedText("Chào các bạn học sinh", "Welcome, students");
    w.groups = {"steamzone"};
    store.addWelcome(w);
    w.id = "one-kiosk";
    w.startsAt = "2018-11-14T08:30";
    w.text = qtsc::content::LocalizedText("Chào đoàn tại kiosk này", "Welcome at this kiosk");
    w.groups.clear();
    w.kiosks = {"museum-kiosk-2"};
    store.addWelcome(w);
  }
  const auto welcomeOn = [&](const std::string& profile, const std::string& pairedAs) {
    auto config = HarnessOptions::defaultHarnessConfig();
    config.profile = profile;
    auto h = qtsc::testing::makeHarness(path, config);
    if (!pairedAs.empty()) h->app().pairedAs(pairedAs);
    h->pump(2);
    auto& attract = static_cast<AttractScreen&>(h->app().screen(ScreenId::Attract));
    return attract.welcome() ? attract.welcome()->text.in("en") : std::string("-");
  };
  CHECK(welcomeOn("steamzone", "") == "Welcome, students");
  CHECK(welcomeOn("museum", "").rfind("Welcome, delegation of", 0) == 0);
  CHECK(welcomeOn("", "").rfind("Welcome, delegation of", 0) == 0);
  // Paired as the kiosk named: its own welcome, shown as soon as it knows its id.
  CHECK(welcomeOn("museum", "museum-kiosk-2") == "Welcome at this kiosk");
  CHECK(welcomeOn("steamzone", "museum-kiosk-3") == "Welcome, students");
}

TEST_CASE("a drag scrolls a list and does not tap what it started on", "[kiosk][screens]") {
  auto h = qtsc::testing::makeHarness(qtsc::testing::bigParkDatabase());
  h->app().router().reset(Route{ScreenId::Directory, {}});
  h->settle();
  const auto before = h->labels();
  // Find a result row and drag upwards from it.
  const auto& rows = static_cast<DirectoryScreen&>(h->app().screen(ScreenId::Directory)).rows();
  REQUIRE(rows.size() > 20);
  const std::string firstName = rows.front().name.in("vi");
  ui::TouchTarget row{};
  for (const auto& t : h->targets())
    if (t.label == firstName) row = t;
  REQUIRE(row.max.x > 0.f);
  const float x = (row.min.x + row.max.x) * 0.5f, y = (row.min.y + row.max.y) * 0.5f;
  h->drag(x, y + 300.f, x, y - 100.f);
  CHECK(h->screen() == ScreenId::Directory);
  h->pump(30);  // inertia settles
  CHECK_FALSE(h->hasLabel(firstName));
}

TEST_CASE("past twelve highlights Attract says where the rotation is, and it does not start again at twelve",
          "[kiosk][screens]") {
  auto h = qtsc::testing::makeHarness();
  h->settle();
  auto& attract = static_cast<AttractScreen&>(h->app().screen(ScreenId::Attract));
  const std::size_t count = attract.highlightCount();
  REQUIRE(count > 12);  // the park's milestones, places and exhibits
  const std::string total = " / " + std::to_string(count);
  CHECK(attract.rotationCount() == "1" + total);
  const double period = static_cast<double>(HarnessOptions::defaultHarnessConfig().highlightSeconds);
  h->advance(period * 12.5);  // the thirteenth highlight
  CHECK(attract.rotationCount() == "13" + total);
  h->advance(period * static_cast<double>(count - 12));  // round again to the first
  CHECK(attract.rotationCount() == "1" + total);
}
