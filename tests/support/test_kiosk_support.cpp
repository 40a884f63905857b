#include "test_kiosk_support.hpp"

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
