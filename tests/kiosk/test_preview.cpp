// `kiosk --preview`: one record's screen drawn to a PNG, as the hub's admin page shows it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "test_kiosk_support.hpp"
#include "test_support.hpp"
#include "tools/harness.hpp"

using namespace qtsc::kiosk;
using qtsc::testing::runProgram;
using qtsc::testing::TempDir;
namespace fs = std::filesystem;

TEST_CASE("kiosk --preview draws a record's screen, and names an unknown one", "[kiosk][preview]") {
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  TempDir dir;
  auto harness = qtsc::testing::makeHarness();
  const std::string tenantId = harness->app().store().tenants({"", "", 0, 1}).front().id;
  harness.reset();
  const std::string png = (dir / "tenant.png").string();
  const auto shown = runProgram("kiosk", "--content " + std::string(QTSC_PARK_DB) + " --preview tenant/" + tenantId +
                                              " --out " + png + " --lang en");
  INFO(shown.output);
  CHECK(shown.status == 0);
  CHECK(fs::file_size(png) > 1000);
  const auto unknown = runProgram("kiosk", "--content " + std::string(QTSC_PARK_DB) +
                                                " --preview tenant/no-such-tenant --out " + (dir / "x.png").string());
  CHECK(unknown.status != 0);
  CHECK(unknown.output.find("no-such-tenant") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "x.png"));
}
