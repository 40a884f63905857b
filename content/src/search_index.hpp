// Keeps the FTS5 search index in step with the content tables, and answers searches from it.
// Index rows are built in SQL from the stored JSON texts through qtsc_texts(json), registered
// on the connection: every text in every language, folded for search.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qtsc/content/model.hpp"
#include "qtsc/content/search.hpp"

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
// Re-indexes the chain's members and planned members (after the park record is written).
void reindexChain(SQLite::Database& db);

// What a visitor typed, answered from the index: see search.hpp for what is matched and how
// results are ordered. Works on read-only connections (its per-connection state is in memory).
std::vector<SearchHit> searchIndex(SQLite::Database& db, std::string_view typed, int limit,
                                   const SearchScope& scope = {});
// How many records searchIndex would find with no limit, counting at most `cap`.
int countIndex(SQLite::Database& db, std::string_view typed, const SearchScope& scope, int cap);
// Reads what search reads once per connection (the index's vocabulary), so that no keystroke
// waits for it.
void prepareSearchIndex(SQLite::Database& db);

}  // namespace qtsc::content
