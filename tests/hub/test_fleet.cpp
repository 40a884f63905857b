// The fleet's live side on a real hub on 127.0.0.1, with the kiosk's real FleetClient:
// pairing by code (wrong, expired and reused codes, guessing rate-limited, a planted key
// refused), the command poll (sync now, screenshot; another kiosk's key refused), signed
// announcements (replays and bad signatures refused by the kiosk), screenshot uploads
// (oversized, not an image), status. The hub's clock is injected: nothing sleeps.
#include <catch2/catch.hpp>
#include <stb_image_write.h>
#include <sys/stat.h>

#include <atomic>

#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/fleet.hpp"
#include "qtsc/sync/fleet_client.hpp"
#include "test_hub_support.hpp"

using namespace qtsc::testing;
using nlohmann::json;
namespace fl = qtsc::sync::fleet;
using qtsc::sync::FleetClient;
using qtsc::sync::FleetClientSettings;
using qtsc::sync::PairingState;

namespace {

struct Clock {
  std::shared_ptr<std::atomic<long long>> now = std::make_shared<std::atomic<long long>>(1'800'000'000);
  [[nodiscard]] std::function<long long()> fn() const {
    auto n = now;
    return [n] { return n->load(); };
  }
};

qtsc::hub::HubSettings withClock(const Clock& clock) {
  qtsc::hub::HubSettings s;
  s.unixClock = clock.fn();
  return s;
}

FleetClientSettings kioskAt(const TestHub& hub, const std::filesystem::path& folder, const Clock& clock,
                            const std::string& proposed = "museum-1") {
  FleetClientSettings s;
  s.hubUrl = hub.url();
  s.folder = folder;
  s.proposedId = proposed;
  s.clock = clock.fn();
  return s;
}

void append(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::string pngOf(int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width * height * 3), 90);
  std::string out;
  REQUIRE(stbi_write_png_to_func(append, &out, width, height, 3, pixels.data(), width * 3));
  return out;
}

httplib::Headers bearer(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }

std::string pairedKiosk(TestHub& hub, Staff& admin, FleetClient& kiosk) {
  const auto offer = kiosk.startPairing();
  const Reply claimed = admin.json("POST", "/api/v1/pairing/claim", {{"code", offer.code}});
  REQUIRE(claimed.status == 201);
  REQUIRE(kiosk.checkPairing() == PairingState::Paired);
  (void)hub;
  return claimed.body["id"];
}

// A hub, an admin (ana), an editor (chi) and kiosk museum-1 paired by code.
struct PairedFleet {
  Clock clock;
  TestHub hub{withClock(clock)};
  Staff ana{hub, "ana"}, chi{hub, "chi"};
  FleetClient kiosk{kioskAt(hub, hub.dir / "k1", clock)};
  std::string key;
  PairedFleet() {
    pairedKiosk(hub, ana, kiosk);
    key = kiosk.identity()->reportKey;
  }
};

}  // namespace

TEST_CASE("pairing by code: the kiosk gets its report key and the publisher key, stored privately", "[hub][fleet][pairing]") {
  Clock clock;
  TestHub hub(withClock(clock));
  Staff ana(hub, "ana"), chi(hub, "chi");
  const auto folder = hub.dir / "kiosk" / "fleet";
  FleetClient kiosk(kioskAt(hub, folder, clock));
  CHECK_FALSE(kiosk.identity());

  const auto offer = kiosk.startPairing();
  CHECK(offer.code.size() == 9);  // ABCD-EFGH
  CHECK(offer.code[4] == '-');
  CHECK(offer.expires == clock.now->load() + 600);
  CHECK(kiosk.checkPairing() == PairingState::Waiting);

  // Only an admin types codes; a malformed one names the field.
  CHECK(chi.json("POST", "/api/v1/pairing/claim", {{"code", offer.code}}).status == 403);
  const Reply malformed = ana.json("POST", "/api/v1/pairing/claim", {{"code", "12"}});
  CHECK(malformed.status == 422);
  CHECK(malformed.text.find("code") != std::string::npos);

  // Typed in lower case without the dash: the same code.
  std::string typed = offer.code.substr(0, 4) + offer.code.substr(5);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const Reply claimed = ana.json("POST", "/api/v1/pairing/claim", {{"code", typed}});
  REQUIRE(claimed.status == 201);
  CHECK(claimed.body["id"] == "museum-1");  // the id the kiosk proposed
  CHECK(claimed.body["replaced"] == false);

  REQUIRE(kiosk.checkPairing() == PairingState::Paired);
  REQUIRE(kiosk.identity());
  CHECK(kiosk.identity()->kioskId == "museum-1");
  const std::string hubKey = qtsc::sync::toHex(qtsc::sync::loadPublicKey(hub.dir / "data" / "signing.key.pub"));
  CHECK(qtsc::sync::toHex(kiosk.identity()->publisherKey) == hubKey);
  for (const char* name : {"report.key", "publisher.pub", "identity.json"}) {
    struct stat st {};
    REQUIRE(::stat((folder / name).c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  CHECK_FALSE(std::filesystem::exists(folder / "pairing.key"));  // used once, then gone
  struct stat dir {};
  REQUIRE(::stat(folder.c_str(), &dir) == 0);
  CHECK((dir.st_mode & 0777) == 0700);

  // The report key it received is the one the hub takes, and the fleet page lists the kiosk.
  const json report{{"id", "r1"}, {"kioskId", "museum-1"}, {"contentVersion", 0}, {"result", "up-to-date"}};
  CHECK(raw(hub.url(), "POST", "/api/v1/reports", report.dump(), bearer(kiosk.identity()->reportKey)).status == 201);
  const Reply fleet = chi.get("/api/v1/kiosks");
  REQUIRE(fleet.body["kiosks"].size() == 1);
  CHECK(fleet.body["kiosks"][0]["paired"] == true);

  // A reloaded client (the kiosk restarted) has the same identity.
  FleetClient again(kioskAt(hub, folder, clock));
  REQUIRE(again.identity());
  CHECK(again.identity()->reportKey == kiosk.identity()->reportKey);
}

TEST_CASE("pairing codes are single-use, expire, and guessing them is rate-limited", "[hub][fleet][pairing][hostile]") {
  Clock clock;
  TestHub hub(withClock(clock));
  Staff ana(hub, "ana");
  FleetClient kiosk(kioskAt(hub, hub.dir / "k1", clock));
  const auto offer = kiosk.startPairing();

  SECTION("a used code does not work twice") {
    REQUIRE(ana.json("POST", "/api/v1/pairing/claim", {{"code", offer.code}, {"id", "lobby-1"}}).status == 201);
    const Reply again = ana.json("POST", "/api/v1/pairing/claim", {{"code", offer.code}, {"id", "lobby-2"}});
    CHECK(again.status == 404);
    CHECK(again.body["error"].get<std::string>().find("work once") != std::string::npos);
    REQUIRE(kiosk.checkPairing() == PairingState::Paired);
    CHECK(kiosk.identity()->kioskId == "lobby-1");
  }
  SECTION("an expired code is refused and the kiosk is told to start again") {
    *clock.now += 601;
    CHECK(ana.json("POST", "/api/v1/pairing/claim", {{"code", offer.code}}).status == 404);
    CHECK(kiosk.checkPairing() == PairingState::Expired);
  }
  SECTION("wrong codes: after ten, even the right one waits") {
    int wrong = 0;
    for (const char* guess : {"00000000", "11111111", "22222222", "33333333", "44444444", "55555555", "66666666",
                              "77777777", "88888888", "99999999"}) {
      if (fl::normalisePairingCode(guess) == fl::normalisePairingCode(offer.code)) continue;
      const Reply r = ana.json("POST", "/api/v1/pairing/claim", {{"code", guess}});
      CHECK(r.status == 404);
      ++wrong;
    }
    REQUIRE(wrong >= 9);
    if (wrong == 9) CHECK(ana.json("POST", "/api/v1/pairing/claim", {{"code", "ZZZZZZZZ"}}).status == 404);
    const Reply limited = ana.json("POST", "/api/v1/pairing/claim", {{"code", offer.code}});
    CHECK(limited.status == 429);
    CHECK(limited.headers.count("Retry-After") == 1);
    CHECK(kiosk.checkPairing() == PairingState::Waiting);
    // The window passes; the kiosk shows a fresh code and it works.
    *clock.now += 601;
    const auto fresh = kiosk.startPairing();
    CHECK(ana.json("POST", "/api/v1/pairing/claim", {{"code", fresh.code}}).status == 201);
    CHECK(kiosk.checkPairing() == PairingState::Paired);
  }
  SECTION("one address cannot fill the hub with pairing requests") {
    int refused = 0;
    for (int i = 0; i < 12; ++i) {
      const Reply r = raw(hub.url(), "POST", "/api/v1/pairing",
                          json{{"kioskKey", fl::toHex(fl::generateBoxKeyPair().publicKey)}}.dump(), {});
      if (r.status == 429) ++refused;
      else CHECK(r.status == 201);
    }
    CHECK(refused == 3);  // one was the kiosk's; ten per address per ten minutes
  }
  SECTION("a malformed request names what is wrong") {
    const Reply r = raw(hub.url(), "POST", "/api/v1/pairing", json{{"kioskKey", "xyz"}, {"proposedId", "../etc"}, {"x", 1}}.dump(), {});
    CHECK(r.status == 422);
    for (const char* field : {"kioskKey", "proposedId", "\"x\""}) CHECK(r.text.find(field) != std::string::npos);
  }
  SECTION("an unknown request id is not found") {
    CHECK(raw(hub.url(), "GET", "/api/v1/pairing/" + std::string(64, 'a'), "", {}).status == 404);
  }
}

TEST_CASE("pairing: a third party's request, a swapped result or a planted publisher key gets nowhere",
          "[hub][fleet][pairing][hostile]") {
  Clock clock;
  TestHub hub(withClock(clock));
  Staff ana(hub, "ana");
  FleetClient kiosk(kioskAt(hub, hub.dir / "k1", clock));
  const auto offer = kiosk.startPairing();

  // Someone else asks for a pairing, proposing the same name: their code differs, so typing
  // the code on the kiosk's glass pairs the kiosk, not them.
  const auto attackerKeys = fl::generateBoxKeyPair();
  const Reply theirs = raw(hub.url(), "POST", "/api/v1/pairing",
                           json{{"kioskKey", fl::toHex(attackerKeys.publicKey)}, {"proposedId", "museum-1"}}.dump(), {});
  REQUIRE(theirs.status == 201);
  REQUIRE(ana.json("POST", "/api/v1/pairing/claim", {{"code", offer.code}}).status == 201);
  CHECK(raw(hub.url(), "GET", "/api/v1/pairing/" + theirs.body["request"].get<std::string>(), "", {}).status == 202);

  // A man in the middle who swaps the publisher key changes the code the kiosk would show.
  const auto kioskKey = fl::generateBoxKeyPair();
  const std::string nonce(64, 'b');
  const auto real = qtsc::sync::loadPublicKey(hub.dir / "data" / "signing.key.pub");
  const auto planted = qtsc::sync::generateKeyPair().publicKey;
  CHECK(fl::pairingCode(kioskKey.publicKey, real, nonce) != fl::pairingCode(kioskKey.publicKey, planted, nonce));
  CHECK(fl::pairingCode(kioskKey.publicKey, real, nonce) != fl::pairingCode(attackerKeys.publicKey, real, nonce));

  // The result the hub gives is signed over the request, the id and the sealed key: the
  // kiosk's own result verifies; a swapped sealed key does not.
  const Reply result = raw(hub.url(), "GET", "/api/v1/pairing/" + offer.requestId, "", {});
  REQUIRE(result.status == 200);
  const std::string message = fl::pairingResultMessage(offer.requestId, result.body["kioskId"].get<std::string>(),
                                                       result.body["sealedReportKey"].get<std::string>());
  CHECK(qtsc::sync::verify(message, result.body["signature"].get<std::string>(), real));
  const std::string swapped = fl::pairingResultMessage(offer.requestId, "museum-1", fl::sealTo("qk_planted", kioskKey.publicKey));
  CHECK_FALSE(qtsc::sync::verify(swapped, result.body["signature"].get<std::string>(), real));
  // The report key is sealed to the kiosk's pairing key: someone else's key cannot open it.
  CHECK_THROWS_AS(fl::openSealed(result.body["sealedReportKey"].get<std::string>(), attackerKeys), qtsc::sync::VerificationError);
  REQUIRE(kiosk.checkPairing() == PairingState::Paired);
}

TEST_CASE("commands: sync now and screenshot reach the kiosk's poll, another kiosk's key is refused",
          "[hub][fleet][commands][hostile]") {
  Clock clock;
  TestHub hub(withClock(clock));
  Staff ana(hub, "ana"), chi(hub, "chi");
  FleetClient museum(kioskAt(hub, hub.dir / "k1", clock, "museum-1"));
  FleetClient lobby(kioskAt(hub, hub.dir / "k2", clock, "lobby-1"));
  pairedKiosk(hub, ana, museum);
  pairedKiosk(hub, ana, lobby);

  auto first = museum.pollCommands();  // the baseline: the kiosk syncs at start anyway
  CHECK_FALSE(first.syncNow);
  CHECK_FALSE(first.screenshot);
  CHECK(museum.pollCommands().unchanged);  // 304

  // An editor asks; the next poll says so, once.
  CHECK(chi.send("POST", "/api/v1/kiosks/museum-1/sync-now", "").status == 202);
  const auto asked = museum.pollCommands();
  CHECK(asked.syncNow);
  CHECK_FALSE(museum.pollCommands().syncNow);
  CHECK_FALSE(lobby.pollCommands().syncNow);  // not lobby's

  CHECK(chi.send("POST", "/api/v1/kiosks/museum-1/screenshot-request", "").status == 202);
  CHECK(chi.get("/api/v1/kiosks").body["kiosks"][1]["screenshotPending"] == true);
  CHECK(museum.pollCommands().screenshot);
  CHECK_FALSE(museum.pollCommands().screenshot);  // asked once, answered once

  // A kiosk cannot read another's commands, nor upload as it.
  const std::string lobbyKey = lobby.identity()->reportKey;
  CHECK(raw(hub.url(), "GET", "/api/v1/kiosks/museum-1/commands", "", bearer(lobbyKey)).status == 401);
  CHECK(raw(hub.url(), "GET", "/api/v1/kiosks/museum-1/commands", "", {}).status == 401);
  CHECK(raw(hub.url(), "POST", "/api/v1/kiosks/museum-1/screenshot", pngOf(4, 4), bearer(lobbyKey), "image/png").status == 401);
  // Staff cannot ask an unknown kiosk.
  CHECK(chi.send("POST", "/api/v1/kiosks/nobody/sync-now", "").status == 409);
}

TEST_CASE("screenshots: the kiosk's PNG is shown with its time, oversized or broken uploads are refused",
          "[hub][fleet][screenshot][hostile]") {
  PairedFleet fleet;
  auto& [clock, hub, ana, chi, kiosk, key] = fleet;

  CHECK(chi.get("/api/v1/kiosks/museum-1/screenshot.png").status == 404);
  kiosk.uploadScreenshot(pngOf(64, 36));
  const Reply shot = chi.get("/api/v1/kiosks/museum-1/screenshot.png");
  CHECK(shot.status == 200);
  CHECK(shot.text.substr(1, 3) == "PNG");
  CHECK(shot.headers.count("X-Screenshot-Time") == 1);
  CHECK(chi.get("/api/v1/kiosks").body["kiosks"][0]["screenshotAt"] == clock.now->load());

  // Too large: 413 before anything is decoded. Not an image: 422 naming the file.
  const std::string huge(fl::kMaxScreenshotBytes + 1, 'x');
  CHECK_THROWS_AS(kiosk.uploadScreenshot(huge), qtsc::sync::SyncError);
  CHECK(raw(hub.url(), "POST", "/api/v1/kiosks/museum-1/screenshot", huge, bearer(key), "image/png").status == 413);
  const Reply junk = raw(hub.url(), "POST", "/api/v1/kiosks/museum-1/screenshot", "not a png", bearer(key), "image/png");
  CHECK(junk.status == 422);
  CHECK(junk.text.find("file") != std::string::npos);
  // The one stored is still there.
  CHECK(chi.get("/api/v1/kiosks/museum-1/screenshot.png").text == shot.text);

  // Status: shown on the row; a malformed one names its fields.
  kiosk.sendStatus({{"uptimeSeconds", 3600}, {"softwareVersion", "0.1.0"}, {"group", "museum"}, {"warnings", {"disk nearly full"}}});
  const json row = chi.get("/api/v1/kiosks").body["kiosks"][0];
  CHECK(row["status"]["softwareVersion"] == "0.1.0");
  CHECK(row["status"]["warnings"][0] == "disk nearly full");
  const Reply bad = raw(hub.url(), "POST", "/api/v1/kiosks/museum-1/status",
                        json{{"uptimeSeconds", -1}, {"warnings", json::array({std::string(400, 'w')})}}.dump(), bearer(key));
  CHECK(bad.status == 422);
  CHECK(bad.text.find("uptimeSeconds") != std::string::npos);
  CHECK(bad.text.find("warnings") != std::string::npos);
}

TEST_CASE("status: what the kiosk shows and its profile reach the row; the client cuts what the hub would refuse",
          "[hub][fleet][status][hostile]") {
  PairedFleet fleet;
  auto& [clock, hub, ana, chi, kiosk, key] = fleet;

  // Twelve warnings, one of them long, one with bytes that are not UTF-8, one of two lines;
  // a screen name past the limit: the client sends the last ten, each one line within 300
  // bytes, and the hub takes them.
  json warnings = json::array();
  for (int i = 0; i < 9; ++i) warnings.push_back("warning " + std::to_string(i));
  warnings.push_back(std::string(500, 'w'));
  warnings.push_back(std::string("bad bytes \xff\xfe here"));
  warnings.push_back("first line\nsecond line");
  kiosk.sendStatus({{"uptimeSeconds", 60}, {"softwareVersion", "0.1.0"}, {"group", "steamzone"}, {"profile", "steamzone"},
                    {"screen", "place:" + std::string(200, 'p')}, {"warnings", warnings}});
  const json row = chi.get("/api/v1/kiosks").body["kiosks"][0];
  REQUIRE(row["status"].is_object());
  CHECK(row["status"]["profile"] == "steamzone");
  const std::string screen = row["status"]["screen"];
  CHECK(screen.rfind("place:ppp", 0) == 0);
  CHECK(screen.size() <= fl::kStatusTextBytes);
  const json& sent = row["status"]["warnings"];
  REQUIRE(sent.size() == fl::kMaxStatusWarnings);
  CHECK(sent[0] == "warning 2");
  CHECK(sent[7].get<std::string>().size() <= fl::kStatusWarningBytes);
  CHECK(sent[7].get<std::string>().rfind("www", 0) == 0);
  CHECK(sent[8].get<std::string>().rfind("bad bytes ", 0) == 0);
  CHECK(sent[9] == "first line");

  // Sent raw, past the limits: refused naming the field; the stored status stays.
  const Reply bad = raw(hub.url(), "POST", "/api/v1/kiosks/museum-1/status",
                        json{{"screen", std::string(fl::kStatusTextBytes + 1, 's')}, {"profile", 7}}.dump(), bearer(key));
  CHECK(bad.status == 422);
  CHECK(bad.text.find("screen") != std::string::npos);
  CHECK(bad.text.find("profile") != std::string::npos);
  CHECK(chi.get("/api/v1/kiosks").body["kiosks"][0]["status"]["profile"] == "steamzone");
}

TEST_CASE("announcements: signed, targeted, gone at their end time, a replay or a bad signature is refused",
          "[hub][fleet][announcements][hostile]") {
  Clock clock;
  TestHub hub(withClock(clock));
  Staff ana(hub, "ana"), bao(hub, "bao"), chi(hub, "chi");
  FleetClient museum(kioskAt(hub, hub.dir / "k1", clock, "museum-1"));
  pairedKiosk(hub, ana, museum);
  museum.pollCommands();
  const long long now = clock.now->load();

  // Publishers post; editors only read. Both languages and an end time are required.
  const json notice{{"text", {{"vi", "Công viên đóng cửa lúc 15:00 hôm nay"}, {"en", "The park closes at 15:00 today"}}},
                    {"ends", now + 3600}};
  CHECK(chi.json("POST", "/api/v1/announcements", notice).status == 403);
  const Reply missing = bao.json("POST", "/api/v1/announcements", {{"text", {{"vi", "Chỉ tiếng Việt"}}}, {"ends", now - 5}});
  CHECK(missing.status == 422);
  for (const char* field : {"text.en", "ends"}) CHECK(missing.text.find(field) != std::string::npos);
  const Reply posted = bao.json("POST", "/api/v1/announcements", notice);
  REQUIRE(posted.status == 201);
  const Reply forLobby = bao.json("POST", "/api/v1/announcements",
                                  {{"text", {{"vi", "Sảnh"}, {"en", "Lobby"}}}, {"ends", now + 60}, {"target", {{"groups", {"lobby"}}}}});
  REQUIRE(forLobby.status == 201);
  CHECK(chi.get("/api/v1/announcements").body["announcements"].size() == 2);

  // The next poll brings them, verified; the kiosk shows what is for it.
  const auto poll = museum.pollCommands();
  CHECK(poll.announcementsChanged);
  CHECK(poll.refused.empty());
  auto shown = fl::showing(museum.announcements(), "museum-1", "museum", now);
  REQUIRE(shown.size() == 1);
  CHECK(shown[0].text["en"] == "The park closes at 15:00 today");
  CHECK(fl::showing(museum.announcements(), "lobby-1", "lobby", now).size() == 2);
  // Gone at its end time, by the kiosk's own clock.
  CHECK(fl::showing(museum.announcements(), "museum-1", "museum", now + 3600).empty());

  // The kiosk keeps the newest: an older signed document (a replay) is refused.
  const json oldDocument = [&] {
    const Reply commands = raw(hub.url(), "GET", "/api/v1/kiosks/museum-1/commands", "", bearer(museum.identity()->reportKey));
    return commands.body["announcements"];
  }();
  REQUIRE(bao.send("DELETE", "/api/v1/announcements/" + posted.body["id"].get<std::string>(), "").status == 200);
  CHECK(museum.pollCommands().announcementsChanged);
  CHECK(fl::showing(museum.announcements(), "museum-1", "museum", now).empty());  // withdrawn
  const auto replayed = fl::verifyAnnouncements(oldDocument, museum.identity()->publisherKey);
  CHECK(replayed.revision < museum.announcements().revision);

  // A bad signature: refused, nothing changes on the kiosk.
  json forged = oldDocument;
  std::string text = forged["signed"];
  text.replace(text.find("15:00"), 5, "11:00");
  forged["signed"] = text;
  CHECK_THROWS_AS(fl::verifyAnnouncements(forged, museum.identity()->publisherKey), qtsc::sync::VerificationError);
  CHECK_THROWS_AS(fl::verifyAnnouncements(oldDocument, qtsc::sync::generateKeyPair().publicKey), qtsc::sync::VerificationError);
}
