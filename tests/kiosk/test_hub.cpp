// Hub to screen, as staff and a technician would do it: a picture uploaded on a real hub
// (127.0.0.1, free port), put on the milestones and published; the kiosk program syncs
// (`kiosk --sync-once --config FILE`) and renders what it shows (`kiosk --shots DIR
// --config FILE`); the picture's own pixels are on the History and milestone screens.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>
#include <stb_image_write.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>

#include "qtsc/sync/client.hpp"
#include "test_hub_support.hpp"
#include "test_support.hpp"

using nlohmann::json;
using qtsc::testing::Reply;
using qtsc::testing::Staff;
using qtsc::testing::TestHub;
namespace fs = std::filesystem;

namespace {

void appendBytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

// A picture no screen draws by itself: magenta with a green band, 480 x 320.
std::string magentaPicture() {
  const int w = 480, h = 320;
  std::string pixels;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool band = y >= 140 && y < 180;
      pixels += {static_cast<char>(band ? 0 : 255), static_cast<char>(band ? 200 : 0), static_cast<char>(band ? 0 : 255)};
    }
  std::string png;
  stbi_write_png_to_func(appendBytes, &png, w, h, 3, pixels.data(), w * 3);
  return png;
}

// Pixels of the picture's magenta (a little latitude for scaling at the edges).
long magentaPixels(const fs::path& png) {
  SDL_Surface* loaded = IMG_Load(png.string().c_str());
  if (!loaded) return -1;
  SDL_Surface* surface = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  long count = 0;
  for (int y = 0; y < surface->h; ++y) {
    const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(surface->pixels) + y * surface->pitch);
    for (int x = 0; x < surface->w; ++x) {
      const Uint32 p = row[x];
      const Uint32 r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
      if (r > 240 && g < 16 && b > 240) ++count;
    }
  }
  SDL_FreeSurface(surface);
  return count;
}

int run(const std::string& command, const fs::path& log) {
  const int status = std::system(("SDL_VIDEODRIVER=offscreen " + command + " > " + log.string() + " 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("a picture uploaded on the hub and put on milestones shows on the kiosk's History and milestone screens",
          "[kiosk][hub][e2e]") {
  const std::string kiosk = std::string(QTSC_BIN_DIR) + "/kiosk";
  REQUIRE(fs::exists(kiosk));
  TestHub hub;
  Staff chi(hub, "chi"), bao(hub, "bao"), ana(hub, "ana");

  // Staff upload the picture and put it on every milestone.
  const Reply uploaded = chi.send("POST", "/api/v1/assets", magentaPicture(), "image/png");
  INFO(uploaded.text);
  REQUIRE(uploaded.status == 201);
  const std::string picture = uploaded.body["name"];
  const Reply list = chi.get("/api/v1/content/milestones");
  REQUIRE(list.status == 200);
  const json& milestones = list.body.is_array() ? list.body : list.body.at("items");
  REQUIRE(milestones.size() >= 2);
  for (const auto& summary : milestones) {
    const std::string id = summary["id"];
    json milestone = chi.get("/api/v1/content/milestones/" + id).body;
    milestone["gallery"] = json::array({{{"image", picture}, {"caption", {{"vi", "Ảnh mẫu"}, {"en", "Sample picture"}}}}});
    const Reply saved = chi.json("PUT", "/api/v1/content/milestones/" + id, milestone);
    INFO(saved.text);
    REQUIRE(saved.status == 200);
  }
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "Pictures on the timeline"}}).status == 201);

  // A kiosk paired with the hub syncs with the kiosk program itself.
  const std::string publicKey = chi.get("/api/v1/versions").body["publicKey"];
  const std::string reportKey = ana.json("POST", "/api/v1/kiosks", {{"id", "museum-1"}}).body["key"];
  const fs::path config = hub.dir / "kiosk.toml";
  qtsc::testing::writeFile(config, "[sync]\nurl = \"" + hub.url() + "/content\"\npublic_key = \"" + publicKey +
                                       "\"\nkiosk_id = \"museum-1\"\nhub_url = \"" + hub.url() + "\"\nreport_key = \"" +
                                       reportKey + "\"\ndata_dir = \"" + (hub.dir / "kiosk-data").string() +
                                       "\"\nstate_dir = \"" + (hub.dir / "kiosk-state").string() + "\"\n");
  const fs::path log = hub.dir / "kiosk.log";
  {
    const int status = run(kiosk + " --sync-once --config " + config.string(), log);
    INFO(qtsc::testing::readFile(log));
    REQUIRE(status == 0);
  }
  REQUIRE(qtsc::sync::currentVersion(hub.dir / "kiosk-data") >= 1);

  // What that kiosk shows, rendered as a technician would check it.
  const fs::path shots = hub.dir / "shots";
  const int status = run(kiosk + " --shots " + shots.string() + " --config " + config.string(), log);
  const std::string output = qtsc::testing::readFile(log);
  INFO(output);
  REQUIRE(status == 0);
  CHECK_THAT(output, !Catch::Contains("not shown"));
  // History shows the picture on its cards, the milestone screen beside the story; the
  // placeholder has no magenta at all.
  for (const char* shot : {"history_vi.png", "history_en.png", "milestone_vi.png", "milestone_en.png"}) {
    INFO(shot);
    CHECK(magentaPixels(shots / shot) > 20'000);
  }
  CHECK(magentaPixels(shots / "home_vi.png") == 0);
}
