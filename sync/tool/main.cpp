// kiosk-sync: one sync (or a polling loop) from the command line, with a TOML config or
// flags. Exit status 0: content is current; 1: the sync failed, or the server's timestamp
// has expired (the message says which, and what to do).
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <thread>

#include "qtsc/sync/client.hpp"
#include "qtsc/sync/crypto.hpp"
#include "qtsc/log.hpp"

int main(int argc, char** argv) {
  CLI::App app{"kiosk-sync: fetch and install the kiosk's published content"};
  std::string configFile, url, publicKey, dataDir, stateDir, hubUrl, kioskId;
  bool once = false;
  app.add_option("--config", configFile, "TOML config (url, public_key, data_dir, state_dir, ...)")
      ->check(CLI::ExistingFile);
  app.add_option("--url", url, "Base URL of the published folder");
  app.add_option("--public-key", publicKey, "Publisher's public key: 64 hex digits or a .pub file");
  app.add_option("--data-dir", dataDir, "Content folder");
  app.add_option("--state-dir", stateDir, "Sync state folder (outside the content folder)");
  app.add_option("--hub", hubUrl, "Hub URL for reports");
  app.add_option("--kiosk-id", kioskId, "This kiosk's name in reports");
  app.add_flag("--once", once, "Sync once and exit (default: poll until stopped)");
  std::string logLevel = "info";
  app.add_option("--log-level", logLevel, "trace, debug, info, warn, error; to the journal under systemd");
  CLI11_PARSE(app, argc, argv);

  try {
    qtsc::log::init("kiosk-sync", logLevel);
    qtsc::sync::SyncConfig config;
    if (!configFile.empty()) config = qtsc::sync::loadSyncConfig(configFile);
    if (!url.empty()) config.baseUrl = url;
    if (!publicKey.empty()) {
      config.publicKeyHex = publicKey.size() == 64 ? publicKey
                                                   : qtsc::sync::toHex(qtsc::sync::loadPublicKey(publicKey));
    }
    if (!dataDir.empty()) config.dataDir = dataDir;
    if (!stateDir.empty()) config.stateDir = stateDir;
    if (!hubUrl.empty()) config.hubUrl = hubUrl;
    if (!kioskId.empty()) config.kioskId = kioskId;

    qtsc::sync::SyncClient client(config);
    if (once) {
      const auto result = client.syncOnce();
      std::cout << "kiosk-sync: " << qtsc::sync::toString(result.outcome) << ": " << result.message << "\n";
      return qtsc::sync::succeeded(result.outcome) ? 0 : 1;
    }
    // Block the stop signals before the loop thread starts, so only sigwait() sees them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::jthread loop([&client](std::stop_token stop) { client.run(stop); });
    int received = 0;
    sigwait(&signals, &received);
    loop.request_stop();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "kiosk-sync: " << e.what() << "\n";
    return 1;
  }
}
