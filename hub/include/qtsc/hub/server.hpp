// Hub: the central content server. It keeps the authoring content database and its own
// records in one data folder, serves the staff admin page and the JSON API under /api/v1,
// publishes signed versions through qtsc::sync and serves them under /content/, and keeps
// what kiosks report.
//
// Data folder (created on first run):
//   content.db              the authoring database (drafts), seeded from the park's sources
//   hub.db                  accounts, sessions, tokens, audit log, versions, kiosk reports
//   signing.key (+ .pub)    the Ed25519 key pair versions are signed with (0600)
//   assets/<sha256>.<ext>   uploaded images, named by their hash
//   published/              what kiosks download (timestamp.json, objects/)
//   versions/v<N>.db        the content of each published version, for rollback
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "qtsc/hub/hub_db.hpp"
#include "qtsc/hub/images.hpp"
#include "qtsc/sync/kiosk_report.hpp"

namespace qtsc::hub {

struct HubSettings {
  std::filesystem::path dataDir;               // required: see above
  std::string host = "127.0.0.1";              // address to listen on
  int port = 8080;                             // TCP port; 0: any free port (tests)
  std::filesystem::path mirrorDir;             // empty: none; else every publish is copied here too
  std::filesystem::path webDir;                // empty: the admin page of the source tree
  std::filesystem::path parkSources;           // empty: content/park of the source tree; seeds a new data folder
  std::filesystem::path mapSvg;                // empty: assets/map/park.svg of the source tree (a grid when missing)
  std::filesystem::path kioskBinary;           // empty: build/bin/kiosk; renders previews when present
  std::chrono::seconds sessionLifetime{8 * 3600};    // seconds a staff session lasts
  std::chrono::seconds kioskStaleAfter{2 * 3600};    // seconds without a report before a kiosk stands out
  int freeLoginFailures = 3;                         // failed logins before waiting starts
  std::chrono::milliseconds loginDelayBase{2000};    // first wait; doubles with each further failure
  std::chrono::milliseconds loginDelayCap{15 * 60 * 1000};  // longest wait
  std::size_t maxBodyBytes = 8 * 1024 * 1024;        // bytes in any request body, chunked or not (413 beyond)
  std::size_t maxImageBytes = 5 * 1024 * 1024;       // bytes in one uploaded image
  int threads = 32;                                  // worker threads; one per open connection (at least 2)
  // Session cookies are Secure when this is true, and also on any sign-in that came over
  // HTTPS through the TLS proxy (X-Forwarded-Proto: https, as the nginx example sends).
  bool secureCookies = false;                        // true: always Secure (every client uses HTTPS)

  // ---- HTTP connections: limits that hold without nginx in front ----
  std::size_t maxHeaderBytes = 64 * 1024;            // bytes of a request line plus headers (431 beyond)
  int maxHeaders = 100;                              // header lines in one request (431 beyond)
  std::chrono::seconds headerTimeout{10};            // seconds to receive a request line and its headers (408)
  std::chrono::seconds bodyTimeout{120};             // seconds to receive a request body (408)
  std::chrono::seconds readTimeout{5};               // seconds one read may wait for a silent client
  std::chrono::seconds writeTimeout{5};              // seconds one send may wait for a client that does not read
  std::size_t minSendRate = 4 * 1024;                // bytes/s a client must read on average once an answer has taken writeTimeout
  std::chrono::seconds keepAliveTimeout{5};          // seconds an idle connection stays open; 0 s while others wait for a thread
  int keepAliveMaxRequests = 100;                    // requests on one connection before the hub closes it
  std::chrono::seconds previewTimeout{20};           // seconds the preview renderer may take before it is stopped
  int previewConcurrency = 2;                        // previews drawn at once; more are answered 503
  PasswordCost passwordCost;                          // Argon2id cost of new passwords

  // ---- Sign-in ----
  // Peers (exact addresses, like 127.0.0.1) whose X-Forwarded-For names the client; the
  // nearest address in it that is not itself a trusted proxy is the client. Empty: none, the
  // TCP peer is the client (a client cannot choose its address by sending the header).
  std::vector<std::string> trustedProxies;
  int maxConcurrentHashes = 2;                        // password checks (Argon2id) at once
  std::chrono::milliseconds hashQueueWait{3000};      // wait for a free check before answering 503

  // ---- Uploads ----
  ImageLimits imageLimits;                            // pixels an uploaded image may have (images.hpp)
  PictureSizes pictureSizes;                          // the sizes an upload is made into (images.hpp)

  // ---- Kiosk reports ----
  int reportsPerKioskPerHour = 60;                    // reports; more in the hour are answered 429
  int usageKeysPerKioskPerDay = 2000;                 // new usage keys one kiosk may add per UTC day
  long long maxUsageCount = 10000;                    // largest count one report may give one key
  std::chrono::hours reportRetention{24 * 90};        // hours a stored report body is kept

  // ---- Fleet: pairing by code, commands, announcements, screenshots ----
  std::chrono::seconds pairingLifetime{600};          // seconds a pairing code can be typed, and its result fetched
  int pairingPending = 100;                           // pairing requests waiting at once; more are answered 429
  int pairingRequestsPerAddress = 10;                 // pairing requests one address may start per pairingLifetime (429 beyond)
  int pairingWrongCodes = 10;                         // wrong codes typed hub-wide per pairingLifetime before 429
  int commandPollSeconds = 15;                        // seconds between a kiosk's command polls (it is told so); < 30 s

  // ---- Audit log ----
  std::size_t maxAuditEntryBytes = 16 * 1024;         // bytes of before and of after kept; larger are summarised

  // ---- Published timestamp ----
  std::chrono::seconds timestampLifetime{14 * 24 * 3600};      // seconds a signed timestamp is valid
  std::chrono::seconds timestampRefreshBefore{7 * 24 * 3600};  // re-signed when less than this is left; 0: never
  std::chrono::seconds timestampWarnBefore{3 * 24 * 3600};     // the fleet page warns below this
  std::chrono::seconds timestampCheckEvery{60};                // seconds between refresh checks

  // ---- Clocks (tests inject them; empty: the system's) ----
  std::function<std::chrono::steady_clock::time_point()> steadyClock;  // login waits
  std::function<long long()> unixClock;  // Unix seconds: expiry, rate windows, retention
};

// An API route as the access checks see it (tests iterate these).
struct RouteInfo {
  std::string method;   // "GET", "POST", "PUT", "DELETE"
  std::string pattern;  // regular expression; each parameter is ([^/]+)
  std::optional<Role> role;  // nullopt: open to anyone (login, kiosk reports)
};

class Hub {
 public:
  // Opens or creates the data folder (see above). Throws HubError, content or sync errors.
  explicit Hub(HubSettings settings);
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  HubDatabase& database();
  [[nodiscard]] const std::vector<RouteInfo>& routes() const;
  [[nodiscard]] const HubSettings& settings() const;

  // Binds the listening socket; returns the port (the chosen one when settings.port is 0).
  int bind();
  // Serves until stop(); call bind() first.
  void serve();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "host:port" -> {host, port}; throws HubError on anything else.
std::pair<std::string, int> parseListenAddress(const std::string& text);

// A kiosk id as reports and pairing take it (also a report's id), and the rule in words:
// the report's definition in sync, which the kiosk shares.
using sync::isKioskName;
using sync::kKioskNameRule;

}  // namespace qtsc::hub
