#include "services/content_updater.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <regex>
#include <system_error>

#include "qtsc/content/store.hpp"
#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/fleet_client.hpp"
#include <spdlog/spdlog.h>

namespace qtsc::kiosk {

namespace {
// Compiled when the program starts, before any thread: compiling a std::regex fills
// libstdc++'s shared ctype<char> cache, which two threads compiling at once race on.
const std::regex kVersionDatabaseName(R"(v([0-9]{1,18})\.db)");
constexpr const char* kNotPaired =
    "not paired with the hub yet: an admin types the code this kiosk shows on the hub's fleet page";
}  // namespace

namespace fs = std::filesystem;

sync::SyncConfig syncConfigFrom(const KioskConfig& config) {
  if (!config.syncConfigured()) throw ConfigError("sync.url", 0, "sync is not configured: set [sync] hub_url, or url and public_key");
  sync::SyncConfig out;
  out.baseUrl = config.syncContentUrl();
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

sync::SyncConfig withPairing(sync::SyncConfig config) {
  if (config.hubUrl.empty()) return config;
  const bool needKey = config.publicKeyHex.empty();
  const bool needReportKey = config.reportKey.empty();
  if (!needKey && !needReportKey) return config;
  const auto identity = sync::FleetClient::loadIdentity(config.stateDir / "fleet");
  if (!identity) return config;
  if (needKey) config.publicKeyHex = sync::toHex(identity->publisherKey);
  if (needReportKey) {
    // The report key is the hub's for the id it paired: reports go under that id.
    config.kioskId = identity->kioskId;
    config.reportKey = identity->reportKey;
  }
  return config;
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
  const sync::SyncConfig config = withPairing(config_);
  if (config.publicKeyHex.empty()) {
    sync::SyncResult waiting;
    waiting.outcome = sync::SyncOutcome::Failed;
    waiting.message = kNotPaired;
    return waiting;
  }
  sync::SyncClient client(config);
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
  bool saidUnpaired = false;
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
    const bool unpaired = result.outcome == sync::SyncOutcome::Failed && result.message == kNotPaired;
    // Waiting for the pairing is no failure to back off from: the fleet link wakes this
    // thread once the kiosk is paired.
    failures = result.outcome == sync::SyncOutcome::Failed && !unpaired ? failures + 1 : 0;
    if (unpaired) {
      if (!saidUnpaired) spdlog::info("sync waits: {}", result.message);
      saidUnpaired = true;
    } else if (result.outcome == sync::SyncOutcome::Failed)
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

void ContentUpdater::wake() {
  std::lock_guard lock(mutex_);
  ++requested_;
  wake_.notify_all();
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
    std::fprintf(stderr, "kiosk: sync is not configured: set hub_url (or url and public_key) in the [sync] section of the config (--config FILE)\n");
    return 2;
  }
  try {
    const sync::SyncConfig syncConfig = withPairing(syncConfigFrom(config));
    if (syncConfig.publicKeyHex.empty()) {
      std::fprintf(stderr, "kiosk: sync failed: not paired with the hub yet (start the kiosk and type the code it shows on the hub's fleet page), "
                           "and no sync.public_key is set\n");
      return 1;
    }
    sync::SyncClient client(syncConfig);
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
