// The kiosk's side of the fleet protocol, against a scripted hub on 127.0.0.1: pairing
// codes derived from the exchange, sealed report keys, and the command poll taking only
// announcements signed by the publisher key and never older than those it holds.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "files.hpp"
#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/fleet.hpp"
#include "qtsc/sync/fleet_client.hpp"
#include "test_support.hpp"

using nlohmann::json;
namespace fl = qtsc::sync::fleet;
using qtsc::sync::FleetClient;

namespace {

// A hub that answers the command poll with whatever the test sets.
struct ScriptedHub {
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::mutex mutex;
  json answer = json::object();
  std::string seenKey;
  ScriptedHub() {
    server.Get("/api/v1/kiosks/k1/commands", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex);
      seenKey = req.get_header_value("Authorization");
      res.set_content(answer.dump(), "application/json");
    });
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~ScriptedHub() {
    server.stop();
    thread.join();
  }
  void set(const json& a) {
    std::lock_guard lock(mutex);
    answer = a;
  }
};

fl::AnnouncementsDocument documentAt(long long revision, const std::string& english) {
  fl::AnnouncementsDocument d;
  d.revision = revision;
  d.issued = 1000;
  fl::Announcement a;
  a.id = "a" + std::to_string(revision);
  a.text = {{"vi", "Thông báo"}, {"en", english}};
  a.starts = 1000;
  a.ends = 5000;
  d.announcements.push_back(a);
  return d;
}

// A kiosk folder as pairing leaves it.
FleetClient pairedClient(const ScriptedHub& hub, const std::filesystem::path& folder, const qtsc::sync::PublicKey& publisher) {
  std::filesystem::create_directories(folder);
  qtsc::sync::writeFileDurably(folder / "identity.json", json{{"hubUrl", "x"}, {"kioskId", "k1"}}.dump(), 0600);
  qtsc::sync::writeFileDurably(folder / "report.key", "qk_test", 0600);
  qtsc::sync::writeFileDurably(folder / "publisher.pub", qtsc::sync::toHex(publisher) + "\n", 0600);
  qtsc::sync::FleetClientSettings s;
  s.hubUrl = "http://127.0.0.1:" + std::to_string(hub.port);
  s.folder = folder;
  return FleetClient(s);
}

}  // namespace

TEST_CASE("pairing codes: eight characters, bound to both keys and the nonce, read forgivingly", "[sync][fleet]") {
  const auto kiosk = fl::generateBoxKeyPair();
  const auto publisher = qtsc::sync::generateKeyPair();
  const std::string nonce(64, '7');
  const std::string code = fl::pairingCode(kiosk.publicKey, publisher.publicKey, nonce);
  CHECK(code.size() == fl::kPairingCodeLength);
  CHECK(code == fl::pairingCode(kiosk.publicKey, publisher.publicKey, nonce));  // both sides agree
  CHECK(code != fl::pairingCode(kiosk.publicKey, publisher.publicKey, std::string(64, '8')));
  CHECK(fl::formatPairingCode("ABCD1234") == "ABCD-1234");
  CHECK(fl::normalisePairingCode("abcd-1234") == "ABCD1234");
  CHECK(fl::normalisePairingCode(" ab cd o1l4 ") == "ABCD0114");  // O is 0, I and L are 1
  CHECK(fl::normalisePairingCode("ABCD-123").empty());    // too short
  CHECK(fl::normalisePairingCode("ABCD-12345").empty());  // too long
  CHECK(fl::normalisePairingCode("ABCU-1234").empty());   // U is not in the alphabet
}

TEST_CASE("a sealed report key opens only with the kiosk's pairing key", "[sync][fleet]") {
  const auto kiosk = fl::generateBoxKeyPair();
  const std::string sealed = fl::sealTo("qk_secret", kiosk.publicKey);
  CHECK(fl::openSealed(sealed, kiosk) == "qk_secret");
  CHECK_THROWS_AS(fl::openSealed(sealed, fl::generateBoxKeyPair()), qtsc::sync::VerificationError);
  CHECK_THROWS_AS(fl::openSealed("not base64!", kiosk), qtsc::sync::VerificationError);
}

TEST_CASE("announcements: a broken field is named, and targets pick kiosks and groups", "[sync][fleet]") {
  const auto keys = qtsc::sync::generateKeyPair();
  json signedDoc = fl::signAnnouncements(documentAt(1, "Closing at 15:00"), keys.secretKey);
  const auto document = fl::verifyAnnouncements(signedDoc, keys.publicKey);
  CHECK(document.announcements.size() == 1);

  fl::Announcement a = document.announcements[0];
  a.target = {false, {"museum"}, {"lobby-2"}};
  CHECK(a.target.includes("museum-1", "museum"));
  CHECK(a.target.includes("lobby-2", "lobby"));
  CHECK_FALSE(a.target.includes("lobby-1", "lobby"));
  CHECK_FALSE(a.target.includes("lobby-1", ""));

  json item = fl::toJson(a);
  item["text"].erase("en");
  CHECK_THROWS_WITH(fl::announcementFromJson(item), Catch::Contains("text.en"));
  item = fl::toJson(a);
  item["ends"] = 10;
  CHECK_THROWS_WITH(fl::announcementFromJson(item), Catch::Contains("ends before it starts"));
  CHECK_THROWS_AS(fl::verifyAnnouncements(json::array(), keys.publicKey), qtsc::sync::VerificationError);
  signedDoc["signed"] = "{}";
  CHECK_THROWS_WITH(fl::verifyAnnouncements(signedDoc, keys.publicKey), Catch::Contains("not signed"));
}

TEST_CASE("announcements: a signed field of the wrong type is named, never an unhandled JSON error", "[sync][fleet][hostile]") {
  const auto keys = qtsc::sync::generateKeyPair();
  const auto signedText = [&](const json& body) {
    const std::string text = body.dump();
    return json{{"signed", text}, {"signature", qtsc::sync::sign(text, keys.secretKey)}};
  };
  const json good = json::parse(fl::signAnnouncements(documentAt(1, "Closing at 15:00"), keys.secretKey)["signed"].get<std::string>());
  REQUIRE(fl::verifyAnnouncements(signedText(good), keys.publicKey).announcements.size() == 1);

  json body = good;
  body["type"] = 7;
  CHECK_THROWS_WITH(fl::verifyAnnouncements(signedText(body), keys.publicKey), Catch::Contains("announcements.type is not text"));
  body = good;
  body["announcements"][0]["target"] = {{"all", "yes"}};
  CHECK_THROWS_WITH(fl::verifyAnnouncements(signedText(body), keys.publicKey), Catch::Contains("target.all is not true or false"));
  body = good;
  body["announcements"][0]["target"] = {{"groups", "museum"}};
  CHECK_THROWS_WITH(fl::verifyAnnouncements(signedText(body), keys.publicKey), Catch::Contains("target.groups"));
  body = good;
  body["announcements"][0]["target"] = {{"groups", nullptr}, {"kiosks", {"lobby-1"}}};
  const auto document = fl::verifyAnnouncements(signedText(body), keys.publicKey);
  REQUIRE(document.announcements.size() == 1);
  CHECK(document.announcements[0].target.kiosks == std::vector<std::string>{"lobby-1"});
  CHECK(document.announcements[0].target.groups.empty());
}

TEST_CASE("the kiosk's poll takes signed announcements, refuses a replay and a bad signature", "[sync][fleet][hostile]") {
  qtsc::testing::TempDir dir;
  ScriptedHub hub;
  const auto publisher = qtsc::sync::generateKeyPair();
  FleetClient kiosk = pairedClient(hub, dir / "fleet", publisher.publicKey);
  REQUIRE(kiosk.identity());

  hub.set({{"syncNow", 0}, {"screenshot", 0}, {"announcements", fl::signAnnouncements(documentAt(5, "Five"), publisher.secretKey)}});
  auto poll = kiosk.pollCommands();
  CHECK(hub.seenKey == "Bearer qk_test");
  CHECK(poll.announcementsChanged);
  CHECK(kiosk.announcements().revision == 5);

  // An older revision, correctly signed: a replay, refused; the newer stays.
  hub.set({{"syncNow", 0}, {"screenshot", 0}, {"announcements", fl::signAnnouncements(documentAt(4, "Four"), publisher.secretKey)}});
  poll = kiosk.pollCommands();
  CHECK_FALSE(poll.announcementsChanged);
  CHECK(poll.refused.find("replay") != std::string::npos);
  CHECK(kiosk.announcements().announcements[0].text["en"] == "Five");

  // A newer revision signed by another key: refused.
  const auto other = qtsc::sync::generateKeyPair();
  hub.set({{"syncNow", 0}, {"screenshot", 0}, {"announcements", fl::signAnnouncements(documentAt(9, "Nine"), other.secretKey)}});
  poll = kiosk.pollCommands();
  CHECK(poll.refused.find("not signed") != std::string::npos);
  CHECK(kiosk.announcements().revision == 5);

  // A restart keeps the revision held, so the replay stays refused.
  FleetClient restarted = pairedClient(hub, dir / "fleet", publisher.publicKey);
  CHECK(restarted.announcements().revision == 5);
  hub.set({{"syncNow", 1}, {"screenshot", 0}, {"announcements", fl::signAnnouncements(documentAt(4, "Four"), publisher.secretKey)}});
  CHECK_FALSE(restarted.pollCommands().announcementsChanged);

  // Counters: the first poll is the baseline; a later increase is a request.
  hub.set({{"syncNow", 2}, {"screenshot", 1}, {"screenshotPending", true}, {"announcements", nullptr}});
  poll = restarted.pollCommands();
  CHECK(poll.syncNow);
  CHECK(poll.screenshot);
  poll = restarted.pollCommands();
  CHECK_FALSE(poll.syncNow);
  CHECK_FALSE(poll.screenshot);
}
