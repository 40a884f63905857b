// The kiosk's live link to its hub (qtsc/sync/fleet_client.hpp) on a thread of its own: the
// command poll every sync.fleet_poll_s seconds (sync now, screenshot requests, the signed
// announcements), the pairing code while the kiosk is not paired, screenshot uploads, and the
// kiosk's status (what it shows, its profile, uptime, software version, recent warnings): sent
// after a poll when anything but its uptime changed, else every kStatusRefresh.
// Nothing here touches ImGui: results reach the UI through the UiQueue, each with this
// object's Liveness token.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/config.hpp"
#include "runtime/ui_queue.hpp"
#include "qtsc/sync/fleet_client.hpp"

namespace qtsc::kiosk {

struct FleetLinkSettings {
  std::string hubUrl;                 // sync.hub_url
  std::filesystem::path folder;       // sync.state_dir + "/fleet"
  std::string proposedId;             // sync.kiosk_id: the id it asks to be paired as
  std::chrono::milliseconds interval{15'000};  // between polls
};
// From the [sync] section; nullopt when sync.hub_url is empty (no fleet).
std::optional<FleetLinkSettings> fleetLinkSettingsFrom(const KioskConfig& config);

// What the staff panel shows while the kiosk is not paired.
struct PairingView {
  bool paired = false;
  std::string kioskId;  // when paired
  std::string code;     // "ABCD-EFGH" while waiting; empty when none could be had
  std::string hubUrl;
  std::string problem;  // why there is no code (the hub cannot be reached, ...)
};

class FleetLink {
 public:
  struct Callbacks {
    // UI thread: the announcements held, at start and whenever they change.
    std::function<void(const sync::fleet::AnnouncementsDocument&, const std::string& kioskId)> announcements;
    // UI thread: the pairing state, at start and when it changes.
    std::function<void(const PairingView&)> pairing;
    // UI thread: the hub asks for a screenshot; answer with uploadScreenshot().
    std::function<void()> screenshotWanted;
    // The fleet thread: the hub asks for a sync now. May block until the sync is done.
    std::function<void()> syncNow;
  };

  FleetLink(FleetLinkSettings settings, UiQueue& queue, Callbacks callbacks);
  ~FleetLink();  // stop() and join()
  FleetLink(const FleetLink&) = delete;
  FleetLink& operator=(const FleetLink&) = delete;

  static constexpr std::chrono::seconds kStatusRefresh{300};

  // Any thread: the PNG goes up on the fleet thread (the newest one only).
  void uploadScreenshot(std::string png);
  // Any thread: what the kiosk shows ({softwareVersion, group, profile, screen}); sent after
  // a poll, with the uptime and the latest warnings logged, when it or the warnings changed.
  void setStatus(nlohmann::json status);
  void stop();
  void join();
  // Counts, for the staff panel and tests (any thread).
  [[nodiscard]] unsigned long polls() const;
  [[nodiscard]] unsigned long screenshotsUploaded() const;

 private:
  void loop(std::stop_token stop);
  void pollOnce(sync::FleetClient& client, bool first);
  void pairStep(sync::FleetClient& client);
  void postPairing(PairingView view);
  void sendStatusIfNew(sync::FleetClient& client);

  FleetLinkSettings settings_;
  UiQueue& queue_;
  Callbacks callbacks_;
  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  std::optional<std::string> pendingShot_;
  unsigned long polls_ = 0;
  unsigned long uploads_ = 0;
  std::optional<nlohmann::json> status_;                  // the newest from setStatus()
  nlohmann::json sentStatus_;                             // fleet thread: the last sent, without its uptime
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point sentStatusAt_{};  // fleet thread
  std::optional<sync::PairingOffer> offer_;  // fleet thread only
  Liveness liveness_;
  std::jthread thread_;  // last: stops before the members it uses go away
};

}  // namespace qtsc::kiosk
