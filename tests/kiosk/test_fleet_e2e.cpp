// The fleet end to end, as a technician and staff do it, with the programs themselves on
// 127.0.0.1: a kiosk-hub with an admin account; a kiosk whose config names only the hub. The
// kiosk shows a pairing code (read from its log), the admin types it, puts the kiosk in the
// STEAMZONE profile and publishes; "sync now" brings the content and the profile; the
// kiosk's status says so; an announcement and a screenshot request reach the running kiosk
// within 30 seconds, and the screenshot shows the announcement's band.
#include <catch2/catch.hpp>

#include <SDL.h>
#include <SDL_image.h>

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>
#include <thread>

#include "test_hub_support.hpp"
#include "test_support.hpp"
#include "test_sync_support.hpp"

using nlohmann::json;
using qtsc::testing::Reply;
using qtsc::testing::Staff;
namespace fs = std::filesystem;

namespace {

const std::regex kCode("code ([0-9A-Z]{4}-[0-9A-Z]{4})");

// A program in the background; its pid from the shell that execs it. Killed at the end.
struct Program {
  Program(const std::string& command, const fs::path& pidFile) : pidFile_(pidFile) {
    REQUIRE(std::system(("sh -c 'echo $$ > " + pidFile.string() + "; exec " + command + "' &").c_str()) == 0);
  }
  ~Program() {
    const std::string pid = qtsc::testing::readFile(pidFile_);
    if (!pid.empty()) kill(std::stoi(pid), SIGTERM);
  }
  fs::path pidFile_;
};

// Waits up to `seconds` for `done`, checking twice a second.
bool within(int seconds, const std::function<bool()>& done) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return done();
}

json kioskRow(Staff& admin, const std::string& id) {
  const Reply r = admin.get("/api/v1/kiosks");
  if (r.status != 200) return {};
  for (const auto& k : r.body["kiosks"])
    if (k["id"] == id) return k;
  return {};
}

// Rows of a PNG that are mostly the announcement band's amber (the band spans the width).
long amberRows(const std::string& png) {
  SDL_RWops* in = SDL_RWFromConstMem(png.data(), static_cast<int>(png.size()));
  SDL_Surface* loaded = IMG_Load_RW(in, 1);
  if (!loaded) return -1;
  SDL_Surface* surface = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  long count = 0;
  for (int y = 0; y < surface->h; ++y) {
    const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(surface->pixels) + y * surface->pitch);
    int inRow = 0;
    for (int x = 0; x < surface->w; ++x) {
      const Uint32 p = row[x];
      const int r = static_cast<int>((p >> 16) & 0xFF), g = static_cast<int>((p >> 8) & 0xFF), b = static_cast<int>(p & 0xFF);
      if (std::abs(r - 0xE2) < 12 && std::abs(g - 0x9E) < 12 && std::abs(b - 0x2E) < 12) ++inRow;
    }
    if (inRow * 10 > surface->w * 6) ++count;
  }
  SDL_FreeSurface(surface);
  return count;
}

}  // namespace

TEST_CASE("pair by code, a profile set on the hub, publish, sync now, an announcement and a screenshot, program to program",
          "[kiosk][hub][fleet][e2e]") {
  const std::string bin = QTSC_BIN_DIR;
  REQUIRE(fs::exists(bin + "/kiosk"));
  REQUIRE(fs::exists(bin + "/kiosk-hub"));
  qtsc::testing::TempDir dir;
  const std::string password = qtsc::testing::kTestPassword;
  REQUIRE(std::system(("echo '" + password + "' | " + bin + "/kiosk-hub --data " + (dir / "hub").string() +
                       " adduser ana --role admin > " + (dir / "adduser.log").string() + " 2>&1").c_str()) == 0);
  const int port = qtsc::testing::freePort();
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  Program hub(bin + "/kiosk-hub --data " + (dir / "hub").string() + " --listen 127.0.0.1:" + std::to_string(port) + " > " +
                  (dir / "hub.log").string() + " 2>&1",
              dir / "hub.pid");
  std::unique_ptr<Staff> admin;
  REQUIRE(within(20, [&] {
    admin = std::make_unique<Staff>(url, "ana", password);
    return admin->loginStatus == 200;
  }));

  // The kiosk's config names the hub and where it keeps its state; nothing else.
  {
    std::ofstream config(dir / "kiosk.toml");
    config << "[sync]\nhub_url = \"" << url << "\"\nkiosk_id = \"museum-1\"\ndata_dir = \"" << (dir / "content").string()
           << "\"\nstate_dir = \"" << (dir / "state").string() << "\"\nfleet_poll_s = 2\n";
  }
  Program kiosk("env SDL_VIDEODRIVER=offscreen " + bin + "/kiosk --config " + (dir / "kiosk.toml").string() +
                    " --windowed 1280x720 > " + (dir / "kiosk.log").string() + " 2>&1",
                dir / "kiosk.pid");
  std::string code;
  REQUIRE(within(30, [&] {
    std::smatch m;
    const std::string log = qtsc::testing::readFile(dir / "kiosk.log");
    if (std::regex_search(log, m, kCode)) code = m[1];
    return !code.empty();
  }));

  // The admin types the code; the kiosk is paired as museum-1.
  const Reply claimed = admin->json("POST", "/api/v1/pairing/claim", {{"code", code}});
  REQUIRE(claimed.status == 201);
  CHECK(claimed.body["id"] == "museum-1");
  REQUIRE(within(30, [&] { return kioskRow(*admin, "museum-1")["paired"] == true && qtsc::testing::readFile(dir / "kiosk.log").find("paired with") != std::string::npos; }));

  // The STEAMZONE profile takes the kiosk; published; "sync now" from the fleet page.
  Reply profile = admin->get("/api/v1/content/profiles/steamzone");
  REQUIRE(profile.status == 200);
  profile.body["kiosks"] = json::array({"museum-1"});
  REQUIRE(admin->json("PUT", "/api/v1/content/profiles/steamzone", profile.body).status == 200);
  REQUIRE(admin->json("POST", "/api/v1/publish", {{"note", "the STEAMZONE kiosk"}}).status == 201);
  REQUIRE(admin->json("POST", "/api/v1/kiosks/museum-1/sync-now", json::object()).status == 202);
  json row;
  const bool configured = within(30, [&] {
    row = kioskRow(*admin, "museum-1");
    return row.contains("status") && row["status"].is_object() && row["status"].value("profile", "") == "steamzone";
  });
  INFO(qtsc::testing::readFile(dir / "kiosk.log"));
  INFO(row.dump());
  REQUIRE(configured);
  CHECK(row["status"]["group"] == "steamzone");
  CHECK(row["status"]["softwareVersion"].is_string());
  CHECK(row["status"]["screen"] == "attract");
  CHECK(qtsc::testing::readFile(dir / "kiosk.log").find("uses profile 'steamzone'") != std::string::npos);
  CHECK(within(30, [&] { return kioskRow(*admin, "museum-1").value("contentVersion", 0LL) == 1; }));

  // A screenshot within 30 s: the Attract screen, with no announcement band.
  auto screenshot = [&](long long after) {
    REQUIRE(admin->json("POST", "/api/v1/kiosks/museum-1/screenshot-request", json::object()).status == 202);
    std::string png;
    const bool came = within(30, [&] {
      const json k = kioskRow(*admin, "museum-1");
      if (!k.contains("screenshotAt") || !k["screenshotAt"].is_number() || k["screenshotAt"].get<long long>() < after) return false;
      const Reply shot = admin->get("/api/v1/kiosks/museum-1/screenshot.png");
      png = shot.status == 200 ? shot.text : std::string();
      return !png.empty();
    });
    REQUIRE(came);
    return png;
  };
  const long long before = static_cast<long long>(std::time(nullptr));
  const long plain = amberRows(screenshot(before));
  INFO("amber rows before the announcement: " << plain);
  CHECK(plain >= 0);
  CHECK(plain == 0);

  // An announcement to the kiosk's group, and a screenshot: both within 30 s.
  const long long now = static_cast<long long>(std::time(nullptr));
  REQUIRE(admin->json("POST", "/api/v1/announcements",
                      {{"text", {{"vi", "Công viên đóng cửa lúc 15:00 hôm nay"}, {"en", "The park closes at 15:00 today"}}},
                       {"ends", now + 3600},
                       {"target", {{"groups", json::array({"steamzone"})}}}})
              .status == 201);
  long amber = 0;
  const bool shown = within(30, [&] {
    amber = amberRows(screenshot(static_cast<long long>(std::time(nullptr))));
    return amber >= 10;
  });
  INFO("amber rows in the screenshot: " << amber);
  CHECK(shown);
}
