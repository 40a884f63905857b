// The kiosk's link to the publisher: the sync loop on its own thread, new content opened off
// the UI thread, and the installed versions to fall back to. The usage counts it reports are
// in usage_counter.hpp.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "runtime/ui_queue.hpp"
#include "services/sync_now.hpp"
#include "services/usage_counter.hpp"
#include "qtsc/sync/client.hpp"

namespace qtsc::content {
class ContentStore;
}

namespace qtsc::kiosk {

// The [sync] section as the sync library wants it. Throws ConfigError when sync is off.
sync::SyncConfig syncConfigFrom(const KioskConfig& config);
// `config` with what pairing by code brought (qtsc/sync/fleet_client.hpp, in stateDir/fleet)
// where the local config leaves it out: the publisher's key, and the kiosk id with its report
// key. A kiosk with neither a key nor a pairing has an empty publicKeyHex: it cannot sync
// yet. Throws when the pairing's files cannot be read.
sync::SyncConfig withPairing(sync::SyncConfig config);

// A persisted last result as the staff panel shows it: ok only for "up-to-date" and
// "installed"; "expired" is flagged so the panel can say what to do.
void recordLastResult(SyncNowRunner& runner, const sync::LastResult& last);

// A thread polls the publisher (SyncClient::syncOnce, waiting nextDelay between polls).
// When a version is installed, it opens the new database on that thread and posts it to the
// UI, which switches at a safe moment. "Sync now" wakes the same thread, so two syncs never
// run at once.
class ContentUpdater {
 public:
  using StoreReady = std::function<void(std::unique_ptr<content::ContentStore>, long long version)>;
  using ResultReady = std::function<void(const sync::LastResult&)>;

  // `onStore` and `onResult` run on the UI thread, through `queue`. `onResult` gets the
  // persisted last result when the thread starts and after every sync.
  ContentUpdater(sync::SyncConfig config, UiQueue& queue, StoreReady onStore, ResultReady onResult);
  ~ContentUpdater();  // stop() and join()
  ContentUpdater(const ContentUpdater&) = delete;
  ContentUpdater& operator=(const ContentUpdater&) = delete;

  // Runs one sync now on the sync thread and blocks the caller (a worker) until it is done.
  SyncNowResult syncNow();
  // Any thread: a sync soon (the kiosk was just paired), without waiting for it.
  void wake();
  // Asks the thread to stop and releases anyone waiting in syncNow().
  void stop();
  // After stop(): waits for the thread to end; an install in progress finishes first, and
  // what it posts reaches `onStore`/`onResult` only while this object exists.
  void join();
  [[nodiscard]] const sync::SyncConfig& config() const { return config_; }

 private:
  void loop(std::stop_token stop);
  sync::SyncResult runOnce();
  void postLastResult();
  sync::SyncConfig config_;
  UiQueue& queue_;
  StoreReady onStore_;
  ResultReady onResult_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  unsigned long requested_ = 0;  // "sync now" requests so far
  unsigned long served_ = 0;     // requests the latest finished sync answered
  std::optional<sync::SyncResult> last_;
  Liveness liveness_;
  std::jthread thread_;  // last: stops before the members it uses go away
};

// The database and assets to use when sync has installed content; nullopt otherwise.
struct SyncedContent {
  std::filesystem::path database;
  long long version = 0;
};
std::optional<SyncedContent> installedContent(const KioskConfig& config);
// Every installed database still on disk, newest first: the current version, then the older
// ones sync keeps to fall back to. Empty when sync is off or nothing is installed.
std::vector<SyncedContent> installedVersions(const KioskConfig& config);

// Throws std::runtime_error naming the first problem when `store` cannot be shown: the file
// fails SQLite's quick check, or the records every screen reads cannot be read.
void checkContentReadable(content::ContentStore& store);

// `kiosk --sync-once`: one sync with the config's [sync] section. Prints what happened;
// returns the exit status (0: up to date or installed).
int syncOnceCommand(const KioskConfig& config);

}  // namespace qtsc::kiosk
