#include "qtsc/sync/publisher.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>

#include "changeset.hpp"
#include "files.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/published.hpp"

namespace qtsc::sync {

namespace fs = std::filesystem;

namespace {

long long nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string isoNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// One publisher at a time per out folder: a second one waits for the lock.
class PublishLock {
 public:
  explicit PublishLock(const fs::path& outDir) {
    const fs::path path = outDir / ".publish.lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) throw PublishError("cannot lock '" + path.string() + "'");
  }
  ~PublishLock() { ::close(fd_); }
  PublishLock(const PublishLock&) = delete;
  PublishLock& operator=(const PublishLock&) = delete;

 private:
  int fd_ = -1;
};

// Removes the staging folder however publish() ends.
class StagingDir {
 public:
  explicit StagingDir(fs::path path) : path_(std::move(path)) { ensureDirectory(path_); }
  ~StagingDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Writes the timestamp file. Web servers derive the ETag from modification time (seconds)
// and size, and a new timestamp has the old one's size: one written in the same second as
// the previous would carry the same ETag and a kiosk polling in between would be told
// "unchanged". So the new file's time is moved past the old one's before it takes the name.
void writeTimestampFile(const fs::path& outDir, const std::string& text) {
  const fs::path target = outDir / kTimestampFile;
  const fs::path temp = outDir / (std::string(kTimestampFile) + ".new");
  struct stat old {};
  const bool hadOld = ::stat(target.c_str(), &old) == 0;
  writeFileDurably(temp, text);
  struct stat fresh {};
  if (hadOld && ::stat(temp.c_str(), &fresh) == 0 && fresh.st_mtim.tv_sec <= old.st_mtim.tv_sec) {
    const timespec times[2] = {{old.st_mtim.tv_sec + 1, 0}, {old.st_mtim.tv_sec + 1, 0}};
    ::utimensat(AT_FDCWD, temp.c_str(), times, 0);
  }
  renameDurably(temp, target);
}

struct Current {
  Timestamp timestamp;
  Manifest manifest;
};

}  // namespace

Publisher::Publisher(fs::path outDir, SecretKey key, PublisherSettings settings)
    : outDir_(std::move(outDir)), key_(key), settings_(settings) {}

namespace {

std::optional<Current> readCurrent(const fs::path& outDir, const SecretKey& key) {
  const fs::path timestampPath = outDir / kTimestampFile;
  if (!fs::exists(timestampPath)) return std::nullopt;
  const PublicKey publicKey = publicKeyOf(key);
  try {
    Current current;
    current.timestamp = openTimestamp(readWholeFile(timestampPath), publicKey);
    current.manifest =
        openManifest(readWholeFile(outDir / kObjectsDir / current.timestamp.manifestHash), publicKey);
    return current;
  } catch (const VerificationError& e) {
    throw PublishError("the out folder's current publication does not verify with this key (" + std::string(e.what()) +
                       "); publish into a fresh folder or use the key that made it");
  }
}

// Moves or copies `file` into objects/ under its hash; returns whether it was new.
bool storeObject(const fs::path& objectsDir, const fs::path& file, const std::string& hash, bool move) {
  const fs::path target = objectsDir / hash;
  if (fs::exists(target)) return false;
  if (move) {
    fsyncPath(file);
    if (::rename(file.c_str(), target.c_str()) != 0) throw StorageError("cannot store object " + hash);
  } else {
    copyFileDurably(file, target);
  }
  return true;
}

}  // namespace

long long Publisher::currentVersion() const {
  const auto current = readCurrent(outDir_, key_);
  return current ? current->timestamp.version : 0;
}

PublishResult Publisher::publish(const fs::path& database, const fs::path& assetsDir, const std::string& note) {
  if (!fs::is_regular_file(database)) throw PublishError("no content database at '" + database.string() + "'");
  if (!assetsDir.empty() && !fs::is_directory(assetsDir))
    throw PublishError("the assets folder '" + assetsDir.string() + "' does not exist");
  ensureDirectory(outDir_ / kObjectsDir);
  PublishLock lock(outDir_);
  const fs::path objectsDir = outDir_ / kObjectsDir;
  const auto previous = readCurrent(outDir_, key_);

  PublishResult result;
  result.version = previous ? previous->timestamp.version + 1 : 1;
  StagingDir staging(outDir_ / (".staging-" + randomHexId().substr(0, 8)));

  // The snapshot: a compact copy of the database carrying its new version number.
  const fs::path snapshot = staging.path() / "snapshot.db";
  {
    SQLite::Database source(database.string(), SQLite::OPEN_READONLY);
    SQLite::Statement vacuum(source, "VACUUM INTO ?1");
    vacuum.bind(1, snapshot.string());
    vacuum.exec();
  }
  int schemaVersion = 0;
  {
    content::ContentStore store(snapshot.string());
    store.setContentVersion(result.version);
    schemaVersion = store.schemaVersion();
  }

  Manifest manifest;
  manifest.version = result.version;
  manifest.schemaVersion = schemaVersion;
  manifest.created = isoNow();
  manifest.note = note;

  const std::string snapshotHash = sha256FileHex(snapshot);
  result.snapshotBytes = fs::file_size(snapshot);
  manifest.objects.push_back({kRoleSnapshot, snapshotHash, result.snapshotBytes, "", 0});

  // The changeset from the previous version, when the schema is the same and it is worth it.
  if (settings_.makeChangesets && previous && previous->manifest.schemaVersion == schemaVersion) {
    const ObjectRef* previousSnapshot = previous->manifest.find(kRoleSnapshot);
    const fs::path previousFile = objectsDir / previousSnapshot->hash;
    if (fs::exists(previousFile)) {
      const std::string changeset = diffDatabases(previousFile, snapshot);
      if (changeset.size() < result.snapshotBytes / 2) {
        const std::string hash = sha256Hex(changeset);
        const fs::path file = staging.path() / "changeset";
        writeFileDurably(file, changeset);
        result.objectsWritten += storeObject(objectsDir, file, hash, true) ? 1 : 0;
        result.changesetBytes = changeset.size();
        manifest.objects.push_back({kRoleChangeset, hash, changeset.size(), "", previous->timestamp.version});
      }
    }
  }
  result.objectsWritten += storeObject(objectsDir, snapshot, snapshotHash, true) ? 1 : 0;

  // Assets, by their path under the assets folder.
  std::vector<ObjectRef> assets;
  if (!assetsDir.empty()) {
    for (const auto& entry : fs::recursive_directory_iterator(assetsDir)) {
      if (!entry.is_regular_file()) continue;
      const std::string name = fs::relative(entry.path(), assetsDir).generic_string();
      if (!isSafeAssetName(name)) throw PublishError("the asset name '" + name + "' cannot be published");
      const std::string hash = sha256FileHex(entry.path());
      result.objectsWritten += storeObject(objectsDir, entry.path(), hash, false) ? 1 : 0;
      assets.push_back({kRoleAsset, hash, entry.file_size(), name, 0});
    }
  }
  std::sort(assets.begin(), assets.end(), [](const ObjectRef& a, const ObjectRef& b) { return a.name < b.name; });
  result.assets = static_cast<int>(assets.size());
  const std::string index = serializeAssetIndex(assets);
  const std::string indexHash = sha256Hex(index);
  if (!fs::exists(objectsDir / indexHash)) {
    writeFileDurably(objectsDir / indexHash, index);
    ++result.objectsWritten;
  }
  manifest.objects.push_back({kRoleAssetIndex, indexHash, index.size(), "", 0});

  const std::string manifestText = sealManifest(manifest, key_);
  result.manifestHash = sha256Hex(manifestText);
  writeFileDurably(objectsDir / result.manifestHash, manifestText);
  ++result.objectsWritten;
  fsyncPath(objectsDir);

  Timestamp timestamp;
  timestamp.version = result.version;
  timestamp.manifestHash = result.manifestHash;
  timestamp.manifestSize = manifestText.size();
  timestamp.issued = settings_.clock ? settings_.clock() : nowSeconds();
  timestamp.expires = timestamp.issued + settings_.timestampLifetime.count();
  writeTimestampFile(outDir_, sealTimestamp(timestamp, key_));
  return result;
}

long long Publisher::refreshTimestamp() {
  PublishLock lock(outDir_);
  const auto current = readCurrent(outDir_, key_);
  if (!current) throw PublishError("nothing is published in '" + outDir_.string() + "' yet");
  Timestamp timestamp = current->timestamp;
  timestamp.issued = settings_.clock ? settings_.clock() : nowSeconds();
  timestamp.expires = timestamp.issued + settings_.timestampLifetime.count();
  writeTimestampFile(outDir_, sealTimestamp(timestamp, key_));
  return timestamp.version;
}

}  // namespace qtsc::sync
