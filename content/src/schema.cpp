#include "schema.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "codec.hpp"
#include "collation.hpp"
#include "qtsc/content/errors.hpp"
#include "search_index.hpp"

namespace qtsc::content::schema {

namespace {

// Version 1: the content model. Visible texts are JSON objects keyed by language code,
// so a new language is new content, not a new column.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE park(id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL,
                  short_name TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE park_fact(id TEXT PRIMARY KEY, position INTEGER NOT NULL, label TEXT NOT NULL,
                       value TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE chain_member(id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL,
                          location TEXT NOT NULL, official INTEGER NOT NULL);
CREATE TABLE category(kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
                      PRIMARY KEY (kind, id)) WITHOUT ROWID;
CREATE TABLE milestone(id TEXT PRIMARY KEY, date TEXT NOT NULL, title TEXT NOT NULL,
                       body TEXT NOT NULL, image TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE place(id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
                   description TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL,
                   image TEXT NOT NULL, source TEXT NOT NULL, sample INTEGER NOT NULL);
CREATE TABLE tenant(id TEXT PRIMARY KEY, name TEXT NOT NULL, sort_key TEXT NOT NULL,
                    description TEXT NOT NULL, place_id TEXT NOT NULL REFERENCES place(id),
                    floor TEXT NOT NULL, logo TEXT NOT NULL, website TEXT NOT NULL,
                    contact TEXT NOT NULL, source TEXT NOT NULL, sample INTEGER NOT NULL);
CREATE INDEX tenant_by_name ON tenant(sort_key);
CREATE INDEX tenant_by_place ON tenant(place_id, sort_key);
CREATE TABLE tenant_sector(tenant_id TEXT NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
                           sector_id TEXT NOT NULL, position INTEGER NOT NULL,
                           PRIMARY KEY (tenant_id, sector_id)) WITHOUT ROWID;
CREATE INDEX tenant_sector_by_sector ON tenant_sector(sector_id, tenant_id);
CREATE TABLE exhibit(id TEXT PRIMARY KEY, theme_id TEXT NOT NULL, name TEXT NOT NULL,
                     age_min INTEGER NOT NULL, age_max INTEGER NOT NULL, what TEXT NOT NULL,
                     how TEXT NOT NULL, steps TEXT NOT NULL, quiz TEXT NOT NULL,
                     image TEXT NOT NULL, sample INTEGER NOT NULL);
CREATE TABLE itinerary(id TEXT PRIMARY KEY, delegation TEXT NOT NULL, origin TEXT NOT NULL,
                       date TEXT NOT NULL, start TEXT NOT NULL, "end" TEXT NOT NULL,
                       day_part TEXT NOT NULL, host TEXT NOT NULL, summary TEXT NOT NULL,
                       source TEXT NOT NULL, sample INTEGER NOT NULL);
CREATE INDEX itinerary_by_date ON itinerary(date);
CREATE TABLE tour_stop(itinerary_id TEXT NOT NULL REFERENCES itinerary(id) ON DELETE CASCADE,
                       position INTEGER NOT NULL, place_id TEXT NOT NULL REFERENCES place(id),
                       start TEXT NOT NULL, "end" TEXT NOT NULL, activity TEXT NOT NULL,
                       PRIMARY KEY (itinerary_id, position)) WITHOUT ROWID;
CREATE INDEX tour_stop_by_place ON tour_stop(place_id);
CREATE TABLE welcome(id TEXT PRIMARY KEY, itinerary_id TEXT NOT NULL, starts_at TEXT NOT NULL,
                     ends_at TEXT NOT NULL, text TEXT NOT NULL, sample INTEGER NOT NULL);
CREATE INDEX welcome_by_start ON welcome(starts_at);
)sql";

// Version 2: the search index. unicode61 with remove_diacritics 2 folds case and every
// Vietnamese diacritic (also stacked ones such as ệ); đ/Đ are folded before indexing.
// Prefix indexes keep as-you-type queries of one to three letters fast.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE search_doc(rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL,
                        title TEXT NOT NULL, subtitle TEXT NOT NULL, sample INTEGER NOT NULL,
                        UNIQUE (kind, ref));
CREATE VIRTUAL TABLE search_fts USING fts5(title, body,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
)sql";

// Version 3: directory listings walk an index in display order (park content before
// samples, then by name) instead of sorting every tenant of a sector or building; prefix
// indexes up to six letters (most Vietnamese syllables are shorter) so that a typed word
// reads one precomputed list instead of merging every word it begins; titles alone in a
// second index, so that matching titles first never reads through every body.
constexpr const char* kVersion3 = R"sql(
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(title, body,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6');
CREATE VIRTUAL TABLE search_title USING fts5(title,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6');
DROP INDEX tenant_by_name;
DROP INDEX tenant_by_place;
CREATE INDEX tenant_by_name ON tenant(sample, sort_key, id);
CREATE INDEX tenant_by_place ON tenant(place_id, sample, sort_key, id);
)sql";

// Version 4: the content model corrections. The documents the content cites become records
// (`source`), filled here with the five documents every `source` field cited before they
// were records, so that a database or hub drafts made before keep citing known documents
// (content/park/sources.toml holds the same; a test keeps the two equal). A date can carry
// when it was reported; an itinerary can be dated to its month, say its stops have no known
// order and name who else was present. A tenant says what it is: the sector 'qtsc-unit'
// that stood in for that becomes the kind. The kind 'neighbour' is a partner institution.
// Figures carry the year they were stated for, places the words documents attribute to
// someone, categories a sample flag. English lists sort by the English names.
constexpr const char* kVersion4 = R"sql(
CREATE TABLE source(id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT NULL,
                    author TEXT NOT NULL, date TEXT NOT NULL, language TEXT NOT NULL,
                    link TEXT NOT NULL, note TEXT NOT NULL, unconfirmed_names TEXT NOT NULL);
INSERT OR IGNORE INTO source(id, title, publisher, author, date, language, link, note, unconfirmed_names) VALUES
  ('000', 'The delegation of People''s Committee of District 12 visited QTSC', '{"en":"QTSC","vi":"QTSC"}', '', '',
   'en', '', '{"en":"QTSC news in English; it gives no date of its own","vi":"Tin của QTSC bằng tiếng Anh, không ghi ngày đăng"}',
   '["Tran Hoang Danh","Tran Van Ut","Le Truong Hai Hieu","Hoang Minh Tri","Nguyen Kim Phuong"]'),
  ('001', 'The Can Tho City delegation explored the concentrated information technology park', '{"en":"QTSC","vi":"QTSC"}',
   '', '', 'en', '', '{"en":"QTSC news in English; it gives no date of its own","vi":"Tin của QTSC bằng tiếng Anh, không ghi ngày đăng"}',
   '["Nguyen Van Tuoi","Tran Huu Dung"]'),
  ('002', '', '{"en":"QTSC","vi":"QTSC"}', '', '', 'vi', '',
   '{"en":"QTSC news in Vietnamese, without a title; it gives no date of its own","vi":"Tin của QTSC bằng tiếng Việt, không có tiêu đề, không ghi ngày đăng"}',
   '[]'),
  ('003', '', '{}', 'Tan Ba – Translated by Vien Hong', '2020-07-16', 'en', '',
   '{"en":"A news article in English that names no publisher and gives no date for the visit it reports","vi":"Bài tin bằng tiếng Anh, không nêu đơn vị đăng và không nêu ngày của chuyến thăm"}',
   '["Nguyen Thi Thu Hoai","Duong Hoa Xo","Vo Minh Thanh"]'),
  ('004', 'Kỷ niệm 20 năm thành lập Công viên phần mềm Quang Trung',
   '{"en":"Công an nhân dân newspaper (cand.com.vn)","vi":"Báo Công an nhân dân (cand.com.vn)"}', 'Phú Lữ', '2021-03-16', 'vi', '',
   '{}', '[]');
ALTER TABLE park_fact ADD COLUMN as_of INTEGER NOT NULL DEFAULT 0;
ALTER TABLE category ADD COLUMN sample INTEGER NOT NULL DEFAULT 0;
ALTER TABLE milestone ADD COLUMN reported_on TEXT NOT NULL DEFAULT '';
ALTER TABLE place ADD COLUMN quotes TEXT NOT NULL DEFAULT '[]';
UPDATE place SET kind = 'partner' WHERE kind = 'neighbour';
ALTER TABLE tenant ADD COLUMN kind TEXT NOT NULL DEFAULT 'company';
UPDATE tenant SET kind = 'qtsc-unit'
  WHERE id IN (SELECT tenant_id FROM tenant_sector WHERE sector_id = 'qtsc-unit');
ALTER TABLE tenant ADD COLUMN sort_key_en TEXT NOT NULL DEFAULT '';
CREATE INDEX tenant_by_name_en ON tenant(sample, sort_key_en, id);
CREATE INDEX tenant_by_place_en ON tenant(place_id, sample, sort_key_en, id);
ALTER TABLE itinerary ADD COLUMN reported_on TEXT NOT NULL DEFAULT '';
ALTER TABLE itinerary ADD COLUMN also_present TEXT NOT NULL DEFAULT '{}';
ALTER TABLE itinerary ADD COLUMN unordered INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 5: picture galleries. Milestones, places, exhibits and itineraries hold several
// pictures, each with a caption and a credit, as JSON in `gallery`; a picture named in the
// old single `image` column becomes the first of its record's gallery. `image` stays, holding
// the first picture's name, so a reader of the old columns still finds a picture.
constexpr const char* kVersion5 = R"sql(
ALTER TABLE milestone ADD COLUMN gallery TEXT NOT NULL DEFAULT '[]';
ALTER TABLE place ADD COLUMN gallery TEXT NOT NULL DEFAULT '[]';
ALTER TABLE exhibit ADD COLUMN gallery TEXT NOT NULL DEFAULT '[]';
ALTER TABLE itinerary ADD COLUMN gallery TEXT NOT NULL DEFAULT '[]';
UPDATE milestone SET gallery = json_array(json_object('image', image, 'caption', json('{}'), 'credit', json('{}')))
  WHERE image != '';
UPDATE place SET gallery = json_array(json_object('image', image, 'caption', json('{}'), 'credit', json('{}')))
  WHERE image != '';
UPDATE exhibit SET gallery = json_array(json_object('image', image, 'caption', json('{}'), 'credit', json('{}')))
  WHERE image != '';
)sql";

// Version 6: wayfinding. The walking paths are one network (points and segments as JSON,
// edited and published as a whole); kiosk profiles say where each kiosk stands and how it
// is set up. Existing content gains an empty network and no profiles.
constexpr const char* kVersion6 = R"sql(
CREATE TABLE paths(id INTEGER PRIMARY KEY CHECK (id = 1), map_width_metres INTEGER NOT NULL,
                   points TEXT NOT NULL, segments TEXT NOT NULL, source TEXT NOT NULL,
                   sample INTEGER NOT NULL);
CREATE TABLE profile(id TEXT PRIMARY KEY, name TEXT NOT NULL, kiosk_group TEXT NOT NULL,
                     x REAL NOT NULL, y REAL NOT NULL, facing INTEGER NOT NULL,
                     start_section TEXT NOT NULL, home_sections TEXT NOT NULL,
                     idle_timeout INTEGER NOT NULL, opens TEXT NOT NULL, closes TEXT NOT NULL,
                     sample INTEGER NOT NULL);
CREATE INDEX profile_by_group ON profile(kiosk_group, id);
)sql";

// Version 7: the chain's members cite the documents that list them and the year they are
// listed for, as figures do.
constexpr const char* kVersion7 = R"sql(
ALTER TABLE chain_member ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE chain_member ADD COLUMN as_of INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 8: a profile names the paired kiosks that use it (their hub ids), so staff set a
// kiosk up from the hub's fleet page rather than in its local config.
constexpr const char* kVersion8 = R"sql(
ALTER TABLE profile ADD COLUMN kiosks TEXT NOT NULL DEFAULT '[]';
)sql";

// Version 9: a welcome message says which kiosks it is for (groups and hub ids, as JSON
// lists); existing ones, with neither, stay for every kiosk.
constexpr const char* kVersion9 = R"sql(
ALTER TABLE welcome ADD COLUMN groups TEXT NOT NULL DEFAULT '[]';
ALTER TABLE welcome ADD COLUMN kiosks TEXT NOT NULL DEFAULT '[]';
)sql";

void rewriteTenantSortKeys(SQLite::Database& db) {
  std::vector<std::pair<std::string, LocalizedText>> names;
  {
    SQLite::Statement all(db, "SELECT id, name FROM tenant");
    while (all.executeStep()) names.emplace_back(all.getColumn(0).getString(), codec::decodeText(all.getColumn(1).getString()));
  }
  SQLite::Statement update(db, "UPDATE tenant SET sort_key = ?1, sort_key_en = ?2 WHERE id = ?3");
  for (const auto& [id, name] : names) {
    update.bind(1, tenantSortKey(name, "vi"));
    update.bind(2, tenantSortKey(name, "en"));
    update.bind(3, id);
    update.exec();
    update.reset();
  }
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations{
      {1, kVersion1, nullptr},
      {2, kVersion2, nullptr},  // version 3 builds the index
      {3, kVersion3, [](SQLite::Database& db) { rebuildSearchIndex(db); }},
      // Sort keys written before ICU collation folded only ASCII case ("Đ…" after "z"); every
      // key is made again, in Vietnamese and in English.
      {4, kVersion4, [](SQLite::Database& db) { rewriteTenantSortKeys(db); }},
      {5, kVersion5, nullptr},
      {6, kVersion6, nullptr},
      {7, kVersion7, nullptr},
      {8, kVersion8, nullptr},
      {9, kVersion9, nullptr},
  };
  return kMigrations;
}

int latestVersion() { return migrations().back().version; }

int versionOf(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void migrate(SQLite::Database& db, int target) {
  const int found = versionOf(db);
  if (found > latestVersion()) throw SchemaTooNewError(found, latestVersion());
  if (found >= target) return;
  SQLite::Transaction transaction(db);
  for (const auto& step : migrations()) {
    if (step.version <= found || step.version > target) continue;
    db.exec(step.sql);
    if (step.after) step.after(db);
    db.exec("PRAGMA user_version = " + std::to_string(step.version));
  }
  transaction.commit();
}

}  // namespace qtsc::content::schema
