// Kiosk frame costs, headless with the software renderer:
//   BM_FrameBuild/<screen>  the UI build of one frame (NewFrame .. Render) at 10,000 tenants;
//                           counters p50_ms / p99_ms over every frame measured (target p99 < 2 ms)
//   BM_FrameDraw/<screen>   rasterising and presenting one built frame with the software
//                           renderer, 1920 x 1080 (what an idle kiosk pays per frame)
//   BM_StartToFirstFrame    opening the content, window, fonts and the first presented frame
//                           (target < 300 ms)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "tools/harness.hpp"
#include "qtsc/content/generator.hpp"
#include "qtsc/content/store.hpp"

using namespace qtsc::kiosk;

namespace {

const std::string& bigPark() {
  static const std::string path = [] {
    const auto file = std::filesystem::temp_directory_path() / "qtsc-bench-kiosk-10k.db";
    std::filesystem::remove(file);
    std::filesystem::copy_file(QTSC_PARK_DB, file);
    qtsc::content::ContentStore store(file.string(), qtsc::content::ContentStore::Mode::ReadWrite);
    qtsc::content::SampleSpec spec;
    spec.tenants = 10000;
    spec.seed = 77;
    store.import(qtsc::content::generateSamples(store.exportAll(), spec));
    return file.string();
  }();
  return path;
}

Harness& harness() {
  static Harness* h = [] {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    HarnessOptions options;
    options.databasePath = bigPark();
    return new Harness(options);  // lives for the whole run: SDL and ImGui are process-wide
  }();
  return *h;
}

Route routeFor(ScreenId id) {
  auto& store = harness().app().store();
  switch (id) {
    case ScreenId::Milestone: return {id, store.milestones().front().id};
    case ScreenId::Tenant: return {id, store.tenants({"", "", 0, 1}).front().id};
    case ScreenId::Itinerary: return {id, "2018-11-14-vientiane"};
    case ScreenId::Exhibit:
    case ScreenId::Quiz:
      for (const auto& e : store.exhibits())
        if (!e.quiz.empty()) return {id, e.id};
      return {id, {}};
    case ScreenId::Place: return {id, "tma-building"};
    default: return {id, {}};
  }
}

// Shows screen `id` (with a record where it needs one), as a visitor would reach it from Home.
Harness& showScreen(ScreenId id) {
  Harness& h = harness();
  h.app().resetToAttract();
  if (id != ScreenId::Attract) {
    h.app().router().reset(Route{ScreenId::Home, {}});
    h.pump(1);
    h.app().router().open(routeFor(id));
  }
  h.settle();
  return h;
}

void BM_FrameBuild(benchmark::State& state) {
  const auto id = static_cast<ScreenId>(state.range(0));
  Harness& h = showScreen(id);
  std::vector<double> ms;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    h.app().buildFrame();
    const auto end = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(end - start).count();
    ms.push_back(elapsed * 1000.0);
    state.SetIterationTime(elapsed);
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))]; };
  state.counters["p50_ms"] = pct(0.50);
  state.counters["p99_ms"] = pct(0.99);
  state.SetLabel(std::string(screenName(id)));
}

void BM_FrameDraw(benchmark::State& state) {
  const auto id = static_cast<ScreenId>(state.range(0));
  Harness& h = showScreen(id);
  h.app().buildFrame();
  for (auto _ : state) h.app().presentFrame();
  state.SetLabel(std::string(screenName(id)));
}

void BM_StartToFirstFrame(benchmark::State& state) {
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    AppOptions options;
    options.config = HarnessOptions::defaultHarnessConfig();
    options.databasePath = bigPark();
    options.headless = true;
    {
      App app(options);
      app.renderFrame();
      const auto end = std::chrono::steady_clock::now();
      state.SetIterationTime(std::chrono::duration<double>(end - start).count());
    }
  }
}

}  // namespace

BENCHMARK(BM_StartToFirstFrame)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_FrameDraw)->DenseRange(0, kScreenCount - 1)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK(BM_FrameBuild)->DenseRange(0, kScreenCount - 1)->UseManualTime()->Unit(benchmark::kMicrosecond)->MinTime(0.5);

BENCHMARK_MAIN();
