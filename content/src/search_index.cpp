#include "search_index.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <array>
#include <nlohmann/json.hpp>

#include "qtsc/content/search.hpp"

namespace qtsc::content {

namespace {

void appendTexts(const nlohmann::json& value, std::string& out) {
  if (value.is_string()) {
    if (!out.empty()) out += ' ';
    out += value.get_ref<const std::string&>();
  } else if (value.is_structured()) {
    for (const auto& item : value) appendTexts(item, out);
  }
}

// qtsc_texts(json): every string inside a stored JSON text, joined and folded for search.
void sqlTexts(sqlite3_context* context, int, sqlite3_value** args) {
  const auto* raw = sqlite3_value_text(args[0]);
  std::string joined;
  if (raw != nullptr) {
    auto value = nlohmann::json::parse(reinterpret_cast<const char*>(raw), nullptr, false);
    appendTexts(value, joined);
  }
  std::string folded = foldForSearch(joined);
  sqlite3_result_text(context, folded.c_str(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

// How each kind of record becomes an index row: its title, the rest of its searchable
// text, and the subtitle a result list shows. `{where}` narrows to the records to index.
struct KindIndex {
  RecordKind kind;
  bool hasSampleColumn;
  const char* docs;  // INSERT INTO search_doc ... SELECT
  const char* fts;   // INSERT INTO search_fts ... SELECT
};

const std::array<KindIndex, 5> kIndexes{{
    {RecordKind::Tenant, true,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'tenant', x.id, x.name, COALESCE(p.name, '{}'), x.sample "
     "FROM tenant x LEFT JOIN place p ON p.id = x.place_id {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.name), qtsc_texts(x.description) || ' ' || "
     "  qtsc_texts(p.name) || ' ' || COALESCE((SELECT group_concat(qtsc_texts(c.name), ' ') "
     "  FROM tenant_sector s JOIN category c ON c.kind = 'sector' AND c.id = s.sector_id "
     "  WHERE s.tenant_id = x.id), '') "
     "FROM tenant x JOIN search_doc d ON d.kind = 'tenant' AND d.ref = x.id "
     "LEFT JOIN place p ON p.id = x.place_id {where}"},
    {RecordKind::Place, true,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'place', x.id, x.name, x.description, x.sample FROM place x {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.name), qtsc_texts(x.description) "
     "FROM place x JOIN search_doc d ON d.kind = 'place' AND d.ref = x.id {where}"},
    {RecordKind::Exhibit, true,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'exhibit', x.id, x.name, COALESCE(c.name, '{}'), x.sample FROM exhibit x "
     "LEFT JOIN category c ON c.kind = 'theme' AND c.id = x.theme_id {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.name), qtsc_texts(x.what) || ' ' || qtsc_texts(x.how) || ' ' || "
     "  qtsc_texts(c.name) "
     "FROM exhibit x JOIN search_doc d ON d.kind = 'exhibit' AND d.ref = x.id "
     "LEFT JOIN category c ON c.kind = 'theme' AND c.id = x.theme_id {where}"},
    {RecordKind::Milestone, false,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'milestone', x.id, x.title, json_object('vi', x.date), 0 FROM milestone x {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.title), qtsc_texts(x.body) || ' ' || x.date "
     "FROM milestone x JOIN search_doc d ON d.kind = 'milestone' AND d.ref = x.id {where}"},
    {RecordKind::Itinerary, true,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'itinerary', x.id, x.delegation, x.origin, x.sample FROM itinerary x {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.delegation), qtsc_texts(x.origin) || ' ' || qtsc_texts(x.host) || "
     "  ' ' || qtsc_texts(x.summary) || ' ' || x.date "
     "FROM itinerary x JOIN search_doc d ON d.kind = 'itinerary' AND d.ref = x.id {where}"},
}};

std::string withWhere(const char* sql, const std::string& where) {
  std::string out(sql);
  auto at = out.find("{where}");
  out.replace(at, 7, where);
  return out;
}

void insertRows(SQLite::Database& db, const KindIndex& index, const std::string& where,
                const std::string& id) {
  for (const char* sql : {index.docs, index.fts}) {
    SQLite::Statement insert(db, withWhere(sql, where));
    if (!id.empty()) insert.bind(1, id);
    insert.exec();
  }
}

// The title-only index is filled from the full one.
void copyTitles(SQLite::Database& db, RecordKind kind, const std::string& id) {
  SQLite::Statement copy(db,
                         "INSERT INTO search_title(rowid, title) SELECT rowid, title FROM search_fts "
                         "WHERE rowid = (SELECT rowid FROM search_doc WHERE kind = ?1 AND ref = ?2)");
  copy.bind(1, std::string(toString(kind)));
  copy.bind(2, id);
  copy.exec();
}

const KindIndex* indexFor(RecordKind kind) {
  for (const auto& index : kIndexes)
    if (index.kind == kind) return &index;
  return nullptr;
}

}  // namespace

void registerSearchFunctions(SQLite::Database& db) {
  db.createFunction("qtsc_texts", 1, true, nullptr, &sqlTexts);
}

void rebuildSearchIndex(SQLite::Database& db) {
  registerSearchFunctions(db);
  db.exec("DELETE FROM search_fts; DELETE FROM search_title; DELETE FROM search_doc;");
  // Park content first, samples after: search reads candidates in rowid order, so the
  // park's own records are always among them however many samples there are.
  for (const auto& index : kIndexes) insertRows(db, index, index.hasSampleColumn ? "WHERE x.sample = 0" : "", "");
  for (const auto& index : kIndexes)
    if (index.hasSampleColumn) insertRows(db, index, "WHERE x.sample = 1", "");
  db.exec("INSERT INTO search_title(rowid, title) SELECT rowid, title FROM search_fts");
  // One merged segment: queries then read each list once instead of once per segment.
  db.exec("INSERT INTO search_fts(search_fts) VALUES('optimize')");
  db.exec("INSERT INTO search_title(search_title) VALUES('optimize')");
}

void unindexRecord(SQLite::Database& db, RecordKind kind, const std::string& id) {
  const std::string name(toString(kind));
  for (const char* table : {"search_fts", "search_title"}) {
    SQLite::Statement fts(db, std::string("DELETE FROM ") + table +
                                  " WHERE rowid IN (SELECT rowid FROM search_doc WHERE kind = ?1 AND ref = ?2)");
    fts.bind(1, name);
    fts.bind(2, id);
    fts.exec();
  }
  SQLite::Statement docs(db, "DELETE FROM search_doc WHERE kind = ?1 AND ref = ?2");
  docs.bind(1, name);
  docs.bind(2, id);
  docs.exec();
}

void reindexRecord(SQLite::Database& db, RecordKind kind, const std::string& id) {
  const KindIndex* index = indexFor(kind);
  if (index == nullptr) return;
  unindexRecord(db, kind, id);
  insertRows(db, *index, "WHERE x.id = ?1", id);
  copyTitles(db, kind, id);
  if (kind == RecordKind::Place) {
    // Tenants show their building's name as subtitle and are found by it.
    SQLite::Statement tenants(db, "SELECT id FROM tenant WHERE place_id = ?1");
    tenants.bind(1, id);
    while (tenants.executeStep()) reindexRecord(db, RecordKind::Tenant, tenants.getColumn(0).getString());
  }
}

}  // namespace qtsc::content
