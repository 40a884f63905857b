// Killed at any instant, the kiosk starts on the old version or the new one, never a mix.
// A child process syncs and is SIGKILLed at each named step of an install and at many
// random moments; afterwards the content opens on a whole version and the next sync
// finishes the job.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "qtsc/content/store.hpp"
#include "qtsc/sync/client.hpp"
#include "test_sync_support.hpp"

using namespace qtsc::sync;
using qtsc::testing::Nginx;
using qtsc::testing::SyncPark;
namespace fs = std::filesystem;

namespace {

// Runs one sync in a child. `killAtStep`: the child kills itself there; otherwise, when
// `killAfter` is set, the parent kills it after that long. Returns whether it died by SIGKILL.
bool syncInChild(const SyncConfig& config, const std::string& killAtStep,
                 std::optional<std::chrono::microseconds> killAfter) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    SyncConfig child = config;
    if (!killAtStep.empty())
      child.onStep = [killAtStep](std::string_view step) {
        if (step == killAtStep) ::raise(SIGKILL);
      };
    const auto result = SyncClient(child).syncOnce();
    ::_exit(result.outcome == SyncOutcome::Failed ? 1 : 0);
  }
  if (killAfter) {
    std::this_thread::sleep_for(*killAfter);
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// The kiosk's content is a whole version: it opens, passes SQLite's check, and the edited
// tenant's text is the one of the version it claims.
void checkWhole(const SyncPark& park, const SyncConfig& config, const std::map<long long, std::string>& texts) {
  const fs::path db = currentContent(config.dataDir);
  if (db.empty()) {
    CHECK(texts.count(0) == 1);  // allowed only before the first install
    return;
  }
  qtsc::content::ContentStore store(db.string(), qtsc::content::ContentStore::Mode::ReadOnly);
  const long long version = store.contentVersion();
  REQUIRE(texts.count(version) == 1);
  CHECK(version == currentVersion(config.dataDir));
  CHECK(park.tenantText(db) == texts.at(version));
  SQLite::Database check(db.string(), SQLite::OPEN_READONLY);
  CHECK(check.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

void resetKiosk(const SyncConfig& config, const fs::path& templateData, const fs::path& templateState) {
  fs::remove_all(config.dataDir);
  fs::remove_all(config.stateDir);
  if (!templateData.empty()) {
    fs::copy(templateData, config.dataDir, fs::copy_options::recursive);
    fs::copy(templateState, config.stateDir, fs::copy_options::recursive);
  }
}

}  // namespace

TEST_CASE("killed during an update, the kiosk starts on the old or the new version") {
  SyncPark park;
  park.editTenant("Text of version one");
  park.publish("one");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());
  const SyncConfig pristine = park.kiosk(nginx.url(), "pristine");
  REQUIRE(SyncClient(pristine).syncOnce().outcome == SyncOutcome::Installed);
  park.editTenant("Text of version two");
  park.writeAsset("images/logo.png", std::string(200000, 'q'));
  park.publish("two");
  const std::map<long long, std::string> texts{{1, "Text of version one"}, {2, "Text of version two"}};

  SECTION("at each step of an install") {
    for (const char* step : {"downloaded", "base-copied", "changeset-applied", "db-built", "db-placed",
                             "record-written", "pointer-switched", "cleaned"}) {
      INFO("killed at " << step);
      resetKiosk(config, pristine.dataDir, pristine.stateDir);
      CHECK(syncInChild(config, step, std::nullopt));
      checkWhole(park, config, texts);
      const auto after = SyncClient(config).syncOnce();
      INFO(after.message);
      REQUIRE(after.outcome != SyncOutcome::Failed);
      CHECK(currentVersion(config.dataDir) == 2);
      checkWhole(park, config, texts);
    }
  }

  SECTION("at random moments") {
    // How long an update takes here, to spread the kills over it.
    resetKiosk(config, pristine.dataDir, pristine.stateDir);
    const auto start = std::chrono::steady_clock::now();
    syncInChild(config, "", std::nullopt);
    const auto span = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    std::mt19937 random(20240601);
    std::uniform_int_distribution<long long> moment(0, std::max<long long>(span.count() * 3 / 2, 1000));
    for (int round = 0; round < 25; ++round) {
      resetKiosk(config, pristine.dataDir, pristine.stateDir);
      const std::chrono::microseconds after(moment(random));
      INFO("killed after " << after.count() << " us");
      syncInChild(config, "", after);
      checkWhole(park, config, texts);
      REQUIRE(SyncClient(config).syncOnce().outcome != SyncOutcome::Failed);
      checkWhole(park, config, texts);
      CHECK(currentVersion(config.dataDir) == 2);
    }
  }
}

TEST_CASE("killed during a first install, the kiosk has nothing or a whole version") {
  SyncPark park;
  park.editTenant("Only version");
  park.publish("one");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());
  const std::map<long long, std::string> texts{{0, ""}, {1, "Only version"}};
  for (const char* step : {"downloaded", "snapshot-copied", "db-built", "db-placed", "pointer-switched"}) {
    INFO("killed at " << step);
    resetKiosk(config, {}, {});
    CHECK(syncInChild(config, step, std::nullopt));
    checkWhole(park, config, texts);
    REQUIRE(SyncClient(config).syncOnce().outcome != SyncOutcome::Failed);
    CHECK(currentVersion(config.dataDir) == 1);
  }
}
