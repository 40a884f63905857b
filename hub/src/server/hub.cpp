// The Hub: opens the data folder, builds the services and the HTTP server, registers the
// routes (routes/route_table.cpp) and runs the timestamp refresher.
#include "qtsc/hub/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <stop_token>
#include <thread>

#include "http/http_server.hpp"
#include "http/router.hpp"
#include "qtsc/content/sources.hpp"
#include "qtsc/hub/errors.hpp"
#include "qtsc/sync/crypto.hpp"
#include "routes/route_table.hpp"
#include "routes/state.hpp"

namespace qtsc::hub {

namespace fs = std::filesystem;
namespace c = qtsc::content;

std::pair<std::string, int> parseListenAddress(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) throw HubError("--listen wants HOST:PORT, like 127.0.0.1:8080");
  const std::string host = text.substr(0, colon);
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) throw HubError("'" + text.substr(colon + 1) + "' is not a TCP port (0 to 65535)");
  return {host, port};
}

namespace {

// A file the hub ships: where the build tree has it, else where the Debian package installs
// it beside the program (<prefix>/bin/kiosk-hub -> <prefix>/<installed>).
fs::path shipped(const fs::path& inBuildTree, const fs::path& installed) {
  std::error_code ec;
  if (fs::exists(inBuildTree, ec)) return inBuildTree;
  const fs::path program = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return inBuildTree;
  return program.parent_path().parent_path() / installed;
}

HttpLimits httpLimits(const HubSettings& s) {
  return {.maxHeaderBytes = s.maxHeaderBytes,
          .maxHeaders = s.maxHeaders,
          .maxBodyBytes = s.maxBodyBytes,
          .headerTimeout = s.headerTimeout,
          .bodyTimeout = s.bodyTimeout,
          .readTimeout = s.readTimeout,
          .writeTimeout = s.writeTimeout,
          .minSendRate = s.minSendRate,
          .keepAliveTimeout = s.keepAliveTimeout,
          .keepAliveMaxRequests = s.keepAliveMaxRequests,
          .threads = s.threads};
}

HubSettings withDefaults(HubSettings settings) {
  if (settings.dataDir.empty()) throw HubError("a data folder is required (--data DIR)");
  if (settings.webDir.empty()) settings.webDir = shipped(QTSC_HUB_WEB_DIR, "share/qtsc-kiosk-hub/web");
  if (settings.parkSources.empty()) settings.parkSources = shipped(QTSC_HUB_PARK_SOURCES, "share/qtsc-kiosk-hub/park");
  if (settings.mapSvg.empty()) settings.mapSvg = shipped(QTSC_HUB_MAP_SVG, "share/qtsc-kiosk-hub/map/park.svg");
  if (settings.kioskBinary.empty()) settings.kioskBinary = shipped(QTSC_HUB_KIOSK_BIN, "bin/qtsc-kiosk");
  return settings;
}

}  // namespace

struct Hub::Impl {
  HubState state;
  HardenedServer server;
  Router router;
  // Last, so it stops first: it uses everything above.
  std::condition_variable_any refresherWake;
  std::jthread refresher;

  explicit Impl(HubSettings s);
  void prepareDataFolder();
  void setUpServer();
  void startRefresher();
};

Hub::Impl::Impl(HubSettings s)
    : state(withDefaults(std::move(s))),
      server(httpLimits(state.settings)),
      router(server, state.settings.maxBodyBytes, [this](const httplib::Request& req) -> std::optional<Session> {
        if (const std::string token = bearerToken(req); !token.empty()) return state.db->tokenFor(token);
        return state.db->sessionFor(cookieValue(req, kSessionCookie));
      }) {
  prepareDataFolder();
  setUpServer();
  addRoutes(router, state);
}

// [SECTION] data folder: first run, keys, seeding
void Hub::Impl::prepareDataFolder() {
  HubSettings& settings = state.settings;
  const fs::path& dir = settings.dataDir;
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  const fs::path contentPath = dir / "content.db";
  const fs::path versionsDir = dir / "versions";
  const fs::path keyPath = dir / "signing.key";
  state.publishedDir = dir / "published";
  state.assetsDir = dir / "assets";
  fs::create_directories(state.publishedDir);
  fs::create_directories(state.assetsDir);
  fs::create_directories(versionsDir);
  if (!fs::exists(keyPath)) sync::saveKeyPair(sync::generateKeyPair(), keyPath);
  const sync::SecretKey secretKey = sync::loadSecretKey(keyPath);

  const bool seed = !fs::exists(contentPath);
  state.drafts = std::make_unique<AuthoringContent>(contentPath);
  if (seed && !settings.parkSources.empty() && fs::is_directory(settings.parkSources)) {
    try {
      auto drafts = state.drafts->lease();
      drafts->import(c::readValidSources(settings.parkSources));
    } catch (const std::exception& e) {
      state.drafts.reset();
      fs::remove(contentPath);
      throw HubError("could not seed the content from " + settings.parkSources.string() + ": " + e.what());
    }
  }
  state.db = std::make_unique<HubDatabase>((dir / "hub.db").string(), settings.passwordCost, settings.unixClock,
                                           settings.maxAuditEntryBytes);
  state.fleet = std::make_unique<FleetService>(settings, dir, secretKey, [this] { return state.now(); });
  state.publishing = std::make_unique<Publishing>(
      settings, PublishingFolders{.published = state.publishedDir, .uploads = state.assetsDir, .versions = versionsDir, .work = dir},
      secretKey, *state.drafts, *state.db);
  state.preview = std::make_unique<PreviewRenderer>(settings.kioskBinary, settings.previewTimeout, settings.previewConcurrency,
                                                    dir / "preview");
  state.throttle = std::make_unique<LoginThrottle>(LoginThrottleSettings{.freeFailures = settings.freeLoginFailures,
                                                                         .delayBase = settings.loginDelayBase,
                                                                         .delayCap = settings.loginDelayCap},
                                                   settings.steadyClock);
  state.passwordChecks = std::make_unique<PasswordChecks>(settings.maxConcurrentHashes, settings.hashQueueWait);
  Publishing& publishing = *state.publishing;
  state.publishedFiles = std::make_unique<PublishedFiles>(state.publishedDir, [&publishing] {
    publishing.refreshTimestampIfDue(false);  // polls keep it signed
  });
}

// [SECTION] HTTP: the admin page and the headers every answer carries
void Hub::Impl::setUpServer() {
  // Worker threads, body and header caps, timeouts and keep-alive: HardenedServer (httpLimits).
  server.set_mount_point("/", state.settings.webDir.string());
  server.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/content/", 0) == 0) return;  // published files: kept lean for polling kiosks
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
                   "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  });
}

// [SECTION] the published timestamp: signed again before it expires
void Hub::Impl::startRefresher() {
  refresher = std::jthread([this](std::stop_token stop) {
    std::mutex sleepMutex;
    std::unique_lock lock(sleepMutex);
    while (!stop.stop_requested()) {
      state.publishing->refreshTimestampIfDue(true);
      refresherWake.wait_for(lock, stop, state.settings.timestampCheckEvery, [] { return false; });
    }
  });
}

Hub::Hub(HubSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}
Hub::~Hub() { stop(); }

HubDatabase& Hub::database() { return *impl_->state.db; }
const std::vector<RouteInfo>& Hub::routes() const { return impl_->router.routes(); }
const HubSettings& Hub::settings() const { return impl_->state.settings; }

int Hub::bind() {
  const auto& s = impl_->state.settings;
  if (s.port == 0) {
    const int port = impl_->server.bind_to_any_port(s.host);
    if (port <= 0) throw HubError("cannot listen on " + s.host);
    return port;
  }
  if (!impl_->server.bind_to_port(s.host, s.port))
    throw HubError("cannot listen on " + s.host + ":" + std::to_string(s.port) + " (in use, or not an address of this machine)");
  return s.port;
}

void Hub::serve() {
  impl_->startRefresher();
  impl_->server.listen_after_bind();
}
void Hub::stop() {
  if (impl_ && impl_->server.is_running()) impl_->server.stop();
}

}  // namespace qtsc::hub
