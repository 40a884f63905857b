// The drafts' store and its replacement (rollback): whatever fails part-way, the hub keeps
// an open store and the drafts it had.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <memory>

#include "qtsc/content/errors.hpp"
#include "service/authoring.hpp"
#include "test_support.hpp"

using namespace qtsc::testing;
namespace fs = std::filesystem;
namespace c = qtsc::content;
using qtsc::hub::AuthoringContent;

namespace {

// Opens stores as the hub does, but fails the next opening of `failing` once armed.
struct FailingOpener {
  fs::path failing;
  std::shared_ptr<std::atomic<bool>> armed = std::make_shared<std::atomic<bool>>(false);
  AuthoringContent::Opener opener() const {
    return [failing = failing, armed = armed](const fs::path& path) {
      if (path == failing && armed->exchange(false)) throw c::ContentError("cannot open " + path.string() + " (test)");
      return std::make_unique<c::ContentStore>(path.string());
    };
  }
};

std::string firstTenantName(AuthoringContent& drafts) {
  auto lease = drafts.lease();
  const auto all = lease->exportAll();
  REQUIRE_FALSE(all.tenants.empty());
  return all.tenants.front().name.in("en");
}

}  // namespace

TEST_CASE("replacing the drafts: the new store is open before the old one is gone", "[hub][authoring]") {
  TempDir dir;
  const fs::path drafts = dir / "content.db";
  FailingOpener open{drafts};
  AuthoringContent content(drafts, open.opener());
  { auto lease = content.lease(); lease->import(smallPark()); }
  const std::string before = firstTenantName(content);

  // The replacement: the same park with a tenant renamed.
  const fs::path staged = dir / "content.db.rollback";
  {
    c::ContentStore other(staged.string());
    auto park = smallPark();
    park.tenants.front().name.byLanguage["en"] = "Renamed in the replacement";
    other.import(park);
  }

  SECTION("the new drafts fail to open once moved in: the old ones come back, open") {
    *open.armed = true;
    auto lease = content.lease();
    CHECK_THROWS_AS(content.replaceWith(lease, staged), c::ContentError);
    CHECK(lease->exportAll().tenants.front().name.in("en") == before);
    lease->setPark(lease->park());  // still writable
  }
  SECTION("a staged file that cannot be opened changes nothing") {
    writeFile(staged, "not a database at all");
    auto lease = content.lease();
    CHECK_THROWS(content.replaceWith(lease, staged));
    CHECK(lease->exportAll().tenants.front().name.in("en") == before);
  }
  SECTION("a replacement that works serves the new drafts, and they stay after reopening") {
    {
      auto lease = content.lease();
      content.replaceWith(lease, staged);
      CHECK(lease->exportAll().tenants.front().name.in("en") == "Renamed in the replacement");
    }
    CHECK_FALSE(fs::exists(staged));
    AuthoringContent reopened(dir / "content.db");
    CHECK(firstTenantName(reopened) == "Renamed in the replacement");
  }
  CHECK(firstTenantName(content) != "");
  CHECK_FALSE(fs::exists(dir / "content.db.before-swap"));  // nothing left behind
}
