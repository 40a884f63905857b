// Changesets between two content databases, made and applied by SQLite's session
// extension. The search index is derived data: its tables (search_doc and the FTS5
// search_fts with its shadow tables) are left out of every changeset, and whoever applies
// one rebuilds the index afterwards.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace qtsc::content {
class ContentStore;
}

namespace qtsc::sync {

// The changeset that turns `oldDb` into `newDb`. Both must have the same schema.
std::string diffDatabases(const std::filesystem::path& oldDb, const std::filesystem::path& newDb);

// Applies `changeset` to `store` in one transaction. Any conflict (the database is not
// exactly the version the changeset was made from) keeps nothing and throws VerificationError.
void applyChangeset(content::ContentStore& store, std::string_view changeset);

// True for tables that are rebuilt rather than carried by changesets.
bool isDerivedTable(std::string_view table);

}  // namespace qtsc::sync
