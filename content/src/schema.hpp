// The versioned schema: each migration takes the database from version-1 to version.
// PRAGMA user_version holds the version; opening applies what is missing in one transaction.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace qtsc::content::schema {

struct Migration {
  int version;
  const char* sql;
  std::function<void(SQLite::Database&)> after;  // data steps that SQL alone cannot do
};

const std::vector<Migration>& migrations();
int latestVersion();
int versionOf(SQLite::Database& db);

// Brings `db` to `target` (at most latestVersion()) in one transaction. Throws
// SchemaTooNewError when the database is already newer than this program knows.
void migrate(SQLite::Database& db, int target);

}  // namespace qtsc::content::schema
