// The kiosk against a misbehaving server (cpp-httplib on 127.0.0.1): server errors,
// 429 with Retry-After, a connection cut half-way and resumed with a Range request; and the
// hub's report endpoint, down and then up.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "qtsc/sync/client.hpp"
#include "qtsc/sync/published.hpp"
#include "test_sync_support.hpp"

using namespace qtsc::sync;
using qtsc::testing::readFile;
using qtsc::testing::SyncPark;
namespace fs = std::filesystem;

namespace {

// Serves a published folder; the knobs below make it misbehave.
class FaultServer {
 public:
  explicit FaultServer(fs::path root) : root_(std::move(root)) {
    server_.Get(R"(/(timestamp\.json|objects/[0-9a-f]{64}))", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      if (req.has_header("Range")) ranges.push_back(req.get_header_value("Range"));
      if (failures > 0) {
        --failures;
        res.status = failStatus;
        if (retryAfter > 0) res.set_header("Retry-After", std::to_string(retryAfter));
        return;
      }
      const fs::path file = root_ / req.matches[1].str();
      if (!fs::exists(file)) {
        res.status = 404;
        return;
      }
      auto body = std::make_shared<std::string>(readFile(file));
      if (cutObject == req.matches[1].str()) {
        cutObject.clear();
        // Promise the whole object, send half, then drop the connection.
        res.set_content_provider(body->size(), "application/octet-stream",
                                 [body](size_t offset, size_t, httplib::DataSink& sink) {
                                   if (offset >= body->size() / 2) return false;
                                   sink.write(body->data(), body->size() / 2);
                                   return true;
                                 });
        return;
      }
      res.set_content(*body, "application/octet-stream");  // httplib answers Range with 206
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    qtsc::testing::waitForPort(port_);
  }
  ~FaultServer() {
    server_.stop();
    thread_.join();
  }
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::mutex mutex_;
  int failures = 0;      // the next this many requests fail with failStatus
  int failStatus = 500;
  int retryAfter = 0;    // seconds, sent with failures when > 0
  std::string cutObject;  // "objects/<hash>": cut half-way once
  std::vector<std::string> ranges;  // Range headers seen; read through rangesSeen()
  [[nodiscard]] std::vector<std::string> rangesSeen() {
    std::lock_guard lock(mutex_);
    return ranges;
  }

 private:
  fs::path root_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

std::string snapshotObject(const SyncPark& park) {
  const auto t = openTimestamp(readFile(park.out / kTimestampFile), park.keys.publicKey);
  const auto m = openManifest(readFile(park.out / kObjectsDir / t.manifestHash), park.keys.publicKey);
  return std::string(kObjectsDir) + "/" + m.find(kRoleSnapshot)->hash;
}

}  // namespace

TEST_CASE("server errors fail the sync and back off") {
  SyncPark park;
  park.publish("first");
  FaultServer server(park.out);
  const SyncConfig config = park.kiosk(server.url());
  server.failures = 1;
  server.failStatus = 500;
  const auto failed = SyncClient(config).syncOnce();
  CHECK(failed.outcome == SyncOutcome::Failed);
  CHECK(failed.message.find("500") != std::string::npos);
  CHECK_FALSE(failed.retryAfter);
  CHECK(readLastResult(config.stateDir)->outcome == "failed");
  // Full jitter: never above the ceiling for the n-th failure in a row.
  for (int n = 1; n <= 12; ++n)
    CHECK(nextDelay(config, failed, n) <= std::max(std::chrono::milliseconds(1000),
                                                   std::chrono::milliseconds(std::min<long long>(
                                                       3600'000, 30'000LL << (n - 1)))));
  CHECK(SyncClient(config).syncOnce().outcome == SyncOutcome::Installed);
}

TEST_CASE("429 with Retry-After is honoured in the next delay") {
  SyncPark park;
  park.publish("first");
  FaultServer server(park.out);
  const SyncConfig config = park.kiosk(server.url());
  server.failures = 1;
  server.failStatus = 429;
  server.retryAfter = 120;
  const auto busy = SyncClient(config).syncOnce();
  CHECK(busy.outcome == SyncOutcome::Failed);
  REQUIRE(busy.retryAfter);
  CHECK(*busy.retryAfter == std::chrono::seconds(120));
  for (int i = 0; i < 20; ++i) CHECK(nextDelay(config, busy, 1) >= std::chrono::seconds(120));

  SyncResult fine;
  fine.outcome = SyncOutcome::UpToDate;
  const auto delay = nextDelay(config, fine, 0);
  CHECK(delay >= std::chrono::seconds(240));
  CHECK(delay <= std::chrono::seconds(360));
}

TEST_CASE("a download cut half-way resumes where it stopped") {
  SyncPark park;
  park.writeAsset("images/big.bin", std::string(3 << 20, 'b'));
  park.publish("first");
  FaultServer server(park.out);
  const SyncConfig config = park.kiosk(server.url());
  const std::string cutObject = snapshotObject(park);
  server.cutObject = cutObject;

  const auto cut = SyncClient(config).syncOnce();
  INFO(cut.message);
  CHECK(cut.outcome == SyncOutcome::Failed);
  CHECK(currentContent(config.dataDir).empty());
  const fs::path partial = config.dataDir / "partial" / fs::path(cutObject).filename();
  REQUIRE(fs::exists(partial));
  const auto kept = fs::file_size(partial);
  CHECK(kept > 0);

  const auto resumed = SyncClient(config).syncOnce();
  INFO(resumed.message);
  CHECK(resumed.outcome == SyncOutcome::Installed);
  const auto ranges = server.rangesSeen();
  REQUIRE_FALSE(ranges.empty());
  CHECK(ranges.back() == "bytes=" + std::to_string(kept) + "-");
  CHECK(currentVersion(config.dataDir) == 1);
}

TEST_CASE("reports wait on disk until the hub takes them, each sent once") {
  SyncPark park;
  park.publish("first");
  FaultServer server(park.out);
  SyncConfig config = park.kiosk(server.url());
  const int hubPort = qtsc::testing::freePort();
  config.hubUrl = "http://127.0.0.1:" + std::to_string(hubPort);
  config.reportKey = "qk_right";
  config.usageCounts = [] { return nlohmann::json{{"search", 3}, {"tenantViews", 5}}; };

  SyncClient client(config);
  CHECK(client.syncOnce().outcome == SyncOutcome::Installed);  // the hub is down
  CHECK(client.syncOnce().outcome == SyncOutcome::UpToDate);
  int queued = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(config.stateDir / "reports")) ++queued;
  CHECK(queued == 2);

  httplib::Server hub;
  std::mutex mutex;
  std::vector<nlohmann::json> received;
  hub.Post("/api/v1/reports", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    if (req.get_header_value("Authorization") != "Bearer qk_right") {
      res.status = 401;
      return;
    }
    received.push_back(nlohmann::json::parse(req.body));
    res.status = 201;
  });
  REQUIRE(hub.bind_to_port("127.0.0.1", hubPort));
  std::thread hubThread([&] { hub.listen_after_bind(); });
  qtsc::testing::waitForPort(hubPort);

  // A kiosk with a wrong key: the hub refuses, the reports stay queued, the result says why.
  SyncConfig unpaired = config;
  unpaired.reportKey = "qk_wrong";
  const auto refused = SyncClient(unpaired).syncOnce();
  CHECK(refused.outcome == SyncOutcome::UpToDate);
  CHECK(refused.message.find("pair the kiosk") != std::string::npos);
  CHECK(readLastResult(config.stateDir)->message.find("report_key") != std::string::npos);
  CHECK(SyncClient(unpaired).sendReports().refusedWith == 401);

  CHECK(client.sendReports().accepted == 3);
  CHECK(client.sendReports().accepted == 0);
  hub.stop();
  hubThread.join();

  REQUIRE(received.size() == 3);
  std::set<std::string> ids;
  for (const auto& report : received) {
    ids.insert(report.at("id").get<std::string>());
    CHECK(report.at("kioskId") == "kiosk");
    CHECK(report.at("contentVersion") == 1);
    CHECK(report.at("usage").at("search") == 3);
    CHECK(report.at("freeDiskBytes").get<unsigned long long>() > 0);
  }
  CHECK(ids.size() == 3);
  CHECK(received[0].at("result") == "installed");
  CHECK(received[1].at("result") == "up-to-date");
}
