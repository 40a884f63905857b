// The kiosk and the publisher: [sync] settings, `kiosk --sync-once`, and new content from a
// real server (nginx on 127.0.0.1) switched in on the Attract screen only.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <sys/wait.h>

#include "core/config.hpp"
#include "services/content_updater.hpp"
#include "tools/harness.hpp"
#include "screens/all_screens.hpp"
#include "qtsc/content/store.hpp"
#include "test_kiosk_support.hpp"
#include "test_sync_support.hpp"

using namespace qtsc::kiosk;
using qtsc::testing::Nginx;
using qtsc::testing::SyncPark;
using qtsc::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::string kioskBinary() { return std::string(QTSC_BIN_DIR) + "/kiosk"; }

int runKiosk(const std::string& arguments, const fs::path& log) {
  const std::string command = "SDL_VIDEODRIVER=offscreen " + kioskBinary() + " " + arguments + " >" + log.string() + " 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A kiosk config whose [sync] section points at `url` with the park's key and folders.
KioskConfig syncedConfig(const SyncPark& park, const std::string& url) {
  const qtsc::sync::SyncConfig sync = park.kiosk(url);
  KioskConfig config = HarnessOptions::defaultHarnessConfig();
  config.syncUrl = sync.baseUrl;
  config.syncPublicKey = sync.publicKeyHex;
  config.syncDataDir = sync.dataDir.string();
  config.syncStateDir = sync.stateDir.string();
  config.syncKioskId = "lobby-test";
  config.syncIntervalS = 3600;  // the test asks for syncs itself
  return config;
}

std::string tomlFor(const KioskConfig& config) {
  return "[sync]\nurl = \"" + config.syncUrl + "\"\npublic_key = \"" + config.syncPublicKey + "\"\ndata_dir = \"" +
         config.syncDataDir + "\"\nstate_dir = \"" + config.syncStateDir + "\"\n";
}

}  // namespace

TEST_CASE("[sync] and [hours] default to off and always open", "[kiosk][sync][config]") {
  const KioskConfig config = parseConfig("");
  CHECK_FALSE(config.syncConfigured());
  CHECK(config.syncDataDir == "/var/lib/qtsc-kiosk/content");
  CHECK(config.syncStateDir == "/var/lib/qtsc-kiosk/state");
  CHECK(config.syncIntervalS == 300);
  CHECK(isOpenAt(config, "2018-11-18T03:00"));  // a Sunday night
}

TEST_CASE("[sync] and [hours] are read", "[kiosk][sync][config]") {
  const KioskConfig config = parseConfig(R"(
[sync]
url = "http://hub.qtsc.local/content"
public_key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
kiosk_id = "lobby-1"
hub_url = "http://hub.qtsc.local"
report_key = "qk_00ff"
data_dir = "/srv/content"
state_dir = "/srv/state"
interval_s = 120
transfer_timeout_s = 600
min_bytes_per_s = 4096
stall_s = 30
[hours]
open = "07:30"
close = "18:00"
days = [1, 2, 3, 4, 5, 6]
)");
  CHECK(config.syncConfigured());
  CHECK(config.syncKioskId == "lobby-1");
  CHECK(config.syncIntervalS == 120);
  CHECK(config.openMinute == 7 * 60 + 30);
  CHECK(config.closeMinute == 18 * 60);
  // 2018-11-14 is a Wednesday, 2018-11-18 a Sunday.
  CHECK_FALSE(isOpenAt(config, "2018-11-14T07:29"));
  CHECK(isOpenAt(config, "2018-11-14T07:30"));
  CHECK(isOpenAt(config, "2018-11-14T17:59"));
  CHECK_FALSE(isOpenAt(config, "2018-11-14T18:00"));
  CHECK_FALSE(isOpenAt(config, "2018-11-18T10:00"));
  const auto sync = syncConfigFrom(config);
  CHECK(sync.baseUrl == "http://hub.qtsc.local/content");
  CHECK(sync.interval == std::chrono::seconds(120));
  CHECK(sync.hubUrl == "http://hub.qtsc.local");
  CHECK(sync.reportKey == "qk_00ff");
  CHECK(sync.transferTimeoutSeconds == 600);
  CHECK(sync.minBytesPerSecond == 4096);
  CHECK(sync.stallTimeoutSeconds == 30);
}

TEST_CASE("bad [sync] and [hours] values are refused naming the field and line", "[kiosk][sync][config]") {
  auto refused = [](const std::string& text, const std::string& field, int line) {
    try {
      parseConfig(text);
    } catch (const ConfigError& error) {
      CHECK(error.field == field);
      CHECK(error.line == line);
      return true;
    }
    return false;
  };
  CHECK(refused("[sync]\nurl = \"ftp://x\"\n", "sync.url", 2));
  CHECK(refused("[sync]\nurl = \"http://x\"\npublic_key = \"abc\"\n", "sync.public_key", 3));
  CHECK(refused("[sync]\nurl = \"http://x\"\n", "sync.public_key", 1));
  CHECK(refused("[sync]\ninterval_s = 0\n", "sync.interval_s", 2));
  CHECK(refused("[sync]\nreport_key = \"qk 00ff\"\n", "sync.report_key", 2));
  CHECK(refused("[sync]\ninterval = 30\n", "sync.interval", 2));
  CHECK(refused("\n[hours]\nopen = \"7:30\"\n", "hours.open", 3));
  CHECK(refused("[hours]\nclose = \"24:30\"\n", "hours.close", 2));
  CHECK(refused("[hours]\nopen = \"24:00\"\n", "hours.open", 2));
  CHECK(refused("[hours]\ndays = [1, 8]\n", "hours.days", 2));
  CHECK(refused("[hours]\ndays = \"weekdays\"\n", "hours.days", 2));
}

TEST_CASE("the packaged kiosk.toml is a valid config", "[kiosk][config]") {
  const KioskConfig config = loadConfig(std::string(QTSC_SOURCE_DIR) + "/installer/config/kiosk.toml");
  CHECK_FALSE(config.syncConfigured());
  CHECK(isOpenAt(config, "2018-11-18T03:00"));
}

TEST_CASE("kiosk --sync-once without [sync] says so and fails", "[kiosk][sync]") {
  TempDir dir;
  std::ofstream(dir / "kiosk.toml") << "[language]\ndefault = \"en\"\n";
  CHECK(runKiosk("--sync-once --config " + (dir / "kiosk.toml").string(), dir / "log") != 0);
  CHECK(readAll(dir / "log").find("sync is not configured") != std::string::npos);
  CHECK(runKiosk("--sync-once", dir / "log") != 0);
}

TEST_CASE("kiosk --sync-once installs a published version, then is up to date", "[kiosk][sync]") {
  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
  const KioskConfig config = syncedConfig(park, nginx.url());
  std::ofstream(park.dir / "kiosk.toml") << tomlFor(config);
  const std::string args = "--sync-once --config " + (park.dir / "kiosk.toml").string();
  REQUIRE(runKiosk(args, park.dir / "log") == 0);
  INFO(readAll(park.dir / "log"));
  CHECK(qtsc::sync::currentVersion(config.syncDataDir) >= 1);
  CHECK(fs::exists(qtsc::sync::currentContent(config.syncDataDir)));
  CHECK(runKiosk(args, park.dir / "log") == 0);
  CHECK(readAll(park.dir / "log").find("up") != std::string::npos);
  // A server that is not there: a clear failure.
  std::ofstream(park.dir / "bad.toml") << tomlFor(syncedConfig(park, "http://127.0.0.1:1"));
  CHECK(runKiosk("--sync-once --config " + (park.dir / "bad.toml").string(), park.dir / "log") != 0);
}

TEST_CASE("a new version is switched in on the Attract screen only, without a restart", "[kiosk][sync]") {
  SyncPark park;
  park.editTenant("Version one");
  park.publish("first");
  Nginx nginx(park.out);
  const KioskConfig config = syncedConfig(park, nginx.url());
  REQUIRE(syncOnceCommand(config) == 0);

  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  HarnessOptions options;
  options.config = config;  // no database: the installed version is used
  Harness harness(options);
  App& app = harness.app();
  const std::string v1Path = app.store().path();
  CHECK(fs::path(v1Path) == qtsc::sync::currentContent(config.syncDataDir));
  CHECK(park.tenantText(v1Path) == "Version one");

  // A visitor is reading a tenant when version two arrives.
  app.router().reset(Route{ScreenId::Home, {}});
  harness.pump(1);
  app.router().open(Route{ScreenId::Tenant, park.tenantId});
  harness.settle();
  park.editTenant("Version two");
  park.publish("second");
  app.sync().start(app.clock().nowIso());  // what the staff panel's "Sync now" does
  app.sync().waitIdle();
  for (int i = 0; i < 100 && !app.contentPending(); ++i) {
    app.drainWork();
    if (!app.contentPending()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  REQUIRE(app.contentPending());
  CHECK(app.sync().status().ok);
  harness.pump(3);
  CHECK(app.store().path() == v1Path);  // still on the tenant: nothing switched under the visitor
  CHECK(app.currentScreen() == ScreenId::Tenant);

  harness.advance(static_cast<double>(config.idleTimeout) + 1.0);  // the visitor leaves; Attract shows
  harness.pump(2);
  CHECK(app.currentScreen() == ScreenId::Attract);
  CHECK_FALSE(app.contentPending());
  CHECK(app.store().path() != v1Path);
  CHECK(park.tenantText(app.store().path()) == "Version two");
  CHECK(app.sync().status().installedVersion >= 2);
}

TEST_CASE("kiosk --shots --config shows the installed version of a kiosk with [sync], and no sync runs", "[kiosk][sync][shots]") {
  SyncPark park;
  park.editTenant("Installed for the shots");
  park.publish("first");
  Nginx nginx(park.out);
  KioskConfig config = syncedConfig(park, nginx.url());
  REQUIRE(syncOnceCommand(config) == 0);
  const auto before = qtsc::sync::readLastResult(config.syncStateDir);
  REQUIRE(before);

  // A publisher that is not there: a sync would fail and say so in last-result.json.
  config.syncUrl = "http://127.0.0.1:1";
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  HarnessOptions options;
  options.config = config;
  options.startSync = false;
  {
    Harness harness(options);
    CHECK(fs::path(harness.app().store().path()) == qtsc::sync::currentContent(config.syncDataDir));
    CHECK(harness.app().sync().status().configured);
    CHECK(harness.app().sync().status().lastAttempt == before->time);  // the kiosk's own last sync, shown to staff
  }
  std::ofstream(park.dir / "kiosk.toml") << tomlFor(config);
  TempDir shots;
  CHECK(runKiosk("--shots " + shots.path().string() + " --windowed 1280x720 --config " + (park.dir / "kiosk.toml").string(),
                 park.dir / "log") == 0);
  INFO(readAll(park.dir / "log"));
  CHECK(fs::exists(shots / "tenant_en.png"));
  const auto after = qtsc::sync::readLastResult(config.syncStateDir);
  REQUIRE(after);
  CHECK(after->time == before->time);
  CHECK(after->outcome == before->outcome);
}

TEST_CASE("an installed version that cannot be read falls back to the previous one, then to the bundled content, and says why",
          "[kiosk][sync][damage]") {
  SyncPark park;
  park.editTenant("Version one");
  park.publish("first");
  Nginx nginx(park.out);
  const KioskConfig config = syncedConfig(park, nginx.url());
  REQUIRE(syncOnceCommand(config) == 0);
  park.editTenant("Version two");
  park.publish("second");
  REQUIRE(syncOnceCommand(config) == 0);
  const fs::path v2 = qtsc::sync::currentContent(config.syncDataDir);
  const long long version2 = qtsc::sync::currentVersion(config.syncDataDir);
  const auto older = installedVersions(config);
  REQUIRE(older.size() == 2);
  const fs::path v1 = older[1].database;
  CHECK(park.tenantText(v1) == "Version one");

  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
  spdlog::default_logger()->sinks().push_back(sink);
  auto logged = [&] {
    std::string log;
    for (const auto& line : sink->last_formatted()) log += line;
    return log;
  };
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  HarnessOptions options;
  options.config = config;
  options.startSync = false;

  // Version two turns out unreadable while the kiosk runs: the screen says so, and the kiosk
  // goes back to Attract on version one.
  {
    Harness harness(options);
    App& app = harness.app();
    REQUIRE(fs::path(app.store().path()) == v2);
    app.waitForWorkers();  // the search worker has read what it prepares when it starts
    {
      SQLite::Database writer(v2.string(), SQLite::OPEN_READWRITE);
      writer.exec("PRAGMA foreign_keys = OFF");
      writer.exec("ALTER TABLE milestone RENAME TO milestone_gone");
    }
    app.router().reset(Route{ScreenId::Home, {}});  // Home counts the milestones
    harness.settle();
    CHECK(fs::path(app.store().path()) == v1);
    CHECK(app.currentScreen() == ScreenId::Attract);
    CHECK_THAT(logged(), Catch::Contains("no such table: milestone") && Catch::Contains("showing version 1"));
    app.router().reset(Route{ScreenId::Home, {}});
    harness.pump(1);
    app.router().open(Route{ScreenId::History, {}});
    harness.settle();
    CHECK(app.screen(ScreenId::History).readError().empty());
    CHECK(app.currentScreen() == ScreenId::History);
  }
  // Half of version two's file is gone (a disk fault): version one shows.
  fs::resize_file(v2, fs::file_size(v2) / 2);
  {
    Harness harness(options);
    CHECK(fs::path(harness.app().store().path()) == v1);
    CHECK(park.tenantText(harness.app().store().path()) == "Version one");
    CHECK_THAT(logged(), Catch::Contains("version " + std::to_string(version2)) && Catch::Contains("falling back"));
  }
  // Version one is junk too: the bundled content shows.
  qtsc::testing::writeFile(v1, std::string(8192, 'x'));
  {
    Harness harness(options);
    CHECK(harness.app().store().path().find(config.syncDataDir) == std::string::npos);
    CHECK_THAT(logged(), Catch::Contains("not a database") && Catch::Contains("the bundled content"));
    harness.app().router().reset(Route{ScreenId::Home, {}});
    harness.settle();
    CHECK(harness.app().screen(ScreenId::Home).readError().empty());
  }
  spdlog::default_logger()->sinks().pop_back();
}

TEST_CASE("a screen whose content cannot be read says so in both languages and logs why", "[kiosk][damage]") {
  TempDir dir;
  const fs::path db = dir / "park.db";
  fs::copy_file(QTSC_PARK_DB, db);
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
  spdlog::default_logger()->sinks().push_back(sink);
  auto harness = qtsc::testing::makeHarness(db.string());
  App& app = harness->app();
  app.router().reset(Route{ScreenId::Home, {}});
  harness->settle();
  {
    // The file changes under the running kiosk: the milestones are gone.
    SQLite::Database writer(db.string(), SQLite::OPEN_READWRITE);
    writer.exec("PRAGMA foreign_keys = OFF");
    writer.exec("ALTER TABLE milestone RENAME TO milestone_gone");
  }
  app.router().open(Route{ScreenId::History, {}});
  harness->settle();
  const std::string error = app.screen(ScreenId::History).readError();
  CHECK_THAT(error, Catch::Contains("milestone"));
  std::string log;
  for (const auto& line : sink->last_formatted()) log += line;
  spdlog::default_logger()->sinks().pop_back();
  CHECK_THAT(log, Catch::Contains("history screen") && Catch::Contains(error));
  // The bar stays: the visitor can go home; the staff panel shows the cause.
  CHECK(harness->hasLabel(app.i18n().tr("bar.home", "vi")));
  REQUIRE(app.savePng((dir / "history_error.png").string()));
  // Opened again once the content is back, the screen reads it.
  {
    SQLite::Database writer(db.string(), SQLite::OPEN_READWRITE);
    writer.exec("ALTER TABLE milestone_gone RENAME TO milestone");
  }
  app.router().home();
  harness->settle();
  app.router().open(Route{ScreenId::History, {}});
  harness->settle();
  CHECK(app.screen(ScreenId::History).readError().empty());
}

TEST_CASE("an expired published timestamp shows in the staff panel and fails --sync-once, and the content stays", "[kiosk][sync][expired]") {
  SyncPark park;
  park.editTenant("Shown while expired");
  park.publish("first");
  Nginx nginx(park.out);
  KioskConfig config = syncedConfig(park, nginx.url());
  REQUIRE(syncOnceCommand(config) == 0);
  const fs::path installed = qtsc::sync::currentContent(config.syncDataDir);

  // The publisher stopped refreshing: the timestamp it serves ran out a day ago.
  qtsc::sync::PublisherSettings stale;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  stale.clock = [now] { return now - 15 * 24 * 3600; };
  park.editTenant("Never shown");
  park.publish("second", stale);
  std::ofstream(park.dir / "kiosk.toml") << tomlFor(config);
  CHECK(runKiosk("--sync-once --config " + (park.dir / "kiosk.toml").string(), park.dir / "log") == 1);
  CHECK_THAT(readAll(park.dir / "log"), Catch::Contains("expired"));

  config.staffPin = "1357";
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  HarnessOptions options;
  options.config = config;
  Harness harness(options);
  App& app = harness.app();
  app.sync().start(app.clock().nowIso());
  app.sync().waitIdle();
  for (int i = 0; i < 100 && app.sync().status().running; ++i) {
    app.drainWork();
    if (app.sync().status().running) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const SyncStatus& status = app.sync().status();
  INFO(status.message);
  CHECK(status.expired);
  CHECK_FALSE(status.ok);
  CHECK_THAT(status.message, Catch::Contains("expired"));
  CHECK(status.message.find('\n') == std::string::npos);
  CHECK(fs::path(app.store().path()) == installed);
  CHECK(park.tenantText(app.store().path()) == "Shown while expired");
  app.router().open(Route{ScreenId::Staff, {}});
  harness.settle();
  for (char digit : config.staffPin) harness.tapLabel(std::string(1, digit));
  harness.tapLabel(app.i18n().tr("staff.ok", app.session().language));
  CHECK(static_cast<StaffScreen&>(app.screen(ScreenId::Staff)).unlocked());
  TempDir shots;
  REQUIRE(app.savePng((shots / "staff_expired.png").string()));
}
