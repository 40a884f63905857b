// Schema versions and migrations (white-box: uses the migration steps directly).
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "qtsc/content/store.hpp"
#include "schema.hpp"
#include "search_index.hpp"
#include "test_support.hpp"

using namespace qtsc::content;
using qtsc::testing::TempDir;

TEST_CASE("a new database is created at the current schema version", "[schema]") {
  ContentStore store(":memory:");
  CHECK(store.schemaVersion() == currentSchemaVersion());
  CHECK(currentSchemaVersion() == schema::latestVersion());
  CHECK(schema::migrations().size() == static_cast<std::size_t>(currentSchemaVersion()));
}

TEST_CASE("a database from schema version 1 opens, upgrades and keeps its content", "[schema]") {
  TempDir dir;
  const auto path = (dir / "old.db").string();
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    registerSearchFunctions(db);
    schema::migrate(db, 1);
    REQUIRE(schema::versionOf(db) == 1);
    db.exec(R"sql(
      INSERT INTO place VALUES('museum', 'building', '{"vi":"Bảo tàng QTSC","en":"QTSC Museum"}', '{}',
                               430, 300, '', '004', 0);
      INSERT INTO tenant VALUES('tma', '{"vi":"TMA Solutions","en":"TMA Solutions"}', 'tma solutions', '{}',
                                'museum', '', '', '', '', '', 0);
    )sql");
  }
  ContentStore store(path);
  CHECK(store.schemaVersion() == currentSchemaVersion());
  CHECK(store.tenant("tma")->name.in("en") == "TMA Solutions");
  // Version 2 built the search index from what version 1 held.
  auto hits = store.search("bao tang");
  REQUIRE(hits.size() == 2);  // the museum, and the tenant in it
  CHECK(hits[0].id == "museum");
  CHECK(hits[1].id == "tma");
}

TEST_CASE("a database from a newer schema is refused with a message saying so", "[schema]") {
  TempDir dir;
  const auto path = (dir / "future.db").string();
  {
    ContentStore store(path);
    store.import(qtsc::testing::smallPark());
  }
  SQLite::Database(path, SQLite::OPEN_READWRITE).exec("PRAGMA user_version = " + std::to_string(currentSchemaVersion() + 5));
  for (auto mode : {ContentStore::Mode::ReadWrite, ContentStore::Mode::ReadOnly}) {
    try {
      ContentStore store(path, mode);
      FAIL("a newer schema was opened");
    } catch (const SchemaTooNewError& e) {
      CHECK(e.found == currentSchemaVersion() + 5);
      CHECK(e.supported == currentSchemaVersion());
      CHECK(std::string(e.what()).find("newer") != std::string::npos);
    }
  }
  // Refusing it changed nothing.
  SQLite::Database db(path);
  CHECK(schema::versionOf(db) == currentSchemaVersion() + 5);
  CHECK(db.execAndGet("SELECT count(*) FROM tenant").getInt() == 2);
}

TEST_CASE("a failing migration leaves the database at its old version", "[schema]") {
  TempDir dir;
  const auto path = (dir / "broken.db").string();
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    schema::migrate(db, 1);
    // A table in the way of version 2's search_doc makes that step fail.
    db.exec("CREATE TABLE search_doc(x)");
  }
  CHECK_THROWS(ContentStore(path));
  SQLite::Database db(path);
  CHECK(schema::versionOf(db) == 1);
  CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'search_fts'").getInt() == 0);
}

TEST_CASE("a read-only open of an old schema asks for an upgrade instead of changing it", "[schema]") {
  TempDir dir;
  const auto path = (dir / "old.db").string();
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    schema::migrate(db, 1);
  }
  CHECK_THROWS_WITH(ContentStore(path, ContentStore::Mode::ReadOnly), Catch::Contains("upgraded"));
}
