// Schema versions and migrations (white-box: uses the migration steps directly).
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "qtsc/content/store.hpp"
#include "codec.hpp"
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

TEST_CASE("a version-3 database file opens at the current version with every record kept", "[schema]") {
  TempDir dir;
  const auto path = (dir / "v3.db").string();
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    registerSearchFunctions(db);
    schema::migrate(db, 3);
    REQUIRE(schema::versionOf(db) == 3);
    // Rows as version 3 wrote them: sort keys folded ASCII case only, the kind 'neighbour',
    // a QTSC unit marked by the sector 'qtsc-unit', texts cited by document number.
    db.exec(R"sql(
      INSERT INTO meta VALUES('content_version', '7');
      INSERT INTO park VALUES(1, '{"vi":"Công viên phần mềm Quang Trung","en":"Quang Trung Software City"}',
                              '{"vi":"QTSC"}', '{}');
      INSERT INTO park_fact VALUES('area', 0, '{"vi":"Tổng diện tích"}', '{"vi":"43 hecta (2018)"}', '002');
      INSERT INTO chain_member VALUES('huecit', 0, '{"vi":"HueCIT"}', '{"vi":"Thừa Thiên Huế"}', 1);
      INSERT INTO chain_member VALUES('planned-can-tho', 1, '{"vi":"Cần Thơ"}', '{}', 0);
      INSERT INTO category VALUES('sector', 'qtsc-unit', '{"vi":"Đơn vị của QTSC"}');
      INSERT INTO category VALUES('sector', 'software', '{"vi":"Phần mềm","en":"Software"}');
      INSERT INTO category VALUES('theme', 'robots', '{"vi":"Rô-bốt"}');
      INSERT INTO milestone VALUES('founded', '2001', '{"vi":"Thành lập"}', '{}', '', '001, 004');
      INSERT INTO place VALUES('museum', 'building', '{"vi":"Bảo tàng QTSC","en":"QTSC Museum"}', '{}',
                               430, 300, '', '004', 0);
      INSERT INTO place VALUES('biotech', 'neighbour', '{"vi":"Trung tâm Công nghệ sinh học"}', '{}',
                               920, 120, '', '000', 0);
      INSERT INTO tenant VALUES('ioc', '{"vi":"Đơn vị IOC","en":"Zulu Operation Center"}', 'đơn vị ioc', '{}',
                                'museum', '', '', '', '', '000', 0);
      INSERT INTO tenant VALUES('zeta', '{"vi":"Zeta","en":"Zeta"}', 'zeta', '{}', 'museum', '2', '', '', '', '', 0);
      INSERT INTO tenant VALUES('alpha', '{"vi":"Anpha","en":"Alpha"}', 'anpha', '{}', 'museum', '', '', '', '', '', 0);
      INSERT INTO tenant_sector VALUES('ioc', 'qtsc-unit', 0);
      INSERT INTO tenant_sector VALUES('zeta', 'software', 0);
      INSERT INTO exhibit VALUES('arm', 'robots', '{"vi":"Cánh tay"}', 6, 99, '{"vi":"Một cánh tay"}', '{}',
                                 '[]', '[]', '', 0);
      INSERT INTO itinerary VALUES('visit', '{"vi":"Đoàn"}', '{}', '2020-08-07', '', '', 'evening', '{}', '{}',
                                   '000', 0);
      INSERT INTO tour_stop VALUES('visit', 0, 'museum', '', '', '{"vi":"Tham quan"}');
      INSERT INTO welcome VALUES('hello', 'visit', '2020-08-07T17:00', '2020-08-07T22:00', '{"vi":"Chào"}', 0);
    )sql");
    rebuildSearchIndex(db);
  }
  ContentStore store(path);
  CHECK(store.schemaVersion() == currentSchemaVersion());
  CHECK(store.contentVersion() == 7);
  // Every record is still there, field for field.
  const ContentSet set = store.exportAll();
  CHECK(set.park.name.in("en") == "Quang Trung Software City");
  REQUIRE(set.park.facts.size() == 1);
  CHECK(set.park.facts[0].value.in("vi") == "43 hecta (2018)");
  CHECK(set.park.facts[0].source == "002");
  CHECK(set.park.facts[0].asOf == 0);
  REQUIRE(set.park.chain.size() == 2);
  CHECK_FALSE(set.park.chain[1].official);
  CHECK(set.sectors.size() == 2);
  CHECK(set.themes.size() == 1);
  CHECK_FALSE(set.sectors[0].sample);
  REQUIRE(set.milestones.size() == 1);
  CHECK(set.milestones[0].source == "001, 004");
  CHECK(set.milestones[0].reportedOn.year == 0);
  REQUIRE(set.places.size() == 2);
  CHECK(set.tenants.size() == 3);
  CHECK(set.exhibits.size() == 1);
  REQUIRE(set.itineraries.size() == 1);
  CHECK(set.itineraries[0].stops.size() == 1);
  CHECK_FALSE(set.itineraries[0].unordered);
  CHECK(set.itineraries[0].reportedOn.empty());
  CHECK(set.welcomes.size() == 1);
  // The kind 'neighbour' is a partner institution, off the map; the sector that stood in for
  // a QTSC unit is the tenant's kind (and stays a sector, so nothing stored is lost).
  CHECK(store.place("biotech")->kind == PlaceKind::Partner);
  CHECK_FALSE(store.place("biotech")->onMap());
  CHECK(store.tenant("ioc")->kind == TenantKind::QtscUnit);
  CHECK(store.tenant("ioc")->sectors == std::vector<std::string>{"qtsc-unit"});
  CHECK(store.tenant("zeta")->kind == TenantKind::Company);
  // The documents the records cite are records now, so the citations stay valid.
  CHECK(store.sourceDocuments().size() == 5);
  CHECK(store.sourcesCitedBy("001, 004").size() == 2);
  // Sort keys are made again with a collator: "Đơn vị" after "Anpha", before "Zeta" (the
  // old keys put "đ" after "z"); English lists sort by the English names.
  auto names = [&](const std::string& language) {
    std::vector<std::string> out;
    for (const auto& t : store.tenants({.sectorId = {}, .placeId = {}, .offset = 0, .limit = 10, .language = language}))
      out.push_back(t.id);
    return out;
  };
  CHECK(names("vi") == std::vector<std::string>{"alpha", "ioc", "zeta"});
  CHECK(names("en") == std::vector<std::string>{"alpha", "zeta", "ioc"});
  CHECK(store.tenantsInBuilding("museum", "en").size() == 3);
  // The records upgraded are valid: an edit of one of them is accepted.
  auto ioc = *store.tenant("ioc");
  ioc.floor = "3";
  store.updateTenant(ioc);
  CHECK(store.tenant("ioc")->floor == "3");
  // Search still finds what version 3 held.
  CHECK_FALSE(store.search("bao tang").empty());
}

TEST_CASE("a stored text decodes as it was written, a damaged one as no text", "[codec]") {
  using qtsc::content::codec::decodeText;
  using qtsc::content::codec::encode;
  const LocalizedText both("Công viên phần mềm \"Quang Trung\"\n", "Quang Trung Software City \\ 2001");
  CHECK(decodeText(encode(both)).byLanguage == both.byLanguage);
  CHECK(decodeText(R"({"vi":"\u0110\u00e0 N\u1eb5ng","en":"Da Nang"})").in("vi") == "Đà Nẵng");
  // Only the top object's texts are languages: numbers, nested values and lists are not.
  const auto mixed = decodeText(R"({"vi":"Có","n":7,"x":{"en":"nested"},"l":["a"],"b":true,"z":null,"en":"Yes"})");
  CHECK(mixed.byLanguage.size() == 2);
  CHECK(mixed.in("en") == "Yes");
  for (const std::string damaged : {"", "{", R"({"vi":"a")", R"({"vi":"a"} trailing)", R"(["vi","a"])", "\"vi\"", "7",
                                    "null", R"({"vi":"a",})", "\xff\xfe"})
    CHECK(decodeText(damaged).byLanguage.empty());
}
