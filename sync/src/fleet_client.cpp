// The kiosk's side of the fleet protocol: pairing, the command poll, uploads.
#include "qtsc/sync/fleet_client.hpp"

#include <sodium.h>

#include <chrono>
#include <system_error>

#include "files.hpp"
#include "http.hpp"
#include "text.hpp"
#include "json_fields.hpp"
#include "qtsc/sync/client.hpp"
#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/kiosk_report.hpp"

namespace qtsc::sync {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr unsigned kPrivate = 0600;
constexpr unsigned long long kMaxAnswerBytes = 16 * 1024;  // bytes of a pairing or status answer

json readJsonFile(const fs::path& path) {
  const json value = json::parse(readWholeFile(path), nullptr, false);
  if (value.is_discarded() || !value.is_object()) throw VerificationError(path.string() + " is not a JSON object");
  return value;
}

// The hub's {"error": ...} when it sent one, else the status.
std::string refusal(const HttpResponse& answer) {
  const json body = json::parse(answer.body, nullptr, false);
  if (body.is_object() && body.contains("error") && body["error"].is_string())
    return "the hub answered " + std::to_string(answer.status) + ": " + body["error"].get<std::string>();
  return "the hub answered HTTP " + std::to_string(answer.status);
}

bool isIdentityFile(const fs::path& folder) { return fs::exists(folder / "identity.json") && fs::exists(folder / "report.key"); }

}  // namespace

struct FleetClient::Http {
  SyncConfig config;
  std::unique_ptr<HttpClient> client;
};

FleetClient::FleetClient(FleetClientSettings settings) : settings_(std::move(settings)), http_(std::make_unique<Http>()) {
  if (settings_.hubUrl.empty()) throw SyncError("the fleet client needs the hub's address");
  while (!settings_.hubUrl.empty() && settings_.hubUrl.back() == '/') settings_.hubUrl.pop_back();
  ensureDirectory(settings_.folder);
  fs::permissions(settings_.folder, fs::perms::owner_all, fs::perm_options::replace);
  http_->config.connectTimeoutSeconds = settings_.connectTimeoutSeconds;
  http_->config.transferTimeoutSeconds = settings_.requestTimeoutSeconds;
  http_->config.stallTimeoutSeconds = settings_.requestTimeoutSeconds;
  http_->client = std::make_unique<HttpClient>(http_->config);
  identity_ = loadIdentity(settings_.folder);
  const fs::path held = settings_.folder / "announcements.json";
  if (identity_ && fs::exists(held)) {
    try {
      announcements_ = fleet::verifyAnnouncements(readJsonFile(held), identity_->publisherKey);
    } catch (const SyncError&) {
      announcements_ = {};  // a damaged file: the next poll brings the current ones
    }
  }
}

FleetClient::~FleetClient() = default;

long long FleetClient::now() const {
  return settings_.clock ? settings_.clock()
                         : std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string FleetClient::api(const std::string& path) const { return settings_.hubUrl + "/api/v1" + path; }

std::optional<FleetIdentity> FleetClient::loadIdentity(const fs::path& folder) {
  if (!isIdentityFile(folder)) return std::nullopt;
  const json identity = readJsonFile(folder / "identity.json");
  FleetIdentity out;
  out.hubUrl = fields::text(identity, "hubUrl", "identity.json");
  out.kioskId = fields::text(identity, "kioskId", "identity.json");
  out.reportKey = readWholeFile(folder / "report.key");
  out.publisherKey = loadPublicKey(folder / "publisher.pub");
  if (out.kioskId.empty() || out.reportKey.empty()) throw VerificationError((folder / "identity.json").string() + " is incomplete");
  return out;
}

PairingOffer FleetClient::startPairing() {
  const fleet::BoxKeyPair keys = fleet::generateBoxKeyPair();
  json request{{"kioskKey", fleet::toHex(keys.publicKey)}};
  if (!settings_.proposedId.empty()) request["proposedId"] = settings_.proposedId;
  const HttpResponse answer = http_->client->request("POST", api("/pairing"), request.dump(), "application/json", "", "", kMaxAnswerBytes);
  if (answer.status != 201) throw DownloadError("cannot start pairing: " + refusal(answer), answer.status, answer.retryAfter);
  const json body = json::parse(answer.body, nullptr, false);
  if (!body.is_object() || !body.contains("request") || !body["request"].is_string() || !body.contains("nonce") ||
      !body["nonce"].is_string() || !body.contains("publisherKey") || !body["publisherKey"].is_string() ||
      !body.contains("expires") || !body["expires"].is_number_integer())
    throw VerificationError("the hub's answer to a pairing request lacks request, nonce, publisherKey or expires");
  const std::string nonce = body["nonce"].get<std::string>();
  if (nonce.size() != fleet::kPairingNonceBytes * 2) throw VerificationError("the hub's pairing nonce is not 64 hex digits");
  const PublicKey publisher = parsePublicKey(body["publisherKey"].get<std::string>());
  PairingOffer offer;
  offer.requestId = body["request"].get<std::string>();
  offer.expires = body["expires"].get<long long>();
  offer.code = fleet::formatPairingCode(fleet::pairingCode(keys.publicKey, publisher, nonce));
  std::string secretHex(keys.secretKey.size() * 2 + 1, '\0');
  sodium_bin2hex(secretHex.data(), secretHex.size(), keys.secretKey.data(), keys.secretKey.size());
  secretHex.pop_back();
  writeFileDurably(settings_.folder / "pairing.key", secretHex, kPrivate);
  writeFileDurably(settings_.folder / "pairing.json",
                   json{{"request", offer.requestId}, {"publisherKey", toHex(publisher)}, {"kioskKey", fleet::toHex(keys.publicKey)},
                        {"expires", offer.expires}}
                       .dump(),
                   kPrivate);
  return offer;
}

PairingState FleetClient::checkPairing() {
  const fs::path pending = settings_.folder / "pairing.json";
  if (!fs::exists(pending)) return PairingState::Expired;
  const json pairing = readJsonFile(pending);
  const std::string requestId = fields::text(pairing, "request", "pairing.json");
  if (fields::integer(pairing, "expires", "pairing.json") < now()) return PairingState::Expired;
  const HttpResponse answer = http_->client->request("GET", api("/pairing/" + requestId), "", "", "", "", kMaxAnswerBytes);
  if (answer.status == 202) return PairingState::Waiting;
  if (answer.status == 404 || answer.status == 410) return PairingState::Expired;
  if (answer.status != 200) throw DownloadError("cannot ask about the pairing: " + refusal(answer), answer.status, answer.retryAfter);
  const json body = json::parse(answer.body, nullptr, false);
  if (!body.is_object() || !body.contains("kioskId") || !body["kioskId"].is_string() || !body.contains("sealedReportKey") ||
      !body["sealedReportKey"].is_string() || !body.contains("signature") || !body["signature"].is_string())
    throw VerificationError("the hub's pairing result lacks kioskId, sealedReportKey or signature");
  const std::string kioskId = body["kioskId"].get<std::string>();
  const std::string sealed = body["sealedReportKey"].get<std::string>();
  // The publisher key comes from the pairing the code was derived from, never from this answer.
  const PublicKey publisher = parsePublicKey(fields::text(pairing, "publisherKey", "pairing.json"));
  if (!verify(fleet::pairingResultMessage(requestId, kioskId, sealed), body["signature"].get<std::string>(), publisher))
    throw VerificationError("the pairing result is not signed by the publisher key the pairing code vouched for");
  if (!isKioskName(kioskId)) throw VerificationError("the hub named this kiosk with something that is not a kiosk name");
  fleet::BoxKeyPair keys;
  keys.publicKey = fleet::parseBoxPublicKey(fields::text(pairing, "kioskKey", "pairing.json"));
  const std::string secretHex = readWholeFile(settings_.folder / "pairing.key");
  std::size_t written = 0;
  if (sodium_hex2bin(keys.secretKey.data(), keys.secretKey.size(), secretHex.data(), secretHex.size(), nullptr, &written,
                     nullptr) != 0 ||
      written != keys.secretKey.size())
    throw VerificationError("the pairing key file is damaged: pair again");
  const std::string reportKey = fleet::openSealed(sealed, keys);
  sodium_memzero(keys.secretKey.data(), keys.secretKey.size());
  writeFileDurably(settings_.folder / "report.key", reportKey, kPrivate);
  writeFileDurably(settings_.folder / "publisher.pub", toHex(publisher) + "\n", kPrivate);
  writeFileDurably(settings_.folder / "identity.json", json{{"hubUrl", settings_.hubUrl}, {"kioskId", kioskId}}.dump(), kPrivate);
  std::error_code ignored;
  fs::remove(settings_.folder / "pairing.key", ignored);
  fs::remove(pending, ignored);
  fs::remove(settings_.folder / "announcements.json", ignored);  // held under another key, if any
  announcements_ = {};
  identity_ = loadIdentity(settings_.folder);
  return PairingState::Paired;
}

void FleetClient::forget() {
  std::error_code ignored;
  for (const char* name : {"identity.json", "report.key", "publisher.pub", "announcements.json", "pairing.key", "pairing.json"})
    fs::remove(settings_.folder / name, ignored);
  identity_.reset();
  announcements_ = {};
  etag_.clear();
}

CommandPoll FleetClient::pollCommands() {
  if (!identity_) throw SyncError("this kiosk is not paired with a hub");
  CommandPoll poll;
  const HttpResponse answer = http_->client->request("GET", api("/kiosks/" + identity_->kioskId + "/commands"), "", "",
                                                     identity_->reportKey, etag_, fleet::kMaxCommandsBytes);
  if (answer.status == 304) {
    poll.unchanged = true;
    return poll;
  }
  if (answer.status != 200) throw DownloadError("cannot poll the hub's commands: " + refusal(answer), answer.status, answer.retryAfter);
  const json body = json::parse(answer.body, nullptr, false);
  if (!body.is_object()) throw VerificationError("the hub's commands are not a JSON object");
  const long long syncNow = fields::integer(body, "syncNow", "the hub's commands");
  const long long screenshot = fields::integer(body, "screenshot", "the hub's commands");
  poll.syncNow = syncNowSeen_ >= 0 && syncNow > syncNowSeen_;  // at start the kiosk syncs anyway
  syncNowSeen_ = syncNow;
  poll.screenshot = fields::flag(body, "screenshotPending", "the hub's commands") && screenshot != screenshotDone_;
  if (poll.screenshot) screenshotDone_ = screenshot;
  if (body.contains("announcements") && !body["announcements"].is_null()) {
    try {
      fleet::AnnouncementsDocument offered = fleet::verifyAnnouncements(body["announcements"], identity_->publisherKey);
      if (offered.revision < announcements_.revision) {
        poll.refused = "announcements revision " + std::to_string(offered.revision) + " is older than revision " +
                       std::to_string(announcements_.revision) + " held here (a replay)";
      } else if (offered.revision > announcements_.revision) {
        announcements_ = std::move(offered);
        writeFileDurably(settings_.folder / "announcements.json", body["announcements"].dump(), kPrivate);
        poll.announcementsChanged = true;
      }
    } catch (const VerificationError& e) {
      poll.refused = e.what();
    }
  }
  // A refused answer is asked again next time in full, not answered 304.
  etag_ = poll.refused.empty() ? answer.etag : std::string();
  return poll;
}

void FleetClient::uploadScreenshot(std::string_view png) {
  if (!identity_) throw SyncError("this kiosk is not paired with a hub");
  if (png.size() > fleet::kMaxScreenshotBytes)
    throw SyncError("the screenshot is " + std::to_string(png.size()) + " bytes, more than the " +
                    std::to_string(fleet::kMaxScreenshotBytes) + " the hub takes");
  const HttpResponse answer = http_->client->request("POST", api("/kiosks/" + identity_->kioskId + "/screenshot"),
                                                     std::string(png), "image/png", identity_->reportKey, "", kMaxAnswerBytes);
  if (answer.status != 201) throw DownloadError("the hub refused the screenshot: " + refusal(answer), answer.status, answer.retryAfter);
}

void FleetClient::sendStatus(const json& status) {
  if (!identity_) throw SyncError("this kiosk is not paired with a hub");
  // Within what the hub takes: the latest kMaxStatusWarnings lines, each one line of at most
  // kStatusWarningBytes; texts of at most kStatusTextBytes.
  json body = status;
  if (body.contains("warnings") && body["warnings"].is_array()) {
    json lines = json::array();
    const json& all = body["warnings"];
    const std::size_t first = all.size() > fleet::kMaxStatusWarnings ? all.size() - fleet::kMaxStatusWarnings : 0;
    for (std::size_t i = first; i < all.size(); ++i)
      if (all[i].is_string()) lines.push_back(oneLine(all[i].get<std::string>(), fleet::kStatusWarningBytes - 3));
    body["warnings"] = std::move(lines);
  }
  for (auto& [key, value] : body.items())
    if (key != "warnings" && value.is_string() && value.get<std::string>().size() > fleet::kStatusTextBytes)
      value = oneLine(value.get<std::string>(), fleet::kStatusTextBytes - 3);  // "..." included
  // A line quoting bytes that are not UTF-8 (a server's answer in a warning) is sent with them replaced.
  const std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
  const HttpResponse answer = http_->client->request("POST", api("/kiosks/" + identity_->kioskId + "/status"), text,
                                                     "application/json", identity_->reportKey, "", kMaxAnswerBytes);
  if (answer.status != 200) throw DownloadError("the hub refused the status: " + refusal(answer), answer.status, answer.retryAfter);
}

}  // namespace qtsc::sync
