// Typed errors of the sync layer. Each carries its cause; the edges (kiosk-sync, the staff
// panel, the kiosk app) turn what() into a message a person can act on.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

namespace qtsc::sync {

class SyncError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A signature, hash, size or field of published data does not check out. Never retried
// against the same data: it means tampering, corruption or a publisher bug.
class VerificationError : public SyncError {
 public:
  using SyncError::SyncError;
};

// The server offers a version older than one this kiosk has already seen (a replay).
class RollbackError : public VerificationError {
 public:
  RollbackError(long long offered, long long highestSeen);
  long long offered;
  long long highestSeen;
};

// The signed timestamp is past its expiry: nothing new is installed from it.
class ExpiredError : public VerificationError {
 public:
  using VerificationError::VerificationError;
};

// The published content needs a newer kiosk (its schema is newer than this build reads).
class IncompatibleError : public SyncError {
 public:
  using SyncError::SyncError;
};

// A transfer failed: network, HTTP status, or a body that broke its size cap.
// retryAfter carries the server's Retry-After when it sent one.
class DownloadError : public SyncError {
 public:
  explicit DownloadError(const std::string& what, long httpStatus = 0,
                         std::optional<std::chrono::seconds> retryAfter = std::nullopt);
  long httpStatus;
  std::optional<std::chrono::seconds> retryAfter;
};

// Not enough free disk for the download and the new version.
class DiskSpaceError : public SyncError {
 public:
  DiskSpaceError(unsigned long long needed, unsigned long long available);
  unsigned long long needed;
  unsigned long long available;
};

// The publisher could not publish (bad input, key, or an out dir it cannot write).
class PublishError : public SyncError {
 public:
  using SyncError::SyncError;
};

// A file operation on the kiosk's data or state folders failed.
class StorageError : public SyncError {
 public:
  using SyncError::SyncError;
};

}  // namespace qtsc::sync
