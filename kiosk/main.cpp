// kiosk: the park museum's touchscreen app. Parses the command line and hands over to App.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <regex>

#include "shell/app.hpp"
#include "tools/shots.hpp"
#include "qtsc/log.hpp"

int main(int argc, char** argv) {
  using namespace qtsc::kiosk;
  CLI::App cli{"QTSC park kiosk"};
  std::string configPath, contentPath, windowed, shotsDir, now, screenshot, preview, previewOut, language = "vi";
  int exitAfterFrames = 0;
  bool syncOnce = false, shapes = false;
  cli.add_option("--config", configPath, "settings file (TOML); every setting has a default");
  cli.add_option("--content", contentPath, "content database (default: the bundled park.db)");
  cli.add_option("--windowed", windowed, "run in a window of WxH pixels instead of fullscreen, e.g. 1920x1080");
  cli.add_option("--shots", shotsDir,
                 "render every screen in both languages to PNG files in DIR, then exit: the content this kiosk shows "
                 "(--content, else what sync installed, else the bundled one); no sync runs");
  cli.add_flag("--shapes", shapes,
               "with --shots: at every panel shape the kiosk is laid out for (16:9 from 1366x768 to 3840x2160, "
               "16:10, 5:4, 4:3, portrait 1080x1920), each in DIR/WIDTHxHEIGHT/");
  cli.add_option("--now", now, "park time to use, YYYY-MM-DDTHH:MM (default: the clock)");
  cli.add_flag("--sync-once", syncOnce, "run one content sync with the config's [sync] section, then exit (0: up to date or installed)");
  cli.add_option("--screenshot", screenshot, "with --exit-after-frames: save the window's last frame to FILE (PNG)");
  cli.add_option("--exit-after-frames", exitAfterFrames, "render N frames in the real window, then exit")->check(CLI::Range(1, 100000));
  cli.add_option("--preview", preview, "render the screen for one record, KIND/ID (tenant, place, milestone, itinerary, exhibit), headless");
  cli.add_option("--out", previewOut, "with --preview: the PNG file to write");
  cli.add_option("--lang", language, "with --preview: vi or en (default vi)");
  std::string logLevel = "info";
  cli.add_option("--log-level", logLevel, "trace, debug, info, warn, error (default info); to the journal under systemd");
  CLI11_PARSE(cli, argc, argv);
  try {
    qtsc::log::init("kiosk", logLevel);
  } catch (const std::invalid_argument& error) {
    std::fprintf(stderr, "kiosk: --log-level: %s\n", error.what());
    return 2;
  }

  KioskConfig config;
  try {
    if (!configPath.empty()) config = loadConfig(configPath);
  } catch (const ConfigError& error) {
    std::fprintf(stderr, "kiosk: %s\n", error.what());
    return 2;
  }
  if (!windowed.empty()) {
    std::smatch m;
    if (!std::regex_match(windowed, m, std::regex(R"((\d{3,5})x(\d{3,5}))"))) {
      std::fprintf(stderr, "kiosk: --windowed: expected WxH, e.g. 1920x1080, got '%s'\n", windowed.c_str());
      return 2;
    }
    config.fullscreen = false;
    config.windowWidth = std::stoi(m[1]);
    config.windowHeight = std::stoi(m[2]);
  }

  if (syncOnce) return syncOnceCommand(config);
  if (!screenshot.empty() && exitAfterFrames == 0) {
    std::fprintf(stderr, "kiosk: --screenshot needs --exit-after-frames N\n");
    return 2;
  }

  try {
    if (!preview.empty()) {
      if (previewOut.empty()) {
        std::fprintf(stderr, "kiosk: --preview needs --out FILE.png\n");
        return 2;
      }
      setenv("SDL_VIDEODRIVER", "offscreen", 0);
      HarnessOptions options;
      options.config.defaultLanguage = config.defaultLanguage;
      options.config.assets = config.assets;
      options.databasePath = contentPath.empty() ? config.database : contentPath;
      if (!now.empty()) options.now = now;
      try {
        renderPreview(options, preview, language, previewOut);
      } catch (const std::invalid_argument& error) {
        std::fprintf(stderr, "kiosk: %s\n", error.what());
        return 3;
      } catch (const std::runtime_error& error) {
        std::fprintf(stderr, "kiosk: %s\n", error.what());
        return 1;
      }
      return 0;
    }
    if (!shotsDir.empty()) {
      setenv("SDL_VIDEODRIVER", "offscreen", 0);
      HarnessOptions options;
      options.config = config;
      // What this kiosk shows: with [sync] set, the installed version and its pictures. No sync runs.
      options.startSync = false;
      options.config.fullscreen = false;
      if (windowed.empty()) {
        options.config.windowWidth = 1920;
        options.config.windowHeight = 1080;
      }
      if (options.config.dpi <= 0.f) options.config.dpi = 96.f;
      options.databasePath = contentPath;
      options.now = now.empty() ? "2018-11-14T09:00" : now;
      const auto files = shapes ? renderShapeShots(options, shotsDir) : renderShots(options, shotsDir);
      std::printf("kiosk: wrote %zu screenshots to %s\n", files.size(), shotsDir.c_str());
      return files.empty() ? 1 : 0;
    }
    AppOptions options;
    options.config = config;
    options.databasePath = contentPath;
    options.now = now;
    options.screenshotPath = screenshot;
    options.exitAfterFrames = exitAfterFrames;
    App app(std::move(options));
    return app.run();
  } catch (const StartupError& error) {
    std::fprintf(stderr, "kiosk: %s\n", error.what());
    return 1;
  }
}
