// The kiosk-publish command line, run as a publisher would run it, and a kiosk syncing what
// it published.
#include <catch2/catch.hpp>

#include "qtsc/sync/client.hpp"
#include "test_sync_support.hpp"

using namespace qtsc::testing;

namespace {
ProgramRun tool(const std::string& program, const std::string& args) { return runProgram(program, args); }
}  // namespace

TEST_CASE("kiosk-publish makes a key pair and publishes versions a kiosk installs", "[tool]") {
  SyncPark park;
  const std::string key = (park.dir / "publisher.key").string();
  const auto keygen = tool("kiosk-publish", "keygen " + key);
  REQUIRE(keygen.status == 0);
  CHECK_THAT(keygen.output, Catch::Contains("publisher.key.pub"));
  // A second keygen never replaces the key every kiosk trusts.
  const auto again = tool("kiosk-publish", "keygen " + key);
  CHECK(again.status == 1);
  CHECK_THAT(again.output, Catch::StartsWith("kiosk-publish: "));

  const std::string published = (park.dir / "published").string();
  const std::string args = park.db.string() + " " + park.assets.string() + " " + published + " --key " + key;
  const auto first = tool("kiosk-publish", "publish " + args + " --note first");
  REQUIRE(first.status == 0);
  CHECK_THAT(first.output, Catch::Contains("published content version 1") && Catch::Contains("no changeset"));
  park.editTenant("Published from the command line");
  const auto second = tool("kiosk-publish", "publish " + args + " --note second --expires-hours 2");
  REQUIRE(second.status == 0);
  CHECK_THAT(second.output, Catch::Contains("published content version 2") && !Catch::Contains("no changeset"));

  Nginx nginx(published);
  qtsc::sync::SyncConfig config = park.kiosk(nginx.url());
  config.publicKeyHex = qtsc::sync::toHex(qtsc::sync::loadPublicKey(key + ".pub"));
  const auto result = qtsc::sync::SyncClient(config).syncOnce();
  CHECK(qtsc::sync::succeeded(result.outcome));
  CHECK(qtsc::sync::currentVersion(config.dataDir) == 2);
  CHECK(park.tenantText(qtsc::sync::currentContent(config.dataDir)) == "Published from the command line");
}

TEST_CASE("kiosk-publish refuses a missing key and names it", "[tool]") {
  SyncPark park;
  const auto run = tool("kiosk-publish", "publish " + park.db.string() + " " + park.assets.string() + " " +
                                             (park.dir / "out").string() + " --key /nonexistent/publisher.key");
  CHECK(run.status != 0);
  CHECK_THAT(run.output, Catch::Contains("/nonexistent/publisher.key"));
  CHECK_FALSE(std::filesystem::exists(park.dir / "out"));
}
