#include "tools/harness.hpp"

namespace qtsc::kiosk {

KioskConfig HarnessOptions::defaultHarnessConfig() {
  KioskConfig config;
  config.fullscreen = false;
  config.windowWidth = 1920;
  config.windowHeight = 1080;
  config.dpi = 96.f;
  return config;
}

Harness::Harness(HarnessOptions options) {
  AppOptions appOptions;
  appOptions.config = options.config;
  appOptions.databasePath = options.databasePath;
  appOptions.headless = true;
  appOptions.now = options.now;
  appOptions.frozenClock = true;
  appOptions.syncHook = std::move(options.syncHook);
  appOptions.startSync = options.startSync;
  app_ = std::make_unique<App>(std::move(appOptions));
  app_->setSyntheticPointer(App::Pointer{});
  pump(2);
}

void Harness::pump(int frames) {
  for (int i = 0; i < frames; ++i) {
    app_->drainWork();
    app_->buildFrame();  // no pixels needed; savePng() draws the last frame when asked
  }
}

void Harness::settle() {
  for (int round = 0; round < 4; ++round) {
    pump(2);
    app_->waitForWorkers();
  }
  pump(2);
}

void Harness::tap(float x, float y) {
  app_->setSyntheticPointer(App::Pointer{x, y, false});
  pump(1);
  app_->setSyntheticPointer(App::Pointer{x, y, true});
  pump(1);
  app_->setSyntheticPointer(App::Pointer{x, y, false});
  pump(1);
  app_->setSyntheticPointer(App::Pointer{});
  settle();
}

bool Harness::tapLabel(const std::string& label, int nth) {
  for (const auto& target : targets()) {
    if (target.label != label) continue;
    if (nth-- > 0) continue;
    tap((target.min.x + target.max.x) * 0.5f, (target.min.y + target.max.y) * 0.5f);
    return true;
  }
  return false;
}

bool Harness::tapPrefix(const std::string& prefix) {
  for (const auto& target : targets()) {
    if (target.label.rfind(prefix, 0) != 0) continue;
    tap((target.min.x + target.max.x) * 0.5f, (target.min.y + target.max.y) * 0.5f);
    return true;
  }
  return false;
}

void Harness::drag(float x0, float y0, float x1, float y1, int steps) {
  app_->setSyntheticPointer(App::Pointer{x0, y0, false});
  pump(1);
  for (int i = 0; i <= steps; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(steps);
    app_->setSyntheticPointer(App::Pointer{x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, true});
    pump(1);
  }
  app_->setSyntheticPointer(App::Pointer{x1, y1, false});
  pump(1);
  app_->setSyntheticPointer(App::Pointer{});
  pump(2);
}

bool Harness::hasLabel(const std::string& label) const {
  for (const auto& target : targets())
    if (target.label == label) return true;
  return false;
}

std::vector<std::string> Harness::labels() const {
  std::vector<std::string> out;
  for (const auto& target : targets()) out.push_back(target.label);
  return out;
}

const std::vector<ui::TouchTarget>& Harness::targets() const { return app_->ui().targets(); }

void Harness::advance(double seconds) {
  app_->clock().advance(seconds);
  app_->checkOpeningHours();
  app_->checkIdle();
  pump(2);
}

void Harness::typeOnKeyboard(const std::string& asciiText) {
  for (char c : asciiText) tapLabel(c == ' ' ? app_->i18n().tr("keyboard.space", app_->session().language) : std::string(1, c));
}

}  // namespace qtsc::kiosk
