// The kiosk's side of the fleet protocol (qtsc/sync/fleet.hpp): pairing by code, the
// command poll (sync now, screenshot, signed announcements), screenshot upload and status.
// Blocking calls over libcurl: the kiosk runs them on a worker and posts results to its UI.
//
// Folder (the kiosk's data folder + "/fleet", 0700; every file 0600):
//   pairing.key        the X25519 pairing key of the pairing in progress
//   pairing.json       the request id, nonce and publisher key of that pairing
//   identity.json      {hubUrl, kioskId} once paired
//   report.key         the report key the hub sealed to the pairing key
//   publisher.pub      the publisher's Ed25519 key the pairing code vouched for
//   announcements.json the newest signed announcements accepted (its revision only grows)
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/fleet.hpp"

namespace qtsc::sync {

struct FleetClientSettings {
  std::string hubUrl;                // required: the hub, e.g. "https://hub.qtsc.example"
  std::filesystem::path folder;      // required: see above
  std::string proposedId;            // the kiosk id it asks to be paired as (empty: the admin names it)
  long connectTimeoutSeconds = 5;    // seconds to open a connection
  long requestTimeoutSeconds = 20;   // seconds one request may take (a screenshot upload included)
  std::function<long long()> clock;  // Unix seconds; empty: the system clock
};

// What a paired kiosk needs to reach its hub.
struct FleetIdentity {
  std::string hubUrl;
  std::string kioskId;
  std::string reportKey;
  PublicKey publisherKey{};
};

// The code to show on the glass while the admin types it on the fleet page.
struct PairingOffer {
  std::string code;      // "ABCD-EFGH"
  long long expires = 0; // Unix seconds
  std::string requestId;
};

enum class PairingState { Waiting, Paired, Expired };

// One command poll.
struct CommandPoll {
  bool unchanged = false;       // 304: nothing new since the last poll
  bool syncNow = false;         // a sync was asked for since the last poll
  bool screenshot = false;      // a screenshot is wanted
  bool announcementsChanged = false;
  std::string refused;          // why the announcements in the answer were refused (empty: none)
};

class FleetClient {
 public:
  explicit FleetClient(FleetClientSettings settings);
  ~FleetClient();
  FleetClient(const FleetClient&) = delete;
  FleetClient& operator=(const FleetClient&) = delete;

  // The identity stored in `folder`, when the kiosk is paired.
  static std::optional<FleetIdentity> loadIdentity(const std::filesystem::path& folder);
  [[nodiscard]] const std::optional<FleetIdentity>& identity() const { return identity_; }

  // Asks the hub for a pairing with a new pairing key and derives the code from the answer.
  // Throws DownloadError (hub unreachable, or its refusal with the hub's message).
  PairingOffer startPairing();
  // Asks whether the admin typed the code. On Paired, the keys are checked (the result signed
  // by the publisher key the code vouched for, the report key sealed to this kiosk's
  // pairing key) and stored; a result that does not check out throws VerificationError.
  PairingState checkPairing();
  // Forgets the pairing (the staff panel's "pair again"): the keys are removed.
  void forget();

  // Polls GET /api/v1/kiosks/<id>/commands. Needs identity(). Announcements are taken only
  // when signed by the publisher key and not older than the ones held.
  CommandPoll pollCommands();
  // The announcements held (the newest accepted), empty when none.
  [[nodiscard]] const fleet::AnnouncementsDocument& announcements() const { return announcements_; }
  // Uploads a PNG (at most fleet::kMaxScreenshotBytes). Throws DownloadError with the hub's message.
  void uploadScreenshot(std::string_view png);
  // Sends {uptimeSeconds, softwareVersion, group, profile, screen, warnings}, cut to what the
  // hub takes (fleet::kMaxStatusWarnings lines, each one line of kStatusWarningBytes; texts
  // of kStatusTextBytes). Throws DownloadError.
  void sendStatus(const nlohmann::json& status);

 private:
  struct Http;
  [[nodiscard]] long long now() const;
  std::string api(const std::string& path) const;

  FleetClientSettings settings_;
  std::unique_ptr<Http> http_;
  std::optional<FleetIdentity> identity_;
  fleet::AnnouncementsDocument announcements_;
  std::string etag_;
  long long syncNowSeen_ = -1;     // -1: no poll yet (the first only sets the baseline)
  long long screenshotDone_ = -1;  // the screenshot request last answered
};

}  // namespace qtsc::sync
