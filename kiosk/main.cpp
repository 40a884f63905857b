// kiosk: the park museum's touchscreen app. Parses the command line and hands over to App.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <regex>

#include "app/app.hpp"
#include "app/shots.hpp"

int main(int argc, char** argv) {
  using namespace qtsc::kiosk;
  CLI::App cli{"QTSC park kiosk"};
  std::string configPath, contentPath, windowed, shotsDir, now;
  cli.add_option("--config", configPath, "settings file (TOML); every setting has a default");
  cli.add_option("--content", contentPath, "content database (default: the bundled park.db)");
  cli.add_option("--windowed", windowed, "run in a window of WxH pixels instead of fullscreen, e.g. 1920x1080");
  cli.add_option("--shots", shotsDir, "render every screen in both languages to PNG files in DIR, then exit");
  cli.add_option("--now", now, "park time to use, YYYY-MM-DDTHH:MM (default: the clock)");
  CLI11_PARSE(cli, argc, argv);

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

  try {
    if (!shotsDir.empty()) {
      setenv("SDL_VIDEODRIVER", "offscreen", 0);
      HarnessOptions options;
      options.config = config;
      options.config.fullscreen = false;
      if (windowed.empty()) {
        options.config.windowWidth = 1920;
        options.config.windowHeight = 1080;
      }
      if (options.config.dpi <= 0.f) options.config.dpi = 96.f;
      options.databasePath = contentPath;
      options.now = now.empty() ? "2018-11-14T09:00" : now;
      const auto files = renderShots(options, shotsDir);
      std::printf("kiosk: wrote %zu screenshots to %s\n", files.size(), shotsDir.c_str());
      return files.empty() ? 1 : 0;
    }
    AppOptions options;
    options.config = config;
    options.databasePath = contentPath;
    options.now = now;
    App app(std::move(options));
    return app.run();
  } catch (const StartupError& error) {
    std::fprintf(stderr, "kiosk: %s\n", error.what());
    return 1;
  }
}
