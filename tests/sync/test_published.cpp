// The published form without a network: keys, signatures, hashes (whole, in pieces, and on
// the download worker), manifests, timestamps, asset names, and changesets between two
// versions of the park's database.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "changeset.hpp"
#include "download_worker.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/published.hpp"
#include "qtsc/sync/publisher.hpp"
#include "test_sync_support.hpp"

using namespace qtsc::sync;
using qtsc::testing::SyncPark;
using qtsc::testing::TempDir;

namespace {

Manifest sampleManifest() {
  Manifest m;
  m.version = 7;
  m.schemaVersion = 3;
  m.created = "2025-01-01T00:00:00Z";
  m.note = "Cập nhật";
  m.objects = {{kRoleSnapshot, sha256Hex("snap"), 4, "", 0},
               {kRoleChangeset, sha256Hex("cs"), 2, "", 6},
               {kRoleAssetIndex, sha256Hex("idx"), 3, "", 0}};
  return m;
}

}  // namespace

TEST_CASE("SHA-256 names are lowercase hex and nothing else") {
  CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(isSha256Hex(sha256Hex("x")));
  CHECK_FALSE(isSha256Hex("../../etc/passwd"));
  CHECK_FALSE(isSha256Hex(std::string(64, 'A')));
  CHECK_FALSE(isSha256Hex(std::string(63, 'a')));
}

TEST_CASE("SHA-256 fed in pieces, here or on the download worker, equals the whole hash") {
  // FIPS 180-2's two-block example.
  const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  const std::string expected = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
  CHECK(sha256Hex(text) == expected);
  Sha256 pieces;
  for (const char c : text) pieces.update(&c, 1);
  CHECK(pieces.finishHex() == expected);
  pieces.update(text.data(), text.size());  // finishHex starts the hash over
  CHECK(pieces.finishHex() == expected);

  // Several objects' bytes through the worker at once, larger than its buffers and its
  // queue, each in order.
  std::vector<std::string> objects;
  for (int i = 0; i < 3; ++i) {
    std::string bytes(DownloadWorker::kBufferBytes * (DownloadWorker::kMaxQueued + 2) + 12345u * static_cast<unsigned>(i), '\0');
    for (std::size_t b = 0; b < bytes.size(); ++b) bytes[b] = static_cast<char>((b * 31u + static_cast<unsigned>(i)) % 251u);
    objects.push_back(std::move(bytes));
  }
  std::vector<Sha256> hashes(objects.size());
  DownloadWorker worker;
  std::vector<std::size_t> fed(objects.size(), 0);
  for (bool more = true; more;) {
    more = false;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      const std::size_t step = std::min(DownloadWorker::kBufferBytes - 1000 * i, objects[i].size() - fed[i]);
      if (step == 0) continue;
      auto buffer = worker.buffer();
      std::memcpy(buffer.get(), objects[i].data() + fed[i], step);
      buffer = worker.hash(hashes[i], std::move(buffer), step);
      fed[i] += step;
      more = true;
    }
  }
  worker.wait();
  for (std::size_t i = 0; i < objects.size(); ++i) CHECK(hashes[i].finishHex() == sha256Hex(objects[i]));
}

TEST_CASE("a manifest round-trips under its signature and fails under another key") {
  const KeyPair keys = generateKeyPair();
  const std::string sealed = sealManifest(sampleManifest(), keys.secretKey);
  const Manifest opened = openManifest(sealed, keys.publicKey);
  CHECK(opened.version == 7);
  CHECK(opened.note == "Cập nhật");
  CHECK(opened.find(kRoleChangeset)->from == 6);
  CHECK_THROWS_AS(openManifest(sealed, generateKeyPair().publicKey), VerificationError);
}

TEST_CASE("a changed byte in a signed manifest breaks its signature") {
  const KeyPair keys = generateKeyPair();
  std::string sealed = sealManifest(sampleManifest(), keys.secretKey);
  const auto at = sealed.find("\"version\": 7");
  REQUIRE(at != std::string::npos);
  sealed.replace(at, 12, "\"version\": 8");
  CHECK_THROWS_AS(openManifest(sealed, keys.publicKey), VerificationError);
}

TEST_CASE("a timestamp's signature does not pass as a manifest's") {
  const KeyPair keys = generateKeyPair();
  Timestamp t;
  t.version = 3;
  t.manifestHash = sha256Hex("m");
  t.manifestSize = 10;
  t.expires = 100;
  const std::string sealed = sealTimestamp(t, keys.secretKey);
  CHECK(openTimestamp(sealed, keys.publicKey).version == 3);
  CHECK_THROWS_AS(openManifest(sealed, keys.publicKey), VerificationError);
}

TEST_CASE("a manifest naming an object by a path instead of a hash is refused") {
  const KeyPair keys = generateKeyPair();
  Manifest m = sampleManifest();
  m.objects[0].hash = "../../../etc/passwd";
  CHECK_THROWS_AS(openManifest(sealManifest(m, keys.secretKey), keys.publicKey), VerificationError);
}

TEST_CASE("asset names are plain relative names") {
  CHECK(isSafeAssetName("images/tenants/tma.png"));
  CHECK(isSafeAssetName("map.svg"));
  for (const char* bad : {"../x", "a/../b", "/etc/passwd", "a//b", "./a", "a\\b", "", "a/", "c:x"})
    CHECK_FALSE(isSafeAssetName(bad));
  const std::string index = serializeAssetIndex({{kRoleAsset, sha256Hex("a"), 1, "../escape.png", 0}});
  CHECK_THROWS_AS(parseAssetIndex(index), VerificationError);
}

TEST_CASE("keys are saved as files and never overwritten") {
  TempDir dir;
  const KeyPair keys = generateKeyPair();
  saveKeyPair(keys, dir / "publisher.key");
  CHECK(loadSecretKey(dir / "publisher.key") == keys.secretKey);
  CHECK(loadPublicKey(dir / "publisher.key.pub") == keys.publicKey);
  CHECK(publicKeyOf(keys.secretKey) == keys.publicKey);
  CHECK_THROWS_AS(saveKeyPair(generateKeyPair(), dir / "publisher.key"), StorageError);
  CHECK_THROWS_AS(parsePublicKey("not hex"), VerificationError);
}

TEST_CASE("a changeset carries one tenant's edit and leaves the search index to a rebuild") {
  SyncPark park;
  const TempDir work;
  std::filesystem::copy_file(park.db, work / "old.db");
  park.editTenant("A changed description about quantum widgets");
  const std::string changeset = diffDatabases(work / "old.db", park.db);
  CHECK(changeset.size() < 2000);

  qtsc::content::ContentStore store((work / "old.db").string());
  applyChangeset(store, changeset);
  store.rebuildSearch();
  CHECK(park.tenantText(work / "old.db") == "A changed description about quantum widgets");
  CHECK_FALSE(store.search("quantum widgets").empty());

  // Applying it again conflicts: the database is no longer the changeset's base, and it
  // stays as the first application left it.
  CHECK_THROWS_AS(applyChangeset(store, changeset), VerificationError);
  CHECK(park.tenantText(work / "old.db") == "A changed description about quantum widgets");
  CHECK_FALSE(store.integrityProblem());
}

TEST_CASE("publishing writes objects named by hash and a timestamp naming the manifest") {
  SyncPark park;
  const auto first = park.publish("first");
  CHECK(first.version == 1);
  CHECK(first.changesetBytes == 0);
  CHECK(first.assets == 3);
  park.editTenant("Edited once");
  const auto second = park.publish("second");
  CHECK(second.version == 2);
  CHECK(second.changesetBytes > 0);
  CHECK(second.changesetBytes < 2000);
  const Timestamp t = openTimestamp(qtsc::testing::readFile(park.out / kTimestampFile), park.keys.publicKey);
  CHECK(t.version == 2);
  CHECK(t.manifestHash == second.manifestHash);
  for (const auto& entry : std::filesystem::directory_iterator(park.out / kObjectsDir))
    CHECK(sha256FileHex(entry.path()) == entry.path().filename().string());
  // The source database is read, never changed.
  CHECK(qtsc::content::ContentStore(park.db.string()).contentVersion() == 0);
  // Another key cannot publish over this folder.
  CHECK_THROWS_AS(Publisher(park.out, generateKeyPair().secretKey).publish(park.db, park.assets, "x"), PublishError);
}

namespace {

// A signed envelope around `body` as text, so the field checks behind the signature are
// reached with whatever `body` holds.
std::string envelope(const std::string& type, nlohmann::json body, const KeyPair& keys) {
  body["type"] = type;
  nlohmann::json file{{"signed", body},
                      {"signatures", nlohmann::json::array({nlohmann::json{
                                         {"keyid", keyId(keys.publicKey)}, {"sig", sign(signedMessage(type, body), keys.secretKey)}}})}};
  return file.dump();
}

// `open` refuses `text` with a VerificationError (never another exception), and says so in one line.
template <typename Open>
void refused(Open open, const std::string& text) {
  INFO(text.substr(0, 200));
  try {
    open(text);
    FAIL("accepted");
  } catch (const VerificationError& e) {
    const std::string what = e.what();
    CHECK(what.find('\n') == std::string::npos);
    CHECK(what.size() < 400);
  }
}

}  // namespace

TEST_CASE("malformed timestamps, manifests and asset indexes are refused with typed errors") {
  const KeyPair keys = generateKeyPair();
  auto timestamp = [&keys](const std::string& text) { return openTimestamp(text, keys.publicKey); };
  auto manifest = [&keys](const std::string& text) { return openManifest(text, keys.publicKey); };
  auto index = [](const std::string& text) { return parseAssetIndex(text); };
  const std::string hash = sha256Hex("m");
  const nlohmann::json goodTimestamp{{"version", 3}, {"manifest", {{"hash", hash}, {"size", 10}}}, {"issued", 1}, {"expires", 2}};
  REQUIRE(openTimestamp(envelope("timestamp", goodTimestamp, keys), keys.publicKey).version == 3);

  for (const std::string& text :
       {std::string(), std::string("null"), std::string("[]"), std::string("{\"signed\": 1, \"signatures\": []}"),
        std::string(200000, '[') + std::string(200000, ']'),  // deeper than any parser's stack should go
        "{\"signed\":" + std::string(100000, '{'), std::string("{\"signed\": {\"type\": 5}, \"signatures\": []}"),
        std::string("{\"signed\": {\"type\": \"timestamp\\nforged line\"}, \"signatures\": []}"),
        std::string("{\"signed\": {\"type\": \"timestamp\"}, \"signatures\": [1, \"x\", {\"sig\": 5}, {\"sig\": \"!!\"}]}"),
        std::string("{\"signed\": {\"type\": \"timestamp\", \"v\": \"\xff\xfe\"}, \"signatures\": []}"),
        "{\"signed\": {\"type\": \"timestamp\", \"deep\": " + std::string(50, '[') + std::string(50, ']') +
            "}, \"signatures\": []}"}) {
    refused(timestamp, text);
    refused(manifest, text);
    refused(index, text);
  }
  // Signed, but with fields of the wrong kind: floats, negatives, huge numbers, wrong types.
  for (const auto& [field, value] : std::vector<std::pair<std::string, nlohmann::json>>{
           {"version", 1e300}, {"version", 2.5}, {"version", -1}, {"version", "3"}, {"version", nullptr},
           {"version", 18446744073709551615ULL}, {"issued", 1e300}, {"expires", "never"}, {"expires", nlohmann::json::array()},
           {"manifest", "x"}, {"manifest", nlohmann::json{{"hash", hash}, {"size", -5}}},
           {"manifest", nlohmann::json{{"hash", hash}, {"size", 1e20}}},
           {"manifest", nlohmann::json{{"hash", std::string(64, 'A')}, {"size", 1}}},
           {"manifest", nlohmann::json{{"hash", "../../etc/passwd\n"}, {"size", 1}}}}) {
    nlohmann::json body = goodTimestamp;
    body[field] = value;
    refused(timestamp, envelope("timestamp", body, keys));
  }
  const nlohmann::json goodManifest{{"version", 7},
                                    {"schemaVersion", 3},
                                    {"created", "2025-01-01T00:00:00Z"},
                                    {"note", ""},
                                    {"objects", {{{"role", "snapshot"}, {"hash", hash}, {"size", 4}},
                                                 {{"role", "asset-index"}, {"hash", hash}, {"size", 3}}}}};
  REQUIRE(openManifest(envelope("manifest", goodManifest, keys), keys.publicKey).version == 7);
  for (const auto& [field, value] : std::vector<std::pair<std::string, nlohmann::json>>{
           {"schemaVersion", 4294967296LL}, {"schemaVersion", 3.0}, {"objects", nlohmann::json::object()},
           {"objects", nlohmann::json::array({1, 2})},
           {"objects", {{{"role", "snapshot"}, {"hash", hash}, {"size", 4}}}},  // no asset index
           {"objects", {{{"role", "snapshot"}, {"hash", hash}, {"size", 4}}, {{"role", "snapshot"}, {"hash", hash}, {"size", 4}}}},
           {"objects", {{{"role", std::string(5000, 'r')}, {"hash", hash}, {"size", 4}}}},
           {"objects", {{{"role", "changeset"}, {"hash", hash}, {"size", 4}, {"from", 1e10}}}},
           {"created", 5}, {"note", nlohmann::json::object()}}) {
    nlohmann::json body = goodManifest;
    body[field] = value;
    refused(manifest, envelope("manifest", body, keys));
  }
  for (const std::string& text :
       {std::string("{\"assets\": 5}"), std::string("{\"assets\": [5]}"),
        "{\"assets\": [{\"name\": \"a\", \"hash\": \"" + hash + "\", \"size\": -1}]}",
        "{\"assets\": [{\"name\": \"a\", \"hash\": \"" + hash + "\", \"size\": 1.5}]}",
        "{\"assets\": [{\"name\": \"a\\nb\", \"hash\": \"" + hash + "\", \"size\": 1}]}",
        "{\"assets\": [{\"name\": \"" + std::string(100000, 'n') + "\", \"hash\": \"" + hash + "\", \"size\": 1}]}",
        "{\"assets\": [{\"name\": \"a\", \"hash\": \"" + hash + "\", \"size\": 1}, {\"name\": \"a\", \"hash\": \"" + hash +
            "\", \"size\": 1}]}"})
    refused(index, text);
}
