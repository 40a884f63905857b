// Usage counts: the counter's shape (the hub's usage page reads it) and what the running app counts.
#include <catch2/catch.hpp>

#include <string>

#include "services/usage_counter.hpp"
#include "test_kiosk_support.hpp"
#include "tools/harness.hpp"

using namespace qtsc::kiosk;

TEST_CASE("usage counts come in the hub's shape and start again once taken", "[kiosk][usage]") {
  UsageCounter usage;
  usage.opened("screen:map");
  usage.opened("screen:map");
  usage.opened("tenant:tma-solutions");
  usage.searchNotFound("xyz");
  usage.searchNotFound(std::string(300, 'a'));
  const auto taken = usage.take();
  CHECK(taken["opened"]["screen:map"] == 2);
  CHECK(taken["opened"]["tenant:tma-solutions"] == 1);
  CHECK(taken["searchesNotFound"]["xyz"] == 1);
  CHECK(taken["searchesNotFound"].contains(std::string(200, 'a')));
  CHECK(usage.take().empty());
}

TEST_CASE("the running app counts screens, records and searches that found nothing", "[kiosk][usage]") {
  auto harness = qtsc::testing::makeHarness();
  App& app = harness->app();
  const std::string tenantId = app.store().tenants({"", "", 0, 1}).front().id;
  app.router().reset(Route{ScreenId::Home, {}});
  harness->pump(1);
  app.router().open(Route{ScreenId::Tenant, tenantId});
  harness->settle();
  app.router().open(Route{ScreenId::Directory, {}});
  harness->settle();
  harness->typeOnKeyboard("zzqxzzqx");
  harness->settle();
  app.router().home();
  harness->settle();
  const auto taken = app.usage().take();
  INFO(taken.dump());
  CHECK(taken["opened"]["tenant:" + tenantId] == 1);
  CHECK(taken["opened"]["screen:tenant"] == 1);
  CHECK(taken["opened"]["screen:directory"] == 1);
  CHECK(taken["searchesNotFound"]["zzqxzzqx"] == 1);
  CHECK(app.usage().take().empty());
}

TEST_CASE("a visitor who leaves the attract loop counts as one session, sent as the plain count the hub adds up",
          "[kiosk][usage]") {
  UsageCounter counter;
  counter.sessionStarted();
  counter.sessionStarted();
  const auto counted = counter.take();
  CHECK(counted["sessions"] == 2);
  CHECK(counter.take().empty());

  auto harness = qtsc::testing::makeHarness();
  App& app = harness->app();
  REQUIRE(harness->screen() == ScreenId::Attract);
  harness->tap(960, 540);  // a touch on Attract opens Home
  REQUIRE(harness->screen() == ScreenId::Home);
  app.router().open(Route{ScreenId::Map, {}});
  harness->settle();
  app.router().home();  // moving between screens is the same visit
  harness->settle();
  harness->advance(10 * 60);  // the visitor walks away: back to Attract
  REQUIRE(harness->screen() == ScreenId::Attract);
  harness->tap(960, 540);  // the next visitor
  REQUIRE(harness->screen() == ScreenId::Home);
  const auto taken = app.usage().take();
  INFO(taken.dump());
  CHECK(taken["sessions"] == 2);
}
