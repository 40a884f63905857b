// The kiosk against Debian's nginx serving a published folder: installs, edits as
// changesets, asset changes, unchanged polls, and every refusal (tampering, bad signature,
// replay, expiry, oversize bodies, unsafe names, a full disk).
#include <catch2/catch.hpp>

#include <fstream>

#include "qtsc/content/store.hpp"
#include "qtsc/sync/client.hpp"
#include "qtsc/sync/published.hpp"
#include "test_sync_support.hpp"

using namespace qtsc::sync;
using qtsc::testing::Nginx;
using qtsc::testing::readFile;
using qtsc::testing::SyncPark;
using qtsc::testing::writeFile;
namespace fs = std::filesystem;

namespace {

SyncResult syncOnce(const SyncConfig& config) { return SyncClient(config).syncOnce(); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string assetHash(const SyncPark& park, const std::string& name) {
  const auto t = openTimestamp(readFile(park.out / kTimestampFile), park.keys.publicKey);
  const auto m = openManifest(readFile(park.out / kObjectsDir / t.manifestHash), park.keys.publicKey);
  for (const auto& a : parseAssetIndex(readFile(park.out / kObjectsDir / m.find(kRoleAssetIndex)->hash)))
    if (a.name == name) return a.hash;
  return {};
}

}  // namespace

TEST_CASE("first install, then an edit of one tenant arrives as a changeset") {
  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());

  CHECK(currentContent(config.dataDir).empty());
  const auto first = syncOnce(config);
  INFO(first.message);
  REQUIRE(first.outcome == SyncOutcome::Installed);
  CHECK(first.version == 1);
  CHECK_FALSE(first.usedChangeset);
  CHECK(currentVersion(config.dataDir) == 1);
  CHECK(qtsc::content::ContentStore(currentContent(config.dataDir).string(),
                                    qtsc::content::ContentStore::Mode::ReadOnly)
            .contentVersion() == 1);
  REQUIRE(assetPath(config.dataDir, "images/map.png"));
  CHECK(readFile(*assetPath(config.dataDir, "images/map.png")) == std::string(30000, 'm'));
  CHECK_FALSE(assetPath(config.dataDir, "images/none.png"));

  park.editTenant("Now on the fifth floor, with a robotics lab");
  park.publish("edit one tenant");
  const auto edit = syncOnce(config);
  INFO(edit.message);
  REQUIRE(edit.outcome == SyncOutcome::Installed);
  CHECK(edit.usedChangeset);
  CHECK(edit.transfer.bytesReceived + edit.transfer.bytesSent < 5 * 1024);
  CHECK(park.tenantText(currentContent(config.dataDir)) == "Now on the fifth floor, with a robotics lab");
  qtsc::content::ContentStore store(currentContent(config.dataDir).string(),
                                    qtsc::content::ContentStore::Mode::ReadOnly);
  CHECK_FALSE(store.search("robotics lab").empty());
  CHECK(readLastResult(config.stateDir)->version == 2);
  CHECK(readLastResult(config.stateDir)->outcome == "installed");
}

TEST_CASE("an unchanged poll is one small conditional request") {
  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());
  REQUIRE(syncOnce(config).outcome == SyncOutcome::Installed);
  REQUIRE(syncOnce(config).outcome == SyncOutcome::UpToDate);  // learns the ETag
  const auto poll = syncOnce(config);
  CHECK(poll.outcome == SyncOutcome::UpToDate);
  CHECK(poll.transfer.requests == 1);
  CHECK(poll.transfer.bytesReceived + poll.transfer.bytesSent < 1024);
  CHECK(readLastResult(config.stateDir)->outcome == "up-to-date");
}

TEST_CASE("an image change downloads that image and nothing else large") {
  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());
  REQUIRE(syncOnce(config).outcome == SyncOutcome::Installed);
  const std::string oldMap = assetHash(park, "images/map.png");

  park.writeAsset("images/map.png", std::string(30000, 'n'));
  park.publish("new map");
  const auto result = syncOnce(config);
  INFO(result.message);
  REQUIRE(result.outcome == SyncOutcome::Installed);
  CHECK(result.usedChangeset);
  CHECK(result.transfer.bytesReceived < 30000 + 5 * 1024);
  CHECK(readFile(*assetPath(config.dataDir, "images/map.png")) == std::string(30000, 'n'));
  CHECK(readFile(*assetPath(config.dataDir, "images/logo.png")) == std::string(5000, 'l'));
  // The previous version's image stays until a later version makes it two versions old.
  CHECK(fs::exists(config.dataDir / "objects" / oldMap));
}

TEST_CASE("a tampered object is refused and the old version stays") {
  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());
  REQUIRE(syncOnce(config).outcome == SyncOutcome::Installed);

  park.writeAsset("images/logo.png", std::string(5000, 'L'));
  park.publish("new logo");
  writeFile(park.out / kObjectsDir / assetHash(park, "images/logo.png"), std::string(5000, 'X'));
  const auto result = syncOnce(config);
  CHECK(result.outcome == SyncOutcome::Failed);
  CHECK(contains(result.message, "does not match its hash"));
  CHECK(currentVersion(config.dataDir) == 1);
  CHECK(readFile(*assetPath(config.dataDir, "images/logo.png")) == std::string(5000, 'l'));
}

TEST_CASE("a kiosk that trusts another key installs nothing") {
  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
  SyncConfig config = park.kiosk(nginx.url());
  config.publicKeyHex = toHex(generateKeyPair().publicKey);
  const auto result = syncOnce(config);
  CHECK(result.outcome == SyncOutcome::Failed);
  CHECK(contains(result.message, "no valid signature"));
  CHECK(currentContent(config.dataDir).empty());
}

TEST_CASE("a replayed older timestamp and manifest are refused") {
  SyncPark park;
  park.publish("first");
  const std::string oldTimestamp = readFile(park.out / kTimestampFile);
  park.editTenant("Second version");
  park.publish("second");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());
  REQUIRE(syncOnce(config).outcome == SyncOutcome::Installed);

  writeFile(park.out / kTimestampFile, oldTimestamp);
  // Both timestamps have the same size; nginx's ETag is mtime plus size, so the replayed file
  // must not share the second-resolution mtime of the one the kiosk saw.
  fs::last_write_time(park.out / kTimestampFile, fs::last_write_time(park.out / kTimestampFile) - std::chrono::hours(1));
  const auto result = syncOnce(config);
  CHECK(result.outcome == SyncOutcome::Failed);
  CHECK(contains(result.message, "older version is refused"));
  CHECK(currentVersion(config.dataDir) == 2);

  // The guard lives in the state folder: a kiosk whose content folder was wiped still refuses.
  fs::remove_all(config.dataDir);
  CHECK(syncOnce(config).outcome == SyncOutcome::Failed);
  CHECK(currentContent(config.dataDir).empty());
}

TEST_CASE("an expired timestamp installs nothing new but the kiosk keeps its content") {
  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());
  REQUIRE(syncOnce(config).outcome == SyncOutcome::Installed);

  park.editTenant("Published with a stale timestamp");
  PublisherSettings stale;
  stale.timestampLifetime = std::chrono::seconds(-60);
  park.publish("expired", stale);
  const auto result = syncOnce(config);
  CHECK(result.outcome == SyncOutcome::Expired);
  CHECK_FALSE(succeeded(result.outcome));
  CHECK(contains(result.message, "expired"));
  CHECK(currentVersion(config.dataDir) == 1);
  CHECK(readLastResult(config.stateDir)->expired());

  // A fresh kiosk installs nothing from it either.
  const SyncConfig fresh = park.kiosk(nginx.url(), "fresh");
  CHECK(syncOnce(fresh).outcome == SyncOutcome::Expired);
  CHECK(currentContent(fresh.dataDir).empty());

  // Once the publisher refreshes the timestamp, the version goes through.
  Publisher(park.out, park.keys.secretKey).refreshTimestamp();
  CHECK(syncOnce(config).outcome == SyncOutcome::Installed);
  CHECK(currentVersion(config.dataDir) == 2);
}

TEST_CASE("a body longer than the manifest states is cut off and refused") {
  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());
  REQUIRE(syncOnce(config).outcome == SyncOutcome::Installed);

  park.writeAsset("images/logo.png", std::string(5000, 'L'));
  park.publish("new logo");
  const fs::path object = park.out / kObjectsDir / assetHash(park, "images/logo.png");
  {
    std::ofstream grow(object, std::ios::binary | std::ios::app);
    grow << std::string(1 << 20, 'Z');
  }
  const auto result = syncOnce(config);
  CHECK(result.outcome == SyncOutcome::Failed);
  CHECK(contains(result.message, "larger than"));
  CHECK(result.transfer.bytesReceived < 600 * 1024);  // stopped early, not after the whole body
  CHECK(currentVersion(config.dataDir) == 1);

  fs::resize_file(object, 5000);
  CHECK(syncOnce(config).outcome == SyncOutcome::Installed);
}

TEST_CASE("an asset index naming ../ paths is refused before anything is written") {
  SyncPark park;
  const auto first = park.publish("first");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());

  // A signed manifest (the key is the publisher's) whose asset index names a path outside.
  const std::string payload = "escape";
  const std::string payloadHash = sha256Hex(payload);
  writeFile(park.out / kObjectsDir / payloadHash, payload);
  const std::string index = serializeAssetIndex({{kRoleAsset, payloadHash, payload.size(), "../../escaped.txt", 0}});
  writeFile(park.out / kObjectsDir / sha256Hex(index), index);
  Manifest manifest = openManifest(readFile(park.out / kObjectsDir / first.manifestHash), park.keys.publicKey);
  manifest.version = 2;
  manifest.objects = {*manifest.find(kRoleSnapshot), {kRoleAssetIndex, sha256Hex(index), index.size(), "", 0}};
  const std::string sealed = sealManifest(manifest, park.keys.secretKey);
  writeFile(park.out / kObjectsDir / sha256Hex(sealed), sealed);
  Timestamp t{2, sha256Hex(sealed), sealed.size(), 0, 4102444800};
  writeFile(park.out / kTimestampFile, sealTimestamp(t, park.keys.secretKey));

  const auto result = syncOnce(config);
  CHECK(result.outcome == SyncOutcome::Failed);
  CHECK(contains(result.message, "unsafe asset name"));
  CHECK(currentContent(config.dataDir).empty());
  CHECK_FALSE(fs::exists(config.dataDir.parent_path() / "escaped.txt"));
  CHECK_FALSE(fs::exists(park.dir.path().parent_path() / "escaped.txt"));
}

TEST_CASE("too little free disk stops a sync before it downloads") {
  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
  SyncConfig config = park.kiosk(nginx.url());
  config.freeSpace = [](const fs::path&) { return 1'000'000ULL; };
  const auto result = syncOnce(config);
  CHECK(result.outcome == SyncOutcome::Failed);
  CHECK(contains(result.message, "not enough free disk"));
  CHECK(currentContent(config.dataDir).empty());
  CHECK(fs::is_empty(config.dataDir / "partial"));

  config.freeSpace = nullptr;
  CHECK(syncOnce(config).outcome == SyncOutcome::Installed);
}

TEST_CASE("old versions are cleaned, keeping the previous one") {
  SyncPark park;
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());
  for (int v = 1; v <= 4; ++v) {
    park.editTenant("Version " + std::to_string(v));
    park.writeAsset("images/logo.png", std::string(5000, static_cast<char>('a' + v)));
    park.publish("v" + std::to_string(v));
    REQUIRE(syncOnce(config).outcome == SyncOutcome::Installed);
  }
  CHECK(fs::exists(config.dataDir / "versions" / "v4.db"));
  CHECK(fs::exists(config.dataDir / "versions" / "v3.db"));
  CHECK_FALSE(fs::exists(config.dataDir / "versions" / "v2.db"));
  CHECK_FALSE(fs::exists(config.dataDir / "versions" / "v1.db"));
  CHECK(park.tenantText(currentContent(config.dataDir)) == "Version 4");
}

TEST_CASE("kiosk-sync --once reports its outcome in its exit status") {
  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
  const SyncConfig config = park.kiosk(nginx.url());
  writeFile(park.dir / "kiosk.toml", "url = \"" + nginx.url() + "\"\npublic_key = \"" + config.publicKeyHex +
                                         "\"\ndata_dir = \"" + config.dataDir.string() + "\"\nstate_dir = \"" +
                                         config.stateDir.string() + "\"\n");
  const std::string tool = std::string(QTSC_BIN_DIR) + "/kiosk-sync --once --config " + (park.dir / "kiosk.toml").string();
  CHECK(std::system((tool + " > /dev/null").c_str()) == 0);
  CHECK(currentVersion(config.dataDir) == 1);
  CHECK(std::system((tool + " --url http://127.0.0.1:1 > /dev/null").c_str()) != 0);
}
