#include "schema.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

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

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations{
      {1, kVersion1, nullptr},
      {2, kVersion2, nullptr},  // version 3 builds the index
      {3, kVersion3, [](SQLite::Database& db) { rebuildSearchIndex(db); }},
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
