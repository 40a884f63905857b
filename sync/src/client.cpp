// [SECTION] Helpers: time, state file, last result
// [SECTION] One sync: poll, verify, download, install
// [SECTION] SyncClient: outcome, persistence, reports, the polling loop
#include "qtsc/sync/client.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
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
#include "qtsc/sync/kiosk_report.hpp"
#include "reports.hpp"
#include "text.hpp"
#include <spdlog/spdlog.h>

namespace qtsc::sync {

namespace fs = std::filesystem;
using nlohmann::json;

// ---------------------------------------------------------------------------------------
// [SECTION] Helpers: time, state file, last result, disk estimate, delays
// ---------------------------------------------------------------------------------------

namespace {

long long nowSeconds(const SyncConfig& config) {
  return std::chrono::duration_cast<std::chrono::seconds>(wallClock(config).time_since_epoch()).count();
}

std::string isoTime(long long seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  if (gmtime_r(&t, &utc) == nullptr) return "(a time out of range)";
  char buffer[48];
  if (std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0) return "(a time out of range)";
  return buffer;
}

// What the kiosk remembers between syncs, outside the content folder.
struct State {
  long long highestVersion = 0;  // highest version ever verified: anything lower is a replay
  std::string etag;              // of the timestamp last seen while up to date
  long long etagVersion = 0;     // the version installed when etag was stored
  long long expires = 0;         // Unix seconds: expiry of that timestamp (0: unknown, ask in full)
};

fs::path stateFile(const SyncConfig& config) { return config.stateDir / "state.json"; }

State loadState(const SyncConfig& config) {
  State state;
  std::error_code error;
  if (!fs::exists(stateFile(config), error)) return state;
  const json body = json::parse(readWholeFile(stateFile(config)), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return state;  // rebuilt from what is installed
  auto integer = [&body](const char* name) {
    const auto found = body.find(name);
    return found != body.end() && found->is_number_integer() ? found->get<long long>() : 0LL;
  };
  state.highestVersion = integer("highestVersion");
  const auto etag = body.find("etag");
  state.etag = etag != body.end() && etag->is_string() ? etag->get<std::string>() : "";
  state.etagVersion = integer("etagVersion");
  state.expires = integer("expires");
  return state;
}

void saveState(const SyncConfig& config, const State& state) {
  writeFileDurably(stateFile(config), json{{"highestVersion", state.highestVersion},
                                           {"etag", state.etag},
                                           {"etagVersion", state.etagVersion},
                                           {"expires", state.expires}}
                                          .dump());
}

unsigned long long freeBytes(const SyncConfig& config) {
  if (config.freeSpace) return config.freeSpace(config.dataDir);
  std::error_code error;
  const auto space = fs::space(config.dataDir, error);
  return error ? 0 : space.available;
}

unsigned long long saturatingAdd(unsigned long long a, unsigned long long b) {
  return a > std::numeric_limits<unsigned long long>::max() - b ? std::numeric_limits<unsigned long long>::max()
                                                                : a + b;
}

// Disk a new version takes while it is built, besides the objects downloaded for it: the
// database copied into staging/ (the snapshot, or the installed base for a changeset), the
// rollback journal of the migration or changeset and search rebuild on that copy (up to
// half of it), and a fixed margin for SQLite's temp files and the file system. The
// margin is not the reserve: with reserve_mb = 0 an install still fits.
constexpr unsigned long long kBuildMarginBytes = 16ULL << 20;
unsigned long long buildBytes(unsigned long long databaseBytes) {
  return saturatingAdd(saturatingAdd(databaseBytes, databaseBytes / 2), kBuildMarginBytes);
}

std::string objectUrl(const SyncConfig& config, const std::string& hash) {
  if (!isSha256Hex(hash)) throw VerificationError(shortQuote(hash) + " is not an object name");
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

// Milliseconds of `s`, saturated to [0, kMaxDelayMs].
constexpr long long kMaxDelayMs = 7LL * 24 * 3600 * 1000;  // a week: no wait is longer, so no deadline overflows
long long clampedMs(std::chrono::seconds s) {
  if (s.count() <= 0) return 0;
  if (s.count() >= kMaxDelayMs / 1000) return kMaxDelayMs;
  return s.count() * 1000;
}

}  // namespace

std::string_view toString(SyncOutcome outcome) {
  switch (outcome) {
    case SyncOutcome::UpToDate: return "up-to-date";
    case SyncOutcome::Installed: return "installed";
    case SyncOutcome::Failed: return "failed";
    case SyncOutcome::Expired: return "expired";
  }
  return "failed";
}

std::optional<LastResult> readLastResult(const fs::path& stateDir) {
  std::error_code error;
  const fs::path file = stateDir / "last-result.json";
  if (!fs::exists(file, error)) return std::nullopt;
  const json body = json::parse(readWholeFile(file), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  auto text = [&body](const char* name) {
    const auto found = body.find(name);
    return found != body.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  const auto version = body.find("version");
  return LastResult{text("time"), version != body.end() && version->is_number_integer() ? version->get<long long>() : 0,
                    text("outcome"), text("message"), text("timestampExpires")};
}

std::chrono::milliseconds nextDelay(const SyncConfig& config, const SyncResult& last, int failuresInARow) {
  using std::chrono::milliseconds;
  const double draw = static_cast<double>(randomBelow(1'000'000)) / 1'000'000.0;  // [0, 1)
  if (succeeded(last.outcome) || last.outcome == SyncOutcome::Expired || failuresInARow <= 0) {
    // An expired timestamp is not the network's fault: polling faster would not mend it.
    const double base = static_cast<double>(std::max(clampedMs(config.interval), 1000LL));
    const double jitter = std::isfinite(config.intervalJitter) ? std::clamp(config.intervalJitter, 0.0, 1.0) : 0.0;
    const double spread = base * jitter;
    const double delay = std::clamp(base - spread + 2.0 * spread * draw, 1000.0, static_cast<double>(kMaxDelayMs));
    return milliseconds(static_cast<long long>(delay));
  }
  const long long capMs = std::max(clampedMs(config.backoffCap), 1000LL);
  long long ceiling = std::min(clampedMs(config.backoffBase), capMs);
  for (int n = 1; n < failuresInARow && n < 64 && ceiling < capMs; ++n) ceiling = std::min(ceiling * 2, capMs);
  // Full jitter: a uniform draw below the ceiling, so a park of kiosks does not return in step.
  long long delay = std::max(static_cast<long long>(static_cast<double>(ceiling) * draw), 1000LL);
  if (last.retryAfter) delay = std::max(delay, std::min(clampedMs(*last.retryAfter), capMs));
  return milliseconds(std::min(delay, kMaxDelayMs));
}

// ---------------------------------------------------------------------------------------
// [SECTION] One sync: poll, verify, download, install
// ---------------------------------------------------------------------------------------

namespace {

[[noreturn]] void throwExpired(long long version, long long expires, long long installed) {
  throw ExpiredError("the server's timestamp for content version " + std::to_string(version) + " expired at " +
                     isoTime(expires) + ": the hub must re-sign it (publish, or refresh the timestamp); " +
                     (installed > 0 ? "version " + std::to_string(installed) + " stays on screen"
                                    : std::string("nothing is installed until then")));
}

// Room for `fetch` more downloaded bytes and, unless `database` is 0, for building a
// database of that size.
void checkDisk(const SyncConfig& config, unsigned long long fetch, unsigned long long database) {
  const unsigned long long needed =
      saturatingAdd(saturatingAdd(config.reserveBytes, fetch), database > 0 ? buildBytes(database) : 0);
  const unsigned long long available = freeBytes(config);
  if (available < needed) throw DiskSpaceError(needed, available);
}

// Fills `result` as it goes, so that what was learnt (the timestamp's expiry) survives a throw.
void syncWith(const SyncConfig& config, HttpClient& http, SyncResult& result) {
  if (config.baseUrl.empty() || config.dataDir.empty() || config.stateDir.empty())
    throw SyncError("the sync config needs a server URL, a data folder and a state folder");
  const PublicKey key = parsePublicKey(config.publicKeyHex);
  DataDir dir(config.dataDir);
  dir.prepare();
  ensureDirectory(config.stateDir);
  State state = loadState(config);
  const long long installed = dir.installedVersion();
  const long long now = nowSeconds(config);
  auto step = [&config](std::string_view name) {
    if (config.onStep) config.onStep(name);
  };
  result.outcome = SyncOutcome::UpToDate;
  if (installed > 0 && state.etagVersion == installed) result.timestampExpires = state.expires;

  // 1. The timestamp: one small request, answered 304 when nothing changed. Conditional only
  // when the expiry of the timestamp it stands for is known, so a 304 can be checked too.
  const bool conditional = installed > 0 && state.etagVersion == installed && !state.etag.empty() && state.expires > 0;
  const HttpResponse polled =
      http.get(timestampUrl(config), conditional ? state.etag : std::string(), config.maxTimestampBytes);
  if (polled.status == 304) {
    if (!conditional)
      throw VerificationError("the server answered 304 Not Modified to a request that was not conditional: a server "
                              "or cache in between is misconfigured; nothing was checked or installed");
    if (state.expires <= now) throwExpired(installed, state.expires, installed);
    result.message = "content version " + std::to_string(installed) + " is current";
    return;
  }
  if (polled.status != 200) throwHttp(polled, "the timestamp");
  const Timestamp timestamp = openTimestamp(polled.body, key);
  const long long highest = std::max(state.highestVersion, installed);
  if (timestamp.version < highest) throw RollbackError(timestamp.version, highest);
  const bool expired = timestamp.expires <= now;
  if (timestamp.version == installed) {
    state.etag = polled.etag;
    state.etagVersion = installed;
    state.expires = timestamp.expires;
    state.highestVersion = highest;
    saveState(config, state);
    result.timestampExpires = timestamp.expires;
    if (expired) throwExpired(installed, timestamp.expires, installed);
    result.message = "content version " + std::to_string(installed) + " is current";
    return;
  }
  if (expired) throwExpired(timestamp.version, timestamp.expires, installed);

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
  if (!dir.hasObject(indexRef.hash)) {
    const DownloadJob job = jobFor(config, dir, indexRef.hash, indexRef.size);
    checkDisk(config, stillToFetch(job), 0);
    http.download({job}, 1);
  }
  const std::vector<ObjectRef> assets = parseAssetIndex(readWholeFile(dir.object(indexRef.hash)));

  const ObjectRef* changeset = manifest.find(kRoleChangeset);
  const ObjectRef& snapshot = *manifest.find(kRoleSnapshot);
  const bool useChangeset = changeset != nullptr && installed > 0 && changeset->from == installed &&
                            dir.installedSchemaVersion() == manifest.schemaVersion;
  const ObjectRef& dbObject = useChangeset ? *changeset : snapshot;
  std::vector<DownloadJob> jobs;
  if (!dir.hasObject(dbObject.hash)) jobs.push_back(jobFor(config, dir, dbObject.hash, dbObject.size));
  for (const auto& asset : assets)
    if (!dir.hasObject(asset.hash) &&
        std::none_of(jobs.begin(), jobs.end(), [&](const DownloadJob& j) { return j.hash == asset.hash; }))
      jobs.push_back(jobFor(config, dir, asset.hash, asset.size));

  unsigned long long fetch = 0;
  for (const auto& job : jobs) fetch = saturatingAdd(fetch, stillToFetch(job));
  unsigned long long database = snapshot.size;
  if (useChangeset) {
    std::error_code error;
    const auto base = fs::file_size(dir.database(installed), error);
    if (!error) database = std::max(database, static_cast<unsigned long long>(base));
  }
  checkDisk(config, fetch, database);

  http.download(jobs, config.parallelDownloads);
  step("downloaded");

  // 4. Build the new version and switch to it.
  result.usedChangeset = useChangeset;
  try {
    dir.install(manifest, useChangeset, config.onStep);
  } catch (const VerificationError& e) {
    if (!useChangeset) throw;
    // The installed database is not exactly the changeset's base: take the whole snapshot.
    spdlog::warn("the changeset to content version {} did not apply ({}); fetching the whole snapshot",
                 manifest.version, e.what());
    if (!dir.hasObject(snapshot.hash)) {
      const DownloadJob job = jobFor(config, dir, snapshot.hash, snapshot.size);
      checkDisk(config, stillToFetch(job), snapshot.size);
      http.download({job}, 1);
    }
    dir.install(manifest, false, config.onStep);
    result.usedChangeset = false;
  }
  state.etag = polled.etag;
  state.etagVersion = manifest.version;
  state.expires = timestamp.expires;
  saveState(config, state);
  result.timestampExpires = timestamp.expires;
  try {
    dir.cleanup();
  } catch (const std::exception&) {
    // Leftovers cost disk, not correctness; the next install cleans again.
  }
  step("cleaned");
  result.outcome = SyncOutcome::Installed;
  result.message = "installed content version " + std::to_string(manifest.version) + " (" +
                   (result.usedChangeset ? "changeset" : "full snapshot") + ", " + std::to_string(jobs.size()) +
                   " object(s) fetched)" + (manifest.note.empty() ? "" : ": " + oneLine(manifest.note, 120));
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
  // The whole text goes to the log; the result keeps one line for the staff panel and the hub.
  auto failed = [&result](SyncOutcome outcome, const std::exception& e) {
    result.outcome = outcome;
    result.message = oneLine(e.what());
    spdlog::warn("sync {}: {}", toString(outcome), e.what());
  };
  try {
    http.emplace(config_);
    syncWith(config_, *http, result);
  } catch (const ExpiredError& e) {
    failed(SyncOutcome::Expired, e);
  } catch (const DownloadError& e) {
    failed(SyncOutcome::Failed, e);
    result.retryAfter = e.retryAfter;
  } catch (const std::exception& e) {  // SyncError, content errors, filesystem errors
    failed(SyncOutcome::Failed, e);
  }
  if (http) result.transfer = http->stats();
  return result;
}

SyncResult SyncClient::syncOnce() {
  std::optional<FolderLock> lock;
  std::string holder;
  try {
    ensureDirectory(config_.dataDir);
    lock = FolderLock::acquire(config_.dataDir / "sync.lock", config_.lockWait, &holder);
  } catch (const std::exception& e) {
    SyncResult result;
    result.time = wallClock(config_);
    result.message = oneLine(e.what());
    spdlog::warn("sync failed: {}", e.what());
    return result;
  }
  if (!lock) {
    // Not persisted nor reported: the status on screen and on the hub stays the running sync's.
    SyncResult result;
    result.time = wallClock(config_);
    try {
      result.version = currentVersion(config_.dataDir);
    } catch (const std::exception&) {
      result.version = 0;
    }
    result.message = "another sync is running on " + config_.dataDir.string() +
                     (holder.empty() ? std::string() : " (process " + holder + ")") +
                     "; this one did not start, try again when it has finished";
    spdlog::warn("{}", result.message);
    return result;
  }
  SyncResult result = attempt();
  result.time = wallClock(config_);
  try {
    result.version = DataDir(config_.dataDir).installedVersion();
  } catch (const std::exception&) {
    result.version = 0;
  }
  const long long now = nowSeconds(config_);
  const std::string expires = result.timestampExpires > 0 ? isoTime(result.timestampExpires) : std::string();
  try {
    ensureDirectory(config_.stateDir);
    if (!config_.hubUrl.empty() && !isKioskName(config_.kioskId)) {
      result.message += std::string(" (no report to the hub: [sync] kiosk_id must be ") + kKioskNameRule + ")";
    } else if (!config_.hubUrl.empty()) {
      KioskReport report{.id = {},
                         .kioskId = config_.kioskId,
                         .time = isoTime(now),
                         .contentVersion = result.version,
                         .result = std::string(toString(result.outcome)),
                         .message = oneLine(result.message, kReportMessageBytes - 3),
                         .freeDiskBytes = static_cast<long long>(std::min<unsigned long long>(freeBytes(config_), kMaxReportedFreeDisk)),
                         .usage = config_.usageCounts ? config_.usageCounts() : json::object()};
      ReportQueue(config_.stateDir / "reports", config_.maxQueuedReports).enqueue(toJson(report));
      const ReportsSent sent = sendReports();
      if (sent.refusedWith == 401 || sent.refusedWith == 403)
        result.message += " (the hub refused this kiosk's report: pair the kiosk on the hub's fleet page and put "
                          "its key in [sync] report_key; reports stay queued until then)";
    }
    writeFileDurably(config_.stateDir / "last-result.json",
                     json{{"time", isoTime(now)},
                          {"version", result.version},
                          {"outcome", std::string(toString(result.outcome))},
                          {"message", result.message},
                          {"timestampExpires", expires}}
                         .dump());
  } catch (const std::exception& e) {
    spdlog::warn("the sync state could not be saved: {}", e.what());
    if (succeeded(result.outcome)) result.message += " (the sync state could not be saved: " + oneLine(e.what(), 120) + ")";
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
    const SyncResult result = syncOnce();  // logs failures and expiry itself, with their details
    failures = result.outcome == SyncOutcome::Failed ? failures + 1 : 0;
    if (result.outcome == SyncOutcome::Installed)
      spdlog::info("installed content version {}", result.version);
    else if (result.outcome == SyncOutcome::UpToDate)
      spdlog::debug("content version {} is current", result.version);
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, nextDelay(config_, result, failures), [] { return false; });
  }
}

}  // namespace qtsc::sync
