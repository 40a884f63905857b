// The router: the back stack and requests applied between frames.
#include <catch2/catch.hpp>

#include <string>

#include "core/router.hpp"

using namespace qtsc::kiosk;

TEST_CASE("the router keeps a back stack and applies requests between frames", "[kiosk][router]") {
  Router router;
  CHECK(router.current().screen == ScreenId::Attract);
  router.reset(Route{ScreenId::Home, {}});
  router.applyPending();
  router.open(Route{ScreenId::Directory, {}});
  CHECK(router.current().screen == ScreenId::Home);  // not yet applied
  router.applyPending();
  router.open(Route{ScreenId::Tenant, "tma-solutions"});
  router.applyPending();
  CHECK(router.depth() == 3);
  CHECK(router.current() == Route{ScreenId::Tenant, "tma-solutions"});
  router.back();
  router.applyPending();
  CHECK(router.current().screen == ScreenId::Directory);
  router.home();
  router.applyPending();
  CHECK(router.depth() == 1);
  CHECK_FALSE(router.canGoBack());
  router.back();
  router.applyPending();
  CHECK(router.current().screen == ScreenId::Home);
  for (int i = 0; i < 100; ++i) {
    router.open(Route{ScreenId::Tenant, std::to_string(i)});
    router.applyPending();
  }
  CHECK(router.depth() == Router::kMaxDepth);
  CHECK(screenName(ScreenId::Steam) == "steamzone");
}
