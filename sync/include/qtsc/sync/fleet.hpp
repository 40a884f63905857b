// The fleet protocol between the hub and a kiosk, beside content sync: pairing by a short
// code, the signed announcements document, and the kiosk's command poll. The hub writes
// these (hub/src/service/fleet_service.cpp); the kiosk reads them (FleetClient). Why the
// pairing is safe is argued in hub/API.md ("Pairing by code").
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "qtsc/sync/crypto.hpp"

namespace qtsc::sync::fleet {

// ---- pairing ------------------------------------------------------------------------
// A kiosk's pairing key: X25519 (libsodium crypto_box), made on the kiosk for one pairing.
using BoxPublicKey = std::array<unsigned char, 32>;
using BoxSecretKey = std::array<unsigned char, 32>;
struct BoxKeyPair {
  BoxPublicKey publicKey{};
  BoxSecretKey secretKey{};
};
BoxKeyPair generateBoxKeyPair();

// The code: 8 characters of Crockford's base32 (40 bits), shown as "ABCD-EFGH".
inline constexpr std::size_t kPairingCodeLength = 8;
inline constexpr const char* kPairingAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// Bytes of the hub's fresh nonce in each pairing request.
inline constexpr std::size_t kPairingNonceBytes = 32;

// Both sides derive the code from everything the exchange must not let a third party
// change: the kiosk's pairing key, the publisher key the hub sent, and the hub's nonce.
// Argon2id (16 MiB, 3 passes) makes each try cost tens of milliseconds, so finding other
// keys that give the same 40-bit code before it expires is out of reach.
std::string pairingCode(const BoxPublicKey& kioskKey, const PublicKey& publisherKey, std::string_view nonceHex);
// What a person typed, as a code: upper case, '-' and spaces dropped, O read as 0 and
// I/L as 1. Empty when it cannot be a code (wrong length or a character outside the alphabet).
std::string normalisePairingCode(std::string_view typed);
// "ABCD-EFGH" for showing.
std::string formatPairingCode(std::string_view code);

// The message the hub signs with the publisher key when it hands a kiosk its report key:
// the request, the kiosk id the admin chose and the sealed key, so none can be swapped.
std::string pairingResultMessage(std::string_view requestId, std::string_view kioskId, std::string_view sealedKeyBase64);
// crypto_box_seal of `plain` to `key`, base64; and its opening (throws VerificationError).
std::string sealTo(std::string_view plain, const BoxPublicKey& key);
std::string openSealed(std::string_view sealedBase64, const BoxKeyPair& keys);

std::string toHex(const BoxPublicKey& key);
BoxPublicKey parseBoxPublicKey(std::string_view hex);  // throws VerificationError

// ---- announcements ------------------------------------------------------------------
// Who an announcement is for: every kiosk, or the kiosks named and those in the groups named.
struct Target {
  bool all = true;
  std::vector<std::string> groups;
  std::vector<std::string> kiosks;
  [[nodiscard]] bool includes(std::string_view kioskId, std::string_view group) const;
};

struct Announcement {
  std::string id;
  nlohmann::json text;     // {"vi": "...", "en": "..."}; both required
  long long starts = 0;    // Unix seconds it appears from
  long long ends = 0;      // Unix seconds it goes away
  Target target;
};

// Limits both sides hold an announcement to.
inline constexpr std::size_t kAnnouncementTextBytes = 600;   // bytes of each language's text
inline constexpr std::size_t kMaxAnnouncements = 50;         // announcements in force at once
inline constexpr std::size_t kMaxAnnouncementsBytes = 256 * 1024;  // bytes of the signed document
inline constexpr long long kLongestAnnouncementSeconds = 31LL * 24 * 3600;  // ends at most this after it is posted

// The signed document: {"signed": "<JSON text>", "signature": base64, "keyId": ...}. The
// signature covers the exact text, so nothing is re-serialised before it is checked. The
// revision only grows: a kiosk refuses a document older than the one it holds (a replay
// would bring back a withdrawn notice or hide a new one).
struct AnnouncementsDocument {
  long long revision = 0;
  long long issued = 0;  // Unix seconds
  std::vector<Announcement> announcements;
};
nlohmann::json signAnnouncements(const AnnouncementsDocument& document, const SecretKey& key);
// Checks the signature with `publisherKey`, then every field; throws VerificationError
// naming what is wrong. Does not check the revision (see AnnouncementBoard).
AnnouncementsDocument verifyAnnouncements(const nlohmann::json& signedDocument, const PublicKey& publisherKey);
nlohmann::json toJson(const Announcement& announcement);
Announcement announcementFromJson(const nlohmann::json& value);  // throws VerificationError

// Which announcements this kiosk shows at `now`, newest first.
std::vector<Announcement> showing(const AnnouncementsDocument& document, std::string_view kioskId,
                                  std::string_view group, long long now);

// ---- the command poll ---------------------------------------------------------------
// GET /api/v1/kiosks/<id>/commands answers {"syncNow": n, "screenshot": n, "announcements": doc}.
// The counters grow by one with each request on the fleet page; the kiosk acts when one
// grows. An unchanged poll is a 304 (ETag).
inline constexpr unsigned long long kMaxCommandsBytes = kMaxAnnouncementsBytes + 4096;
// Largest screenshot a kiosk uploads and the hub takes, bytes; the kiosk sends at most
// kScreenshotWidth pixels wide.
inline constexpr std::size_t kMaxScreenshotBytes = 1024 * 1024;
inline constexpr int kScreenshotWidth = 640;
// What a kiosk's status may carry (POST /api/v1/kiosks/<id>/status).
inline constexpr std::size_t kMaxStatusWarnings = 10;
inline constexpr std::size_t kStatusWarningBytes = 300;
inline constexpr std::size_t kStatusTextBytes = 120;  // softwareVersion, group, profile, screen

}  // namespace qtsc::sync::fleet
