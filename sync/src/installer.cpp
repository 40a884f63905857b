#include "installer.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "changeset.hpp"
#include "files.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/sync/client.hpp"
#include "qtsc/sync/errors.hpp"

namespace qtsc::sync {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

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
  r.version = body.value("version", 0LL);
  r.assetIndex = body.value("assetIndex", "");
  r.schemaVersion = body.value("schemaVersion", 0);
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
  static const std::regex pattern(R"(v([0-9]{1,18})\.json)");
  for (const auto& entry : fs::directory_iterator(versionsDir, error)) {
    std::smatch m;
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, m, pattern)) found.push_back(std::stoll(m[1].str()));
  }
  std::sort(found.rbegin(), found.rend());
  return found;
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
}

void DataDir::install(const Manifest& manifest, bool changeset,
                      const std::function<void(std::string_view)>& step) {
  auto report = [&step](std::string_view name) {
    if (step) step(name);
  };
  const long long from = installedVersion();
  const fs::path staged = root_ / "staging" / ("v" + std::to_string(manifest.version) + ".db");
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
      {
        SQLite::Transaction transaction(store.database());
        applyChangeset(store.database().getHandle(), bytes);
        transaction.commit();
      }
      report("changeset-applied");
      store.rebuildSearch();
      if (store.contentVersion() != manifest.version)
        throw VerificationError("the changeset did not produce version " + std::to_string(manifest.version));
      schemaVersion = store.schemaVersion();
    } else {
      copyFileDurably(object(manifest.find(kRoleSnapshot)->hash), staged);
      report("snapshot-copied");
      content::ContentStore store(staged.string());  // migrates an older schema
      if (store.contentVersion() != manifest.version)
        throw VerificationError("the snapshot holds version " + std::to_string(store.contentVersion()) +
                                ", the manifest promises " + std::to_string(manifest.version));
      schemaVersion = store.schemaVersion();
    }
    {
      SQLite::Database check(staged.string(), SQLite::OPEN_READONLY);
      const std::string verdict = check.execAndGet("PRAGMA quick_check").getString();
      if (verdict != "ok") throw VerificationError("the new content database fails its check: " + verdict);
    }
  } catch (const SQLite::Exception& e) {
    fs::remove(staged, ignored);
    throw VerificationError(std::string("the new content database cannot be built: ") + e.what());
  } catch (...) {
    fs::remove(staged, ignored);
    throw;
  }
  fsyncPath(staged);
  report("db-built");

  renameDurably(staged, database(manifest.version));
  report("db-placed");
  const VersionRecord record{manifest.version, manifest.find(kRoleAssetIndex)->hash, schemaVersion};
  writeFileDurably(root_ / "versions" / ("v" + std::to_string(manifest.version) + ".json"), recordText(record));
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
  static const std::regex versionFile(R"(v([0-9]{1,18})\.(db|json))");
  for (const auto& entry : fs::directory_iterator(versionsDir, ignored)) {
    std::smatch m;
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, m, versionFile) && keep.count(std::stoll(m[1].str())) == 0)
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
