#include "services/fleet_link.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>

#include "qtsc/log.hpp"
#include "qtsc/sync/errors.hpp"

namespace qtsc::kiosk {

std::optional<FleetLinkSettings> fleetLinkSettingsFrom(const KioskConfig& config) {
  if (config.syncHubUrl.empty()) return std::nullopt;
  FleetLinkSettings out;
  out.hubUrl = config.syncHubUrl;
  out.folder = std::filesystem::path(config.syncStateDir) / "fleet";
  out.proposedId = config.syncKioskId;
  out.interval = std::chrono::milliseconds(static_cast<long long>(config.syncFleetPollS) * 1000);
  return out;
}

FleetLink::FleetLink(FleetLinkSettings settings, UiQueue& queue, Callbacks callbacks)
    : settings_(std::move(settings)), queue_(queue), callbacks_(std::move(callbacks)),
      thread_([this](std::stop_token stop) { loop(stop); }) {}

FleetLink::~FleetLink() {
  stop();
  join();
}

void FleetLink::stop() {
  std::lock_guard lock(mutex_);
  thread_.request_stop();
  wake_.notify_all();
}

void FleetLink::join() {
  if (thread_.joinable()) thread_.join();
}

void FleetLink::uploadScreenshot(std::string png) {
  std::lock_guard lock(mutex_);
  pendingShot_ = std::move(png);
  wake_.notify_all();
}

void FleetLink::setStatus(nlohmann::json status) {
  std::lock_guard lock(mutex_);
  status_ = std::move(status);
}

void FleetLink::sendStatusIfNew(sync::FleetClient& client) {
  nlohmann::json status;
  {
    std::lock_guard lock(mutex_);
    if (!status_) return;
    status = *status_;
  }
  status["warnings"] = log::recentWarnings(sync::fleet::kMaxStatusWarnings);
  const auto now = std::chrono::steady_clock::now();
  if (status == sentStatus_ && now - sentStatusAt_ < kStatusRefresh) return;
  nlohmann::json body = status;
  body["uptimeSeconds"] = static_cast<long long>(std::chrono::duration_cast<std::chrono::seconds>(now - started_).count());
  try {
    client.sendStatus(body);
  } catch (const std::exception& error) {
    spdlog::warn("the kiosk's status cannot be sent: {}", error.what());
    return;
  }
  sentStatus_ = std::move(status);
  sentStatusAt_ = now;
}

unsigned long FleetLink::polls() const {
  std::lock_guard lock(mutex_);
  return polls_;
}

unsigned long FleetLink::screenshotsUploaded() const {
  std::lock_guard lock(mutex_);
  return uploads_;
}

void FleetLink::postPairing(PairingView view) {
  if (!callbacks_.pairing) return;
  view.hubUrl = settings_.hubUrl;
  queue_.post(liveness_.token(), [this, view = std::move(view)] { callbacks_.pairing(view); });
}

void FleetLink::pairStep(sync::FleetClient& client) {
  // Not paired: a code to show, checked each pass until the admin types it or it expires.
  try {
    if (offer_) {
      const sync::PairingState state = client.checkPairing();
      if (state == sync::PairingState::Paired) {
        offer_.reset();
        spdlog::info("paired with {} as {}", settings_.hubUrl, client.identity()->kioskId);
        postPairing({true, client.identity()->kioskId, {}, {}, {}});
        return;
      }
      if (state == sync::PairingState::Waiting) return;
      offer_.reset();  // expired: a new code
    }
    offer_ = client.startPairing();
    // Also in the log, for a technician who cannot reach the glass.
    spdlog::info("not paired: an admin types the code {} on the fleet page of {} (valid {} s)", offer_->code,
                 settings_.hubUrl, std::max(0LL, offer_->expires - static_cast<long long>(std::time(nullptr))));
    postPairing({false, {}, offer_->code, {}, {}});
  } catch (const std::exception& error) {
    offer_.reset();
    spdlog::warn("pairing with {}: {}", settings_.hubUrl, error.what());
    postPairing({false, {}, {}, {}, error.what()});
  }
}

void FleetLink::pollOnce(sync::FleetClient& client, bool first) {
  const std::string kioskId = client.identity()->kioskId;
  sync::CommandPoll poll;
  try {
    poll = client.pollCommands();
  } catch (const std::exception& error) {
    spdlog::warn("the hub's commands cannot be read: {}", error.what());
    return;
  }
  {
    std::lock_guard lock(mutex_);
    ++polls_;
  }
  if (!poll.refused.empty()) spdlog::warn("announcements refused: {}", poll.refused);
  if ((first || poll.announcementsChanged) && callbacks_.announcements)
    queue_.post(liveness_.token(), [this, document = client.announcements(), kioskId] { callbacks_.announcements(document, kioskId); });
  if (poll.screenshot && callbacks_.screenshotWanted) queue_.post(liveness_.token(), [this] { callbacks_.screenshotWanted(); });
  if (poll.syncNow && callbacks_.syncNow) {
    spdlog::info("the hub asks for a sync now");
    callbacks_.syncNow();
  }
}

void FleetLink::loop(std::stop_token stop) {
  std::optional<sync::FleetClient> client;
  try {
    client.emplace(sync::FleetClientSettings{settings_.hubUrl, settings_.folder, settings_.proposedId, 5, 20, {}});
  } catch (const std::exception& error) {
    spdlog::warn("the fleet link cannot start: {}", error.what());
    postPairing({false, {}, {}, {}, error.what()});
    return;
  }
  if (client->identity()) {
    postPairing({true, client->identity()->kioskId, {}, {}, {}});
    // What was held before a restart shows before the first poll answers.
    if (callbacks_.announcements)
      queue_.post(liveness_.token(), [this, document = client->announcements(), kioskId = client->identity()->kioskId] {
        callbacks_.announcements(document, kioskId);
      });
  }
  bool first = true;
  while (!stop.stop_requested()) {
    std::optional<std::string> shot;
    {
      std::lock_guard lock(mutex_);
      shot.swap(pendingShot_);
    }
    if (shot && client->identity()) {
      try {
        client->uploadScreenshot(*shot);
        std::lock_guard lock(mutex_);
        ++uploads_;
      } catch (const std::exception& error) {
        spdlog::warn("the screenshot cannot be uploaded: {}", error.what());
      }
    }
    if (client->identity()) {
      pollOnce(*client, first);
      first = false;
      sendStatusIfNew(*client);
    } else {
      pairStep(*client);
      if (client->identity()) continue;  // just paired: poll at once
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, settings_.interval, [this] { return pendingShot_.has_value(); });
  }
}

}  // namespace qtsc::kiosk
