// Keeps the FTS5 search index in step with the content tables. Index rows are built in
// SQL from the stored JSON texts through two functions registered on the connection:
// qtsc_texts(json) (every text in every language, folded for search).
#pragma once

#include <string>

#include "qtsc/content/model.hpp"

namespace SQLite {
class Database;
}

namespace qtsc::content {

void registerSearchFunctions(SQLite::Database& db);
// Drops and rebuilds the whole index (migrations, bulk imports, after a changeset).
void rebuildSearchIndex(SQLite::Database& db);
// Re-indexes one record (and, for a place, the tenants whose subtitle names it).
void reindexRecord(SQLite::Database& db, RecordKind kind, const std::string& id);
void unindexRecord(SQLite::Database& db, RecordKind kind, const std::string& id);

}  // namespace qtsc::content
