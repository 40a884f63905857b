// Every screen --shots takes, at every panel shape the kiosk is laid out for and at the
// visitor's normal and largest text size: nothing the visitor can touch overlaps another or
// lies off the panel, nothing outside a scroll region is cut off, no word is broken inside
// for want of room and no button label is wider than its button.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "qtsc/content/store.hpp"
#include "test_kiosk_support.hpp"
#include "test_support.hpp"
#include "tools/shots.hpp"

using namespace qtsc::kiosk;

namespace {

constexpr float kSlack = 2.f;  // px: shared edges and antialiasing

bool overlap(const ui::TouchTarget& a, const ui::TouchTarget& b) {
  const float w = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
  const float h = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
  return w > kSlack && h > kSlack;
}

std::string where(const ui::TouchTarget& t) {
  std::ostringstream out;
  out << "'" << t.label << "' at (" << t.min.x << ", " << t.min.y << ")-(" << t.max.x << ", " << t.max.y << ")";
  return out.str();
}

// The problems of the frame on screen now, one line each.
std::vector<std::string> problems(Harness& h, float width, float height) {
  std::vector<std::string> found = h.app().ui().misfits();
  const auto& targets = h.targets();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& t = targets[i];
    if (t.min.x < -kSlack || t.min.y < -kSlack || t.max.x > width + kSlack || t.max.y > height + kSlack)
      found.push_back("off the panel: " + where(t));
    for (std::size_t j = i + 1; j < targets.size(); ++j)
      if (!t.hidden && !targets[j].hidden && overlap(t, targets[j])) found.push_back("overlap: " + where(t) + " and " + where(targets[j]));
  }
  return found;
}

// The park with a gallery of two generated sample pictures (a wide one and a tall one) on its
// first milestone, so that the milestone shot shows a gallery and --shots adds the lightbox.
struct PicturedPark {
  qtsc::testing::TempDir dir;
  std::filesystem::path database = dir / "park.db";
  std::filesystem::path assets = dir / "assets";
  PicturedPark() {
    std::filesystem::copy_file(QTSC_PARK_DB, database);
    std::filesystem::copy(std::string(QTSC_SOURCE_DIR) + "/assets", assets, std::filesystem::copy_options::recursive);
    std::filesystem::create_directories(assets / "images");
    const struct {
      const char* name;
      int w, h;
    } pictures[] = {{"sample-wide.png", 320, 180}, {"sample-tall.png", 120, 240}};
    for (const auto& p : pictures) {
      SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, p.w, p.h, 24, SDL_PIXELFORMAT_RGB24);
      REQUIRE(surface != nullptr);
      SDL_FillRect(surface, nullptr, SDL_MapRGB(surface->format, 90, 120, 150));
      REQUIRE(IMG_SavePNG(surface, (assets / "images" / p.name).string().c_str()) == 0);
      SDL_FreeSurface(surface);
    }
    qtsc::content::ContentStore store(database.string());
    auto m = store.milestones().front();
    m.gallery = {{"sample-wide.png",
                  {"Ảnh mẫu: chú thích dài để thử xuống dòng trên mọi khổ màn hình", "Sample picture: a long caption to try wrapping on every panel"},
                  {"Ảnh mẫu", "Sample"}},
                 {"sample-tall.png", {"Ảnh mẫu đứng", "Tall sample picture"}, {}}};
    store.updateMilestone(m);
  }
};

void checkShape(int width, int height, const PicturedPark* pictured = nullptr) {
  auto config = HarnessOptions::defaultHarnessConfig();
  config.windowWidth = width;
  config.windowHeight = height;
  if (config.staffPin.empty()) config.staffPin = "2468";
  if (pictured) config.assets = pictured->assets.string();
  auto h = qtsc::testing::makeHarness(pictured ? pictured->database.string() : std::string(), config);
  bool lightboxShown = false;
  const struct {
    const char* language;
    int textSize;
  } runs[] = {{"vi", 1}, {"vi", 3}, {"en", 3}};
  int shots = 0;
  for (const auto& run : runs)
    forEachShot(*h, run.language, run.textSize, [&](const std::string& name) {
      ++shots;
      INFO(width << "x" << height << ", " << run.language << ", text size " << run.textSize + 1 << "/4: " << name);
      CHECK(h->app().session().textSize == run.textSize);
      CHECK_FALSE(h->targets().empty());
      const auto found = problems(*h, static_cast<float>(width), static_cast<float>(height));
      for (const auto& problem : found) UNSCOPED_INFO(problem);
      CHECK(found.empty());
      if (name == "lightbox") {
        CHECK(h->app().ui().lightbox.isOpen());
        lightboxShown = true;
      }
    });
  CHECK(shots >= 3 * 20);
  CHECK(lightboxShown == (pictured != nullptr));
}

}  // namespace

TEST_CASE("the problems a frame is checked for are seen", "[kiosk][shapes]") {
  ui::TouchTarget a{"A", {0, 0}, {100, 100}, {0, 0}, {100, 100}, false};
  ui::TouchTarget b{"B", {90, 90}, {200, 200}, {90, 90}, {200, 200}, false};
  ui::TouchTarget c{"C", {99, 0}, {200, 100}, {99, 0}, {200, 100}, false};  // one pixel shared with A
  CHECK(overlap(a, b));
  CHECK_FALSE(overlap(a, c));
  // A button whose label is wider than the button, and a word wider than its text.
  auto h = qtsc::testing::makeHarness();
  h->pump(1);
  auto& u = h->app().ui();
  ImGui::NewFrame();
  u.beginFrame(1.f / 60.f);
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize({800, 400});
  ImGui::Begin("probe");
  u.button("Tìm trong toàn bộ nội dung", {u.px(120), 0});
  u.wrapped(u.fonts.body, "STEAMZONE", u.px(40));
  ImGui::End();
  ImGui::EndFrame();
  const auto misfits = u.misfits();
  REQUIRE(misfits.size() == 2);
  CHECK(misfits[0].find("button") != std::string::npos);
  CHECK(misfits[1].find("STEAMZONE") != std::string::npos);
}

TEST_CASE("every screen fits a 1920x1080 panel", "[kiosk][shapes]") { checkShape(1920, 1080); }
TEST_CASE("every screen fits a 1366x768 panel", "[kiosk][shapes]") { checkShape(1366, 768); }
TEST_CASE("every screen fits a 3840x2160 panel", "[kiosk][shapes]") { checkShape(3840, 2160); }
TEST_CASE("every screen fits a 1920x1200 panel", "[kiosk][shapes]") { checkShape(1920, 1200); }
TEST_CASE("every screen fits a 1280x1024 panel", "[kiosk][shapes]") { checkShape(1280, 1024); }
TEST_CASE("every screen fits a 1024x768 panel", "[kiosk][shapes]") { checkShape(1024, 768); }
TEST_CASE("every screen fits a portrait 1080x1920 panel", "[kiosk][shapes]") { checkShape(1080, 1920); }

TEST_CASE("a milestone's gallery and its picture full screen fit 1920x1080, 1366x768, 1024x768 and portrait panels",
          "[kiosk][shapes][images]") {
  const PicturedPark park;
  for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1366, 768}, std::pair{1024, 768}, std::pair{1080, 1920}}) {
    INFO(w << "x" << h);
    checkShape(w, h, &park);
  }
}
