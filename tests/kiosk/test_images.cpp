// Pictures on the kiosk: a header that states more pixels than images.max_pixels is refused
// before anything is decoded (the placeholder shows, the log names the picture), whatever the
// file's size; pictures within the limit still show.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <stb_image_write.h>
#include <zlib.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <sys/wait.h>

#include "screens/all_screens.hpp"
#include "tools/harness.hpp"
#include "services/image_cache.hpp"
#include "runtime/ui_queue.hpp"
#include "qtsc/content/store.hpp"
#include "test_kiosk_support.hpp"
#include "test_support.hpp"

using namespace qtsc::kiosk;
using qtsc::testing::TempDir;
namespace fs = std::filesystem;

namespace {

void appendBytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

// A real w x h picture of one colour, encoded by stb_image_write.
std::string encodedPicture(const char* format, int w, int h, unsigned char r, unsigned char g, unsigned char b) {
  std::string pixels;
  for (int i = 0; i < w * h; ++i) pixels += {static_cast<char>(r), static_cast<char>(g), static_cast<char>(b)};
  std::string out;
  if (std::string(format) == "png") stbi_write_png_to_func(appendBytes, &out, w, h, 3, pixels.data(), w * 3);
  else stbi_write_jpg_to_func(appendBytes, &out, w, h, 3, pixels.data(), 90);
  return out;
}

void putBigEndian(std::string& bytes, std::size_t at, std::uint32_t value, int width) {
  for (int i = 0; i < width; ++i)
    bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((value >> (8 * (width - 1 - i))) & 0xFF);
}

// A small PNG whose IHDR says w x h, with the chunk's CRC made right again: what a decoder
// that trusts the header would allocate for.
std::string pngClaiming(std::uint32_t w, std::uint32_t h) {
  std::string png = encodedPicture("png", 8, 8, 200, 30, 30);
  REQUIRE(png.substr(12, 4) == "IHDR");
  putBigEndian(png, 16, w, 4);
  putBigEndian(png, 20, h, 4);
  const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(png.data() + 12), 17);  // type and data
  putBigEndian(png, 29, static_cast<std::uint32_t>(crc), 4);
  return png;
}

// A small baseline JPEG whose frame header (SOF0) says w x h.
std::string jpegClaiming(std::uint16_t w, std::uint16_t h) {
  std::string jpeg = encodedPicture("jpg", 8, 8, 30, 30, 200);
  const auto sof = jpeg.find("\xFF\xC0");
  REQUIRE(sof != std::string::npos);
  putBigEndian(jpeg, sof + 5, h, 2);
  putBigEndian(jpeg, sof + 7, w, 2);
  return jpeg;
}

// The frame the app presents, read back as kiosk --shots writes it: colours as 0xRRGGBB.
class PresentedFrame {
 public:
  PresentedFrame(App& app, const fs::path& dir) {
    const fs::path shot = dir / "frame.png";
    REQUIRE(app.savePng(shot.string()));
    SDL_Surface* loaded = IMG_Load(shot.string().c_str());
    REQUIRE(loaded != nullptr);
    surface_ = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(loaded);
    REQUIRE(surface_ != nullptr);
  }
  ~PresentedFrame() { SDL_FreeSurface(surface_); }
  PresentedFrame(const PresentedFrame&) = delete;
  PresentedFrame& operator=(const PresentedFrame&) = delete;
  [[nodiscard]] int width() const { return surface_->w; }
  [[nodiscard]] int height() const { return surface_->h; }
  [[nodiscard]] std::uint32_t colour(int x, int y) const {
    std::uint32_t pixel = 0;
    std::memcpy(&pixel, static_cast<const std::uint8_t*>(surface_->pixels) + static_cast<std::ptrdiff_t>(y) * surface_->pitch + 4 * x, 4);
    return pixel & 0xFFFFFF;
  }

 private:
  SDL_Surface* surface_ = nullptr;
};

// The park with milestone pictures named as given, and an assets folder holding them.
struct PicturePark {
  TempDir dir;
  fs::path database = dir / "park.db";
  fs::path assets = dir / "assets";
  std::vector<std::string> milestoneIds;

  PicturePark() {
    fs::copy_file(QTSC_PARK_DB, database);
    fs::copy(std::string(QTSC_SOURCE_DIR) + "/assets", assets, fs::copy_options::recursive);
    fs::create_directories(assets / "images");
    qtsc::content::ContentStore store(database.string());
    for (const auto& m : store.milestones()) milestoneIds.push_back(m.id);
    REQUIRE(milestoneIds.size() >= 3);
  }
  // Milestone `milestone`'s gallery: each picture written to the assets as `files[i]`.
  void setGallery(std::size_t milestone, const std::vector<qtsc::content::Picture>& gallery,
                  const std::vector<std::string>& files) {
    REQUIRE(gallery.size() == files.size());
    for (std::size_t i = 0; i < gallery.size(); ++i) qtsc::testing::writeFile(assets / "images" / gallery[i].image, files[i]);
    qtsc::content::ContentStore store(database.string());
    auto m = *store.milestone(milestoneIds.at(milestone));
    m.gallery = gallery;
    store.updateMilestone(m);
  }
  void setPicture(std::size_t milestone, const std::string& name, const std::string& bytes) {
    qtsc::testing::writeFile(assets / "images" / name, bytes);
    qtsc::content::ContentStore store(database.string());
    auto m = *store.milestone(milestoneIds.at(milestone));
    m.gallery = {qtsc::content::Picture{name, {}, {}}};
    store.updateMilestone(m);
  }
};

}  // namespace

TEST_CASE("an image whose header states more than images.max_pixels is refused before decoding", "[kiosk][images]") {
  TempDir dir;
  const long long limit = KioskConfig{}.maxImagePixels;
  const std::string png = pngClaiming(40000, 40000), jpeg = jpegClaiming(40000, 40000);
  CHECK(png.size() < 1000);
  CHECK(jpeg.size() < 2000);
  qtsc::testing::writeFile(dir / "huge.png", png);
  qtsc::testing::writeFile(dir / "huge.jpg", jpeg);
  // stb_image itself calls a 40,000 x 40,000 PNG header corrupt; either way it is not decoded.
  const ImageFile hugePng = loadImageFile((dir / "huge.png").string(), limit);
  CHECK(hugePng.surface == nullptr);
  CHECK_THAT(hugePng.problem, Catch::Contains("header"));
  const ImageFile hugeJpeg = loadImageFile((dir / "huge.jpg").string(), limit);
  CHECK(hugeJpeg.surface == nullptr);
  CHECK_THAT(hugeJpeg.problem, Catch::Contains("40000 x 40000") && Catch::Contains("images.max_pixels"));
  // Just over the default limit (25 MP > 16.7 MP), still a tiny file: refused, naming the size.
  qtsc::testing::writeFile(dir / "big.png", pngClaiming(5000, 5000));
  const ImageFile big = loadImageFile((dir / "big.png").string(), limit);
  CHECK(big.surface == nullptr);
  CHECK_THAT(big.problem, Catch::Contains("5000 x 5000") && Catch::Contains("images.max_pixels"));
  // Within the limit: decoded, at the size its header states.
  qtsc::testing::writeFile(dir / "small.png", encodedPicture("png", 64, 48, 10, 200, 10));
  qtsc::testing::writeFile(dir / "small.jpg", encodedPicture("jpg", 64, 48, 10, 200, 10));
  for (const char* name : {"small.png", "small.jpg"}) {
    INFO(name);
    const ImageFile file = loadImageFile((dir / name).string(), limit);
    REQUIRE(file.surface != nullptr);
    CHECK(file.surface->w == 64);
    CHECK(file.surface->h == 48);
    SDL_FreeSurface(file.surface);
  }
  // The limit is the setting's: 64 x 48 = 3,072 pixels is too many for a limit of 3,000.
  const ImageFile tight = loadImageFile((dir / "small.png").string(), 3000);
  CHECK(tight.surface == nullptr);
  CHECK_THAT(tight.problem, Catch::Contains("64 x 48"));
  // Not an image, a format the kiosk does not show, a folder, a missing file: refused, with a reason.
  qtsc::testing::writeFile(dir / "text.png", "hello, not a picture");
  qtsc::testing::writeFile(dir / "truncated.png", png.substr(0, 20));
  fs::create_directories(dir / "folder.png");
  for (const char* name : {"text.png", "truncated.png", "folder.png", "missing.png"}) {
    INFO(name);
    const ImageFile file = loadImageFile((dir / name).string(), limit);
    CHECK(file.surface == nullptr);
    CHECK_FALSE(file.problem.empty());
  }
}

TEST_CASE("on a screen a refused picture shows the placeholder and the log names it", "[kiosk][images]") {
  PicturePark park;
  park.setPicture(0, "huge.png", pngClaiming(40000, 40000));
  park.setPicture(1, "huge.jpg", jpegClaiming(40000, 40000));
  park.setPicture(2, "fine.png", encodedPicture("png", 320, 240, 10, 200, 10));
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
  spdlog::default_logger()->sinks().push_back(sink);

  KioskConfig config = HarnessOptions::defaultHarnessConfig();
  config.assets = park.assets.string();
  auto harness = qtsc::testing::makeHarness(park.database.string(), config);
  App& app = harness->app();
  // Each milestone's screen asks the cache for its picture; the cache answers after the decode.
  for (std::size_t i = 0; i < 3; ++i) {
    app.router().reset(Route{ScreenId::Home, {}});
    harness->pump(1);
    app.router().open(Route{ScreenId::Milestone, park.milestoneIds[i]});
    harness->settle();
  }
  // The milestone screen's gallery frame is thumbnail-sized: the pictures were asked for as thumbnails.
  CHECK(app.images().thumbnail("huge.png").state == Image::State::Missing);
  CHECK(app.images().thumbnail("huge.jpg").state == Image::State::Missing);
  CHECK(app.images().thumbnail("fine.png").state == Image::State::Ready);
  CHECK(app.images().thumbnail("fine.png").width == 320);
  spdlog::default_logger()->sinks().pop_back();
  std::string log;
  for (const auto& line : sink->last_formatted()) log += line;
  INFO(log);
  CHECK_THAT(log, Catch::Contains("image huge.png") && Catch::Contains("image huge.jpg") && Catch::Contains("40000 x 40000"));
  CHECK_THAT(log, !Catch::Contains("fine.png"));
}

TEST_CASE("kiosk --preview of a milestone with a 40,000 x 40,000 picture draws the placeholder and exits 0",
          "[kiosk][images]") {
  PicturePark park;
  park.setPicture(0, "huge.png", pngClaiming(40000, 40000));
  qtsc::testing::writeFile(park.dir / "kiosk.toml", "[content]\nassets = \"" + park.assets.string() + "\"\n");
  const fs::path out = park.dir / "milestone.png", log = park.dir / "log";
  const std::string command = "SDL_VIDEODRIVER=offscreen " + std::string(QTSC_BIN_DIR) + "/kiosk --config " +
                              (park.dir / "kiosk.toml").string() + " --content " + park.database.string() +
                              " --preview milestone/" + park.milestoneIds[0] + " --out " + out.string() + " > " +
                              log.string() + " 2>&1";
  const int status = std::system(command.c_str());
  INFO(qtsc::testing::readFile(log));
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(fs::file_size(out) > 1000);
  CHECK_THAT(qtsc::testing::readFile(log), Catch::Contains("image huge.png") && Catch::Contains("not shown"));
}

TEST_CASE("History with more pictures than the image cache holds shows every one, and no texture drawn is destroyed before the present",
          "[kiosk][images][lifetime]") {
  PicturePark park;
  const int cacheEntries = KioskConfig{}.imageCacheEntries;
  const std::size_t count = static_cast<std::size_t>(cacheEntries) + 6;
  {
    qtsc::content::ContentStore store(park.database.string());
    const auto model = store.milestones().front();
    for (std::size_t i = park.milestoneIds.size(); i < count; ++i) {
      auto m = model;
      m.id = "picture-" + std::to_string(i);
      store.addMilestone(m);
    }
    park.milestoneIds.clear();
    for (auto m : store.milestones()) {  // in the order History shows them (date, then id)
      m.title = qtsc::content::LocalizedText("Mốc " + std::to_string(park.milestoneIds.size()),
                                             "Milestone " + std::to_string(park.milestoneIds.size()));
      store.updateMilestone(m);
      park.milestoneIds.push_back(m.id);
    }
  }
  REQUIRE(park.milestoneIds.size() == count);
  // One colour per picture, so the frame tells which picture is where. The last card's
  // picture comes later: the first visit draws every other one.
  auto colourOf = [](std::size_t i) {
    return std::array<unsigned char, 3>{static_cast<unsigned char>(20 + 7 * i), static_cast<unsigned char>(230 - 5 * i), 90};
  };
  for (std::size_t i = 0; i + 1 < count; ++i) {
    const auto c = colourOf(i);
    park.setPicture(i, "card-" + std::to_string(i) + ".png", encodedPicture("png", 48, 24, c[0], c[1], c[2]));
  }
  KioskConfig config = HarnessOptions::defaultHarnessConfig();
  config.assets = park.assets.string();
  auto harness = qtsc::testing::makeHarness(park.database.string(), config);
  App& app = harness->app();
  app.router().reset(Route{ScreenId::Home, {}});
  harness->pump(1);
  app.router().open(Route{ScreenId::History, {}});
  harness->settle();
  const std::size_t last = count - 1;
  const auto c = colourOf(last);
  park.setPicture(last, "card-" + std::to_string(last) + ".png", encodedPicture("png", 48, 24, c[0], c[1], c[2]));

  // The cards in view show their own pictures in the frame as presented (kiosk --shots and
  // the test read the frame back the same way).
  auto checkVisibleCards = [&](const std::string& when) {
    INFO(when);
    const PresentedFrame frame(app, park.dir.path());
    int checked = 0;
    for (const auto& target : app.ui().targets()) {
      for (std::size_t i = 0; i < count; ++i) {
        if (target.label != "Mốc " + std::to_string(i) || target.fullMax.x > static_cast<float>(frame.width())) continue;
        const float pad = app.ui().px(32);
        const int x = static_cast<int>(target.fullMin.x + pad + 12.f), y = static_cast<int>(target.fullMin.y + pad + 12.f);
        const std::uint32_t pixel = frame.colour(x, y);
        const auto want = colourOf(i);
        INFO("card " << i << " at " << x << "," << y);
        CHECK(((pixel >> 16) & 0xFF) == want[0]);
        CHECK(((pixel >> 8) & 0xFF) == want[1]);
        CHECK((pixel & 0xFF) == want[2]);
        ++checked;
      }
    }
    CHECK(checked >= 3);
  };

  // Back to History: every picture but the last is in the cache, and the last is asked for
  // after the first cards were drawn. Nothing that frame drew may be gone when it is presented.
  app.router().reset(Route{ScreenId::Home, {}});
  harness->pump(1);
  app.router().open(Route{ScreenId::History, {}});
  app.renderFrame();
  checkVisibleCards("the frame that asked for one picture more than the cache holds");
  harness->settle();
  app.renderFrame();
  CHECK(app.images().size() >= count);  // a frame's pictures stay while it shows them
  for (std::size_t i = 0; i < count; ++i) {
    INFO("picture " << i);
    CHECK(app.images().thumbnail("card-" + std::to_string(i) + ".png").state == Image::State::Ready);
  }
  checkVisibleCards("every picture decoded");

  // Off History, a picture asked for brings the cache back to its bound when the next frame starts.
  app.router().reset(Route{ScreenId::Home, {}});
  harness->pump(2);
  (void)app.images().get("one-more.png");
  harness->pump(1);
  CHECK(app.images().size() == static_cast<std::size_t>(cacheEntries));
}

namespace {
// The colour at (x, y) of the frame the app presents, as 0xRRGGBB.
std::uint32_t presentedColour(App& app, const fs::path& dir, int x, int y) { return PresentedFrame(app, dir).colour(x, y); }
}  // namespace

TEST_CASE("a gallery picture opens full screen, where fingers zoom, pan and turn it, and it closes", "[kiosk][images][touch]") {
  using qtsc::testing::centreOf;
  using qtsc::testing::fingerTap;
  using qtsc::testing::touch;
  PicturePark park;
  // Two sample pictures: a wide red one (seen whole, dark bands beside it) and a square green one.
  park.setGallery(0,
                  {qtsc::content::Picture{"wide.png", {"Ảnh mẫu rộng", "Wide sample picture"}, {"Mẫu", "Sample"}},
                   qtsc::content::Picture{"square.png", {"Ảnh mẫu vuông", "Square sample picture"}, {}}},
                  {encodedPicture("png", 200, 100, 220, 30, 30), encodedPicture("png", 100, 100, 30, 200, 60)});
  KioskConfig config = HarnessOptions::defaultHarnessConfig();
  config.assets = park.assets.string();
  auto harness = qtsc::testing::makeHarness(park.database.string(), config);
  App& app = harness->app();
  app.setSyntheticPointer(std::nullopt);  // the pointer comes only from the finger events
  app.router().reset(Route{ScreenId::Home, {}});
  harness->pump(1);
  app.router().open(Route{ScreenId::Milestone, park.milestoneIds[0]});
  harness->settle();
  const auto& box = app.ui().lightbox;
  REQUIRE_FALSE(box.isOpen());
  constexpr std::uint32_t kRed = 0xDC1E1E, kGreen = 0x1EC83C, kBackdrop = 0x101618;
  const int cx = 960, cy = 540;  // the middle of the 1920 x 1080 display

  fingerTap(*harness, 1, centreOf(*harness, "Xem ảnh toàn màn hình"));
  REQUIRE(box.isOpen());
  CHECK(box.index() == 0);
  CHECK(harness->hasLabel("Đóng"));
  CHECK_FALSE(harness->hasLabel("Quay lại"));  // the screen under it takes no touch
  CHECK(harness->hasLabel(">"));
  // Seen whole: the wide picture fills the width it fits in, with the backdrop beside it.
  const ImVec2 whole = box.zoom.contentMax();
  const int beside = static_cast<int>(box.zoom.contentMin().x) - 20;
  REQUIRE(beside > 40);
  CHECK(presentedColour(app, park.dir.path(), cx, cy) == kRed);
  CHECK(presentedColour(app, park.dir.path(), beside, cy) == kBackdrop);

  // Two fingers spread from 100 to 250 px: two and a half times as large, the band now picture.
  qtsc::testing::pinch(*harness, {static_cast<float>(cx), static_cast<float>(cy)}, 100.f, 250.f);
  CHECK(box.zoom.scale() == Approx(2.5f).margin(0.05));
  CHECK(box.isOpen());
  CHECK(box.index() == 0);
  CHECK(presentedColour(app, park.dir.path(), beside, cy) == kRed);
  CHECK(box.zoom.contentMax().x > whole.x);

  // Zoomed in, a drag across looks around the picture and does not turn it.
  const float leftBefore = box.zoom.contentMin().x;
  touch(*harness, SDL_FINGERDOWN, 2, 1200.f, 500.f);
  for (int i = 1; i <= 10; ++i) touch(*harness, SDL_FINGERMOTION, 2, 1200.f - 30.f * static_cast<float>(i), 500.f);
  touch(*harness, SDL_FINGERUP, 2, 900.f, 500.f);
  harness->pump(3);
  CHECK(box.index() == 0);
  CHECK(box.zoom.contentMin().x == Approx(leftBefore - 300.f).margin(3.f));

  // Two quick taps show it whole again; a swipe then turns to the next picture.
  fingerTap(*harness, 3, {static_cast<float>(cx), static_cast<float>(cy)});
  fingerTap(*harness, 4, {static_cast<float>(cx), static_cast<float>(cy)});
  CHECK_FALSE(box.zoom.zoomed());
  CHECK(box.index() == 0);
  touch(*harness, SDL_FINGERDOWN, 5, 1300.f, 500.f);
  for (int i = 1; i <= 10; ++i) touch(*harness, SDL_FINGERMOTION, 5, 1300.f - 40.f * static_cast<float>(i), 500.f);
  touch(*harness, SDL_FINGERUP, 5, 900.f, 500.f);
  harness->settle();
  CHECK(box.index() == 1);
  CHECK(presentedColour(app, park.dir.path(), cx, cy) == kGreen);
  // Two quick taps zoom in where they land.
  fingerTap(*harness, 6, {static_cast<float>(cx), static_cast<float>(cy)});
  fingerTap(*harness, 7, {static_cast<float>(cx), static_cast<float>(cy)});
  CHECK(box.zoom.scale() == Approx(2.5f));

  // "Close" brings back the milestone, its gallery on the picture last seen.
  fingerTap(*harness, 8, centreOf(*harness, "Đóng"));
  CHECK_FALSE(box.isOpen());
  CHECK(harness->screen() == ScreenId::Milestone);
  CHECK(harness->hasLabel("Quay lại"));
  // Left open, the idle reset closes it with the visit.
  fingerTap(*harness, 9, centreOf(*harness, "Xem ảnh toàn màn hình"));
  REQUIRE(box.isOpen());
  harness->advance(static_cast<double>(config.idleTimeout) + 1.0);
  CHECK(harness->screen() == ScreenId::Attract);
  CHECK_FALSE(box.isOpen());
}

TEST_CASE("a small frame shows the published thumbnail, or the picture made smaller where there is none; full screen shows the picture",
          "[kiosk][images]") {
  PicturePark park;
  // Milestone 0: a picture with its thumbnail beside it, in another colour so that the screen tells them apart.
  park.setPicture(0, "withthumb.png", encodedPicture("png", 1600, 900, 200, 40, 40));
  qtsc::testing::writeFile(park.assets / "images" / qtsc::content::thumbnailName("withthumb.png"),
                           encodedPicture("png", 480, 270, 40, 40, 200));
  // Milestone 1: a picture published before thumbnails were made.
  park.setPicture(1, "nothumb.png", encodedPicture("png", 1600, 1200, 40, 180, 40));
  KioskConfig config = HarnessOptions::defaultHarnessConfig();
  config.assets = park.assets.string();
  auto harness = qtsc::testing::makeHarness(park.database.string(), config);
  App& app = harness->app();
  auto show = [&](std::size_t milestone) {
    app.router().reset(Route{ScreenId::Home, {}});
    harness->pump(1);
    app.router().open(Route{ScreenId::Milestone, park.milestoneIds[milestone]});
    harness->settle();
  };
  auto galleryCentre = [&] {
    const ImVec2 c = qtsc::testing::centreOf(*harness, "Xem ảnh toàn màn hình");
    return presentedColour(app, park.dir.path(), static_cast<int>(c.x), static_cast<int>(c.y));
  };

  show(0);
  CHECK(galleryCentre() == 0x2828C8);  // the thumbnail's blue, not the picture's red
  const Image thumb = app.images().thumbnail("withthumb.png");
  CHECK(thumb.width == 480);
  show(1);
  CHECK(galleryCentre() == 0x28B428);
  const Image shrunk = app.images().thumbnail("nothumb.png");
  REQUIRE(shrunk.state == Image::State::Ready);
  CHECK(shrunk.width == 480);  // 1600 x 1200 made 480 x 360
  CHECK(shrunk.height == 360);
  CHECK(app.images().textureBytes() < 2LL * 1600 * 1200 * 4);  // the full sizes are not held for the gallery

  // Full screen, the picture itself.
  harness->tapLabel("Xem ảnh toàn màn hình");
  REQUIRE(app.ui().lightbox.isOpen());
  harness->settle();
  CHECK(presentedColour(app, park.dir.path(), 960, 540) == 0x28B428);
  CHECK(app.images().get("nothumb.png").width == 1600);
}

TEST_CASE("Attract shows a highlight's picture behind its card, under a veil, and a highlight without one plainly",
          "[kiosk][images][attract]") {
  PicturePark park;
  // Every milestone has the same red picture: the first highlight (a milestone) shows it, the
  // next one (a place, without pictures) does not.
  for (std::size_t i = 0; i < park.milestoneIds.size(); ++i)
    park.setPicture(i, "behind.png", encodedPicture("png", 640, 360, 230, 20, 20));
  KioskConfig config = HarnessOptions::defaultHarnessConfig();
  config.assets = park.assets.string();
  auto harness = qtsc::testing::makeHarness(park.database.string(), config);
  App& app = harness->app();
  harness->settle();
  REQUIRE(harness->screen() == ScreenId::Attract);
  auto& attract = static_cast<AttractScreen&>(app.screen(ScreenId::Attract));
  // Pixels of red under the dark veil: about (67, 40, 43); nothing else on Attract is that colour.
  auto veiledRed = [&] {
    const PresentedFrame frame(app, park.dir.path());
    int count = 0;
    for (int y = 0; y < frame.height(); ++y)
      for (int x = 0; x < frame.width(); ++x) {
        const std::uint32_t p = frame.colour(x, y);
        const int r = static_cast<int>((p >> 16) & 0xFF), g = static_cast<int>((p >> 8) & 0xFF), b = static_cast<int>(p & 0xFF);
        if (r >= 55 && r <= 80 && g >= 30 && g <= 50 && b >= 30 && b <= 56) ++count;
      }
    return count;
  };
  CHECK(attract.shownPicture() == "behind.png");
  CHECK(veiledRed() > 50000);  // the card is about 1400 x 300 px at 1920 x 1080
  harness->advance(static_cast<double>(config.highlightSeconds));
  harness->settle();
  CHECK(attract.shownPicture().empty());
  CHECK(veiledRed() < 100);
}
