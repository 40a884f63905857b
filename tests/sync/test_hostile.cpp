// The kiosk against hostile and broken servers (cpp-httplib on 127.0.0.1, each test makes it
// misbehave its own way): 304 to everything, a stuck mirror and replayed timestamps past
// their expiry, absurd Retry-After values, servers that drip bytes, wrong Content-Range on a
// resume, two syncs of one data folder at once, validly signed snapshots that are not
// content databases or are damaged, and a disk that would fill up while a version is built.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <httplib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>

#include "http.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/sync/client.hpp"
#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/published.hpp"
#include "test_sync_support.hpp"

using namespace qtsc::sync;
using qtsc::testing::readFile;
using qtsc::testing::SyncPark;
using qtsc::testing::writeFile;
namespace fs = std::filesystem;
using std::chrono::seconds;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
bool oneLine(const std::string& text) { return text.find('\n') == std::string::npos && text.find('\r') == std::string::npos; }

// Serves a published folder. A test installs `handler` to answer some requests its own way;
// it returns false to let the folder answer. Every request is recorded.
class HostileServer {
 public:
  using Handler = std::function<bool(const httplib::Request&, httplib::Response&, const std::string& path)>;

  explicit HostileServer(fs::path root) : root_(std::move(root)) {
    server_.Get(R"(/(timestamp\.json|objects/[0-9a-f]{64}))", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string path = req.matches[1].str();
      Handler handler;
      {
        std::lock_guard lock(mutex_);
        requests_.push_back({path, req.get_header_value("Range"), req.get_header_value("If-None-Match")});
        handler = handler_;
      }
      if (handler && handler(req, res, path)) return;
      const fs::path file = root_ / path;
      if (!fs::exists(file)) {
        res.status = 404;
        return;
      }
      const std::string body = readFile(file);
      // An ETag, as nginx and most servers send one, so the kiosk's next poll is conditional.
      if (path == kTimestampFile) res.set_header("ETag", "\"" + sha256Hex(body).substr(0, 16) + "\"");
      res.set_content(body, "application/octet-stream");  // httplib answers Range with 206
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    qtsc::testing::waitForPort(port_);
  }
  ~HostileServer() { stop(); }
  // Ends every answer in progress. A test whose handler refers to its own locals calls it
  // before they go out of scope (they are destroyed before the server otherwise).
  void stop() {
    stopping = true;
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;

  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void answer(Handler handler) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
  }
  struct Seen {
    std::string path, range, ifNoneMatch;
  };
  std::vector<Seen> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::atomic<bool> stopping{false};  // slow answers end early once the server stops

 private:
  fs::path root_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  Handler handler_;
  std::vector<Seen> requests_;
};

// The objects of the current published version.
struct Published {
  Timestamp timestamp;
  Manifest manifest;
  std::string snapshotPath() const { return std::string(kObjectsDir) + "/" + manifest.find(kRoleSnapshot)->hash; }
};
Published published(const SyncPark& park) {
  Published p;
  p.timestamp = openTimestamp(readFile(park.out / kTimestampFile), park.keys.publicKey);
  p.manifest = openManifest(readFile(park.out / kObjectsDir / p.timestamp.manifestHash), park.keys.publicKey);
  return p;
}

// Every object in the kiosk's objects/ folder is what its name says.
void checkObjectsWhole(const SyncConfig& config) {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(config.dataDir / "objects")) {
    CHECK(sha256FileHex(entry.path()) == entry.path().filename().string());
    ++checked;
  }
  CHECK(checked > 0);
}

// A validly signed next version whose snapshot is the file `database`: the publisher's key
// signs whatever it is given, as a publisher bug or a wrong file would have it.
void publishSnapshot(const SyncPark& park, const fs::path& database, int schemaVersion) {
  const Published current = published(park);
  const std::string bytes = readFile(database);
  const std::string hash = sha256Hex(bytes);
  writeFile(park.out / kObjectsDir / hash, bytes);
  Manifest next;
  next.version = current.manifest.version + 1;
  next.schemaVersion = schemaVersion;
  next.created = "2026-12-01T00:00:00Z";
  next.note = "hand-made";
  next.objects.push_back(ObjectRef{kRoleSnapshot, hash, bytes.size(), "", 0});
  next.objects.push_back(*current.manifest.find(kRoleAssetIndex));
  const std::string manifestText = sealManifest(next, park.keys.secretKey);
  const std::string manifestHash = sha256Hex(manifestText);
  writeFile(park.out / kObjectsDir / manifestHash, manifestText);
  const auto now = std::chrono::duration_cast<seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  writeFile(park.out / kTimestampFile,
            sealTimestamp(Timestamp{next.version, manifestHash, manifestText.size(), now, now + 86400}, park.keys.secretKey));
}

// Publishes `database` as the next version's snapshot and lets the kiosk sync once.
SyncResult installSnapshot(const SyncPark& park, const SyncConfig& config, const fs::path& database, int schemaVersion) {
  publishSnapshot(park, database, schemaVersion);
  return SyncClient(config).syncOnce();
}

// A copy of the park's database at `db`, numbered as the next content version.
void copyAsNextVersion(const SyncPark& park, const fs::path& db) {
  fs::copy_file(park.db, db);
  qtsc::content::ContentStore store(db.string());
  store.setContentVersion(2);
}

std::string kioskSyncToml(const SyncConfig& config, const std::string& extra = "") {
  return "url = \"" + config.baseUrl + "\"\npublic_key = \"" + config.publicKeyHex + "\"\ndata_dir = \"" +
         config.dataDir.string() + "\"\nstate_dir = \"" + config.stateDir.string() + "\"\n" + extra;
}

int exitStatus(int systemResult) { return WIFEXITED(systemResult) ? WEXITSTATUS(systemResult) : -1; }

}  // namespace

// ---------------------------------------------------------------------------------------
// 304 and expiry
// ---------------------------------------------------------------------------------------

TEST_CASE("a 304 to a request that was not conditional is a failure, not content that is current") {
  SyncPark park;
  park.publish("first");
  HostileServer server(park.out);
  server.answer([](const httplib::Request&, httplib::Response& res, const std::string&) {
    res.status = 304;
    return true;
  });
  const SyncConfig config = park.kiosk(server.url());
  const auto result = SyncClient(config).syncOnce();
  INFO(result.message);
  CHECK(result.outcome == SyncOutcome::Failed);
  CHECK(contains(result.message, "304"));
  CHECK_FALSE(contains(result.message, "is current"));
  CHECK(currentContent(config.dataDir).empty());
  CHECK(server.requests().at(0).ifNoneMatch.empty());

  writeFile(park.dir / "sync.toml", kioskSyncToml(config));
  const std::string tool = std::string(QTSC_BIN_DIR) + "/kiosk-sync --once --config " + (park.dir / "sync.toml").string();
  CHECK(exitStatus(std::system((tool + " > /dev/null 2>&1").c_str())) == 1);
}

TEST_CASE("a stuck mirror answering 304 freezes nothing past the timestamp's expiry") {
  SyncPark park;
  park.publish("first");  // expires in 14 days
  HostileServer server(park.out);
  SyncConfig config = park.kiosk(server.url());
  std::atomic<long long> shift{0};  // seconds the injected clock runs ahead
  config.now = [&shift] { return std::chrono::system_clock::now() + seconds(shift.load()); };
  const int hubPort = qtsc::testing::freePort();
  config.hubUrl = "http://127.0.0.1:" + std::to_string(hubPort);
  REQUIRE(SyncClient(config).syncOnce().outcome == SyncOutcome::Installed);
  const long long expires = published(park).timestamp.expires;

  // From now on the mirror says "not modified" to every conditional poll, and the kiosk asks
  // conditionally: it knows the ETag and the expiry of what it has.
  server.answer([](const httplib::Request& req, httplib::Response& res, const std::string& path) {
    if (path != kTimestampFile || !req.has_header("If-None-Match")) return false;
    res.status = 304;
    return true;
  });
  const auto current = SyncClient(config).syncOnce();
  INFO(current.message);
  CHECK(current.outcome == SyncOutcome::UpToDate);
  CHECK_FALSE(server.requests().back().ifNoneMatch.empty());

  httplib::Server hub;
  std::mutex mutex;
  std::vector<nlohmann::json> reports;
  hub.Post("/api/v1/reports", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    reports.push_back(nlohmann::json::parse(req.body));
    res.status = 201;
  });
  REQUIRE(hub.bind_to_port("127.0.0.1", hubPort));
  std::thread hubThread([&] { hub.listen_after_bind(); });
  qtsc::testing::waitForPort(hubPort);

  shift = 15 * 86400;  // past the expiry
  const auto frozen = SyncClient(config).syncOnce();
  INFO(frozen.message);
  CHECK(frozen.outcome == SyncOutcome::Expired);
  CHECK_FALSE(succeeded(frozen.outcome));
  CHECK(contains(frozen.message, "expired"));
  CHECK(contains(frozen.message, "version 1 stays"));
  CHECK(oneLine(frozen.message));
  CHECK(frozen.timestampExpires == expires);
  CHECK(currentVersion(config.dataDir) == 1);  // the kiosk keeps showing its content
  CHECK_FALSE(server.requests().back().ifNoneMatch.empty());  // it was the 304 that was judged
  const auto last = readLastResult(config.stateDir);
  REQUIRE(last);
  CHECK(last->expired());
  CHECK_FALSE(last->timestampExpires.empty());
  hub.stop();
  hubThread.join();
  REQUIRE_FALSE(reports.empty());
  CHECK(reports.back().at("result") == "expired");
  // An expired timestamp is the publisher's to mend: polls keep their pace, no fast retries.
  CHECK(nextDelay(config, frozen, 0) >= seconds(240));
}

TEST_CASE("a replayed timestamp past its expiry, served in full, is expired whether or not it is new") {
  SyncPark park;
  park.publish("first");
  HostileServer server(park.out);
  SyncConfig config = park.kiosk(server.url());
  std::atomic<long long> shift{0};
  config.now = [&shift] { return std::chrono::system_clock::now() + seconds(shift.load()); };
  REQUIRE(SyncClient(config).syncOnce().outcome == SyncOutcome::Installed);

  shift = 15 * 86400;
  const auto same = SyncClient(config).syncOnce();
  CHECK(same.outcome == SyncOutcome::Expired);
  CHECK(currentVersion(config.dataDir) == 1);

  // Served in full to kiosk-sync: exit status 1 and the word "expired".
  park.editTenant("Second");
  PublisherSettings stale;
  stale.timestampLifetime = seconds(-60);
  park.publish("second, already expired", stale);
  const SyncConfig other = park.kiosk(server.url(), "other");
  writeFile(park.dir / "other.toml", kioskSyncToml(other));
  const std::string tool = std::string(QTSC_BIN_DIR) + "/kiosk-sync --once --config " + (park.dir / "other.toml").string();
  const std::string output = (park.dir / "out.txt").string();
  CHECK(exitStatus(std::system((tool + " > " + output + " 2>&1").c_str())) == 1);
  CHECK(contains(readFile(output), "expired"));
  CHECK(currentContent(other.dataDir).empty());
}

// ---------------------------------------------------------------------------------------
// Retry-After
// ---------------------------------------------------------------------------------------

TEST_CASE("Retry-After in any form is capped at the backoff cap and never overflows a wait") {
  SyncPark park;
  park.publish("first");
  HostileServer server(park.out);
  SyncConfig config = park.kiosk(server.url());
  const auto fixedNow = std::chrono::system_clock::time_point(seconds(1'800'000'000));  // 2027-01-15
  config.now = [fixedNow] { return fixedNow; };
  config.backoffCap = seconds(3600);
  std::mutex mutex;
  std::string value;
  server.answer([&](const httplib::Request&, httplib::Response& res, const std::string&) {
    std::lock_guard lock(mutex);
    res.status = 429;
    res.set_header("Retry-After", value);
    return true;
  });
  struct Case {
    std::string header;
    std::optional<long long> expected;  // seconds; empty: none
  };
  const std::vector<Case> cases{
      {"120", 120},
      {"1000000000", 3600},
      {"10000000000", 3600},
      {"99999999999999999999999999999", 3600},
      {"-5", std::nullopt},
      {"0", std::nullopt},
      {"soon", std::nullopt},
      {"1e9", std::nullopt},
      {"Tue, 01 Jan 2069 00:00:00 GMT", 3600},
      {"Fri, 15 Jan 2027 08:01:30 GMT", 90},   // 90 s after the injected clock
      {"Thu, 01 Jan 1970 00:00:00 GMT", std::nullopt},  // already past
  };
  for (const auto& c : cases) {
    {
      std::lock_guard lock(mutex);
      value = c.header;
    }
    const auto busy = SyncClient(config).syncOnce();
    INFO("Retry-After: " << c.header << " -> " << busy.message);
    CHECK(busy.outcome == SyncOutcome::Failed);
    if (c.expected) {
      REQUIRE(busy.retryAfter);
      CHECK(busy.retryAfter->count() == *c.expected);
    } else {
      CHECK_FALSE(busy.retryAfter);
    }
    for (int failures : {1, 2, 30, INT_MAX}) {
      const auto delay = nextDelay(config, busy, failures);
      CHECK(delay >= seconds(1));
      CHECK(delay <= seconds(3600));
      if (c.expected) CHECK(delay >= seconds(*c.expected));
    }
  }
  server.stop();  // its handler refers to this test's locals
}

TEST_CASE("no setting or result makes a wait overflow or go under a second") {
  SyncConfig config;
  SyncResult failed;
  failed.outcome = SyncOutcome::Failed;
  failed.retryAfter = seconds::max();
  SyncResult fine;
  fine.outcome = SyncOutcome::UpToDate;
  for (const auto interval : {seconds(0), seconds(-5), seconds::max(), seconds(300)})
    for (const auto base : {seconds(0), seconds::max(), seconds(30)})
      for (const auto cap : {seconds(0), seconds(-1), seconds::max(), seconds(3600)}) {
        config.interval = interval;
        config.backoffBase = base;
        config.backoffCap = cap;
        config.intervalJitter = interval == seconds(0) ? 5.0 : -1.0;
        for (int failures : {0, 1, 31, 64, INT_MAX}) {
          for (const auto& last : {failed, fine}) {
            const auto delay = nextDelay(config, last, failures);
            CHECK(delay >= seconds(1));
            CHECK(delay <= std::chrono::hours(24 * 7));
          }
        }
      }
  config = SyncConfig{};
  config.intervalJitter = std::numeric_limits<double>::quiet_NaN();
  CHECK(nextDelay(config, fine, 0) == seconds(300));
  CHECK(parseRetryAfter("120", {}, seconds(0)) == std::nullopt);
  CHECK(parseRetryAfter(" 120 ", {}, seconds(60)) == seconds(60));
  CHECK(parseRetryAfter("", {}, seconds(60)) == std::nullopt);
  CHECK(parseRetryAfter("+5", {}, seconds(60)) == std::nullopt);
}

// ---------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------

namespace {

// Serves `snapshot` `chunk` bytes every 100 ms (at most what the sink asks for).
HostileServer::Handler drip(const SyncPark& park, HostileServer& server, const std::string& snapshot, std::size_t chunk) {
  return [&park, &server, snapshot, chunk](const httplib::Request&, httplib::Response& res, const std::string& path) {
    if (path != snapshot) return false;
    auto body = std::make_shared<std::string>(readFile(park.out / path));
    res.set_content_provider(body->size(), "application/octet-stream",
                             [body, &server, chunk](size_t offset, size_t length, httplib::DataSink& sink) {
                               if (server.stopping) return false;
                               std::this_thread::sleep_for(std::chrono::milliseconds(100));
                               return sink.write(body->data() + offset, std::min(length, chunk));
                             });
    return true;
  };
}

}  // namespace

TEST_CASE("a server dripping bytes is cut off by the minimum rate, and the next sync resumes") {
  SyncPark park;
  park.publish("first");
  HostileServer server(park.out);
  const std::string snapshot = published(park).snapshotPath();
  SyncConfig config = park.kiosk(server.url());
  config.minBytesPerSecond = 1000;
  config.stallTimeoutSeconds = 1;
  config.transferTimeoutSeconds = 60;
  server.answer(drip(park, server, snapshot, 2));  // 20 bytes a second
  const auto slow = SyncClient(config).syncOnce();
  INFO(slow.message);
  CHECK(slow.outcome == SyncOutcome::Failed);
  CHECK(contains(slow.message, "at least 1000 bytes/s"));
  CHECK(oneLine(slow.message));
  CHECK(currentContent(config.dataDir).empty());

  server.answer({});
  const auto resumed = SyncClient(config).syncOnce();
  INFO(resumed.message);
  CHECK(resumed.outcome == SyncOutcome::Installed);
  bool askedFromOffset = false;
  for (const auto& seen : server.requests())
    if (seen.path == snapshot && !seen.range.empty() && seen.range != "bytes=0-") askedFromOffset = true;
  CHECK(askedFromOffset);
}

TEST_CASE("a transfer fast enough but endless meets its total deadline") {
  SyncPark park;
  park.publish("first");
  HostileServer server(park.out);
  const std::string snapshot = published(park).snapshotPath();
  SyncConfig config = park.kiosk(server.url());
  config.minBytesPerSecond = 1;
  config.stallTimeoutSeconds = 30;
  config.transferTimeoutSeconds = 2;
  server.answer(drip(park, server, snapshot, 200));  // 2,000 bytes a second, for ever
  const auto result = SyncClient(config).syncOnce();
  INFO(result.message);
  CHECK(result.outcome == SyncOutcome::Failed);
  CHECK(contains(result.message, "2 s a transfer"));
  CHECK(currentContent(config.dataDir).empty());
}

// ---------------------------------------------------------------------------------------
// Content-Range
// ---------------------------------------------------------------------------------------

namespace {

// Cuts `path` half-way once, so the kiosk keeps a partial file to resume.
HostileServer::Handler cutOnce(const SyncPark& park, const std::string& snapshot, std::shared_ptr<std::atomic<bool>> done) {
  return [&park, snapshot, done](const httplib::Request&, httplib::Response& res, const std::string& path) {
    if (path != snapshot || *done) return false;
    *done = true;
    auto body = std::make_shared<std::string>(readFile(park.out / path));
    res.set_content_provider(body->size(), "application/octet-stream",
                             [body](size_t offset, size_t, httplib::DataSink& sink) {
                               if (offset >= body->size() / 2) return false;
                               sink.write(body->data(), body->size() / 2);
                               return true;
                             });
    return true;
  };
}

// Answers a Range request for `snapshot` with 206 and bytes from `skew` past the offset
// asked, labelled as such; a request without Range gets `plainStatus` (0: served whole).
HostileServer::Handler wrongRange(const SyncPark& park, const std::string& snapshot, std::size_t skew, int plainStatus) {
  return [&park, snapshot, skew, plainStatus](const httplib::Request& req, httplib::Response& res, const std::string& path) {
    if (path != snapshot) return false;
    if (!req.has_header("Range")) {
      if (plainStatus == 0) return false;
      res.status = plainStatus;
      return true;
    }
    auto body = std::make_shared<std::string>(readFile(park.out / path));
    const std::string range = req.get_header_value("Range");  // "bytes=N-"
    const std::size_t from = std::stoul(range.substr(6)) + skew;
    res.status = 206;
    res.set_header("Content-Range", "bytes " + std::to_string(from) + "-" + std::to_string(body->size() - 1) + "/" +
                                        std::to_string(body->size()));
    res.set_chunked_content_provider("application/octet-stream", [body, from](size_t, httplib::DataSink& sink) {
      sink.write(body->data() + from, body->size() - from);
      sink.done();
      return true;
    });
    return true;
  };
}

}  // namespace

TEST_CASE("a resume answered with the wrong Content-Range is discarded, and a good server then succeeds") {
  SyncPark park;
  park.writeAsset("images/big.bin", std::string(3 << 20, 'b'));
  park.publish("first");
  HostileServer server(park.out);
  const std::string snapshot = published(park).snapshotPath();
  const SyncConfig config = park.kiosk(server.url());
  const fs::path partial = config.dataDir / "partial" / fs::path(snapshot).filename();

  server.answer(cutOnce(park, snapshot, std::make_shared<std::atomic<bool>>(false)));
  REQUIRE(SyncClient(config).syncOnce().outcome == SyncOutcome::Failed);
  REQUIRE(fs::exists(partial));

  // A broken cache: the resumed bytes start 7 bytes late, and a whole fetch is refused.
  server.answer(wrongRange(park, snapshot, 7, 503));
  const auto refused = SyncClient(config).syncOnce();
  INFO(refused.message);
  CHECK(refused.outcome == SyncOutcome::Failed);
  CHECK_FALSE(fs::exists(partial));  // nothing of it is kept to poison the next resume

  server.answer({});
  const auto good = SyncClient(config).syncOnce();
  INFO(good.message);
  CHECK(good.outcome == SyncOutcome::Installed);
  checkObjectsWhole(config);
}

TEST_CASE("a resume answered with the wrong Content-Range is fetched again from its start at once") {
  SyncPark park;
  park.writeAsset("images/big.bin", std::string(3 << 20, 'b'));
  park.publish("first");
  HostileServer server(park.out);
  const std::string snapshot = published(park).snapshotPath();
  const SyncConfig config = park.kiosk(server.url());
  server.answer(cutOnce(park, snapshot, std::make_shared<std::atomic<bool>>(false)));
  REQUIRE(SyncClient(config).syncOnce().outcome == SyncOutcome::Failed);

  server.answer(wrongRange(park, snapshot, 100, 0));  // wrong on resume, right on a whole fetch
  const auto result = SyncClient(config).syncOnce();
  INFO(result.message);
  CHECK(result.outcome == SyncOutcome::Installed);
  const auto seen = server.requests();
  REQUIRE(seen.size() >= 2);
  bool refetched = false;
  for (std::size_t i = 1; i < seen.size(); ++i)
    if (seen[i].path == snapshot && seen[i].range.empty() && !seen[i - 1].range.empty()) refetched = true;
  CHECK(refetched);
  checkObjectsWhole(config);
}

// ---------------------------------------------------------------------------------------
// Two syncs at once
// ---------------------------------------------------------------------------------------

TEST_CASE("a second sync of the same data folder says another sync is running and changes nothing") {
  SyncPark park;
  park.writeAsset("images/big.bin", std::string(2 << 20, 'b'));
  park.publish("first");
  HostileServer server(park.out);
  const std::string snapshot = published(park).snapshotPath();
  SyncConfig config = park.kiosk(server.url());
  config.lockWait = std::chrono::milliseconds(0);

  // The first sync's snapshot download waits until the test lets it go.
  std::mutex mutex;
  std::condition_variable changed;
  bool requested = false, release = false;
  server.answer([&](const httplib::Request&, httplib::Response&, const std::string& path) {
    if (path != snapshot) return false;
    std::unique_lock lock(mutex);
    requested = true;
    changed.notify_all();
    changed.wait(lock, [&] { return release || server.stopping.load(); });
    return false;  // then served whole
  });
  SyncResult first;
  std::thread running([&] { first = SyncClient(config).syncOnce(); });
  {
    std::unique_lock lock(mutex);
    REQUIRE(changed.wait_for(lock, seconds(30), [&] { return requested; }));
  }
  const auto second = SyncClient(config).syncOnce();
  {
    std::lock_guard lock(mutex);
    release = true;
  }
  changed.notify_all();
  running.join();
  INFO(second.message);
  CHECK(second.outcome == SyncOutcome::Failed);
  CHECK(contains(second.message, "another sync is running"));
  CHECK(oneLine(second.message));
  INFO(first.message);
  CHECK(first.outcome == SyncOutcome::Installed);
  // The staff panel shows the sync that ran, not the one turned away.
  CHECK(readLastResult(config.stateDir)->outcome == "installed");
  checkObjectsWhole(config);
  server.stop();  // its handler refers to this test's locals
}

TEST_CASE("two kiosk-sync processes at once against a slow server: one waits, no object is ever corrupt") {
  for (int round = 0; round < 3; ++round) {
    SyncPark park;
    park.writeAsset("images/big.bin", std::string(1 << 20, static_cast<char>('a' + round)));
    park.publish("first");
    HostileServer server(park.out);
    // Slow enough that the two overlap: 64 KiB every 20 ms.
    server.answer([&](const httplib::Request&, httplib::Response& res, const std::string& path) {
      if (path == kTimestampFile) return false;
      auto body = std::make_shared<std::string>(readFile(park.out / path));
      res.set_content_provider(body->size(), "application/octet-stream",
                               [body, &server](size_t offset, size_t length, httplib::DataSink& sink) {
                                 if (server.stopping) return false;
                                 std::this_thread::sleep_for(std::chrono::milliseconds(20));
                                 return sink.write(body->data() + offset, std::min<size_t>(length, 64 * 1024));
                               });
      return true;
    });
    const SyncConfig config = park.kiosk(server.url());
    writeFile(park.dir / "sync.toml", kioskSyncToml(config, "lock_wait_s = 120\n"));
    const std::string tool = std::string(QTSC_BIN_DIR) + "/kiosk-sync";
    std::vector<pid_t> children;
    for (int i = 0; i < 2; ++i) {
      const pid_t pid = ::fork();
      if (pid == 0) {
        ::execl(tool.c_str(), tool.c_str(), "--once", "--config", (park.dir / "sync.toml").c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
      }
      children.push_back(pid);
    }
    for (const pid_t pid : children) {
      int status = 0;
      ::waitpid(pid, &status, 0);
      CHECK(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 0);  // the second waited for the first, then found it current
    }
    CHECK(currentVersion(config.dataDir) == 1);
    checkObjectsWhole(config);
    CHECK(readFile(*assetPath(config.dataDir, "images/big.bin")) == std::string(1 << 20, static_cast<char>('a' + round)));
  }
}

TEST_CASE("two downloads of one object at once, without the lock, never name a corrupt object") {
  SyncPark park;
  park.writeAsset("images/big.bin", std::string(2 << 20, 'q'));
  park.publish("first");
  HostileServer server(park.out);
  const std::string snapshot = published(park).snapshotPath();
  server.answer([&](const httplib::Request&, httplib::Response& res, const std::string& path) {
    auto body = std::make_shared<std::string>(readFile(park.out / path));
    res.set_content_provider(body->size(), "application/octet-stream",
                             [body, &server](size_t offset, size_t length, httplib::DataSink& sink) {
                               if (server.stopping) return false;
                               std::this_thread::sleep_for(std::chrono::milliseconds(5));
                               return sink.write(body->data() + offset, std::min<size_t>(length, 32 * 1024));
                             });
    return true;
  });
  const SyncConfig config = park.kiosk(server.url());
  fs::create_directories(config.dataDir / "partial");
  fs::create_directories(config.dataDir / "objects");
  const std::string hash = fs::path(snapshot).filename().string();
  const auto size = fs::file_size(park.out / snapshot);
  const DownloadJob job{server.url() + "/" + snapshot, config.dataDir / "partial" / hash,
                        config.dataDir / "objects" / hash, size, hash};
  for (int round = 0; round < 3; ++round) {
    fs::remove(job.target);
    std::vector<std::thread> downloads;
    std::atomic<int> failures{0};
    for (int i = 0; i < 3; ++i)
      downloads.emplace_back([&] {
        try {
          HttpClient http(config);
          http.download({job}, 1);
        } catch (const SyncError&) {
          ++failures;
        }
      });
    for (auto& t : downloads) t.join();
    REQUIRE(fs::exists(job.target));
    CHECK(sha256FileHex(job.target) == hash);
    CHECK(failures == 0);
  }
}

TEST_CASE("a partial file left under a stopped download's own name is resumed") {
  SyncPark park;
  park.writeAsset("images/big.bin", std::string(3 << 20, 'b'));
  park.publish("first");
  HostileServer server(park.out);
  const std::string snapshot = published(park).snapshotPath();
  const SyncConfig config = park.kiosk(server.url());
  server.answer(cutOnce(park, snapshot, std::make_shared<std::atomic<bool>>(false)));
  REQUIRE(SyncClient(config).syncOnce().outcome == SyncOutcome::Failed);
  const fs::path partial = config.dataDir / "partial" / fs::path(snapshot).filename();
  REQUIRE(fs::exists(partial));
  const auto kept = fs::file_size(partial);
  fs::path held = partial;
  held += ".dl-0123456789ab";
  fs::rename(partial, held);  // as a download killed mid-way leaves it

  server.answer({});
  const auto result = SyncClient(config).syncOnce();
  INFO(result.message);
  CHECK(result.outcome == SyncOutcome::Installed);
  bool resumed = false;
  for (const auto& seen : server.requests())
    if (seen.path == snapshot && seen.range == "bytes=" + std::to_string(kept) + "-") resumed = true;
  CHECK(resumed);
  CHECK_FALSE(fs::exists(held));
}

// ---------------------------------------------------------------------------------------
// What a signed snapshot holds
// ---------------------------------------------------------------------------------------

TEST_CASE("a validly signed snapshot that is not a content database is refused before the switch") {
  SyncPark park;
  park.publish("first");
  HostileServer server(park.out);
  const SyncConfig config = park.kiosk(server.url());
  REQUIRE(SyncClient(config).syncOnce().outcome == SyncOutcome::Installed);
  const int schema = qtsc::content::currentSchemaVersion();

  SECTION("a database of the stated schema version and content version, without the content tables") {
    const fs::path db = park.dir / "forged.db";
    {
      SQLite::Database forged(db.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      forged.exec("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                  "INSERT INTO meta VALUES('content_version', '2');"
                  "PRAGMA user_version = " + std::to_string(schema));
    }
    const auto result = installSnapshot(park, config, db, schema);
    INFO(result.message);
    CHECK(result.outcome == SyncOutcome::Failed);
    CHECK(contains(result.message, "lacks the table"));
    CHECK(contains(result.message, "version 1 stays"));
  }
  SECTION("a content database missing one column") {
    const fs::path db = park.dir / "forged.db";
    copyAsNextVersion(park, db);
    {
      SQLite::Database forged(db.string(), SQLite::OPEN_READWRITE);
      forged.exec("ALTER TABLE tenant DROP COLUMN website");
    }
    const auto result = installSnapshot(park, config, db, schema);
    INFO(result.message);
    CHECK(result.outcome == SyncOutcome::Failed);
    CHECK(contains(result.message, "tenant.website"));
  }
  SECTION("some other SQLite database") {
    const fs::path db = park.dir / "other.db";
    {
      SQLite::Database other(db.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      other.exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)");
    }
    const auto result = installSnapshot(park, config, db, schema);
    INFO(result.message);
    CHECK(result.outcome == SyncOutcome::Failed);
    CHECK(contains(result.message, "schema version 0"));
  }
  SECTION("not a database at all") {
    writeFile(park.dir / "junk.db", std::string(8192, 'J'));
    const auto result = installSnapshot(park, config, park.dir / "junk.db", schema);
    INFO(result.message);
    CHECK(result.outcome == SyncOutcome::Failed);
    CHECK(contains(result.message, "refused"));
  }
  SECTION("a damaged content database") {
    const fs::path db = park.dir / "damaged.db";
    copyAsNextVersion(park, db);
    {
      SQLite::Database d(db.string(), SQLite::OPEN_READWRITE);
      d.exec("PRAGMA journal_mode = DELETE");
    }
    // Garbage over every page past the first few: the header and schema still read.
    std::string bytes = readFile(db);
    for (std::size_t i = 4 * 4096; i + 100 < bytes.size(); i += 4096)
      for (std::size_t j = 8; j < 100; ++j) bytes[i + j] = static_cast<char>(0xA5 ^ static_cast<int>(j));
    writeFile(db, bytes);
    const auto result = installSnapshot(park, config, db, schema);
    INFO(result.message);
    CHECK(result.outcome == SyncOutcome::Failed);
    CHECK(contains(result.message, "refused"));
    CHECK(oneLine(result.message));
    CHECK(result.message.size() < 400);
    CHECK(oneLine(readLastResult(config.stateDir)->message));
  }
  SECTION("a content database that opens but fails SQLite's check on every page") {
    const fs::path db = park.dir / "unchecked.db";
    copyAsNextVersion(park, db);
    // Forty pages more than any table uses, counted in the header: each one a finding.
    std::string bytes = readFile(db);
    const std::size_t pageSize = (static_cast<std::size_t>(static_cast<unsigned char>(bytes[16])) << 8) |
                                 static_cast<unsigned char>(bytes[17]);
    const std::size_t pages = bytes.size() / pageSize + 40;
    bytes.append(40 * pageSize, '\0');
    for (int i = 0; i < 4; ++i) bytes[static_cast<std::size_t>(28 + i)] = static_cast<char>((pages >> (8 * (3 - i))) & 0xFF);
    writeFile(db, bytes);
    {
      SQLite::Database check(db.string(), SQLite::OPEN_READONLY);
      SQLite::Statement findings(check, "PRAGMA quick_check");
      std::string verdict;
      while (findings.executeStep()) verdict += findings.getColumn(0).getString() + "\n";
      REQUIRE(std::count(verdict.begin(), verdict.end(), '\n') > 20);
    }
    const auto result = installSnapshot(park, config, db, schema);
    INFO(result.message);
    CHECK(result.outcome == SyncOutcome::Failed);
    CHECK(contains(result.message, "damaged"));
    CHECK(contains(result.message, "version 1 stays"));
    CHECK(oneLine(result.message));
    CHECK(result.message.size() < 300);
    CHECK(oneLine(readLastResult(config.stateDir)->message));
  }
  // Whatever was offered, the kiosk still opens version 1, whole.
  CHECK(currentVersion(config.dataDir) == 1);
  qtsc::content::ContentStore store(currentContent(config.dataDir).string(), qtsc::content::ContentStore::Mode::ReadOnly);
  CHECK(store.contentVersion() == 1);
  CHECK_FALSE(store.tenants({}).empty());
  CHECK(fs::is_empty(config.dataDir / "staging"));
}

// ---------------------------------------------------------------------------------------
// Disk
// ---------------------------------------------------------------------------------------

TEST_CASE("the free-disk check counts the database being built, even with no reserve") {
  SyncPark park;
  park.publish("first");
  HostileServer server(park.out);
  SyncConfig config = park.kiosk(server.url());
  config.reserveBytes = 0;
  const Published p = published(park);
  unsigned long long objects = p.manifest.find(kRoleSnapshot)->size + p.manifest.find(kRoleAssetIndex)->size;
  for (const auto& asset : parseAssetIndex(readFile(park.out / kObjectsDir / p.manifest.find(kRoleAssetIndex)->hash)))
    objects += asset.size;
  const unsigned long long snapshot = p.manifest.find(kRoleSnapshot)->size;

  // Room for the downloads and one copy of the database, not for its journal while it is built.
  unsigned long long free = objects + snapshot + snapshot / 4;
  config.freeSpace = [&free](const fs::path&) { return free; };
  const auto refused = SyncClient(config).syncOnce();
  INFO(refused.message);
  CHECK(refused.outcome == SyncOutcome::Failed);
  CHECK(contains(refused.message, "not enough free disk"));
  CHECK(currentContent(config.dataDir).empty());

  free = objects + 2 * snapshot + (32ULL << 20);
  const auto installed = SyncClient(config).syncOnce();
  INFO(installed.message);
  CHECK(installed.outcome == SyncOutcome::Installed);
}
