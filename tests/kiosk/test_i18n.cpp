// Interface strings (assets/strings/ui.toml): every key in both languages, and formatting.
#include <catch2/catch.hpp>

#include <string>

#include "core/i18n.hpp"

using namespace qtsc::kiosk;

TEST_CASE("every interface string exists in Vietnamese and English", "[kiosk][i18n]") {
  I18n i18n;
  i18n.load(std::string(QTSC_SOURCE_DIR) + "/assets/strings/ui.toml");
  const auto keys = i18n.keys();
  REQUIRE(keys.size() > 100);
  for (const auto& key : keys) {
    INFO(key);
    CHECK(i18n.has(key, "vi"));
    CHECK(i18n.has(key, "en"));
  }
  CHECK(std::string(i18n.tr("bar.home", "vi")) == "Trang chủ");
  CHECK(std::string(i18n.tr("bar.home", "en")) == "Home");
  CHECK(std::string(i18n.tr("no.such.key", "en")) == "no.such.key");
  CHECK(format("{0} of {1}", "2", "5") == "2 of 5");
}

TEST_CASE("counts are grouped in thousands as each language writes them", "[kiosk][i18n]") {
  CHECK(formatCount(999, "vi") == "999");
  CHECK(formatCount(1000, "vi") == "1.000");
  CHECK(formatCount(100006, "vi") == "100.006");
  CHECK(formatCount(1000, "en") == "1,000");
  CHECK(formatCount(100006, "en") == "100,006");
  CHECK(formatCount(0, "en") == "0");
}
