// Pictures on the kiosk, headless with the software renderer at 1920 x 1080, on the park with
// 200 generated sample pictures of the full-screen size (1920 x 1080, 20 in each of ten
// milestones' galleries):
//   BM_PictureMemory   every milestone opened, each of its pictures turned to in the gallery
//                      and then seen full screen; counters: the largest resident memory seen
//                      after a picture was shown (rss_max_mib), the process's peak (VmHWM,
//                      hwm_mib), the textures held at the end (texture_mib), pictures shown
//                      (target: resident memory under 100 MB with the default texture budget)
//   BM_GalleryDraw/0   rasterising and presenting the milestone screen with its gallery
//   BM_GalleryDraw/1   the same picture seen full screen (the lightbox)
#include <benchmark/benchmark.h>

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "qtsc/content/store.hpp"
#include "tools/harness.hpp"

using namespace qtsc::kiosk;
namespace fs = std::filesystem;

namespace {

constexpr int kPicturesPerMilestone = 20;
constexpr int kPictureWidth = 1920, kPictureHeight = 1080;

// A line of /proc/self/status in MiB ("VmRSS", "VmHWM").
double statusMiB(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;  // kB
  return 0.0;
}

struct PicturePark {
  fs::path dir = fs::temp_directory_path() / "qtsc-bench-pictures";
  fs::path database = dir / "park.db";
  fs::path assets = dir / "assets";
  std::vector<std::string> milestones;
  int pictures = 0;

  PicturePark() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(QTSC_PARK_DB, database);
    fs::copy(std::string(QTSC_SOURCE_DIR) + "/assets", assets, fs::copy_options::recursive);
    fs::create_directories(assets / "images");
    qtsc::content::ContentStore store(database.string(), qtsc::content::ContentStore::Mode::ReadWrite);
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, kPictureWidth, kPictureHeight, 24, SDL_PIXELFORMAT_RGB24);
    for (auto m : store.milestones()) {
      m.gallery.clear();
      for (int i = 0; i < kPicturesPerMilestone; ++i, ++pictures) {
        // Bands of colour, different for every picture, so that no two files are alike.
        for (int band = 0; band < 8; ++band) {
          const SDL_Rect rect{0, band * kPictureHeight / 8, kPictureWidth, kPictureHeight / 8};
          SDL_FillRect(surface, &rect,
                       SDL_MapRGB(surface->format, static_cast<Uint8>(pictures * 37 + band * 11),
                                  static_cast<Uint8>(pictures * 13 + 90), static_cast<Uint8>(band * 29 + 40)));
        }
        const std::string name = "sample-" + std::to_string(pictures) + ".png";
        IMG_SavePNG(surface, (assets / "images" / name).string().c_str());
        m.gallery.push_back({name, {"Ảnh mẫu " + std::to_string(pictures), "Sample picture " + std::to_string(pictures)}, {}});
      }
      store.updateMilestone(m);
      milestones.push_back(m.id);
    }
    SDL_FreeSurface(surface);
  }
  ~PicturePark() { fs::remove_all(dir); }
};

PicturePark& park() {
  static PicturePark* p = new PicturePark();  // generated once: 200 PNG files
  return *p;
}

Harness& harness() {
  static Harness* h = [] {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    HarnessOptions options;
    options.databasePath = park().database.string();
    options.config.assets = park().assets.string();
    if (const char* mb = std::getenv("QTSC_BENCH_TEXTURE_MB")) options.config.textureBudgetMb = std::atoi(mb);  // default: the kiosk's
    return new Harness(options);  // lives for the whole run: SDL and ImGui are process-wide
  }();
  return *h;
}

void openMilestone(Harness& h, const std::string& id) {
  h.app().resetToAttract();
  h.app().router().reset(Route{ScreenId::Home, {}});
  h.pump(1);
  h.app().router().open(Route{ScreenId::Milestone, id});
  h.settle();
}

void BM_PictureMemory(benchmark::State& state) {
  Harness& h = harness();
  const std::string open = h.app().i18n().tr("viewer.open", "vi");
  openMilestone(h, park().milestones.front());
  state.counters["rss_start_mib"] = statusMiB("VmRSS");  // the kiosk on one milestone, before its pictures came
  state.counters["hwm_start_mib"] = statusMiB("VmHWM");  // the peak so far: making the sample pictures included
  double rssMax = 0.0;
  int shown = 0;
  for (auto _ : state) {
    for (const auto& id : park().milestones) {
      openMilestone(h, id);
      for (int i = 0; i < kPicturesPerMilestone; ++i) {  // in the gallery
        rssMax = std::max(rssMax, statusMiB("VmRSS"));
        ++shown;
        h.tapLabel(">");
      }
      h.tapLabel(open);
      for (int i = 0; i < kPicturesPerMilestone; ++i) {  // full screen
        rssMax = std::max(rssMax, statusMiB("VmRSS"));
        ++shown;
        h.tapLabel(">");
      }
    }
  }
  state.counters["rss_max_mib"] = rssMax;
  state.counters["hwm_mib"] = statusMiB("VmHWM");
  state.counters["texture_mib"] = static_cast<double>(h.app().images().textureBytes()) / (1024.0 * 1024.0);
  state.counters["pictures"] = park().pictures;
  state.counters["shown"] = shown;
}

void BM_GalleryDraw(benchmark::State& state) {
  Harness& h = harness();
  openMilestone(h, park().milestones.front());
  if (state.range(0) == 1) h.tapLabel(h.app().i18n().tr("viewer.open", "vi"));
  h.app().buildFrame();
  for (auto _ : state) h.app().presentFrame();
  state.SetLabel(state.range(0) == 1 ? "full screen" : "milestone with its gallery");
}

}  // namespace

BENCHMARK(BM_PictureMemory)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_GalleryDraw)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(0.3);

BENCHMARK_MAIN();
