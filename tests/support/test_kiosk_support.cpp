#include "test_kiosk_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "qtsc/content/generator.hpp"
#include "qtsc/content/store.hpp"
#include "test_support.hpp"

namespace qtsc::testing {

std::unique_ptr<kiosk::Harness> makeHarness(const std::string& database, kiosk::KioskConfig config) {
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  kiosk::HarnessOptions options;
  options.databasePath = database.empty() ? std::string(QTSC_PARK_DB) : database;
  options.config = config;
  options.now = "2018-11-14T09:00";
  return std::make_unique<kiosk::Harness>(options);
}

void sendEvent(kiosk::Harness& harness, SDL_Event event) {
  REQUIRE(SDL_PushEvent(&event) == 1);
  SDL_Event got;
  while (SDL_PollEvent(&got)) harness.app().handleEvent(got);
  harness.pump(1);
}

void touch(kiosk::Harness& harness, Uint32 type, SDL_FingerID id, float x, float y) {
  SDL_Event e{};
  e.type = type;
  e.tfinger.touchId = 1;
  e.tfinger.fingerId = id;
  e.tfinger.x = x / static_cast<float>(harness.app().config().windowWidth);
  e.tfinger.y = y / static_cast<float>(harness.app().config().windowHeight);
  sendEvent(harness, e);
}

void pinch(kiosk::Harness& harness, ImVec2 centre, float fromGap, float toGap, int steps) {
  constexpr SDL_FingerID a = 41, b = 42;
  touch(harness, SDL_FINGERDOWN, a, centre.x - fromGap * 0.5f, centre.y);
  touch(harness, SDL_FINGERDOWN, b, centre.x + fromGap * 0.5f, centre.y);
  for (int i = 1; i <= steps; ++i) {
    const float gap = fromGap + (toGap - fromGap) * static_cast<float>(i) / static_cast<float>(steps);
    touch(harness, SDL_FINGERMOTION, a, centre.x - gap * 0.5f, centre.y);
    touch(harness, SDL_FINGERMOTION, b, centre.x + gap * 0.5f, centre.y);
  }
  touch(harness, SDL_FINGERUP, b, centre.x + toGap * 0.5f, centre.y);
  touch(harness, SDL_FINGERUP, a, centre.x - toGap * 0.5f, centre.y);
  harness.pump(2);
}

void fingerTap(kiosk::Harness& harness, SDL_FingerID id, ImVec2 at) {
  touch(harness, SDL_FINGERDOWN, id, at.x, at.y);
  touch(harness, SDL_FINGERUP, id, at.x, at.y);
  harness.settle();
}

ImVec2 centreOf(kiosk::Harness& harness, const std::string& label) {
  for (const auto& t : harness.targets())
    if (t.label == label) return ImVec2((t.min.x + t.max.x) * 0.5f, (t.min.y + t.max.y) * 0.5f);
  FAIL("no touch target '" << label << "'");
  return {};
}

const std::string& bigParkDatabase() {
  static TempDir dir;
  static const std::string path = [] {
    const auto target = dir / "park-10k.db";
    std::filesystem::copy_file(QTSC_PARK_DB, target);
    content::ContentStore store(target.string(), content::ContentStore::Mode::ReadWrite);
    content::SampleSpec spec;
    spec.tenants = 10000;
    spec.seed = 77;
    store.import(content::generateSamples(store.exportAll(), spec));
    return target.string();
  }();
  return path;
}

}  // namespace qtsc::testing
