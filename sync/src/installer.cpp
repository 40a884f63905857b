#include "installer.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <locale>
#include <regex>
#include <set>

#include "changeset.hpp"
#include "files.hpp"
#include "json_fields.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/sync/client.hpp"
#include "qtsc/sync/errors.hpp"
#include "text.hpp"

namespace qtsc::sync {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Compiled when the program starts, before any thread: compiling a std::regex fills
// libstdc++'s shared ctype<char> cache, which two threads compiling at once race on. The
// cache is also filled whole here, for the expressions compiled later in threads (those
// cpp-httplib compiles on first use).
[[maybe_unused]] const bool kNarrowCacheFilled = [] {
  const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
  for (int c = 0; c < 256; ++c) (void)ctype.narrow(static_cast<char>(c), '\0');
  return true;
}();
const std::regex kVersionRecordName(R"(v([0-9]{1,18})\.json)");
const std::regex kHeldPartialName(R"(([0-9a-f]{64})\.dl-[0-9a-f]+)");
const std::regex kVersionFileName(R"(v([0-9]{1,18})\.(db|json))");

constexpr const char* kPointer = "current";

struct VersionRecord {
  long long version = 0;
  std::string assetIndex;
  int schemaVersion = 0;
};

std::optional<VersionRecord> readRecord(const fs::path& file) {
  std::error_code error;
  if (!fs::exists(file, error)) return std::nullopt;
  const json body = json::parse(readWholeFile(file), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  VersionRecord r;
  try {
    r.version = fields::integer(body, "version", file.string());
    r.assetIndex = fields::text(body, "assetIndex", file.string());
    const long long schema = fields::integer(body, "schemaVersion", file.string());
    if (schema < 0 || schema > 1000000) return std::nullopt;
    r.schemaVersion = static_cast<int>(schema);
  } catch (const VerificationError&) {
    return std::nullopt;  // a record that cannot be read is no record: the previous version stands
  }
  if (r.version <= 0 || !isSha256Hex(r.assetIndex)) return std::nullopt;
  return r;
}

std::string recordText(const VersionRecord& r) {
  return json{{"version", r.version}, {"assetIndex", r.assetIndex}, {"schemaVersion", r.schemaVersion}}.dump() + "\n";
}

std::optional<VersionRecord> pointer(const fs::path& root) { return readRecord(root / kPointer); }

// Versions with a record file in versions/, highest first.
std::vector<long long> versionsOnDisk(const fs::path& versionsDir) {
  std::vector<long long> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(versionsDir, error)) {
    std::smatch m;
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, m, kVersionRecordName)) found.push_back(std::stoll(m[1].str()));
  }
  std::sort(found.rbegin(), found.rend());
  return found;
}

using Columns = std::map<std::string, std::set<std::string>>;  // table -> its columns
// The tables and columns this build of the kiosk reads: those of a new, empty content
// database, made once from the same migrations.
const Columns& kioskTables() {
  static const Columns tables = [] {
    const content::ContentStore reference(":memory:");
    return reference.tableColumns();
  }();
  return tables;
}

// A database that lacks a table or column the kiosk reads would open, then fail on the
// first screen that reads it: refused before it can become current.
void checkContentTables(const content::ContentStore& store, const std::string& what, const std::string& stays) {
  const Columns found = store.tableColumns();
  for (const auto& [table, columns] : kioskTables()) {
    const auto have = found.find(table);
    if (have == found.end())
      throw VerificationError(what + " lacks the table '" + table + "' the kiosk reads: not a content database; refused" +
                              stays);
    for (const auto& column : columns)
      if (have->second.count(column) == 0)
        throw VerificationError(what + " lacks the column '" + table + "." + column +
                                "' the kiosk reads: not a content database of its schema; refused" + stays);
  }
}

}  // namespace

DataDir::DataDir(fs::path root) : root_(std::move(root)) {}

fs::path DataDir::object(const std::string& hash) const {
  if (!isSha256Hex(hash)) throw VerificationError("'" + hash + "' is not an object name");
  return objects() / hash;
}

fs::path DataDir::database(long long version) const {
  return root_ / "versions" / ("v" + std::to_string(version) + ".db");
}

bool DataDir::hasObject(const std::string& hash) const {
  std::error_code error;
  return fs::is_regular_file(object(hash), error);
}

long long DataDir::installedVersion() const {
  const auto p = pointer(root_);
  return p && fs::exists(database(p->version)) ? p->version : 0;
}

std::string DataDir::installedAssetIndex() const {
  const auto p = pointer(root_);
  return p ? p->assetIndex : std::string();
}

int DataDir::installedSchemaVersion() const {
  const auto p = pointer(root_);
  return p ? p->schemaVersion : 0;
}

void DataDir::prepare() {
  for (const auto& dir : {root_, objects(), partial(), root_ / "versions", root_ / "staging"}) ensureDirectory(dir);
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(root_ / "staging", ignored)) fs::remove_all(entry.path(), ignored);
  // Temp files of durable writes that a stop interrupted.
  for (const auto& dir : {root_, root_ / "versions", objects()})
    for (const auto& entry : fs::directory_iterator(dir, ignored))
      if (entry.path().filename().string().find(".tmp-") != std::string::npos) fs::remove(entry.path(), ignored);
  // Partial files a stopped download held under its own name (the caller holds the folder's
  // lock, so nobody writes them now): back to the name the next download resumes from.
  for (const auto& entry : fs::directory_iterator(partial(), ignored)) {
    std::smatch m;
    const std::string name = entry.path().filename().string();
    if (!std::regex_match(name, m, kHeldPartialName)) continue;
    const fs::path resumable = partial() / m[1].str();
    if (fs::exists(resumable, ignored) || ::rename(entry.path().c_str(), resumable.c_str()) != 0)
      fs::remove(entry.path(), ignored);
  }
}

void DataDir::install(const Manifest& manifest, bool changeset,
                      const std::function<void(std::string_view)>& step) {
  auto report = [&step](std::string_view name) {
    if (step) step(name);
  };
  const long long from = installedVersion();
  const std::string version = std::to_string(manifest.version);
  const std::string what = (changeset ? "the changeset to content version " : "the snapshot of content version ") + version;
  const std::string stays = from > 0 ? "; version " + std::to_string(from) + " stays" : "";
  const fs::path staged = root_ / "staging" / ("v" + version + ".db");
  std::error_code ignored;
  fs::remove(staged, ignored);
  int schemaVersion = 0;
  try {
    if (changeset) {
      const ObjectRef* ref = manifest.find(kRoleChangeset);
      if (ref == nullptr || ref->from != from) throw VerificationError("no changeset from the installed version");
      copyFileDurably(database(from), staged);
      report("base-copied");
      const std::string bytes = readWholeFile(object(ref->hash));
      content::ContentStore store(staged.string());
      applyChangeset(store, bytes);
      report("changeset-applied");
      store.rebuildSearch();
      if (store.contentVersion() != manifest.version)
        throw VerificationError("the changeset did not produce version " + version);
      schemaVersion = store.schemaVersion();
    } else {
      copyFileDurably(object(manifest.find(kRoleSnapshot)->hash), staged);
      report("snapshot-copied");
      // Opening as content migrates, and migrating would build the content tables into any
      // SQLite file: first it must be a database of the schema the manifest states.
      {
        SQLite::Database raw(staged.string(), SQLite::OPEN_READONLY);
        const int found = raw.execAndGet("PRAGMA user_version").getInt();
        if (found != manifest.schemaVersion)
          throw VerificationError(what + " has schema version " + std::to_string(found) + " where its manifest states " +
                                  std::to_string(manifest.schemaVersion) + ": not a content database of that schema; refused" +
                                  stays);
      }
      content::ContentStore store(staged.string());  // migrates an older schema
      if (store.contentVersion() != manifest.version)
        throw VerificationError("the snapshot holds version " + std::to_string(store.contentVersion()) +
                                ", the manifest promises " + version + "; refused" + stays);
      schemaVersion = store.schemaVersion();
    }
    {
      const content::ContentStore check(staged.string(), content::ContentStore::Mode::ReadOnly);
      checkContentTables(check, what, stays);
      // The result gets one line, the log the whole list of findings.
      if (const auto findings = check.integrityProblem(20))
        throw VerificationError(what + " is damaged (SQLite's integrity check failed; the log has its findings): "
                                "refused" + stays + "\n" + *findings);
    }
  } catch (const SQLite::Exception& e) {
    fs::remove(staged, ignored);
    if (e.getErrorCode() == SQLITE_FULL)
      throw StorageError("the disk filled up while " + what + " was built: free some space" + stays);
    throw VerificationError(what + " cannot be opened as a content database (" + oneLine(e.what(), 120) + "): refused" +
                            stays);
  } catch (const SyncError&) {
    fs::remove(staged, ignored);
    throw;
  } catch (const std::exception& e) {  // content errors, a stored version that is not a number
    fs::remove(staged, ignored);
    throw VerificationError(what + " is not a readable content database (" + oneLine(e.what(), 120) + "): refused" +
                            stays);
  }
  fsyncPath(staged);
  report("db-built");

  renameDurably(staged, database(manifest.version));
  report("db-placed");
  const VersionRecord record{manifest.version, manifest.find(kRoleAssetIndex)->hash, schemaVersion};
  writeFileDurably(root_ / "versions" / ("v" + version + ".json"), recordText(record));
  report("record-written");
  writeFileDurably(root_ / kPointer, recordText(record));
  report("pointer-switched");
}

void DataDir::cleanup() {
  const auto current = pointer(root_);
  if (!current) return;
  const fs::path versionsDir = root_ / "versions";
  std::set<long long> keep{current->version};
  for (const long long v : versionsOnDisk(versionsDir))
    if (v < current->version && fs::exists(database(v))) {
      keep.insert(v);  // the previous version, to fall back to by hand
      break;
    }
  std::set<std::string> objectsInUse;
  std::error_code ignored;
  for (const long long v : keep) {
    const auto record = readRecord(versionsDir / ("v" + std::to_string(v) + ".json"));
    if (!record) continue;
    objectsInUse.insert(record->assetIndex);
    try {
      for (const auto& asset : parseAssetIndex(readWholeFile(object(record->assetIndex))))
        objectsInUse.insert(asset.hash);
    } catch (const SyncError&) {
      // An unreadable index keeps nothing alive; its version is still whole for the database.
    }
  }
  for (const auto& entry : fs::directory_iterator(versionsDir, ignored)) {
    std::smatch m;
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, m, kVersionFileName) && keep.count(std::stoll(m[1].str())) == 0)
      fs::remove(entry.path(), ignored);
  }
  for (const auto& entry : fs::directory_iterator(objects(), ignored))
    if (objectsInUse.count(entry.path().filename().string()) == 0) fs::remove(entry.path(), ignored);
  for (const auto& entry : fs::directory_iterator(partial(), ignored)) fs::remove(entry.path(), ignored);
}

std::map<std::string, std::string> installedAssets(const fs::path& dataDir) {
  std::map<std::string, std::string> assets;
  const DataDir dir(dataDir);
  const std::string index = dir.installedAssetIndex();
  if (index.empty() || !dir.hasObject(index)) return assets;
  for (const auto& asset : parseAssetIndex(readWholeFile(dir.object(index)))) assets[asset.name] = asset.hash;
  return assets;
}

fs::path currentContent(const fs::path& dataDir) {
  const DataDir dir(dataDir);
  const long long version = dir.installedVersion();
  return version > 0 ? dir.database(version) : fs::path();
}

long long currentVersion(const fs::path& dataDir) { return DataDir(dataDir).installedVersion(); }

std::optional<fs::path> assetPath(const fs::path& dataDir, const std::string& name) {
  const auto assets = installedAssets(dataDir);
  const auto found = assets.find(name);
  if (found == assets.end()) return std::nullopt;
  return DataDir(dataDir).object(found->second);
}

}  // namespace qtsc::sync
