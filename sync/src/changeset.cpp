#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "changeset.hpp"

#include <sqlite3.h>

#include <memory>
#include <vector>

#include "qtsc/content/store.hpp"
#include "qtsc/sync/errors.hpp"

namespace qtsc::sync {

namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct SessionDeleter {
  void operator()(sqlite3_session* s) const { sqlite3session_delete(s); }
};

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw SyncError(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

std::vector<std::string> tablesOf(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT name FROM main.sqlite_schema WHERE type = 'table' ORDER BY name", -1, &raw,
                         nullptr) != SQLITE_OK)
    fail(db, "cannot list tables");
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  std::vector<std::string> tables;
  while (sqlite3_step(raw) == SQLITE_ROW) {
    const std::string name(reinterpret_cast<const char*>(sqlite3_column_text(raw, 0)));
    if (name.rfind("sqlite_", 0) != 0 && !isDerivedTable(name)) tables.push_back(name);
  }
  return tables;
}

}  // namespace

bool isDerivedTable(std::string_view table) { return table.rfind("search_", 0) == 0; }

std::string diffDatabases(const std::filesystem::path& oldDb, const std::filesystem::path& newDb) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(newDb.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, DbCloser> db(raw);
  if (rc != SQLITE_OK) fail(raw, "cannot open '" + newDb.string() + "'");

  sqlite3_stmt* attach = nullptr;
  if (sqlite3_prepare_v2(raw, "ATTACH DATABASE ?1 AS old", -1, &attach, nullptr) != SQLITE_OK)
    fail(raw, "cannot attach the previous version");
  sqlite3_bind_text(attach, 1, oldDb.c_str(), -1, SQLITE_TRANSIENT);
  const int attached = sqlite3_step(attach);
  sqlite3_finalize(attach);
  if (attached != SQLITE_DONE) fail(raw, "cannot attach '" + oldDb.string() + "'");

  sqlite3_session* rawSession = nullptr;
  if (sqlite3session_create(raw, "main", &rawSession) != SQLITE_OK) fail(raw, "cannot start a session");
  std::unique_ptr<sqlite3_session, SessionDeleter> session(rawSession);
  for (const auto& table : tablesOf(raw)) {
    if (sqlite3session_attach(rawSession, table.c_str()) != SQLITE_OK) fail(raw, "cannot track table " + table);
    char* error = nullptr;
    if (sqlite3session_diff(rawSession, "old", table.c_str(), &error) != SQLITE_OK) {
      const std::string message = error ? error : sqlite3_errmsg(raw);
      sqlite3_free(error);
      throw SyncError("cannot diff table " + table + ": " + message);
    }
  }
  int size = 0;
  void* bytes = nullptr;
  if (sqlite3session_changeset(rawSession, &size, &bytes) != SQLITE_OK) fail(raw, "cannot build the changeset");
  std::string changeset(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
  sqlite3_free(bytes);
  return changeset;
}

void applyChangeset(content::ContentStore& store, std::string_view changeset) {
  try {
    store.applyChangeset(changeset);
  } catch (const content::ChangesetConflictError& e) {
    throw VerificationError(e.what());
  }
}

}  // namespace qtsc::sync
