// Picture galleries: how a record's pictures are read from the sources, validated, stored,
// and carried over from the single picture of schema versions before 5.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "qtsc/content/sources.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/content/validation.hpp"
#include "schema.hpp"
#include "search_index.hpp"
#include "test_support.hpp"

using namespace qtsc::content;
using qtsc::testing::smallPark;
using qtsc::testing::TempDir;
using qtsc::testing::writeFile;

namespace {

Picture picture(std::string image, std::string captionVi, std::string captionEn, std::string credit = {}) {
  Picture p;
  p.image = std::move(image);
  p.caption = LocalizedText(std::move(captionVi), std::move(captionEn));
  if (!credit.empty()) p.credit = LocalizedText(credit, credit);
  return p;
}

const std::string kSha = std::string(64, 'a');

}  // namespace

TEST_CASE("a thumbnail is named beside its picture", "[gallery]") {
  CHECK(thumbnailName(kSha + ".jpg") == kSha + ".thumb.jpg");
  CHECK(thumbnailName("samples/place-1.png") == "samples/place-1.thumb.png");
  CHECK(thumbnailName("dir.v2/photo") == "dir.v2/photo.thumb");
  CHECK(thumbnailName("").empty());
}

TEST_CASE("every kind with a gallery stores its pictures in order, with captions and credits", "[gallery]") {
  ContentSet set = smallPark();
  REQUIRE_FALSE(set.milestones.empty());
  REQUIRE_FALSE(set.places.empty());
  REQUIRE_FALSE(set.exhibits.empty());
  REQUIRE_FALSE(set.itineraries.empty());
  const std::vector<Picture> gallery{
      picture(kSha + ".jpg", "Ảnh thứ nhất", "First picture", "QTSC"),
      picture("samples/second.png", "Ảnh thứ hai", "Second picture"),
      // A picture the park will upload: its caption is kept, it has no image yet.
      picture("", "Tham quan trung tâm đào tạo STEAMZONE", "Visiting STEAMZONE training center"),
  };
  set.milestones.front().gallery = gallery;
  set.places.front().gallery = gallery;
  set.exhibits.front().gallery = gallery;
  set.itineraries.front().gallery = gallery;

  TempDir dir;
  const auto path = (dir / "park.db").string();
  {
    ContentStore store(path);
    store.import(set);
    CHECK(store.milestone(set.milestones.front().id)->gallery == gallery);
    CHECK(store.place(set.places.front().id)->gallery == gallery);
    CHECK(store.exhibit(set.exhibits.front().id)->gallery == gallery);
    CHECK(store.itinerary(set.itineraries.front().id)->gallery == gallery);
    CHECK(store.milestones() == set.milestones);

    // An update replaces the gallery as a whole.
    Milestone m = *store.milestone(set.milestones.front().id);
    m.gallery = {gallery[1]};
    store.updateMilestone(m);
    CHECK(store.milestone(m.id)->gallery == std::vector<Picture>{gallery[1]});
  }
  // The shown pictures skip the one not uploaded yet.
  const auto shown = shownPictures(gallery);
  REQUIRE(shown.size() == 2);
  CHECK(shown[0]->image == kSha + ".jpg");
  CHECK(shown[1]->image == "samples/second.png");
  // The old single-picture column holds the first shown picture.
  SQLite::Database raw(path);
  CHECK(raw.execAndGet("SELECT image FROM place WHERE id = '" + set.places.front().id + "'").getString() ==
        kSha + ".jpg");
}

TEST_CASE("a database from before galleries keeps each record's picture as the first of its gallery", "[gallery]") {
  TempDir dir;
  const auto path = (dir / "old.db").string();
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    registerSearchFunctions(db);
    schema::migrate(db, 3);
    db.exec(R"sql(
      INSERT INTO milestone(id, date, title, body, image, source)
        VALUES('founded', '2001', '{"vi":"Thành lập"}', '{}', 'history/founded.jpg', '000');
      INSERT INTO milestone(id, date, title, body, image, source)
        VALUES('plain', '2002', '{"vi":"Không ảnh"}', '{}', '', '000');
      INSERT INTO place(id, kind, name, description, x, y, image, source, sample)
        VALUES('museum', 'building', '{"vi":"Bảo tàng"}', '{}', 430, 300, 'places/museum.png', '004', 0);
      INSERT INTO exhibit(id, theme_id, name, age_min, age_max, what, how, steps, quiz, image, sample)
        VALUES('robot', 'robotics', '{"vi":"Cánh tay robot"}', 6, 99, '{"vi":"Robot"}', '{}', '[]', '[]',
               'exhibits/robot.jpg', 1);
    )sql");
  }
  ContentStore store(path);
  CHECK(store.schemaVersion() == currentSchemaVersion());
  const auto founded = store.milestone("founded");
  REQUIRE(founded);
  REQUIRE(founded->gallery.size() == 1);
  CHECK(founded->gallery[0].image == "history/founded.jpg");
  CHECK(founded->gallery[0].caption.empty());
  CHECK(store.milestone("plain")->gallery.empty());
  REQUIRE(store.place("museum")->gallery.size() == 1);
  CHECK(store.place("museum")->gallery[0].image == "places/museum.png");
  REQUIRE(store.exhibit("robot")->gallery.size() == 1);
  CHECK(store.exhibit("robot")->gallery[0].image == "exhibits/robot.jpg");
}

TEST_CASE("a bad picture is refused naming the record and the picture", "[gallery]") {
  ContentStore store(":memory:");
  store.import(smallPark());
  Milestone m = *store.milestone(smallPark().milestones.front().id);
  const auto refused = [&](const std::vector<Picture>& gallery) {
    m.gallery = gallery;
    try {
      store.updateMilestone(m);
    } catch (const ValidationError& e) {
      REQUIRE(e.issues.size() == 1);
      return e.issues.front();
    }
    FAIL("the gallery was accepted");
    return ValidationIssue{};
  };

  auto issue = refused({picture(kSha + ".jpg", "Một", "One"), picture("../../etc/passwd.jpg", "Hai", "Two")});
  CHECK(issue.recordId == m.id);
  CHECK(issue.field == "gallery[1].image");
  CHECK(issue.describe().find("milestone '" + m.id + "' field 'gallery[1].image': picture 2 '../../etc/passwd.jpg'") == 0);

  issue = refused({picture(kSha + ".jpg", "Một", "One"), picture(kSha + ".jpg", "Lại", "Again")});
  CHECK(issue.field == "gallery[1].image");
  CHECK(issue.message.find("already earlier in the gallery") != std::string::npos);

  issue = refused({Picture{}});
  CHECK(issue.field == "gallery[0]");
  CHECK(issue.message.find("neither an image nor a caption") != std::string::npos);

  issue = refused({picture("notes.txt", "Ghi chú", "Notes")});
  CHECK(issue.field == "gallery[0].image");

  issue = refused(std::vector<Picture>(kMaxGalleryPictures + 1, picture("", "Sẽ có", "To come")));
  CHECK(issue.field == "gallery");

  // Nothing of the refused writes was kept.
  CHECK(store.milestone(m.id)->gallery == smallPark().milestones.front().gallery);

  CHECK(isPictureName(kSha + ".jpg"));
  CHECK(isPictureName("samples/place_1.PNG") == false);  // the extension is written in lower case
  CHECK_FALSE(isPictureName("/abs.jpg"));
  CHECK_FALSE(isPictureName("a//b.jpg"));
  CHECK_FALSE(isPictureName(".hidden.jpg"));
  CHECK_FALSE(isPictureName("a b.jpg"));
}

TEST_CASE("the sources write a record's pictures as its own sections, each located at its line", "[gallery]") {
  TempDir dir;
  writeFile(dir / "park.toml", "[park]\nname = { vi = \"Công viên phần mềm Quang Trung\" }\n");
  writeFile(dir / "history.toml", R"toml(
[[milestone]]
id = "founded"
date = "2001"
title = { vi = "Thành lập", en = "Founded" }

[[milestone.picture]]
image = "samples/founded.png"
caption = { vi = "Ảnh mẫu", en = "Sample picture" }
credit = { vi = "Ảnh mẫu do máy tạo", en = "Generated sample" }

[[milestone.picture]]
caption = { vi = "Tham quan trung tâm đào tạo STEAMZONE", en = "Visiting STEAMZONE training center" }
)toml");
  const auto loaded = loadSources(dir.path());
  REQUIRE(loaded.content.milestones.size() == 1);
  const auto& gallery = loaded.content.milestones[0].gallery;
  REQUIRE(gallery.size() == 2);
  CHECK(gallery[0].image == "samples/founded.png");
  CHECK(gallery[0].credit.in("en") == "Generated sample");
  CHECK(gallery[1].image.empty());
  CHECK(gallery[1].caption.in("en") == "Visiting STEAMZONE training center");
  CHECK(checkSources(dir.path()).empty());

  writeFile(dir / "history.toml", R"toml(
[[milestone]]
id = "founded"
date = "2001"
title = { vi = "Thành lập" }

[[milestone.picture]]
image = "samples/founded.png"

[[milestone.picture]]
image = "../outside.png"
caption = { vi = "Ngoài" }
)toml");
  const auto diagnostics = checkSources(dir.path());
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].where.line == 11);
  CHECK(diagnostics[0].message.find("gallery[1].image") != std::string::npos);

  writeFile(dir / "history.toml", R"toml(
[[milestone]]
id = "founded"
date = "2001"
title = { vi = "Thành lập" }

[[milestone.picture]]
file = "samples/founded.png"
)toml");
  try {
    loadSources(dir.path());
    FAIL("an unknown field of a picture was accepted");
  } catch (const SourceError& e) {
    REQUIRE(e.diagnostics.size() == 1);
    CHECK(e.diagnostics[0].where.line == 8);
    CHECK(e.diagnostics[0].message.find("unknown field 'file'") != std::string::npos);
  }
}
