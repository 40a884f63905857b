// The kiosk driven like a visitor would: taps on what is on screen, headless.
#include <catch2/catch.hpp>

#include <SDL.h>

#include <algorithm>

#include "qtsc/content/store.hpp"
#include "screens/all_screens.hpp"
#include "services/search_worker.hpp"
#include "ui/park_map.hpp"
#include "test_kiosk_support.hpp"
#include "test_support.hpp"

using namespace qtsc::kiosk;
using qtsc::testing::makeHarness;

namespace {

void startVisit(Harness& h) {
  REQUIRE(h.screen() == ScreenId::Attract);
  REQUIRE(h.tapLabel("Chạm để bắt đầu"));
  REQUIRE(h.screen() == ScreenId::Home);
}

}  // namespace

TEST_CASE("a touch on Attract opens Home", "[kiosk][navigation]") {
  auto h = makeHarness();
  startVisit(*h);
  CHECK_FALSE(h->app().router().canGoBack());
}

TEST_CASE("every home tile opens its screen and Back returns", "[kiosk][navigation]") {
  auto h = makeHarness();
  startVisit(*h);
  const std::pair<const char*, ScreenId> tiles[] = {
      {"Lịch sử", ScreenId::History},      {"Danh bạ", ScreenId::Directory},
      {"Đoàn tham quan", ScreenId::Tours}, {"STEAMZONE", ScreenId::Steam},
      {"Bản đồ công viên", ScreenId::Map},
  };
  for (const auto& [label, screen] : tiles) {
    INFO(label);
    REQUIRE(h->tapLabel(label));
    CHECK(h->screen() == screen);
    REQUIRE(h->tapLabel("Quay lại"));
    CHECK(h->screen() == ScreenId::Home);
  }
}

TEST_CASE("details open from their lists and the back stack unwinds in order", "[kiosk][navigation]") {
  auto h = makeHarness();
  auto& store = h->app().store();
  startVisit(*h);

  SECTION("history: a milestone opens its story") {
    REQUIRE(h->tapLabel("Lịch sử"));
    const auto first = store.milestones().front();
    REQUIRE(h->tapLabel(first.title.in("vi")));
    CHECK(h->screen() == ScreenId::Milestone);
    CHECK(h->app().currentRoute().arg == first.id);
  }
  SECTION("directory: a tenant, then its building") {
    REQUIRE(h->tapLabel("Danh bạ"));
    const auto& rows = static_cast<DirectoryScreen&>(h->app().screen(ScreenId::Directory)).rows();
    REQUIRE_FALSE(rows.empty());
    const std::string name = rows.front().name.in("vi");
    REQUIRE(h->tapLabel(name));
    CHECK(h->screen() == ScreenId::Tenant);
    REQUIRE(h->tapLabel("Xem tòa nhà"));
    CHECK(h->screen() == ScreenId::Place);
    CHECK(h->app().router().depth() == 4);
    h->tapLabel("Quay lại");
    CHECK(h->screen() == ScreenId::Tenant);
    h->tapLabel("Quay lại");
    CHECK(h->screen() == ScreenId::Directory);
    h->tapLabel("Trang chủ");
    CHECK(h->screen() == ScreenId::Home);
    CHECK(h->app().router().depth() == 1);
  }
  SECTION("tours: today's visit, its stops, no route order the documents do not give") {
    REQUIRE(h->tapLabel("Đoàn tham quan"));
    const auto visit = store.itinerary("2018-11-14-vientiane");
    REQUIRE(visit);
    REQUIRE(h->tapLabel(visit->delegation.in("vi")));
    CHECK(h->screen() == ScreenId::Itinerary);
    CHECK_FALSE(static_cast<ItineraryScreen&>(h->app().screen(ScreenId::Itinerary)).qr().empty());
    REQUIRE(h->tapLabel("Văn phòng TMA Solutions"));
    CHECK(h->screen() == ScreenId::Place);
    CHECK(h->app().currentRoute().arg == "tma-building");
    h->tapLabel("Quay lại");
    // 002 lists the places visited without their order: the stops are not numbered, and there
    // is no route in order to show on the map.
    REQUIRE(visit->unordered);
    CHECK_FALSE(h->hasLabel("Xem lộ trình trên bản đồ"));
    const std::string& text = static_cast<ItineraryScreen&>(h->app().screen(ScreenId::Itinerary)).qr().text();
    CHECK(text.find("\n- ") != std::string::npos);
    CHECK(text.find("\n1. ") == std::string::npos);
  }
  SECTION("STEAMZONE: an exhibit, its quiz, a score") {
    REQUIRE(h->tapLabel("STEAMZONE"));
    const auto exhibits = store.exhibits();
    const auto withQuiz = std::find_if(exhibits.begin(), exhibits.end(), [](const auto& e) { return !e.quiz.empty(); });
    REQUIRE(withQuiz != exhibits.end());
    REQUIRE(h->tapLabel(withQuiz->name.in("vi")));
    CHECK(h->screen() == ScreenId::Exhibit);
    REQUIRE(h->tapPrefix("Đố vui"));
    CHECK(h->screen() == ScreenId::Quiz);
    auto& quiz = static_cast<QuizScreen&>(h->app().screen(ScreenId::Quiz));
    for (std::size_t i = 0; i < withQuiz->quiz.size(); ++i) {
      const auto& q = withQuiz->quiz[i];
      const std::string letter(1, static_cast<char>('A' + q.answer));
      REQUIRE(h->tapPrefix(letter + ". "));
      CHECK(h->hasLabel(h->app().i18n().tr(i + 1 == withQuiz->quiz.size() ? "quiz.results" : "quiz.next", "vi")));
      if (!h->tapLabel("Câu tiếp theo")) REQUIRE(h->tapLabel("Xem kết quả"));
    }
    CHECK(quiz.finished());
    CHECK(quiz.score() == static_cast<int>(withQuiz->quiz.size()));
  }
  SECTION("map: a pin opens its place") {
    REQUIRE(h->tapLabel("Bản đồ công viên"));
    const auto museum = store.place("museum");
    REQUIRE(museum);
    REQUIRE(h->tapLabel(museum->name.in("vi")));  // the pin
    CHECK(h->screen() == ScreenId::Place);
    CHECK(h->app().currentRoute().arg == "museum");
  }
}

TEST_CASE("a record that does not exist shows a tidy message", "[kiosk][navigation]") {
  auto h = makeHarness();
  for (auto screen : {ScreenId::Tenant, ScreenId::Milestone, ScreenId::Itinerary, ScreenId::Exhibit, ScreenId::Quiz, ScreenId::Place}) {
    h->app().router().reset(Route{ScreenId::Home, {}});
    h->app().router().open(Route{screen, "no-such-record"});
    h->settle();
    CHECK(h->screen() == screen);
    CHECK(h->hasLabel("Trang chủ"));
  }
}

TEST_CASE("search through the on-screen keyboard, results as you type", "[kiosk][search]") {
  auto h = makeHarness();
  startVisit(*h);
  REQUIRE(h->tapLabel("Danh bạ"));
  auto& directory = static_cast<DirectoryScreen&>(h->app().screen(ScreenId::Directory));
  const std::size_t everyone = directory.rows().size();
  REQUIRE(everyone == static_cast<std::size_t>(h->app().store().tenantCount({})));

  h->typeOnKeyboard("tm");
  CHECK(directory.query() == "tm");
  h->tapLabel("a");
  CHECK(directory.query() == "tma");
  REQUIRE_FALSE(directory.rows().empty());
  CHECK(directory.rows().size() < everyone);
  const bool foundTma = std::any_of(directory.rows().begin(), directory.rows().end(),
                                    [](const DirectoryRow& row) { return row.id == "tma-solutions"; });
  CHECK(foundTma);
  CHECK(h->hasLabel("TMA Solutions"));

  // Erasing goes back to the full list; the Vietnamese row types letters search folds.
  h->tapLabel("Xóa hết");
  CHECK(directory.query().empty());
  CHECK(directory.rows().size() == everyone);
  h->tapLabel("đ");
  CHECK(directory.query() == "đ");
  h->tapLabel("Xóa");
  CHECK(directory.query().empty());

  // A sector filter narrows the list.
  const auto sectors = h->app().store().sectors();
  REQUIRE_FALSE(sectors.empty());
  REQUIRE(h->tapLabel(sectors.front().name.in("vi")));
  CHECK(directory.rows().size() == static_cast<std::size_t>(h->app().store().tenantCount({sectors.front().id, "", 0, 100})));
  CHECK(directory.rows().size() < everyone);
}

TEST_CASE("the language switches on every screen without losing the place", "[kiosk][language]") {
  auto h = makeHarness();
  auto& store = h->app().store();
  const std::vector<Route> routes = {
      {ScreenId::Home, {}},
      {ScreenId::History, {}},
      {ScreenId::Milestone, store.milestones().front().id},
      {ScreenId::Directory, {}},
      {ScreenId::Tenant, "tma-solutions"},
      {ScreenId::Tours, {}},
      {ScreenId::Itinerary, "2018-11-14-vientiane"},
      {ScreenId::Steam, {}},
      {ScreenId::Exhibit, store.exhibits().front().id},
      {ScreenId::Quiz, store.exhibits().front().id},
      {ScreenId::Map, {}},
      {ScreenId::Place, "museum"},
      {ScreenId::Staff, {}},
  };
  for (const auto& route : routes) {
    INFO(screenName(route.screen));
    h->app().resetToAttract();
    h->app().router().reset(Route{ScreenId::Home, {}});
    h->pump(1);
    if (route.screen != ScreenId::Home) h->app().router().open(route);
    h->settle();
    REQUIRE(h->app().currentRoute() == route);
    REQUIRE(h->hasLabel("Trang chủ"));
    REQUIRE(h->tapLabel("English"));
    CHECK(h->app().session().language == "en");
    CHECK(h->app().currentRoute() == route);
    CHECK(h->hasLabel("Home"));
    CHECK_FALSE(h->hasLabel("Trang chủ"));
    REQUIRE(h->tapLabel("Tiếng Việt"));
    CHECK(h->app().session().language == "vi");
    CHECK(h->app().currentRoute() == route);
  }
}

TEST_CASE("the idle timeout returns to Attract and resets the visit", "[kiosk][idle]") {
  auto h = makeHarness();
  startVisit(*h);
  REQUIRE(h->tapLabel("Danh bạ"));
  h->typeOnKeyboard("tma");
  REQUIRE(h->tapLabel("English"));
  REQUIRE(h->tapLabel("A+"));
  CHECK(h->app().session().textSize == 2);
  auto& directory = static_cast<DirectoryScreen&>(h->app().screen(ScreenId::Directory));
  CHECK(directory.query() == "tma");

  h->advance(59.0);
  CHECK(h->screen() == ScreenId::Directory);  // not yet
  h->advance(2.0);
  CHECK(h->screen() == ScreenId::Attract);
  CHECK(h->app().session().language == "vi");
  CHECK(h->app().session().textSize == 1);
  CHECK(directory.query().empty());
  CHECK_FALSE(h->app().router().canGoBack());

  // A quiz half done is forgotten too.
  const auto exhibits = h->app().store().exhibits();
  const auto withQuiz = std::find_if(exhibits.begin(), exhibits.end(), [](const auto& e) { return !e.quiz.empty(); });
  REQUIRE(withQuiz != exhibits.end());
  h->app().router().reset(Route{ScreenId::Home, {}});
  h->app().router().open(Route{ScreenId::Quiz, withQuiz->id});
  h->settle();
  REQUIRE(h->tapPrefix("A. "));
  h->advance(61.0);
  CHECK(h->screen() == ScreenId::Attract);
  auto& quiz = static_cast<QuizScreen&>(h->app().screen(ScreenId::Quiz));
  CHECK(quiz.questionIndex() == 0);
  CHECK_FALSE(quiz.finished());
}

TEST_CASE("the staff panel needs five corner taps and the PIN", "[kiosk][staff]") {
  auto config = HarnessOptions::defaultHarnessConfig();
  config.staffPin = "2468";
  auto h = qtsc::testing::makeHarness({}, config);
  startVisit(*h);
  const auto corner = [&] {
    for (const auto& t : h->targets())
      if (t.label == "staff-corner") return t;
    FAIL("no staff corner");
    return h->targets().front();
  }();
  const float x = (corner.min.x + corner.max.x) * 0.5f, y = (corner.min.y + corner.max.y) * 0.5f;
  for (int i = 0; i < 4; ++i) h->tap(x, y);
  CHECK(h->screen() == ScreenId::Home);  // four is not enough
  h->advance(5.0);                       // and they expire
  h->tap(x, y);
  CHECK(h->screen() == ScreenId::Home);
  for (int i = 0; i < 4; ++i) h->tap(x, y);
  REQUIRE(h->screen() == ScreenId::Staff);
  auto& staff = static_cast<StaffScreen&>(h->app().screen(ScreenId::Staff));
  CHECK_FALSE(staff.unlocked());
  CHECK_FALSE(h->hasLabel("Thoát ứng dụng"));

  for (const char* digit : {"1", "2", "3", "4"}) h->tapLabel(digit);
  h->tapLabel("OK");
  CHECK_FALSE(staff.unlocked());
  CHECK_FALSE(h->hasLabel("Thoát ứng dụng"));

  for (const char* digit : {"2", "4", "6", "8"}) h->tapLabel(digit);
  h->tapLabel("OK");
  CHECK(staff.unlocked());
  REQUIRE(h->tapLabel("Đồng bộ ngay"));
  CHECK_FALSE(h->app().sync().status().configured);  // no sync library hooked in: "not configured"
  CHECK(h->app().sync().status().lastAttempt == "2018-11-14T09:00");
  // Exit asks first; Cancel keeps the kiosk running.
  REQUIRE(h->tapLabel("Thoát ứng dụng"));
  CHECK_FALSE(h->app().quitRequested());
  REQUIRE(h->tapLabel("Hủy"));
  CHECK_FALSE(h->app().quitRequested());
  CHECK_FALSE(h->hasLabel("Thoát"));
  REQUIRE(h->tapLabel("Thoát ứng dụng"));
  REQUIRE(h->tapLabel("Thoát"));
  CHECK(h->app().quitRequested());
}

namespace {
// Opens the staff screen the way staff do: five taps in the bottom-right corner.
void tapCorner(Harness& h, int times) {
  ImVec2 at{-1.f, -1.f};
  for (const auto& t : h.targets())
    if (t.label == "staff-corner") at = {(t.min.x + t.max.x) * 0.5f, (t.min.y + t.max.y) * 0.5f};
  REQUIRE(at.x > 0.f);
  for (int i = 0; i < times; ++i) h.tap(at.x, at.y);
}

void enterPin(Harness& h, const std::string& pin) {
  for (char digit : pin) REQUIRE(h.tapLabel(std::string(1, digit)));
  REQUIRE(h.tapLabel("OK"));
}
}  // namespace

TEST_CASE("wrong PINs lock the keypad for longer each time, and leaving does not undo it", "[kiosk][staff]") {
  auto config = HarnessOptions::defaultHarnessConfig();
  config.staffPin = "2468";
  auto h = qtsc::testing::makeHarness({}, config);
  startVisit(*h);
  tapCorner(*h, 5);
  REQUIRE(h->screen() == ScreenId::Staff);
  auto& staff = static_cast<StaffScreen&>(h->app().screen(ScreenId::Staff));
  for (int i = 0; i < StaffScreen::kFreeTries - 1; ++i) enterPin(*h, "1111");
  CHECK(staff.lockedFor() == 0.0);
  enterPin(*h, "1111");
  CHECK(staff.lockedFor() == Approx(StaffScreen::kFirstLockout));
  CHECK_FALSE(h->hasLabel("OK"));  // no keypad while locked
  CHECK_FALSE(h->hasLabel("5"));

  // Leaving and the corner again do not bring the keypad back early.
  REQUIRE(h->tapLabel("Trang chủ"));
  tapCorner(*h, 5);
  REQUIRE(h->screen() == ScreenId::Staff);
  CHECK_FALSE(h->hasLabel("OK"));
  // Waiting out a lockout may outlast the idle timeout: an idle reset does not undo it either.
  const auto waitOut = [&](double seconds) {
    h->advance(seconds);
    if (h->screen() == ScreenId::Attract) {
      REQUIRE(h->tapLabel("Chạm để bắt đầu"));
      tapCorner(*h, 5);
    }
    REQUIRE(h->screen() == ScreenId::Staff);
  };
  waitOut(StaffScreen::kFirstLockout - 5.0);
  CHECK_FALSE(h->hasLabel("OK"));
  waitOut(5.5);  // past the first lockout
  REQUIRE(h->hasLabel("OK"));
  enterPin(*h, "1111");
  CHECK(staff.lockedFor() == Approx(2 * StaffScreen::kFirstLockout));  // twice as long
  waitOut(2 * StaffScreen::kFirstLockout + 0.5);
  enterPin(*h, "1111");
  CHECK(staff.lockedFor() == Approx(4 * StaffScreen::kFirstLockout));
  waitOut(4 * StaffScreen::kFirstLockout - 10.0);
  CHECK(h->app().idleCountdown().has_value() == false);
  CHECK_FALSE(h->hasLabel("OK"));
  waitOut(10.5);
  // The right PIN opens the panel and forgives the wrong ones.
  enterPin(*h, "2468");
  CHECK(staff.unlocked());
  REQUIRE(h->tapLabel("Khóa"));
  for (int i = 0; i < StaffScreen::kFreeTries - 1; ++i) enterPin(*h, "1111");
  CHECK(staff.lockedFor() == 0.0);
}

TEST_CASE("without a PIN the staff corner is blank and says nothing", "[kiosk][staff]") {
  auto h = makeHarness();
  startVisit(*h);
  tapCorner(*h, 10);
  CHECK(h->screen() == ScreenId::Home);  // no panel, no hint of one
}

TEST_CASE("a fullscreen kiosk ignores the window manager's close, and a stop signal still ends it", "[kiosk][staff]") {
  auto config = HarnessOptions::defaultHarnessConfig();
  config.fullscreen = true;
  auto h = qtsc::testing::makeHarness({}, config);
  // SDL would turn closing the last window into SDL_QUIT: the kiosk tells it not to.
  CHECK_FALSE(SDL_GetHintBoolean(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, SDL_TRUE));
  SDL_Event close{};
  close.type = SDL_WINDOWEVENT;
  close.window.event = SDL_WINDOWEVENT_CLOSE;
  h->app().handleEvent(close);  // Alt+F4 from a window manager
  CHECK_FALSE(h->app().quitRequested());
  SDL_Event quit{};
  quit.type = SDL_QUIT;  // what SDL makes of SIGTERM
  h->app().handleEvent(quit);
  CHECK(h->app().quitRequested());

  // A windowed kiosk (a developer's) closes with its window.
  h.reset();  // one kiosk at a time in a process
  auto windowed = makeHarness();
  CHECK(SDL_GetHintBoolean(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, SDL_FALSE));
  windowed->app().handleEvent(close);
  CHECK(windowed->app().quitRequested());
}

TEST_CASE("the staff panel stays shut without a configured PIN", "[kiosk][staff]") {
  auto h = makeHarness();
  h->app().router().reset(Route{ScreenId::Staff, {}});
  h->settle();
  CHECK_FALSE(h->hasLabel("OK"));
  CHECK_FALSE(h->hasLabel("1"));
  CHECK_FALSE(static_cast<StaffScreen&>(h->app().screen(ScreenId::Staff)).unlocked());
}

TEST_CASE("sync now runs the hook off the UI thread and reports", "[kiosk][staff]") {
  qtsc::kiosk::HarnessOptions options;
  options.databasePath = QTSC_PARK_DB;
  options.config.staffPin = "1";
  options.syncHook = [] { return SyncNowResult{true, "content version 7"}; };
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  Harness h(options);
  h.app().router().reset(Route{ScreenId::Staff, {}});
  h.settle();
  h.tapLabel("1");
  h.tapLabel("OK");
  REQUIRE(h.tapLabel("Đồng bộ ngay"));
  h.settle();
  CHECK(h.app().sync().status().configured);
  CHECK(h.app().sync().status().ok);
  CHECK(h.app().sync().status().message == "content version 7");
  CHECK(h.app().sync().status().lastAttempt == "2018-11-14T09:00");
}

TEST_CASE("a visit dated by its report shows the month and the report's day, in both languages", "[kiosk][tours]") {
  auto h = makeHarness();
  const std::string id = "2020-07-16-propaganda-commission";
  for (const auto& [language, expected] : {std::pair<std::string, std::string>{"vi", "Tháng 7/2020 (tin ngày 16/7/2020)"},
                                          std::pair<std::string, std::string>{"en", "July 2020 (reported 16 July 2020)"}}) {
    INFO(language);
    h->app().resetToAttract();
    h->app().session().language = language;
    h->app().router().reset(Route{ScreenId::Home, {}});
    h->pump(1);
    h->app().router().open(Route{ScreenId::Itinerary, id});
    h->settle();
    REQUIRE(h->screen() == ScreenId::Itinerary);
    // The text the QR code carries is the screen's own account of the visit.
    const std::string& text = static_cast<ItineraryScreen&>(h->app().screen(ScreenId::Itinerary)).qr().text();
    CHECK(text.find(expected) != std::string::npos);
    CHECK(text.find("16/7/2020\n") == std::string::npos);  // never the report's day as the visit's
  }
}

TEST_CASE("at 10,000 tenants a typed search with a sector says how many match in all", "[kiosk][search][big]") {
  auto h = makeHarness(qtsc::testing::bigParkDatabase());
  startVisit(*h);
  REQUIRE(h->tapLabel("Danh bạ"));
  auto& directory = static_cast<DirectoryScreen&>(h->app().screen(ScreenId::Directory));
  const auto& store = h->app().store();

  // A broad word: more match than are listed, and the line above the list says both numbers.
  h->typeOnKeyboard("an");
  const qtsc::content::SearchScope tenants{qtsc::content::RecordKind::Tenant, {}, {}};
  const int everyMatch = store.searchCount("an", tenants, 1'000'000);
  REQUIRE(everyMatch > SearchWorker::kCountCap);
  CHECK(directory.rows().size() == static_cast<std::size_t>(SearchWorker::kSearchLimit));
  REQUIRE(SearchWorker::kCountCap == 1000);
  const std::string capped = "1.000+ kết quả, hiện " + std::to_string(SearchWorker::kSearchLimit) + " kết quả phù hợp nhất";
  CHECK(directory.status().rfind(capped, 0) == 0);

  // With the sector chip the filter is part of the query: every fintech match, and its true count.
  // The generated sectors are marked as samples and come after the park's own: the visitor
  // swipes the row of chips to reach them.
  ImVec2 allSectors{};
  for (const auto& t : h->targets())
    if (t.label == "Tất cả lĩnh vực") allSectors = {t.max.x, (t.min.y + t.max.y) * 0.5f};
  REQUIRE(allSectors.y > 0.f);
  for (int swipe = 0; swipe < 12 && !h->hasLabel("[Mẫu] Công nghệ tài chính"); ++swipe) {
    h->drag(allSectors.x + 500.f, allSectors.y, allSectors.x + 100.f, allSectors.y);
    h->pump(60);
  }
  REQUIRE(h->tapLabel("[Mẫu] Công nghệ tài chính"));
  const qtsc::content::SearchScope fintech{qtsc::content::RecordKind::Tenant, "fintech", {}};
  const int inSector = store.searchCount("an", fintech, 1'000'000);
  REQUIRE(inSector > 2);
  for (const auto& row : directory.rows())
    CHECK(std::find(row.sectors.begin(), row.sectors.end(), "fintech") != row.sectors.end());
  if (inSector <= SearchWorker::kSearchLimit) {
    CHECK(directory.rows().size() == static_cast<std::size_t>(inSector));
    CHECK(directory.status() == formatCount(inSector, "vi") + " kết quả");
  } else {
    CHECK(directory.rows().size() == static_cast<std::size_t>(SearchWorker::kSearchLimit));
    CHECK(directory.status().rfind(std::to_string(std::min(inSector, SearchWorker::kCountCap)), 0) == 0);
  }

  // In English the same line follows the language switch.
  REQUIRE(h->tapLabel("English"));
  CHECK(directory.status().find("result") != std::string::npos);
}

TEST_CASE("a visit whose report names no places shows what the visit was, and no route", "[kiosk][navigation]") {
  auto h = makeHarness();
  const auto visit = h->app().store().itinerary("2023-12-21-can-tho");
  REQUIRE(visit);
  REQUIRE(visit->stops.empty());  // 001 tells of the Can Tho delegation's visit, not of places in the park
  h->app().router().reset(Route{ScreenId::Home, {}});
  h->pump(1);
  h->app().router().open(Route{ScreenId::Itinerary, visit->id});
  h->settle();
  REQUIRE(h->screen() == ScreenId::Itinerary);
  CHECK_FALSE(h->hasLabel("Xem lộ trình trên bản đồ"));
  const std::string& text = static_cast<ItineraryScreen&>(h->app().screen(ScreenId::Itinerary)).qr().text();
  CHECK(text.find(visit->delegation.in("vi")) != std::string::npos);
  CHECK(text.find("\n1. ") == std::string::npos);

  // Asked for the visit's route anyway (an old link, a bookmark), the map is the plain park map:
  // every place in the legend under its own number, not all of them as stops of the visit.
  h->app().router().open(Route{ScreenId::Map, "itinerary:" + visit->id});
  h->settle();
  const auto places = h->app().store().places();
  const auto numbers = ui::pinNumbers(places);
  int listed = 0;
  for (std::size_t i = 0; i < places.size(); ++i)
    if (numbers[i] > 0 && h->hasLabel(std::to_string(numbers[i]) + ". " + places[i].name.in("vi"))) ++listed;
  CHECK(listed > 3);  // as many as the legend has room for; the rest scroll
}

TEST_CASE("each number in the map's legend is the number on a pin; places without a numbered pin are listed without one",
          "[kiosk][navigation][map]") {
  auto h = makeHarness();
  const auto places = h->app().store().places();
  // The park has a partner institution no document places on the map, and sample places.
  const auto partner = std::find_if(places.begin(), places.end(), [](const auto& p) { return !p.onMap(); });
  const auto sample = std::find_if(places.begin(), places.end(), [](const auto& p) { return p.sample && p.onMap(); });
  REQUIRE(partner != places.end());
  REQUIRE(sample != places.end());
  const auto numbers = ui::pinNumbers(places);
  std::vector<int> seen;
  for (std::size_t i = 0; i < places.size(); ++i) {
    INFO(places[i].id);
    CHECK((numbers[i] > 0) == (places[i].onMap() && !places[i].sample));
    if (numbers[i] > 0) seen.push_back(numbers[i]);
  }
  for (std::size_t k = 0; k < seen.size(); ++k) CHECK(seen[k] == static_cast<int>(k) + 1);  // 1, 2, 3, … without gaps

  h->app().router().reset(Route{ScreenId::Map, {}});
  h->settle();
  // The legend scrolls: look at each entry as the visitor would reach it.
  for (const auto* place : {&*partner, &*sample}) {
    const std::string name = place->name.in("vi");
    bool listedPlain = false;
    for (int swipe = 0; swipe < 30 && !(listedPlain = h->hasLabel(name)); ++swipe) h->drag(1500, 900, 1500, 500);
    CHECK(listedPlain);
    for (int n = 1; n <= static_cast<int>(places.size()); ++n) CHECK_FALSE(h->hasLabel(std::to_string(n) + ". " + name));
  }
}

TEST_CASE("the History tile counts milestones since the earliest one the content has", "[kiosk][navigation]") {
  auto park = makeHarness();
  park->app().router().reset(Route{ScreenId::Home, {}});
  park->settle();
  auto& home = static_cast<HomeScreen&>(park->app().screen(ScreenId::Home));
  const auto count = std::to_string(park->app().store().milestones().size());
  CHECK(home.historySubtitle() == count + " cột mốc từ năm 2001");
  park->app().session().language = "en";
  CHECK(home.historySubtitle() == count + " milestones since 2001");
  park.reset();  // one kiosk at a time

  // Content whose first milestone is 1999: the tile says so.
  qtsc::testing::TempDir dir;
  auto set = qtsc::testing::smallPark();
  REQUIRE_FALSE(set.milestones.empty());
  set.milestones.front().date = *qtsc::content::PartialDate::parse("2005-06");
  auto earlier = set.milestones.front();
  earlier.id = "earlier";
  earlier.date = *qtsc::content::PartialDate::parse("1999");
  set.milestones.push_back(earlier);
  const std::string path = (dir / "park.db").string();
  {
    qtsc::content::ContentStore store(path);
    store.import(set);
  }
  auto other = makeHarness(path);
  other->app().router().reset(Route{ScreenId::Home, {}});
  other->settle();
  auto& otherHome = static_cast<HomeScreen&>(other->app().screen(ScreenId::Home));
  CHECK(otherHome.historySubtitle() == std::to_string(set.milestones.size()) + " cột mốc từ năm 1999");
}
