// The fleet's live side: pairing requests waiting for their code, the announcements and
// their signed document, what each kiosk is asked to do (sync now, a screenshot), the last
// screenshot and status of each. Pairing requests live in memory (a restart voids the codes
// shown; kiosks ask again); the rest is in DATA/fleet.db and DATA/screenshots/.
#pragma once

#include <nlohmann/json.hpp>

#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "qtsc/hub/server.hpp"
#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/fleet.hpp"

namespace SQLite {
class Database;
}

namespace qtsc::hub {

enum class PairingRefusal { None, TooManyPending, TooManyFromAddress, WrongCode, TooManyWrongCodes };

class FleetService {
 public:
  FleetService(const HubSettings& settings, const std::filesystem::path& dataDir, const sync::SecretKey& key,
               std::function<long long()> clock);
  ~FleetService();
  FleetService(const FleetService&) = delete;
  FleetService& operator=(const FleetService&) = delete;

  // ---- pairing ----
  struct PairingStart {
    PairingRefusal refusal = PairingRefusal::None;
    nlohmann::json answer;  // {request, nonce, publisherKey, expires, expiresIn}
  };
  PairingStart startPairing(const sync::fleet::BoxPublicKey& kioskKey, const std::string& proposedId,
                            const std::string& address);
  // {status, body}: 200 with the sealed key once claimed, 202 while waiting, 404 unknown or expired.
  std::pair<int, nlohmann::json> pairingResult(const std::string& requestId);
  // The admin typed `code`: the matching request is taken (single use). `makeKey(kioskId)`
  // pairs the kiosk in the hub's records and returns its new report key, which is sealed to
  // the request's pairing key and signed with the publisher key.
  struct Claim {
    PairingRefusal refusal = PairingRefusal::None;
    std::string kioskId;
    std::string kioskKeyId;  // a short name of the kiosk's pairing key
  };
  Claim claim(const std::string& code, const std::string& kioskId, const std::function<std::string(const std::string&)>& makeKey);
  // The proposed id of the request showing `code`, without taking it (empty when none).
  std::optional<std::string> proposedIdFor(const std::string& code);

  // ---- commands ----
  void requestSync(const std::string& kioskId);
  void requestScreenshot(const std::string& kioskId);
  // The body of GET /api/v1/kiosks/<id>/commands and its ETag.
  std::pair<std::string, std::string> commands(const std::string& kioskId);

  // ---- announcements ----
  nlohmann::json announcements() const;  // [{...announcement, author, created}], newest first
  // Checks and adds one; returns it. Throws InvalidRequestError naming the field.
  nlohmann::json addAnnouncement(const nlohmann::json& body, const std::string& author);
  void withdrawAnnouncement(const std::string& id);  // ConflictError when unknown
  [[nodiscard]] nlohmann::json signedAnnouncements();

  // ---- screenshots and status ----
  void storeScreenshot(const std::string& kioskId, const std::string& png, int width, int height);
  // {path, time} of the last screenshot.
  std::optional<std::pair<std::filesystem::path, long long>> screenshot(const std::string& kioskId) const;
  void setStatus(const std::string& kioskId, const nlohmann::json& status);
  // What the fleet page adds to a kiosk's row: status, screenshot time, pending requests.
  nlohmann::json row(const std::string& kioskId) const;
  void forgetKiosk(const std::string& kioskId);

 private:
  struct Pending {
    sync::fleet::BoxPublicKey kioskKey{};
    std::string proposedId;
    std::string code;
    std::string address;
    long long created = 0;
    long long expires = 0;
    bool claimed = false;
    nlohmann::json result;  // set when claimed
  };
  void dropExpired(long long now);
  void resign();
  long long counter(const std::string& kioskId, const char* column) const;

  const HubSettings& settings_;
  std::filesystem::path screenshotsDir_;
  sync::SecretKey key_;
  std::function<long long()> clock_;
  mutable std::mutex mutex_;
  std::unique_ptr<SQLite::Database> db_;
  std::map<std::string, Pending> pending_;       // by request id
  std::deque<long long> wrongCodes_;             // times of wrong codes typed
  std::map<std::string, std::deque<long long>> startsByAddress_;
  nlohmann::json signed_;                         // the current signed announcements document
};

}  // namespace qtsc::hub
