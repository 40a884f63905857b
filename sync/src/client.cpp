// [SECTION] Helpers: time, state file, last result
// [SECTION] One sync: poll, verify, download, install
// [SECTION] SyncClient: outcome, persistence, reports, the polling loop
#include "qtsc/sync/client.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <mutex>

#include "files.hpp"
#include "http.hpp"
#include "installer.hpp"
#include "qtsc/content/errors.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/published.hpp"
#include "reports.hpp"
#include <spdlog/spdlog.h>

namespace qtsc::sync {

namespace fs = std::filesystem;
using nlohmann::json;

// ---------------------------------------------------------------------------------------
// [SECTION] Helpers: time, state file, last result
// ---------------------------------------------------------------------------------------

namespace {

long long nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string isoTime(long long seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// What the kiosk remembers between syncs, outside the content folder.
struct State {
  long long highestVersion = 0;  // highest version ever verified: anything lower is a replay
  std::string etag;              // of the timestamp last seen while up to date
  long long etagVersion = 0;     // the version installed when etag was stored
};

fs::path stateFile(const SyncConfig& config) { return config.stateDir / "state.json"; }

State loadState(const SyncConfig& config) {
  State state;
  std::error_code error;
  if (!fs::exists(stateFile(config), error)) return state;
  const json body = json::parse(readWholeFile(stateFile(config)), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return state;  // rebuilt from what is installed
  state.highestVersion = body.value("highestVersion", 0LL);
  state.etag = body.value("etag", "");
  state.etagVersion = body.value("etagVersion", 0LL);
  return state;
}

void saveState(const SyncConfig& config, const State& state) {
  writeFileDurably(stateFile(config), json{{"highestVersion", state.highestVersion},
                                           {"etag", state.etag},
                                           {"etagVersion", state.etagVersion}}
                                          .dump());
}

unsigned long long freeBytes(const SyncConfig& config) {
  if (config.freeSpace) return config.freeSpace(config.dataDir);
  std::error_code error;
  const auto space = fs::space(config.dataDir, error);
  return error ? 0 : space.available;
}

std::string objectUrl(const SyncConfig& config, const std::string& hash) {
  if (!isSha256Hex(hash)) throw VerificationError("'" + hash + "' is not an object name");
  std::string base = config.baseUrl;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + kObjectsDir + "/" + hash;
}

std::string timestampUrl(const SyncConfig& config) {
  std::string base = config.baseUrl;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + kTimestampFile;
}

DownloadJob jobFor(const SyncConfig& config, const DataDir& dir, const std::string& hash, unsigned long long size) {
  return DownloadJob{objectUrl(config, hash), dir.partial() / hash, dir.object(hash), size, hash};
}

unsigned long long stillToFetch(const DownloadJob& job) {
  std::error_code error;
  const auto have = fs::exists(job.partial, error) ? fs::file_size(job.partial, error) : 0;
  return error || have > job.size ? job.size : job.size - have;
}

[[noreturn]] void throwHttp(const HttpResponse& response, const std::string& what) {
  std::string message = "the server answered " + std::to_string(response.status) + " for " + what;
  if (response.status == 429 || response.status == 503) message += " (busy; retrying later)";
  throw DownloadError(message, response.status, response.retryAfter);
}

}  // namespace

std::string_view toString(SyncOutcome outcome) {
  switch (outcome) {
    case SyncOutcome::UpToDate: return "up-to-date";
    case SyncOutcome::Installed: return "installed";
    case SyncOutcome::Failed: return "failed";
  }
  return "failed";
}

std::optional<LastResult> readLastResult(const fs::path& stateDir) {
  std::error_code error;
  const fs::path file = stateDir / "last-result.json";
  if (!fs::exists(file, error)) return std::nullopt;
  const json body = json::parse(readWholeFile(file), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  return LastResult{body.value("time", ""), body.value("version", 0LL), body.value("outcome", ""),
                    body.value("message", "")};
}

std::chrono::milliseconds nextDelay(const SyncConfig& config, const SyncResult& last, int failuresInARow) {
  using std::chrono::milliseconds;
  if (last.outcome != SyncOutcome::Failed || failuresInARow <= 0) {
    const double base = static_cast<double>(std::chrono::duration_cast<milliseconds>(config.interval).count());
    const double spread = base * config.intervalJitter;
    const double draw = static_cast<double>(randomBelow(1'000'000)) / 1'000'000.0;  // [0, 1)
    return milliseconds(static_cast<long long>(base - spread + 2.0 * spread * draw));
  }
  const auto baseMs = std::chrono::duration_cast<milliseconds>(config.backoffBase).count();
  const auto capMs = std::chrono::duration_cast<milliseconds>(config.backoffCap).count();
  const int doublings = std::min(failuresInARow - 1, 30);
  const long long ceiling = std::min<long long>(capMs, baseMs << doublings);
  // Full jitter: a uniform draw below the ceiling, so a park of kiosks does not return in step.
  const auto draw = static_cast<long long>(
      static_cast<double>(ceiling) * static_cast<double>(randomBelow(1'000'000)) / 1'000'000.0);
  long long delay = std::max<long long>(draw, 1000);
  if (last.retryAfter)
    delay = std::max<long long>(delay, std::chrono::duration_cast<milliseconds>(*last.retryAfter).count());
  return milliseconds(delay);
}

// ---------------------------------------------------------------------------------------
// [SECTION] One sync: poll, verify, download, install
// ---------------------------------------------------------------------------------------

namespace {

SyncResult syncWith(const SyncConfig& config, HttpClient& http) {
  if (config.baseUrl.empty() || config.dataDir.empty() || config.stateDir.empty())
    throw SyncError("the sync config needs a server URL, a data folder and a state folder");
  const PublicKey key = parsePublicKey(config.publicKeyHex);
  DataDir dir(config.dataDir);
  dir.prepare();
  ensureDirectory(config.stateDir);
  State state = loadState(config);
  const long long installed = dir.installedVersion();
  auto step = [&config](std::string_view name) {
    if (config.onStep) config.onStep(name);
  };

  SyncResult result;
  result.outcome = SyncOutcome::UpToDate;

  // 1. The timestamp: one small request, answered 304 when nothing changed.
  const std::string etag = installed > 0 && state.etagVersion == installed ? state.etag : "";
  const HttpResponse polled = http.get(timestampUrl(config), etag, config.maxTimestampBytes);
  if (polled.status == 304) {
    result.message = "content version " + std::to_string(installed) + " is current";
    return result;
  }
  if (polled.status != 200) throwHttp(polled, "the timestamp");
  const Timestamp timestamp = openTimestamp(polled.body, key);
  const long long highest = std::max(state.highestVersion, installed);
  if (timestamp.version < highest) throw RollbackError(timestamp.version, highest);
  const bool expired = timestamp.expires <= nowSeconds();
  if (timestamp.version == installed) {
    state.etag = polled.etag;
    state.etagVersion = installed;
    state.highestVersion = highest;
    saveState(config, state);
    result.message = "content version " + std::to_string(installed) + " is current";
    if (expired) result.message += " (the server's timestamp has expired: the publisher should refresh it)";
    return result;
  }
  if (expired)
    throw ExpiredError("the server's timestamp for version " + std::to_string(timestamp.version) + " expired at " +
                       isoTime(timestamp.expires) + "; nothing new is installed from it" +
                       (installed > 0 ? ", version " + std::to_string(installed) + " stays" : ""));

  // 2. The manifest it names, capped at the size the timestamp states.
  const HttpResponse fetched = http.get(objectUrl(config, timestamp.manifestHash), "",
                                        std::min(timestamp.manifestSize, config.maxManifestBytes));
  if (fetched.status != 200) throwHttp(fetched, "the manifest");
  if (fetched.body.size() != timestamp.manifestSize || sha256Hex(fetched.body) != timestamp.manifestHash)
    throw VerificationError("the manifest does not match the hash and size the timestamp states");
  const Manifest manifest = openManifest(fetched.body, key);
  if (manifest.version != timestamp.version)
    throw VerificationError("the manifest is for version " + std::to_string(manifest.version) +
                            " but the timestamp names version " + std::to_string(timestamp.version));
  if (manifest.schemaVersion > content::currentSchemaVersion())
    throw IncompatibleError("content version " + std::to_string(manifest.version) + " needs schema " +
                            std::to_string(manifest.schemaVersion) + "; this kiosk reads up to " +
                            std::to_string(content::currentSchemaVersion()) + " (update the kiosk software)");
  state.highestVersion = std::max(highest, manifest.version);
  saveState(config, state);

  // 3. The asset index, then everything this kiosk lacks.
  const ObjectRef& indexRef = *manifest.find(kRoleAssetIndex);
  if (!dir.hasObject(indexRef.hash))
    http.download({jobFor(config, dir, indexRef.hash, indexRef.size)}, 1);
  const std::vector<ObjectRef> assets = parseAssetIndex(readWholeFile(dir.object(indexRef.hash)));

  const ObjectRef* changeset = manifest.find(kRoleChangeset);
  const bool useChangeset = changeset != nullptr && installed > 0 && changeset->from == installed &&
                            dir.installedSchemaVersion() == manifest.schemaVersion;
  const ObjectRef& dbObject = useChangeset ? *changeset : *manifest.find(kRoleSnapshot);
  std::vector<DownloadJob> jobs;
  if (!dir.hasObject(dbObject.hash)) jobs.push_back(jobFor(config, dir, dbObject.hash, dbObject.size));
  for (const auto& asset : assets)
    if (!dir.hasObject(asset.hash) &&
        std::none_of(jobs.begin(), jobs.end(), [&](const DownloadJob& j) { return j.hash == asset.hash; }))
      jobs.push_back(jobFor(config, dir, asset.hash, asset.size));

  unsigned long long needed = config.reserveBytes + manifest.find(kRoleSnapshot)->size;
  for (const auto& job : jobs) needed += stillToFetch(job);
  const unsigned long long available = freeBytes(config);
  if (available < needed) throw DiskSpaceError(needed, available);

  http.download(jobs, config.parallelDownloads);
  step("downloaded");

  // 4. Build the new version and switch to it.
  result.usedChangeset = useChangeset;
  try {
    dir.install(manifest, useChangeset, config.onStep);
  } catch (const VerificationError&) {
    if (!useChangeset) throw;
    // The installed database is not exactly the changeset's base: take the whole snapshot.
    const ObjectRef& snapshot = *manifest.find(kRoleSnapshot);
    if (!dir.hasObject(snapshot.hash)) http.download({jobFor(config, dir, snapshot.hash, snapshot.size)}, 1);
    dir.install(manifest, false, config.onStep);
    result.usedChangeset = false;
  }
  state.etag = polled.etag;
  state.etagVersion = manifest.version;
  saveState(config, state);
  try {
    dir.cleanup();
  } catch (const std::exception&) {
    // Leftovers cost disk, not correctness; the next install cleans again.
  }
  step("cleaned");
  result.outcome = SyncOutcome::Installed;
  result.message = "installed content version " + std::to_string(manifest.version) + " (" +
                   (result.usedChangeset ? "changeset" : "full snapshot") + ", " + std::to_string(jobs.size()) +
                   " object(s) fetched)" + (manifest.note.empty() ? "" : ": " + manifest.note);
  return result;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] SyncClient: outcome, persistence, reports, the polling loop
// ---------------------------------------------------------------------------------------

SyncClient::SyncClient(SyncConfig config) : config_(std::move(config)) {}
SyncClient::~SyncClient() = default;

SyncResult SyncClient::attempt() {
  SyncResult result;
  std::optional<HttpClient> http;
  try {
    http.emplace(config_);
    result = syncWith(config_, *http);
  } catch (const DownloadError& e) {
    result.outcome = SyncOutcome::Failed;
    result.message = e.what();
    result.retryAfter = e.retryAfter;
  } catch (const std::exception& e) {  // SyncError, content errors, filesystem errors
    result.outcome = SyncOutcome::Failed;
    result.message = e.what();
  }
  if (http) result.transfer = http->stats();
  return result;
}

SyncResult SyncClient::syncOnce() {
  SyncResult result = attempt();
  result.time = std::chrono::system_clock::now();
  try {
    result.version = DataDir(config_.dataDir).installedVersion();
  } catch (const std::exception&) {
    result.version = 0;
  }
  const long long now = nowSeconds();
  try {
    ensureDirectory(config_.stateDir);
    if (!config_.hubUrl.empty()) {
      json report{{"kioskId", config_.kioskId},
                  {"time", isoTime(now)},
                  {"contentVersion", result.version},
                  {"result", std::string(toString(result.outcome))},
                  {"message", result.message},
                  {"freeDiskBytes", freeBytes(config_)},
                  {"usage", config_.usageCounts ? config_.usageCounts() : json::object()}};
      ReportQueue(config_.stateDir / "reports", config_.maxQueuedReports).enqueue(std::move(report));
      const ReportsSent sent = sendReports();
      if (sent.refusedWith == 401 || sent.refusedWith == 403)
        result.message += " (the hub refused this kiosk's report: pair the kiosk on the hub's fleet page and put "
                          "its key in [sync] report_key; reports stay queued until then)";
    }
    writeFileDurably(config_.stateDir / "last-result.json",
                     json{{"time", isoTime(now)},
                          {"version", result.version},
                          {"outcome", std::string(toString(result.outcome))},
                          {"message", result.message}}
                         .dump());
  } catch (const std::exception& e) {
    if (result.outcome != SyncOutcome::Failed) result.message += " (the sync state could not be saved: " + std::string(e.what()) + ")";
  }
  return result;
}

ReportsSent SyncClient::sendReports() {
  if (config_.hubUrl.empty()) return {};
  std::string hub = config_.hubUrl;
  while (!hub.empty() && hub.back() == '/') hub.pop_back();
  HttpClient http(config_);
  return ReportQueue(config_.stateDir / "reports", config_.maxQueuedReports).sendAll(http, hub + "/api/v1/reports",
                                                                                   config_.reportKey);
}

void SyncClient::run(std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  int failures = 0;
  while (!stop.stop_requested()) {
    const SyncResult result = syncOnce();
    failures = result.outcome == SyncOutcome::Failed ? failures + 1 : 0;
    if (result.outcome == SyncOutcome::Failed)
      spdlog::warn("sync failed ({} in a row): {}", failures, result.message);
    else if (result.outcome == SyncOutcome::Installed)
      spdlog::info("installed content version {}", result.version);
    else
      spdlog::debug("content version {} is current", result.version);
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, nextDelay(config_, result, failures), [] { return false; });
  }
}

}  // namespace qtsc::sync
