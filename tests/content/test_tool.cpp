// The kiosk-content command line, run as a user would run it.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using qtsc::testing::TempDir;
using qtsc::testing::writeFile;

namespace {
qtsc::testing::ProgramRun tool(const std::string& args) { return qtsc::testing::runProgram("kiosk-content", args); }
}  // namespace

TEST_CASE("kiosk-content search prints the hits", "[tool]") {
  auto run = tool(std::string("search ") + QTSC_PARK_DB + " \"cong vien\" --lang vi");
  CHECK(run.status == 0);
  CHECK(run.output.find("Công viên phần mềm Quang Trung") != std::string::npos);
  auto none = tool(std::string("search ") + QTSC_PARK_DB + " zzzzqx");
  CHECK(none.status == 0);
  CHECK(none.output.find("no results") != std::string::npos);
}

TEST_CASE("kiosk-content build, generate and summary", "[tool]") {
  TempDir dir;
  const auto db = (dir / "park.db").string();
  auto built = tool(std::string("build ") + QTSC_PARK_SOURCES + " " + db + " --sample-tenants 25 --demo-day 2026-11-23");
  REQUIRE(built.status == 0);
  CHECK(built.output.find("31 tenants") != std::string::npos);
  auto more = tool("generate " + db + " --tenants 1000");
  CHECK(more.status == 0);
  CHECK(more.output.find("1006 tenants") != std::string::npos);
  auto summary = tool("summary " + db + " --lang vi");
  CHECK(summary.status == 0);
  CHECK(summary.output.find("Công viên phần mềm Quang Trung") != std::string::npos);
  CHECK(summary.output.find("43 hecta") != std::string::npos);
  CHECK(summary.output.find("2026-11-23") != std::string::npos);
}

TEST_CASE("kiosk-content validate names file and line, and build refuses bad sources", "[tool]") {
  TempDir dir;
  writeFile(dir / "src" / "places.toml", "[[place]]\nid = \"lab\"\nkind = \"castle\"\nname = { vi = \"Lab\" }\nx = 5\ny = 5\n");
  auto run = tool("validate " + (dir / "src").string());
  CHECK(run.status == 1);
  CHECK(run.output.find("places.toml:3: place 'lab': kind 'castle' is not one of") != std::string::npos);
  const auto db = (dir / "out.db").string();
  auto build = tool("build " + (dir / "src").string() + " " + db);
  CHECK(build.status == 1);
  CHECK(build.output.find("castle") != std::string::npos);
  auto good = tool(std::string("validate ") + QTSC_PARK_SOURCES);
  CHECK(good.status == 0);
}

TEST_CASE("kiosk-content refuses bad arguments clearly", "[tool]") {
  auto run = tool(std::string("build ") + QTSC_PARK_SOURCES + " /tmp/x.db --demo-day 23/11/2026");
  CHECK(run.status == 2);
  CHECK(run.output.find("--demo-day") != std::string::npos);
  auto missing = tool("search /nonexistent.db tma");
  CHECK(missing.status != 0);
  CHECK(missing.output.find("/nonexistent.db") != std::string::npos);
}
