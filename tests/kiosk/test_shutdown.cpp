// Lifetimes of the kiosk's work off the UI thread: leaving the kiosk while a sync runs, and
// switching content while a search is out, never run a posted result against something that
// is gone. Run under AddressSanitizer (scripts/sanitize.sh) these fail on a use after free.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <memory>
#include <mutex>

#include "qtsc/content/store.hpp"
#include "screens/all_screens.hpp"
#include "test_kiosk_support.hpp"

using namespace qtsc::kiosk;

namespace {

// A press and a release on the target labelled `label`, without waiting for the workers
// (Harness::tap would wait for a sync that is held on purpose).
bool pressWithoutSettling(Harness& h, const std::string& label) {
  for (const auto& target : h.targets()) {
    if (target.label != label) continue;
    const float x = (target.min.x + target.max.x) * 0.5f, y = (target.min.y + target.max.y) * 0.5f;
    h.app().setSyntheticPointer(App::Pointer{x, y, false});
    h.pump(1);
    h.app().setSyntheticPointer(App::Pointer{x, y, true});
    h.pump(1);
    h.app().setSyntheticPointer(App::Pointer{x, y, false});
    h.pump(1);
    h.app().setSyntheticPointer(App::Pointer{});
    h.pump(2);
    return true;
  }
  return false;
}

// A sync hook that reports it started and then holds until released.
struct HeldSync {
  std::mutex mutex;
  std::condition_variable changed;
  bool started = false;
  bool released = false;
  bool finished = false;

  void waitStarted() {
    std::unique_lock lock(mutex);
    changed.wait(lock, [this] { return started; });
  }
  void release() {
    std::lock_guard lock(mutex);
    released = true;
    changed.notify_all();
  }
};

}  // namespace

TEST_CASE("Exit in the staff panel during Sync now stops the sync before the kiosk is taken down", "[kiosk][shutdown][staff]") {
  auto held = std::make_shared<HeldSync>();
  HarnessOptions options;
  options.databasePath = QTSC_PARK_DB;
  options.config.staffPin = "1";
  options.syncHook = [held] {
    std::unique_lock lock(held->mutex);
    held->started = true;
    held->changed.notify_all();
    held->changed.wait(lock, [&] { return held->released; });
    held->finished = true;
    return SyncNowResult{true, "finished while the kiosk shut down"};
  };
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  auto h = std::make_unique<Harness>(options);
  h->app().router().reset(Route{ScreenId::Staff, {}});
  h->settle();
  REQUIRE(h->tapLabel("1"));
  REQUIRE(h->tapLabel("OK"));
  REQUIRE(pressWithoutSettling(*h, "Đồng bộ ngay"));
  held->waitStarted();
  CHECK(h->app().sync().status().running);
  REQUIRE(pressWithoutSettling(*h, "Thoát ứng dụng"));
  CHECK_FALSE(h->app().quitRequested());  // Exit asks first
  REQUIRE(pressWithoutSettling(*h, "Thoát"));
  CHECK(h->app().quitRequested());
  // The sync's outcome is posted to the UI queue as the kiosk goes down; it must reach a
  // living staff panel status or none at all.
  held->release();
  h.reset();
  std::lock_guard lock(held->mutex);
  CHECK(held->finished);
}

TEST_CASE("new content switched in on Attract while a directory search is out drops the stale answer", "[kiosk][shutdown][sync]") {
  auto h = qtsc::testing::makeHarness();
  App& app = h->app();
  app.router().reset(Route{ScreenId::Home, {}});
  h->pump(1);
  app.router().open(Route{ScreenId::Directory, {}});
  app.buildFrame();  // Directory opens and asks the search worker for its rows
  app.offerContent(std::make_unique<qtsc::content::ContentStore>(QTSC_PARK_DB, qtsc::content::ContentStore::Mode::ReadOnly), 2);
  app.resetToAttract();
  app.buildFrame();  // the switch: the screens and the search worker are made anew
  CHECK_FALSE(app.contentPending());
  h->settle();  // the answer to the old Directory's search comes back here
  CHECK(app.currentScreen() == ScreenId::Attract);

  // The new Directory gets its own answer.
  app.router().reset(Route{ScreenId::Home, {}});
  h->pump(1);
  app.router().open(Route{ScreenId::Directory, {}});
  h->settle();
  REQUIRE(app.currentScreen() == ScreenId::Directory);
  const auto& directory = static_cast<DirectoryScreen&>(app.screen(ScreenId::Directory));
  CHECK_FALSE(directory.rows().empty());
}
