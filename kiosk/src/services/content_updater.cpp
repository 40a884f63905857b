#include "services/content_updater.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <regex>
#include <system_error>

#include "qtsc/content/store.hpp"
#include <spdlog/spdlog.h>

namespace qtsc::kiosk {

namespace {
// Compiled when the program starts, before any thread: compiling a std::regex fills
// libstdc++'s shared ctype<char> cache, which two threads compiling at once race on.
const std::regex kVersionDatabaseName(R"(v([0-9]{1,18})\.db)");
}  // namespace

namespace fs = std::filesystem;

sync::SyncConfig syncConfigFrom(const KioskConfig& config) {
  if (!config.syncConfigured()) throw ConfigError("sync.url", 0, "sync is not configured: set [sync] url and public_key");
  sync::SyncConfig out;
  out.baseUrl = config.syncUrl;
  out.publicKeyHex = config.syncPublicKey;
  out.dataDir = config.syncDataDir;
  out.stateDir = config.syncStateDir;
  out.kioskId = config.syncKioskId;
  out.hubUrl = config.syncHubUrl;
  out.reportKey = config.syncReportKey;
  out.interval = std::chrono::seconds(config.syncIntervalS);
  out.transferTimeoutSeconds = config.syncTransferTimeoutS;
  out.minBytesPerSecond = config.syncMinBytesPerS;
  out.stallTimeoutSeconds = config.syncStallS;
  return out;
}

void recordLastResult(SyncNowRunner& runner, const sync::LastResult& last) {
  const bool ok = last.outcome == sync::toString(sync::SyncOutcome::UpToDate) ||
                  last.outcome == sync::toString(sync::SyncOutcome::Installed);
  const bool expired = last.outcome == sync::toString(sync::SyncOutcome::Expired);
  runner.record(last.time, ok, expired ? last.message : last.outcome + (last.message.empty() ? "" : ": " + last.message),
                last.version, expired);
}

ContentUpdater::ContentUpdater(sync::SyncConfig config, UiQueue& queue, StoreReady onStore, ResultReady onResult)
    : config_(std::move(config)), queue_(queue), onStore_(std::move(onStore)), onResult_(std::move(onResult)),
      thread_([this](std::stop_token stop) { loop(stop); }) {}

ContentUpdater::~ContentUpdater() {
  stop();
  join();
}

void ContentUpdater::stop() {
  std::lock_guard lock(mutex_);
  thread_.request_stop();
  wake_.notify_all();
}

void ContentUpdater::join() {
  if (thread_.joinable()) thread_.join();
}

void ContentUpdater::postLastResult() {
  try {
    if (auto last = sync::readLastResult(config_.stateDir)) queue_.post(liveness_.token(), [this, result = *last] { onResult_(result); });
  } catch (const std::exception& error) {
    spdlog::warn("the last sync result cannot be read: {}", error.what());
  }
}

sync::SyncResult ContentUpdater::runOnce() {
  sync::SyncClient client(config_);
  sync::SyncResult result = client.syncOnce();
  if (result.outcome == sync::SyncOutcome::Installed) {
    // Opened here, so the UI never waits on the new file.
    const fs::path database = sync::currentContent(config_.dataDir);
    try {
      auto store = std::make_shared<std::unique_ptr<content::ContentStore>>(
          std::make_unique<content::ContentStore>(database.string(), content::ContentStore::Mode::ReadOnly));
      checkContentReadable(**store);
      const long long version = result.version;
      queue_.post(liveness_.token(), [this, store, version] { onStore_(std::move(*store), version); });
    } catch (const std::exception& error) {
      result.outcome = sync::SyncOutcome::Failed;
      result.message = "version " + std::to_string(result.version) + " was installed but cannot be opened: " + error.what();
    }
  }
  return result;
}

void ContentUpdater::loop(std::stop_token stop) {
  int failures = 0;
  postLastResult();
  while (!stop.stop_requested()) {
    unsigned long serving = 0;
    {
      std::lock_guard lock(mutex_);
      serving = requested_;
    }
    sync::SyncResult result;
    try {
      result = runOnce();
    } catch (const std::exception& error) {
      result.outcome = sync::SyncOutcome::Failed;
      result.message = error.what();
    }
    failures = result.outcome == sync::SyncOutcome::Failed ? failures + 1 : 0;
    if (result.outcome == sync::SyncOutcome::Failed)
      spdlog::warn("sync failed ({} in a row): {}", failures, result.message);
    else if (result.outcome == sync::SyncOutcome::Installed)
      spdlog::info("sync installed content version {}{}", result.version, result.usedChangeset ? " from a changeset" : "");
    else
      spdlog::debug("sync: content version {} is current", result.version);
    postLastResult();
    const auto delay = sync::nextDelay(config_, result, failures);
    std::unique_lock lock(mutex_);
    last_ = result;
    served_ = serving;
    wake_.notify_all();
    wake_.wait_for(lock, stop, delay, [this] { return requested_ > served_; });
  }
}

SyncNowResult ContentUpdater::syncNow() {
  std::unique_lock lock(mutex_);
  // A sync already running may have started before this request: wait for one that began after.
  const unsigned long mine = ++requested_;
  wake_.notify_all();
  wake_.wait(lock, [&] { return served_ >= mine || thread_.get_stop_token().stop_requested(); });
  if (!last_) return SyncNowResult{false, "the sync stopped"};
  const bool expired = last_->outcome == sync::SyncOutcome::Expired;
  return SyncNowResult{sync::succeeded(last_->outcome),
                     expired ? last_->message
                             : std::string(sync::toString(last_->outcome)) + (last_->message.empty() ? "" : ": " + last_->message),
                     expired};
}

std::optional<SyncedContent> installedContent(const KioskConfig& config) {
  if (!config.syncConfigured()) return std::nullopt;
  std::error_code error;
  const fs::path database = sync::currentContent(config.syncDataDir);
  if (database.empty() || !fs::exists(database, error)) return std::nullopt;
  return SyncedContent{database, sync::currentVersion(config.syncDataDir)};
}

std::vector<SyncedContent> installedVersions(const KioskConfig& config) {
  std::vector<SyncedContent> found;
  const auto current = installedContent(config);
  if (current) found.push_back(*current);
  const long long newest = current ? current->version : std::numeric_limits<long long>::max();
  std::error_code error;
  std::vector<SyncedContent> older;
  for (const auto& entry : fs::directory_iterator(fs::path(config.syncDataDir) / "versions", error)) {
    std::smatch m;
    const std::string file = entry.path().filename().string();
    if (!std::regex_match(file, m, kVersionDatabaseName)) continue;
    const long long version = std::stoll(m[1].str());
    if (version < newest && entry.is_regular_file(error)) older.push_back(SyncedContent{entry.path(), version});
  }
  std::sort(older.begin(), older.end(), [](const SyncedContent& a, const SyncedContent& b) { return a.version > b.version; });
  found.insert(found.end(), older.begin(), older.end());
  return found;
}

void checkContentReadable(content::ContentStore& store) {
  if (const auto problem = store.integrityProblem(1)) throw std::runtime_error("the database is damaged (" + *problem + ")");
  (void)store.park();
  (void)store.milestones();
  (void)store.places();
  (void)store.tenantCount({});
  (void)store.exhibits();
  (void)store.itineraries();
}

int syncOnceCommand(const KioskConfig& config) {
  if (!config.syncConfigured()) {
    std::fprintf(stderr, "kiosk: sync is not configured: set url and public_key in the [sync] section of the config (--config FILE)\n");
    return 2;
  }
  try {
    sync::SyncClient client(syncConfigFrom(config));
    const sync::SyncResult result = client.syncOnce();
    const bool ok = sync::succeeded(result.outcome);  // expired content is a failure to act on
    std::fprintf(ok ? stdout : stderr, "kiosk: sync %s: %s (version %lld)\n", std::string(sync::toString(result.outcome)).c_str(),
                 result.message.c_str(), result.version);
    return ok ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "kiosk: sync failed: %s\n", error.what());
    return 1;
  }
}

}  // namespace qtsc::kiosk
