// What the route handlers share: the settings, the hub's records, the drafts and the
// services. Owned by the Hub; handlers get it by reference.
#pragma once

#include <filesystem>
#include <memory>

#include "qtsc/hub/hub_db.hpp"
#include "qtsc/hub/login_throttle.hpp"
#include "qtsc/hub/server.hpp"
#include "http/auth.hpp"
#include "routes/published_files.hpp"
#include "service/authoring.hpp"
#include "service/fleet_service.hpp"
#include "service/preview.hpp"
#include "service/publishing.hpp"

namespace qtsc::hub {

struct HubState {
  explicit HubState(HubSettings s) : settings(std::move(s)) {}

  HubSettings settings;
  std::filesystem::path publishedDir, assetsDir;
  std::unique_ptr<HubDatabase> db;
  std::unique_ptr<AuthoringContent> drafts;
  std::unique_ptr<Publishing> publishing;
  std::unique_ptr<PreviewRenderer> preview;
  std::unique_ptr<LoginThrottle> throttle;
  std::unique_ptr<PasswordChecks> passwordChecks;
  std::unique_ptr<PublishedFiles> publishedFiles;
  std::unique_ptr<FleetService> fleet;  // pairing by code, commands, announcements, screenshots

  [[nodiscard]] long long now() const { return settings.unixClock ? settings.unixClock() : nowSeconds(); }
};

}  // namespace qtsc::hub
