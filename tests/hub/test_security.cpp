// The hub against hostile and broken input, on a real server on 127.0.0.1: sign-in
// throttling (its clock injected, nothing sleeps), bounded password checks, API tokens
// after a password change, the last-admin rule under a race, uploads decoded under a pixel
// limit and encoded anew, pictures published where kiosks look for them, kiosk reports
// bounded per kiosk, a bounded audit log, and the published timestamp kept signed.
#include <catch2/catch.hpp>
#include <stb_image.h>
#include <stb_image_write.h>

#include <atomic>
#include <future>
#include <set>
#include <thread>

#include "qtsc/content/store.hpp"
#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/kiosk_report.hpp"
#include "qtsc/hub/login_throttle.hpp"
#include "qtsc/sync/client.hpp"
#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/published.hpp"
#include "test_hub_support.hpp"

using namespace qtsc::testing;
using nlohmann::json;
using std::chrono::steady_clock;

namespace {

bool hasField(const Reply& r, const std::string& field) {
  if (!r.body.is_object() || !r.body.contains("errors")) return false;
  for (const auto& e : r.body["errors"])
    if (e["field"] == field) return true;
  return false;
}

std::string messageOf(const Reply& r) {
  std::string all;
  if (r.body.is_object() && r.body.contains("errors"))
    for (const auto& e : r.body["errors"]) all += e.value("message", "") + "\n";
  return all;
}

// Clocks a test moves by hand.
struct FakeClocks {
  std::shared_ptr<std::atomic<long long>> offsetSeconds = std::make_shared<std::atomic<long long>>(0);
  void advance(std::chrono::seconds by) { *offsetSeconds += by.count(); }
  void into(qtsc::hub::HubSettings& s) const {
    auto offset = offsetSeconds;
    const auto steadyStart = steady_clock::now();
    const long long unixStart = qtsc::hub::nowSeconds();
    s.steadyClock = [offset, steadyStart] { return steadyStart + std::chrono::seconds(offset->load()); };
    s.unixClock = [offset, unixStart] { return unixStart + offset->load(); };
  }
};

void append(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::string pngOf(int width, int height, int channels = 3) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width * height * channels));
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<unsigned char>(i * 7);
  std::string out;
  REQUIRE(stbi_write_png_to_func(append, &out, width, height, channels, pixels.data(), width * channels));
  return out;
}

std::string jpegOf(int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width * height * 3), 128);
  std::string out;
  REQUIRE(stbi_write_jpg_to_func(append, &out, width, height, 3, pixels.data(), 90));
  return out;
}

std::uint32_t crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const char ch : bytes) {
    crc ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>((v >> 16) & 0xFF), static_cast<char>((v >> 8) & 0xFF),
          static_cast<char>(v & 0xFF)};
}

// A PNG chunk with its length and CRC.
std::string chunk(const std::string& type, const std::string& data) {
  return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

// A valid small PNG whose header claims `width` × `height` (what a decompression bomb does).
std::string pngClaiming(std::uint32_t width, std::uint32_t height) {
  std::string png = pngOf(2, 2);
  std::string ihdr = be32(width) + be32(height) + png.substr(24, 5);
  return png.substr(0, 8) + chunk("IHDR", ihdr) + png.substr(33);
}

json pixelsOf(const std::string& bytes) {
  int w = 0, h = 0, n = 0;
  unsigned char* p = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(bytes.data()),
                                           static_cast<int>(bytes.size()), &w, &h, &n, 0);
  if (!p) return nullptr;
  std::string data(reinterpret_cast<const char*>(p), static_cast<std::size_t>(w * h * n));
  stbi_image_free(p);
  return {{"w", w}, {"h", h}, {"n", n}, {"hash", qtsc::sync::sha256Hex(data)}};
}

Reply login(const TestHub& hub, const std::string& name, const std::string& password,
            const httplib::Headers& headers = {}) {
  return raw(hub.url(), "POST", "/api/v1/login", json{{"name", name}, {"password", password}}.dump(), headers);
}

}  // namespace

// ---- Sign-in throttling ---------------------------------------------------------------

TEST_CASE("login throttle: waits double, a quiet day forgets, and nobody inherits another's penalty", "[hub][throttle]") {
  auto now = steady_clock::now();
  qtsc::hub::LoginThrottle throttle({.freeFailures = 3,
                                     .delayBase = std::chrono::milliseconds(2000),
                                     .delayCap = std::chrono::milliseconds(60000)},
                                    [&now] { return now; });
  auto fail = [&](const std::string& name, const std::string& address) {
    const auto d = throttle.begin(name, address);
    if (d.allowed) throttle.failed(name, address);
    return d;
  };
  CHECK(fail("ana", "10.0.0.9").allowed);
  CHECK(fail("ana", "10.0.0.9").allowed);
  CHECK(fail("ana", "10.0.0.9").allowed);
  // The third failure starts the wait, for the name from any address.
  auto held = throttle.begin("ana", "10.0.0.9");
  CHECK_FALSE(held.allowed);
  CHECK(held.retryAfterSeconds == 2);
  CHECK_FALSE(throttle.begin("ana", "10.0.0.50").allowed);
  // Someone sprays names from another address: it goes over its count, yet a person there
  // signs in; only names that failed there themselves wait.
  for (const char* name : {"x1", "x2", "x3", "x4"}) CHECK(fail(name, "10.0.0.77").allowed);
  auto bao = throttle.begin("bao", "10.0.0.77");
  CHECK(bao.allowed);
  throttle.succeeded("bao", "10.0.0.77");
  CHECK_FALSE(throttle.begin("x1", "10.0.0.77").allowed);
  CHECK(throttle.begin("x1", "10.0.0.78").allowed);
  throttle.cancelled("x1", "10.0.0.78");
  now += std::chrono::seconds(2);
  CHECK(fail("ana", "10.0.0.9").allowed);
  held = throttle.begin("ana", "10.0.0.9");
  CHECK(held.retryAfterSeconds == 4);  // doubled
  now += std::chrono::seconds(4);
  CHECK(fail("ana", "10.0.0.9").allowed);
  CHECK(throttle.begin("ana", "10.0.0.9").retryAfterSeconds == 8);
  // Capped, and a day without failures forgets them.
  for (int i = 0; i < 20; ++i) {
    now += std::chrono::minutes(2);
    fail("ana", "10.0.0.9");
  }
  CHECK(throttle.begin("ana", "10.0.0.9").retryAfterSeconds <= 60);
  now += std::chrono::hours(25);
  CHECK(throttle.begin("ana", "10.0.0.9").allowed);
  throttle.succeeded("ana", "10.0.0.9");

  // A name that signed in from an address keeps signing in there while strangers elsewhere
  // fail under that name; a stranger at a new address waits.
  for (int i = 0; i < 6; ++i) fail("ana", "203.0.113.7");
  CHECK_FALSE(throttle.begin("ana", "198.51.100.1").allowed);
  CHECK(throttle.begin("ana", "10.0.0.9").allowed);
}

TEST_CASE("ten sign-ins at once with a wrong password count as ten", "[hub][throttle]") {
  qtsc::hub::HubSettings settings;
  FakeClocks clocks;
  clocks.into(settings);
  TestHub hub(settings);
  std::vector<std::future<int>> attempts;
  for (int i = 0; i < 10; ++i)
    attempts.push_back(std::async(std::launch::async, [&hub] { return login(hub, "ana", "wrong-password-1").status; }));
  int wrong = 0, waiting = 0;
  for (auto& a : attempts) {
    const int status = a.get();
    if (status == 401) ++wrong;
    if (status == 429) ++waiting;
  }
  // Three were checked; the others waited without a password check.
  CHECK(wrong == 3);
  CHECK(waiting == 7);
  CHECK(login(hub, "ana", kTestPassword).status == 429);
  clocks.advance(std::chrono::seconds(2));
  CHECK(login(hub, "ana", kTestPassword).status == 200);
}

TEST_CASE("other people's failed sign-ins from the same address do not hold a sign-in", "[hub][throttle]") {
  qtsc::hub::HubSettings settings;
  FakeClocks clocks;
  clocks.into(settings);
  TestHub hub(settings);
  // Behind nginx without a trusted proxy every client is 127.0.0.1: someone sprays names.
  for (const char* name : {"admin", "root", "nobody", "x", "y"}) CHECK(login(hub, name, "guess-123456").status == 401);
  // The address is over its count: a name that fails from it now waits after one failure.
  CHECK(login(hub, "ana", "guess-123456").status == 401);
  CHECK(login(hub, "ana", "guess-123456").status == 429);
  CHECK(login(hub, "ana", kTestPassword).status == 429);
  CHECK(login(hub, "bao", kTestPassword).status == 200);
  CHECK(login(hub, "chi", kTestPassword).status == 200);
}

TEST_CASE("the client address comes from X-Forwarded-For only through a trusted proxy", "[hub][throttle][audit]") {
  auto addressOfChi = [](TestHub& hub) {
    Staff ana(hub, "ana");
    const Reply log = ana.get("/api/v1/audit");
    for (const auto& e : log.body)
      if (e["action"] == "sign-in" && e["user"] == "chi") return e["after"]["address"].get<std::string>();
    return std::string("none");
  };
  {
    TestHub hub;  // nothing trusted: the header is ignored
    REQUIRE(login(hub, "chi", kTestPassword, {{"X-Forwarded-For", "198.51.100.7"}}).status == 200);
    CHECK(addressOfChi(hub) == "127.0.0.1");
  }
  {
    qtsc::hub::HubSettings settings;
    settings.trustedProxies = {"127.0.0.1"};
    TestHub hub(settings);
    // A client's own "X-Forwarded-For: forged" is left of what the proxy appended.
    REQUIRE(login(hub, "chi", kTestPassword, {{"X-Forwarded-For", "203.0.113.66, 198.51.100.7"}}).status == 200);
    CHECK(addressOfChi(hub) == "198.51.100.7");
    REQUIRE(login(hub, "ana", kTestPassword, {{"X-Forwarded-For", "198.51.100.7"}}).status == 200);
    // Strangers failing as ana from elsewhere do not lock ana out where she signs in.
    for (int i = 0; i < 5; ++i) login(hub, "ana", "wrong-password-1", {{"X-Forwarded-For", "203.0.113.66"}});
    CHECK(login(hub, "ana", kTestPassword, {{"X-Forwarded-For", "203.0.113.99"}}).status == 429);
    CHECK(login(hub, "ana", kTestPassword, {{"X-Forwarded-For", "198.51.100.7"}}).status == 200);
  }
}

TEST_CASE("sign-ins and failed sign-ins are in the audit log, without the password", "[hub][audit]") {
  TestHub hub;
  CHECK(login(hub, "chi", "wrong-password-1").status == 401);
  Staff chi(hub, "chi");
  Staff ana(hub, "ana");
  const Reply log = ana.get("/api/v1/audit");
  REQUIRE(log.status == 200);
  int failed = 0, signedIn = 0;
  for (const auto& e : log.body) {
    if (e["user"] == "chi" && e["action"] == "sign-in-failed") ++failed;
    if (e["user"] == "chi" && e["action"] == "sign-in") ++signedIn;
  }
  CHECK(failed == 1);
  CHECK(signedIn == 1);
  CHECK(log.text.find("wrong-password-1") == std::string::npos);
}

TEST_CASE("password checks at once are bounded; the excess is told to retry", "[hub][throttle]") {
  qtsc::hub::HubSettings settings;
  settings.maxConcurrentHashes = 1;
  settings.hashQueueWait = std::chrono::milliseconds(0);
  TestHub hub(settings);
  {
    // Accounts hashed at a real cost (through a second connection to the hub's database),
    // so each check takes long enough for the checks to overlap.
    qtsc::hub::HubDatabase heavy((hub.dir / "data" / "hub.db").string(), {2, 32 * 1024 * 1024});
    for (int i = 0; i < 8; ++i) heavy.addAccount("someone-" + std::to_string(i), qtsc::hub::Role::Editor, kTestPassword);
  }
  std::vector<std::future<Reply>> attempts;
  for (int i = 0; i < 8; ++i)
    attempts.push_back(std::async(std::launch::async, [&hub, i] {
      return login(hub, "someone-" + std::to_string(i), "wrong-password-1");
    }));
  int busy = 0;
  for (auto& a : attempts) {
    const Reply r = a.get();
    CHECK((r.status == 401 || r.status == 503));
    if (r.status == 503) {
      ++busy;
      CHECK(r.headers.count("Retry-After") == 1);
    }
  }
  CHECK(busy >= 1);
  // A busy answer does not count as a failure: each name may still sign in.
  for (int i = 0; i < 8; ++i) CHECK(login(hub, "someone-" + std::to_string(i), kTestPassword).status == 200);
}

// ---- Accounts and tokens ----------------------------------------------------------------

TEST_CASE("a new password revokes the account's API tokens, and the answer says so", "[hub][tokens]") {
  TestHub hub;
  Staff chi(hub, "chi");
  const std::string token = chi.json("POST", "/api/v1/tokens", {{"label", "import"}}).body["token"];
  const httplib::Headers bearer{{"Authorization", "Bearer " + token}};
  REQUIRE(raw(hub.url(), "GET", "/api/v1/session", "", bearer).status == 200);
  const Reply changed = chi.json("PUT", "/api/v1/me/password", {{"current", kTestPassword}, {"password", "another-long-password"}});
  REQUIRE(changed.status == 200);
  CHECK(changed.body["revokedTokens"] == 1);
  CHECK(raw(hub.url(), "GET", "/api/v1/session", "", bearer).status == 401);

  // An admin's reset does the same.
  Staff chi2(hub, "chi", "another-long-password");
  const std::string second = chi2.json("POST", "/api/v1/tokens", {{"label", "again"}}).body["token"];
  Staff ana(hub, "ana");
  const Reply reset = ana.json("PUT", "/api/v1/accounts/chi", {{"password", "reset-by-the-admin"}});
  REQUIRE(reset.status == 200);
  CHECK(reset.body["revokedTokens"] == 1);
  CHECK(raw(hub.url(), "GET", "/api/v1/session", "", {{"Authorization", "Bearer " + second}}).status == 401);
  CHECK(chi2.get("/api/v1/session").status == 401);  // the session ended too
  // A role change alone keeps them.
  Staff bao(hub, "bao");
  const std::string kept = bao.json("POST", "/api/v1/tokens", {{"label", "kept"}}).body["token"];
  CHECK(ana.json("PUT", "/api/v1/accounts/bao", {{"role", "editor"}}).status == 200);
  CHECK(raw(hub.url(), "GET", "/api/v1/session", "", {{"Authorization", "Bearer " + kept}}).status == 200);
}

TEST_CASE("an API token may expire", "[hub][tokens]") {
  qtsc::hub::HubSettings settings;
  FakeClocks clocks;
  clocks.into(settings);
  TestHub hub(settings);
  Staff chi(hub, "chi");
  const Reply made = chi.json("POST", "/api/v1/tokens", {{"label", "for a week"}, {"expiresInDays", 7}});
  REQUIRE(made.status == 201);
  CHECK(made.body["expires"].is_string());
  const httplib::Headers bearer{{"Authorization", "Bearer " + made.body["token"].get<std::string>()}};
  CHECK(raw(hub.url(), "GET", "/api/v1/session", "", bearer).status == 200);
  clocks.advance(std::chrono::hours(24 * 8));
  CHECK(raw(hub.url(), "GET", "/api/v1/session", "", bearer).status == 401);
  Staff again(hub, "chi");
  const Reply list = again.get("/api/v1/tokens");
  REQUIRE(list.body.size() == 1);
  CHECK(list.body[0]["expired"] == true);
  for (const json& bad : {json(0), json(-3), json("soon"), json(100000), json(1.5)})
    CHECK(hasField(again.json("POST", "/api/v1/tokens", {{"label", "x"}, {"expiresInDays", bad}}), "expiresInDays"));
}

TEST_CASE("two admins demoting each other at once leave an admin", "[hub][accounts]") {
  TestHub hub;
  hub.hub().database().addAccount("dung", qtsc::hub::Role::Admin, kTestPassword);
  Staff ana(hub, "ana"), dung(hub, "dung");
  for (int round = 0; round < 10; ++round) {
    auto a = std::async(std::launch::async, [&] { return ana.json("PUT", "/api/v1/accounts/dung", {{"role", "editor"}}).status; });
    auto d = std::async(std::launch::async, [&] { return dung.json("PUT", "/api/v1/accounts/ana", {{"role", "editor"}}).status; });
    const int first = a.get(), second = d.get();
    REQUIRE(hub.hub().database().adminCount() >= 1);
    CHECK(((first == 200) != (second == 200)));  // exactly one of them was allowed
    hub.hub().database().setRole("ana", qtsc::hub::Role::Admin);
    hub.hub().database().setRole("dung", qtsc::hub::Role::Admin);
  }
  // Removing the last admin is refused in the same way.
  hub.hub().database().setRole("dung", qtsc::hub::Role::Editor);
  CHECK_THROWS_AS(hub.hub().database().removeAccount("ana"), qtsc::hub::ConflictError);
  CHECK(hub.hub().database().adminCount() == 1);
}

TEST_CASE("a password being hashed does not hold the database for other requests", "[hub][accounts]") {
  TempDir dir;
  // A real cost (256 MiB, 3 passes): the hash takes long enough to be caught in progress.
  qtsc::hub::HubDatabase db((dir / "hub.db").string(), {3, 256 * 1024 * 1024});
  db.addAccount("ana", qtsc::hub::Role::Admin, kTestPassword);
  auto change = std::async(std::launch::async, [&db] { return db.setPassword("ana", "another-long-password"); });
  // While the new password is hashed, the database keeps answering: many reads complete
  // before the change does (with a lock held while hashing, the first read after the change
  // began would wait for all of it).
  int answeredMeanwhile = 0;
  while (change.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    (void)db.accounts();
    ++answeredMeanwhile;
  }
  INFO("reads answered while the password was hashed: " << answeredMeanwhile);
  CHECK(answeredMeanwhile >= 2000);
  change.get();
  CHECK(db.checkPassword("ana", "another-long-password"));
}

// ---- Uploads ------------------------------------------------------------------------------

TEST_CASE("uploads are decoded under a pixel limit and encoded anew", "[hub][assets]") {
  qtsc::hub::HubSettings settings;
  settings.imageLimits.maxSide = 1000;
  settings.imageLimits.maxPixels = 200'000;
  TestHub hub(settings);
  Staff chi(hub, "chi");
  auto upload = [&](const std::string& bytes) { return chi.send("POST", "/api/v1/assets", bytes, "image/png"); };

  // A decompression bomb: a small file whose header claims 40,000 × 40,000 pixels.
  const Reply bomb = upload(pngClaiming(40000, 40000));
  CHECK(bomb.status == 422);
  CHECK(hasField(bomb, "file"));
  CHECK_THAT(messageOf(bomb), Catch::Contains("40000 × 40000"));
  CHECK(hasField(upload(pngOf(900, 300)), "file"));  // 270,000 pixels: over the pixel limit
  CHECK(upload(pngOf(400, 300)).status == 201);

  // Junk after the image and metadata chunks are gone from what is stored.
  const std::string clean = pngOf(20, 10);
  const std::string withText = clean.substr(0, 33) + chunk("tEXt", std::string("Comment\0secret-location", 23)) + clean.substr(33);
  const std::string uploaded = withText + "TRAILING-JUNK<script>";
  const Reply stored = upload(uploaded);
  REQUIRE(stored.status == 201);
  const std::string name = stored.body["name"];
  const std::string kept = chi.get("/api/v1/assets/" + name).text;
  CHECK(name == qtsc::sync::sha256Hex(kept) + ".png");
  CHECK(kept.find("TRAILING-JUNK") == std::string::npos);
  CHECK(kept.find("secret-location") == std::string::npos);
  CHECK(pixelsOf(kept) == pixelsOf(clean));
  CHECK(stored.body["width"] == 20);
  CHECK(stored.body["height"] == 10);

  // JPEG stays JPEG; other things are refused with what is wrong.
  const Reply jpeg = upload(jpegOf(32, 16));
  REQUIRE(jpeg.status == 201);
  CHECK(jpeg.body["name"].get<std::string>().ends_with(".jpg"));
  CHECK(hasField(upload("RIFF\x10\0\0\0WEBPVP8 0000"), "file"));
  CHECK(hasField(upload("GIF89a......"), "file"));
  CHECK(hasField(upload(clean.substr(0, clean.size() / 2)), "file"));  // cut short
  CHECK(hasField(upload(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x')), "file"));
}

TEST_CASE("a picture uploaded on the hub is published where the kiosk looks for it", "[hub][assets][publish]") {
  TestHub hub;
  Staff chi(hub, "chi"), bao(hub, "bao"), ana(hub, "ana");
  const std::string picture = pngOf(64, 48);
  const Reply stored = chi.send("POST", "/api/v1/assets", picture, "image/png");
  REQUIRE(stored.status == 201);
  const std::string name = stored.body["name"];
  const Reply unused = chi.send("POST", "/api/v1/assets", pngOf(8, 8, 4), "image/png");
  REQUIRE(unused.status == 201);

  const Reply milestones = chi.get("/api/v1/content/milestones");
  REQUIRE(milestones.body.size() >= 2);
  for (int i = 0; i < 2; ++i) {
    json m = milestones.body[static_cast<std::size_t>(i)];
    m["gallery"] = json::array({{{"image", name}, {"caption", {{"vi", "Ảnh mẫu"}, {"en", "Sample picture"}}}}});
    REQUIRE(chi.json("PUT", "/api/v1/content/milestones/" + m["id"].get<std::string>(), m).status == 200);
  }
  const Reply published = bao.json("POST", "/api/v1/publish", {{"note", "Pictures"}});
  REQUIRE(published.status == 201);
  CHECK(published.body["assets"] == 2);  // the picture and its thumbnail; the unused upload is not published

  // The published asset index names it as the kiosk resolves a bare image name.
  const std::string timestampText = raw(hub.url(), "GET", "/content/timestamp.json", "", {}).text;
  const auto key = qtsc::sync::parsePublicKey(chi.get("/api/v1/versions").body["publicKey"].get<std::string>());
  const auto timestamp = qtsc::sync::openTimestamp(timestampText, key);
  const auto manifest = qtsc::sync::openManifest(raw(hub.url(), "GET", "/content/objects/" + timestamp.manifestHash, "", {}).text, key);
  const auto* indexRef = manifest.find(qtsc::sync::kRoleAssetIndex);
  REQUIRE(indexRef != nullptr);
  const auto index = qtsc::sync::parseAssetIndex(raw(hub.url(), "GET", "/content/objects/" + indexRef->hash, "", {}).text);
  REQUIRE(index.size() == 2);
  std::set<std::string> names;
  for (const auto& asset : index) names.insert(asset.name);
  CHECK(names == std::set<std::string>{"images/" + name, "images/" + qtsc::content::thumbnailName(name)});

  // A kiosk syncs and finds the picture under that name.
  qtsc::sync::SyncConfig config;
  config.baseUrl = hub.url() + "/content";
  config.publicKeyHex = chi.get("/api/v1/versions").body["publicKey"];
  config.dataDir = hub.dir / "kiosk-data";
  config.stateDir = hub.dir / "kiosk-state";
  config.kioskId = "lobby-1";
  config.hubUrl = hub.url();
  config.reportKey = ana.json("POST", "/api/v1/kiosks", {{"id", "lobby-1"}}).body["key"];
  qtsc::sync::SyncClient kiosk(config);
  const auto result = kiosk.syncOnce();
  INFO(result.message);
  REQUIRE(result.outcome == qtsc::sync::SyncOutcome::Installed);
  const auto path = qtsc::sync::assetPath(config.dataDir, "images/" + name);
  REQUIRE(path.has_value());
  CHECK(pixelsOf(readFile(*path)) == pixelsOf(picture));
  qtsc::content::ContentStore installed(qtsc::sync::currentContent(config.dataDir).string(),
                                        qtsc::content::ContentStore::Mode::ReadOnly);
  const auto gallery = installed.milestone(milestones.body[0]["id"].get<std::string>())->gallery;
  REQUIRE(gallery.size() == 1);
  CHECK(gallery[0].image == name);
  CHECK(qtsc::sync::assetPath(config.dataDir, "images/" + qtsc::content::thumbnailName(name)).has_value());
}

// ---- Kiosk reports ----------------------------------------------------------------------

namespace {
std::string report(const std::string& id, const json& usage = json::object()) {
  return json{{"id", id}, {"kioskId", "gate-1"}, {"contentVersion", 1}, {"result", "up-to-date"}, {"usage", usage}}.dump();
}
}  // namespace

TEST_CASE("report parsing names the field for every kind of bad value", "[hub][fleet]") {
  using qtsc::hub::InvalidRequestError;
  using qtsc::hub::readKioskReport;
  auto fields = [](std::string_view body) {
    std::set<std::string> names;
    try {
      readKioskReport(body);
    } catch (const InvalidRequestError& e) {
      for (const auto& issue : e.issues) names.insert(issue.field);
    }
    return names;
  };
  const auto ok = readKioskReport(report("r1", {{"opened", {{"tenant:a", 3}}}, {"starts", 2}}));
  CHECK(ok.usage["opened"]["tenant:a"] == 3);
  CHECK(ok.usage["counters"]["starts"] == 2);
  CHECK(fields("{").count("body"));
  CHECK(fields("[]").count("body"));
  CHECK(fields(std::string(70000, ' ')).count("body"));
  CHECK(fields(report("r1", {{"opened", {{"x", 1000000000}}}})).count("usage.opened.x"));
  CHECK(fields(report("r1", {{"opened", {{"x", 18446744073709551615ULL}}}})).count("usage.opened.x"));
  CHECK(fields(report("r1", {{"opened", {{"x", -1}}}})).count("usage.opened.x"));
  CHECK(fields(report("r1", {{"opened", {{"line\nbreak", 1}}}})).count("usage.opened.line?break"));
  CHECK(fields(report("r1", {{"madeUp", {{"x", 1}}}})).count("usage.madeUp"));
  CHECK(fields(json{{"id", "r"}, {"kioskId", "k"}, {"result", "up-to-date"}, {"contentVersion", 1e300}}.dump()).count("contentVersion"));
  CHECK(fields(json{{"id", "r"}, {"kioskId", "k"}, {"result", "up-to-date"}, {"freeDiskBytes", 1LL << 60}}.dump()).count("freeDiskBytes"));
  const auto multi = readKioskReport(json{{"id", "r"}, {"kioskId", "k"}, {"result", "failed"}, {"message", "one\ntwo\r\nthree"}}.dump());
  CHECK(multi.message.find('\n') == std::string::npos);
  // A kiosk whose published timestamp ran out says so; a result it cannot have is refused.
  CHECK(readKioskReport(json{{"id", "r"}, {"kioskId", "k"}, {"result", "expired"}}.dump()).result == "expired");
  CHECK(fields(json{{"id", "r"}, {"kioskId", "k"}, {"result", "fine"}}.dump()).count("result"));
}

TEST_CASE("kiosk reports: rate-limited per kiosk, new usage keys capped per day, old bodies pruned", "[hub][fleet]") {
  qtsc::hub::HubSettings settings;
  FakeClocks clocks;
  clocks.into(settings);
  settings.reportsPerKioskPerHour = 3;
  settings.usageKeysPerKioskPerDay = 5;
  settings.reportRetention = std::chrono::hours(24);
  TestHub hub(settings);
  Staff ana(hub, "ana"), chi(hub, "chi");
  const std::string key = ana.json("POST", "/api/v1/kiosks", {{"id", "gate-1"}}).body["key"];
  const httplib::Headers asKiosk{{"Authorization", "Bearer " + key}};
  auto send = [&](const std::string& body) { return raw(hub.url(), "POST", "/api/v1/reports", body, asKiosk); };

  json many = json::object();
  for (int i = 0; i < 8; ++i) many["opened"]["tenant:t" + std::to_string(i)] = 1;
  const Reply first = send(report("r1", many));
  REQUIRE(first.status == 201);
  CHECK(first.body["usageKeysDropped"] == 3);
  CHECK(chi.get("/api/v1/usage").body["opened"].size() == 5);
  // Keys already counted today still count.
  CHECK(send(report("r2", {{"opened", {{"tenant:t0", 4}}}})).status == 201);
  CHECK(send(report("r3")).status == 201);
  const Reply limited = send(report("r4"));
  CHECK(limited.status == 429);
  CHECK(limited.headers.count("Retry-After") == 1);
  const Reply usage = chi.get("/api/v1/usage");
  CHECK(usage.body["opened"][0]["key"] == "tenant:t0");
  CHECK(usage.body["opened"][0]["count"] == 5);

  // An hour later reports are taken again; the next day brings a new allowance of keys.
  clocks.advance(std::chrono::hours(25));
  json fresh = json::object();
  for (int i = 10; i < 15; ++i) fresh["opened"]["tenant:t" + std::to_string(i)] = 1;
  const Reply nextDay = send(report("r5", fresh));
  CHECK(nextDay.status == 201);
  CHECK(nextDay.body.value("usageKeysDropped", 0) == 0);
  // Report bodies older than the retention period are gone.
  CHECK(hub.hub().database().storedReports() == 1);
  // The report id is still refused twice within the retention period.
  CHECK(send(report("r5")).status == 409);
}

// ---- Audit log --------------------------------------------------------------------------

TEST_CASE("a 20,000-row import makes a small audit entry, and the audit page stays small", "[hub][audit]") {
  TestHub hub;
  Staff chi(hub, "chi"), ana(hub, "ana");
  const std::string exported = chi.get("/api/v1/tenants.csv").text;
  std::string csv = exported.substr(0, exported.find('\n') + 1);
  for (int i = 0; i < 20000; ++i)
    csv += "bulk-" + std::to_string(i) + ",Công ty " + std::to_string(i) + ",Company " + std::to_string(i) + ",,rd-labs,,,,,,\r\n";
  httplib::Client client(hub.url());
  client.set_read_timeout(std::chrono::seconds(240));  // a big import takes a while on a slow machine
  const auto imported = client.Post("/api/v1/tenants.csv", {{"Cookie", chi.cookie}, {"X-CSRF-Token", chi.csrf}}, csv, "text/csv");
  REQUIRE(imported);
  INFO(imported->body.substr(0, 500));
  REQUIRE(imported->status == 200);
  CHECK(json::parse(imported->body)["imported"] == 20000);
  const Reply log = ana.get("/api/v1/audit");
  REQUIRE(log.status == 200);
  CHECK(log.text.size() < 200 * 1024);
  bool found = false;
  for (const auto& e : log.body)
    if (e["action"] == "import") {
      found = true;
      CHECK(e["after"]["summarised"] == true);
      CHECK(e["after"]["records"] == 20000);
      CHECK(e["after"]["firstIds"][0] == "bulk-0");
    }
  CHECK(found);
}

// ---- The published timestamp ------------------------------------------------------------

TEST_CASE("the published timestamp is signed again before it expires", "[hub][publish]") {
  qtsc::hub::HubSettings settings;
  FakeClocks clocks;
  clocks.into(settings);
  TestHub hub(settings);
  Staff bao(hub, "bao");
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "first"}}).status == 201);
  const auto key = qtsc::sync::parsePublicKey(bao.get("/api/v1/versions").body["publicKey"].get<std::string>());
  auto poll = [&] { return qtsc::sync::openTimestamp(raw(hub.url(), "GET", "/content/timestamp.json", "", {}).text, key); };
  const auto first = poll();
  CHECK(poll().expires == first.expires);  // plenty left: unchanged
  CHECK(bao.get("/api/v1/kiosks").body["warnings"].empty());

  clocks.advance(std::chrono::hours(24 * 8));  // six days left, under the week of refresh
  const auto refreshed = poll();
  CHECK(refreshed.version == first.version);
  CHECK(refreshed.expires == first.expires + 8 * 24 * 3600);
  Staff later(hub, "bao");  // eight days on, the first session has ended
  Reply fleet = later.get("/api/v1/kiosks");
  REQUIRE(fleet.status == 200);
  CHECK(fleet.body["timestamp"]["expiresSoon"] == false);
  CHECK(fleet.body["warnings"].empty());
}

TEST_CASE("the fleet page warns when the published timestamp is close to expiry", "[hub][fleet]") {
  qtsc::hub::HubSettings settings;
  FakeClocks clocks;
  clocks.into(settings);
  settings.timestampRefreshBefore = std::chrono::seconds(0);  // never signed again, as if it failed
  TestHub hub(settings);
  Staff bao(hub, "bao");
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "first"}}).status == 201);
  clocks.advance(std::chrono::hours(24 * 12));
  Staff later(hub, "bao");
  Reply soon = later.get("/api/v1/kiosks");
  REQUIRE(soon.status == 200);
  CHECK(soon.body["timestamp"]["expiresSoon"] == true);
  REQUIRE(soon.body["warnings"].size() == 1);
  CHECK_THAT(soon.body["warnings"][0].get<std::string>(), Catch::Contains("expires in 48 h"));
  clocks.advance(std::chrono::hours(24 * 3));
  Staff last(hub, "bao");
  Reply expired = last.get("/api/v1/kiosks");
  CHECK(expired.body["timestamp"]["expired"] == true);
  CHECK_THAT(expired.body["warnings"][0].get<std::string>(), Catch::Contains("expired"));
}
