// `kiosk --shots DIR` writes a non-blank PNG per screen and language.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "tools/shots.hpp"
#include "test_support.hpp"

namespace {

// Distinct colours in a sample of the picture: a blank image has one.
std::size_t distinctColours(const std::string& path) {
  SDL_Surface* loaded = IMG_Load(path.c_str());
  if (!loaded) return 0;
  SDL_Surface* surface = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  std::set<Uint32> colours;
  const auto* pixels = static_cast<const Uint32*>(surface->pixels);
  const int stride = surface->pitch / 4;
  for (int y = 0; y < surface->h; y += 7)
    for (int x = 0; x < surface->w; x += 7) colours.insert(pixels[y * stride + x]);
  SDL_FreeSurface(surface);
  return colours.size();
}

}  // namespace

TEST_CASE("kiosk --shots writes a non-blank PNG per screen and language", "[kiosk][shots]") {
  qtsc::testing::TempDir dir;
  const std::string command = std::string(QTSC_BIN_DIR) + "/kiosk --shots " + dir.path().string() +
                              " --windowed 1280x720 > /dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const char* screens[] = {"attract", "home", "history", "idle_warning", "milestone", "directory", "directory_search", "tenant", "tours",
                           "itinerary", "steamzone", "exhibit", "quiz", "quiz_results", "map", "map_route", "place",
                           "staff", "staff_panel"};
  for (const char* language : {"vi", "en"})
    for (const char* screen : screens) {
      const auto path = dir / (std::string(screen) + "_" + language + ".png");
      INFO(path);
      REQUIRE(std::filesystem::exists(path));
      CHECK(distinctColours(path.string()) > 8);
    }
}
