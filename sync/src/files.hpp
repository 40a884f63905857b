// Durable file operations shared by the publisher and the kiosk. "Durably" means the data
// is on disk before the name appears: write a temp file, fsync it, rename it over the
// target, fsync the folder. Killed at any instant, a reader sees the old file or the new.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace qtsc::sync {

std::string readWholeFile(const std::filesystem::path& path);
void writeFileDurably(const std::filesystem::path& path, std::string_view data, unsigned mode = 0644);
// Copies `from` to a temp name beside `to`, fsyncs it and renames it into place.
void copyFileDurably(const std::filesystem::path& from, const std::filesystem::path& to);
void fsyncPath(const std::filesystem::path& path);  // a file or a folder
void renameDurably(const std::filesystem::path& from, const std::filesystem::path& to);
void ensureDirectory(const std::filesystem::path& path);

// An exclusive flock(2) on a lock file, held until destruction (or the process's end, so a
// killed holder never leaves it stuck). Locks of separate opens conflict, between processes
// and between threads alike.
class FolderLock {
 public:
  // Takes the lock on `file` (created if missing), waiting up to `wait`. Empty when another
  // holder kept it that long; `holder` then gets the process id the holder wrote, if any.
  static std::optional<FolderLock> acquire(const std::filesystem::path& file, std::chrono::milliseconds wait,
                                           std::string* holder = nullptr);
  ~FolderLock();
  FolderLock(FolderLock&& other) noexcept;
  FolderLock& operator=(FolderLock&& other) noexcept;
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  explicit FolderLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace qtsc::sync
