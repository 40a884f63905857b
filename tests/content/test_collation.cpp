#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "collation.hpp"

using qtsc::content::collationKey;

namespace {

std::vector<std::string> sorted(std::vector<std::string> names, const char* language) {
  std::sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    return collationKey(a, language) < collationKey(b, language);
  });
  return names;
}

}  // namespace

TEST_CASE("Vietnamese names sort as Vietnamese readers expect", "[collation]") {
  // Đ after D and before E (bytes put it after z); Ă and Â after A; case does not split them.
  CHECK(sorted({"Zeta", "Đông Á", "Dương", "Em", "an", "Ánh", "Âu", "Ăn", "Bình"}, "vi") ==
        std::vector<std::string>{"an", "Ánh", "Ăn", "Âu", "Bình", "Dương", "Đông Á", "Em", "Zeta"});
  CHECK(sorted({"đào tạo", "Đà Nẵng", "da"}, "vi") == std::vector<std::string>{"da", "Đà Nẵng", "đào tạo"});
}

TEST_CASE("English names sort by letters, ignoring case", "[collation]") {
  CHECK(sorted({"zone", "Apple", "apple pie", "Bank"}, "en") ==
        std::vector<std::string>{"Apple", "apple pie", "Bank", "zone"});
}

TEST_CASE("a collation key is text SQLite compares by bytes", "[collation]") {
  const std::string key = collationKey("Đà Nẵng", "vi");
  REQUIRE_FALSE(key.empty());
  CHECK(std::all_of(key.begin(), key.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
  CHECK(collationKey("", "vi") < collationKey("a", "vi"));
}
