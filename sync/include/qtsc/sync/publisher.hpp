// Publisher: turns a content database and an assets folder into a new published version
// in an out folder that a static web server serves as it is. The central server calls it;
// `kiosk-publish publish` is a thin front end.
//
// Order of writes: every object first (temp + fsync + rename), then the manifest (also an
// object), the timestamp last. A kiosk polling mid-publish sees the old timestamp and
// objects that are all complete. The previous version's snapshot stays in objects/, so the
// next publish finds it through the current timestamp and computes the changeset.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "qtsc/sync/crypto.hpp"

namespace qtsc::sync {

struct PublisherSettings {
  std::chrono::seconds timestampLifetime{std::chrono::hours(24 * 14)};  // expiry after publishing
  bool makeChangesets = true;  // false: every kiosk downloads the full snapshot
  std::function<long long()> clock;  // Unix seconds a timestamp is issued at; empty: the system clock
};

struct PublishResult {
  long long version = 0;
  std::string manifestHash;
  unsigned long long snapshotBytes = 0;
  unsigned long long changesetBytes = 0;  // 0: no changeset (first version or schema change)
  int assets = 0;
  int objectsWritten = 0;  // objects that were not already published
};

class Publisher {
 public:
  Publisher(std::filesystem::path outDir, SecretKey key, PublisherSettings settings = {});

  // Publishes `database` (a content database; it is read, never changed) and every regular
  // file under `assetsDir` (may be empty: no assets) as the next version. Throws
  // PublishError, StorageError, or content errors for a database it cannot read.
  PublishResult publish(const std::filesystem::path& database, const std::filesystem::path& assetsDir,
                        const std::string& note);

  // Re-signs the timestamp of the current version with a fresh expiry (a scheduled job
  // runs this so kiosks keep accepting the current version). Returns the version.
  long long refreshTimestamp();

  // The version the out folder currently publishes (0: none yet).
  [[nodiscard]] long long currentVersion() const;

 private:
  std::filesystem::path outDir_;
  SecretKey key_;
  PublisherSettings settings_;
};

}  // namespace qtsc::sync
