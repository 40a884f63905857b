// kiosk-hub: the central content server. Options only; the work is in qtsc::hub.
//   kiosk-hub --data DIR --listen 127.0.0.1:8080 [--mirror DIR]
//   kiosk-hub adduser NAME --role admin --data DIR      (password from standard input)
//   kiosk-hub token NAME --label LABEL --data DIR       (prints an API token for scripts)
//   kiosk-hub pair-kiosk ID --data DIR                  (prints the kiosk's report key)
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <string>

#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/server.hpp"
#include "qtsc/log.hpp"

namespace {
qtsc::hub::Hub* running = nullptr;
extern "C" void onSignal(int) {
  if (running) running->stop();
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kiosk-hub: the QTSC park kiosks' content server and staff admin page"};
  qtsc::hub::HubSettings settings;
  std::string data, listen = "127.0.0.1:8080", mirror, web;
  int staleMinutes = 120;
  app.add_option("--data", data, "Data folder (created on first run)")->required();
  app.add_option("--listen", listen, "HOST:PORT to serve on")->capture_default_str();
  app.add_option("--mirror", mirror, "Also copy each published version into this folder");
  app.add_option("--web", web, "Folder of the admin page (default: the source tree's hub/web)");
  app.add_option("--stale-minutes", staleMinutes, "Minutes without a report before a kiosk stands out")
      ->capture_default_str();
  app.add_flag("--secure-cookies", settings.secureCookies,
               "Always mark session cookies Secure (they are anyway on sign-ins the TLS proxy marks X-Forwarded-Proto: https)");
  // Connection limits, for a hub reached without nginx in front (defaults: HubSettings).
  long long headerSeconds = settings.headerTimeout.count(), bodySeconds = settings.bodyTimeout.count();
  long long readSeconds = settings.readTimeout.count(), keepAliveSeconds = settings.keepAliveTimeout.count();
  long long previewSeconds = settings.previewTimeout.count();
  app.add_option("--threads", settings.threads, "Worker threads (one per open connection)")->capture_default_str()
      ->check(CLI::Range(2, 1024));
  app.add_option("--max-body-bytes", settings.maxBodyBytes, "Bytes in a request body, chunked or not")->capture_default_str();
  app.add_option("--max-header-bytes", settings.maxHeaderBytes, "Bytes of a request line plus headers")->capture_default_str();
  app.add_option("--max-headers", settings.maxHeaders, "Header lines in one request")->capture_default_str()
      ->check(CLI::Range(10, 10000));
  app.add_option("--header-timeout", headerSeconds, "Seconds to receive a request line and headers")->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--body-timeout", bodySeconds, "Seconds to receive a request body")->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--read-timeout", readSeconds, "Seconds one read may wait for a silent client")->capture_default_str()
      ->check(CLI::Range(1, 600));
  app.add_option("--keep-alive-timeout", keepAliveSeconds, "Seconds an idle connection stays open (0 while others wait)")
      ->capture_default_str()->check(CLI::Range(0, 600));
  app.add_option("--preview-timeout", previewSeconds, "Seconds the preview renderer may take")->capture_default_str()
      ->check(CLI::Range(1, 600));
  app.add_option("--preview-concurrency", settings.previewConcurrency, "Previews drawn at once")->capture_default_str()
      ->check(CLI::Range(1, 64));
  // Sign-ins, kiosk reports and the published timestamp (defaults: HubSettings).
  app.add_option("--trusted-proxy", settings.trustedProxies,
                 "Address of a proxy whose X-Forwarded-For names the client (repeat, or comma-separate)")
      ->envname("HUB_TRUSTED_PROXIES")->delimiter(',');
  long long retentionDays = settings.reportRetention.count() / 24;
  long long timestampDays = settings.timestampLifetime.count() / 86400;
  long long refreshDays = settings.timestampRefreshBefore.count() / 86400;
  app.add_option("--report-retention-days", retentionDays, "Days a kiosk report's body is kept")->capture_default_str()
      ->check(CLI::Range(1, 3650));
  app.add_option("--reports-per-hour", settings.reportsPerKioskPerHour, "Reports one kiosk may send in an hour")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  app.add_option("--timestamp-lifetime-days", timestampDays, "Days a signed timestamp is valid")->capture_default_str()
      ->check(CLI::Range(2, 365));
  app.add_option("--timestamp-refresh-days", refreshDays, "Sign the timestamp again when fewer days than this are left")
      ->capture_default_str()->check(CLI::Range(1, 364));
  std::string logLevel = "info";
  app.add_option("--log-level", logLevel, "trace, debug, info, warn, error; to the journal under systemd")
      ->capture_default_str();

  auto* adduser = app.add_subcommand("adduser", "Add a staff account; the password is read from standard input");
  std::string userName, role = "editor";
  adduser->add_option("name", userName, "Account name")->required();
  adduser->add_option("--role", role, "editor, publisher or admin")->capture_default_str();

  auto* token = app.add_subcommand("token", "Print a new API token for an account (for scripts)");
  std::string tokenUser, label = "script";
  token->add_option("name", tokenUser, "Account name")->required();
  token->add_option("--label", label, "What the token is for")->capture_default_str();

  auto* pair = app.add_subcommand("pair-kiosk", "Print a new report key for a kiosk (replaces its old one)");
  std::string kioskId;
  pair->add_option("id", kioskId, "The kiosk's kiosk_id")->required();

  adduser->fallthrough();
  token->fallthrough();
  pair->fallthrough();
  CLI11_PARSE(app, argc, argv);
  try {
    qtsc::log::init("kiosk-hub", logLevel);
    settings.dataDir = data;
    settings.mirrorDir = mirror;
    settings.webDir = web;
    settings.kioskStaleAfter = std::chrono::minutes(staleMinutes);
    settings.headerTimeout = std::chrono::seconds(headerSeconds);
    settings.bodyTimeout = std::chrono::seconds(bodySeconds);
    settings.readTimeout = std::chrono::seconds(readSeconds);
    settings.keepAliveTimeout = std::chrono::seconds(keepAliveSeconds);
    settings.previewTimeout = std::chrono::seconds(previewSeconds);
    settings.reportRetention = std::chrono::hours(24 * retentionDays);
    settings.timestampLifetime = std::chrono::seconds(86400 * timestampDays);
    settings.timestampRefreshBefore = std::chrono::seconds(86400 * refreshDays);
    if (settings.timestampRefreshBefore >= settings.timestampLifetime)
      throw qtsc::hub::HubError("--timestamp-refresh-days must be less than --timestamp-lifetime-days");
    std::tie(settings.host, settings.port) = qtsc::hub::parseListenAddress(listen);
    qtsc::hub::Hub hub(settings);

    if (*adduser) {
      const auto parsedRole = qtsc::hub::roleFromString(role);
      if (!parsedRole) throw qtsc::hub::HubError("--role is one of editor, publisher, admin");
      std::string password;
      std::getline(std::cin, password);
      hub.database().addAccount(userName, *parsedRole, password);
      hub.database().audit("(command line)", "create", "account", userName, nullptr, {{"name", userName}, {"role", role}});
      std::cout << "added " << role << " '" << userName << "'\n";
      return 0;
    }
    if (*token) {
      if (!hub.database().account(tokenUser)) throw qtsc::hub::HubError("no account named '" + tokenUser + "'");
      std::cout << hub.database().createApiToken(tokenUser, label) << '\n';
      return 0;
    }
    if (*pair) {
      if (!qtsc::hub::isKioskName(kioskId))
        throw qtsc::hub::HubError(std::string("a kiosk id is ") + qtsc::hub::kKioskNameRule);
      std::cout << hub.database().pairKiosk(kioskId) << '\n';
      hub.database().audit("(command line)", "pair", "kiosk", kioskId, nullptr, {{"id", kioskId}});
      return 0;
    }
    const int port = hub.bind();
    running = &hub;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    spdlog::info("serving http://{}:{}/ from {}", settings.host, port, data);
    hub.serve();
    running = nullptr;
    return 0;
  } catch (const qtsc::hub::InvalidRequestError& e) {
    for (const auto& issue : e.issues) std::cerr << "kiosk-hub: " << issue.field << ": " << issue.message << '\n';
  } catch (const std::exception& e) {
    std::cerr << "kiosk-hub: " << e.what() << '\n';
  }
  return 1;
}
