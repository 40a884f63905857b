// SyncClient: the kiosk side. Polls the signed timestamp, verifies everything against the
// configured public key, downloads what it lacks and switches the content atomically.
//
// Data folder (the content; the kiosk opens currentContent(dataDir)):
//   current                  pointer: {"version", "database", "assets"}, switched by rename
//   versions/v<N>.db         one whole database per version, never changed once named
//   versions/v<N>.assets.json  asset name -> object hash for that version
//   objects/<sha256>         verified assets (database objects only until installed)
//   partial/<sha256>         downloads in progress, resumed with HTTP Range; while a sync
//                            writes one it holds it under a name of its own (.dl-<random>)
//   sync.lock                held (flock) by the one sync at a time that may change the folder
//   staging/                 a version being built; anything left here is debris
// State folder (outside the content, survives a wiped data folder):
//   state.json               highest version seen (rollback guard), timestamp ETag and expiry
//   last-result.json         time, version, outcome, message (the staff panel shows it)
//   reports/                 reports not yet accepted by the hub
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace qtsc::sync {

struct SyncConfig {
  std::string baseUrl;                // required: where the published folder is served
  std::string publicKeyHex;           // required: the publisher's Ed25519 key, 64 hex digits
  std::filesystem::path dataDir;      // required: content folder (see above)
  std::filesystem::path stateDir;     // required: state folder, outside dataDir
  std::string kioskId;                // names this kiosk in reports
  std::string hubUrl;                 // reports go to hubUrl + "/api/v1/reports"; empty: none
  std::string reportKey;              // the key the hub gave this kiosk when it was paired

  std::chrono::seconds interval{300};        // seconds between polls when all is well
  double intervalJitter = 0.2;               // ± fraction of interval, spreads kiosks apart
  std::chrono::seconds backoffBase{30};      // first failure waits up to this (full jitter)
  std::chrono::seconds backoffCap{3600};     // failures never wait longer than this
  int parallelDownloads = 4;                 // objects fetched at once
  unsigned long long maxTimestampBytes = 16 * 1024;        // bytes; the timestamp is ~400
  unsigned long long maxManifestBytes = 4 * 1024 * 1024;   // bytes, on top of the stated size
  unsigned long long reserveBytes = 64ULL * 1024 * 1024;   // bytes kept free after an update
  long connectTimeoutSeconds = 10;           // seconds to open a connection
  long transferTimeoutSeconds = 1800;        // seconds one transfer may take in all; a cut download resumes next sync
  long minBytesPerSecond = 1024;             // bytes/s: a transfer slower than this for stallTimeoutSeconds fails
  long stallTimeoutSeconds = 60;             // seconds below minBytesPerSecond before a transfer fails
  std::chrono::milliseconds lockWait{10000};  // ms a sync waits for another one on the same data folder
  int maxQueuedReports = 1000;               // oldest unsent reports dropped beyond this

  // The wall clock, for the timestamp's expiry and HTTP-date Retry-After. Empty: the system
  // clock. Tests inject one.
  std::function<std::chrono::system_clock::time_point()> now;
  // Free bytes on the data folder's disk. Empty: std::filesystem::space. Tests inject one.
  std::function<unsigned long long(const std::filesystem::path&)> freeSpace;
  // Anonymous usage counts since the last report ({"search": 12, "tenantViews": 40}).
  std::function<nlohmann::json()> usageCounts;
  // Called at each step of an install ("downloaded", "db-built", "pointer-switched", ...).
  std::function<void(std::string_view step)> onStep;
};

// Loads a TOML config; see sync/kiosk-sync.example.toml for every key.
SyncConfig loadSyncConfig(const std::filesystem::path& tomlFile);

struct TransferStats {
  int requests = 0;
  unsigned long long bytesReceived = 0;  // headers and bodies
  unsigned long long bytesSent = 0;      // request lines, headers and bodies
};

// Expired: the server's signed timestamp is past its expiry (a stuck mirror, a replay, or a
// publisher that stopped refreshing it). Nothing new is installed from it and the installed
// content stays on screen, but it is a failure to show: `kiosk-sync --once` exits 1, the
// log has a warning, the hub's report and the staff panel say "expired".
enum class SyncOutcome { UpToDate, Installed, Failed, Expired };
std::string_view toString(SyncOutcome outcome);  // "up-to-date", "installed", "failed", "expired"
// UpToDate and Installed; Failed and Expired need a person's attention.
[[nodiscard]] constexpr bool succeeded(SyncOutcome outcome) {
  return outcome == SyncOutcome::UpToDate || outcome == SyncOutcome::Installed;
}

struct SyncResult {
  SyncOutcome outcome = SyncOutcome::Failed;
  long long version = 0;  // the version installed after this sync (0: none)
  std::string message;    // one line for a person: what happened or what to do (details in the log)
  long long timestampExpires = 0;  // Unix seconds: expiry of the timestamp that vouches for `version` (0: unknown)
  bool usedChangeset = false;
  std::optional<std::chrono::seconds> retryAfter;  // the server asked to wait this long
  std::chrono::system_clock::time_point time;
  TransferStats transfer;
};

// What the last sync did, as persisted for the staff panel.
struct LastResult {
  std::string time;  // ISO 8601 UTC
  long long version = 0;
  std::string outcome;  // toString(SyncOutcome)
  std::string message;  // one line
  std::string timestampExpires;  // ISO 8601 UTC: until when the server vouches for `version`; empty: unknown
  [[nodiscard]] bool expired() const { return outcome == "expired"; }
  [[nodiscard]] bool failed() const { return outcome == "failed"; }
};
std::optional<LastResult> readLastResult(const std::filesystem::path& stateDir);

// The database the kiosk should open now; empty when nothing is installed yet.
std::filesystem::path currentContent(const std::filesystem::path& dataDir);
// The installed version (0: none).
long long currentVersion(const std::filesystem::path& dataDir);
// The file holding the asset that content names `name` in the current version, if any.
std::optional<std::filesystem::path> assetPath(const std::filesystem::path& dataDir, const std::string& name);

// The wait before the next poll: interval ± jitter after success (and after Expired); after
// the n-th failure in a row a uniform draw in [0, min(cap, base·2^(n-1))], but never less
// than Retry-After, itself capped at the backoff cap. Never under 1 s; no input overflows it.
std::chrono::milliseconds nextDelay(const SyncConfig& config, const SyncResult& last, int failuresInARow);

// A Retry-After header's value (delta-seconds or an HTTP date) as a wait from `now`, capped
// at `cap`. Empty for a value that is neither, negative, or already past.
std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value, std::chrono::system_clock::time_point now,
                                                    std::chrono::seconds cap);

struct ReportsSent {
  int accepted = 0;      // reports the hub accepted, now gone from the queue
  long refusedWith = 0;  // the HTTP status of the report that stayed queued; 0: none (or no answer)
};

class SyncClient {
 public:
  explicit SyncClient(SyncConfig config);
  ~SyncClient();
  SyncClient(const SyncClient&) = delete;
  SyncClient& operator=(const SyncClient&) = delete;

  // One sync: poll, verify, download, install. Never throws for a failed sync; the result
  // says what went wrong. Persists the last result and queues a report. One sync at a time
  // per data folder, across processes: while another runs this one waits up to lockWait,
  // then fails with "another sync is running" and persists and reports nothing.
  SyncResult syncOnce();
  // Sends queued reports, oldest first, until the hub refuses one.
  ReportsSent sendReports();
  // Polls until `stop` is requested, waiting nextDelay() between syncs.
  void run(std::stop_token stop);

  [[nodiscard]] const SyncConfig& config() const { return config_; }

 private:
  SyncResult attempt();
  SyncConfig config_;
};

}  // namespace qtsc::sync
