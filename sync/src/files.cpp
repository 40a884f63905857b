#include "files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/errors.hpp"

namespace qtsc::sync {

namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
  throw StorageError(what + " '" + path.string() + "': " + std::strerror(errno));
}

// Closes the descriptor on every path out, so a throw never leaks it.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

void writeAll(int fd, const char* data, std::size_t size, const std::filesystem::path& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", path);
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

std::filesystem::path tempBeside(const std::filesystem::path& target) {
  std::filesystem::path temp = target;
  temp += ".tmp-" + randomHexId().substr(0, 8);
  return temp;
}

}  // namespace

std::string readWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw StorageError("cannot read '" + path.string() + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void fsyncPath(const std::filesystem::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) fail("cannot open for fsync", path);
  if (::fsync(fd.get()) != 0) fail("cannot fsync", path);
}

void renameDurably(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) fail("cannot rename to '" + to.string() + "' from", from);
  fsyncPath(to.parent_path().empty() ? std::filesystem::path(".") : to.parent_path());
}

void writeFileDurably(const std::filesystem::path& path, std::string_view data, unsigned mode) {
  const auto temp = tempBeside(path);
  {
    FileDescriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (fd.get() < 0) fail("cannot create", temp);
    try {
      writeAll(fd.get(), data.data(), data.size(), temp);
      if (::fsync(fd.get()) != 0) fail("cannot fsync", temp);
    } catch (...) {
      ::unlink(temp.c_str());
      throw;
    }
  }
  renameDurably(temp, path);
}

void copyFileDurably(const std::filesystem::path& from, const std::filesystem::path& to) {
  const auto temp = tempBeside(to);
  {
    FileDescriptor in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
    if (in.get() < 0) fail("cannot read", from);
    FileDescriptor out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (out.get() < 0) fail("cannot create", temp);
    try {
      std::vector<char> buffer(1 << 20);
      for (;;) {
        const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
        if (n < 0) {
          if (errno == EINTR) continue;
          fail("cannot read", from);
        }
        if (n == 0) break;
        writeAll(out.get(), buffer.data(), static_cast<std::size_t>(n), temp);
      }
      if (::fsync(out.get()) != 0) fail("cannot fsync", temp);
    } catch (...) {
      ::unlink(temp.c_str());
      throw;
    }
  }
  renameDurably(temp, to);
}

void ensureDirectory(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) throw StorageError("cannot create the folder '" + path.string() + "': " + error.message());
}

std::optional<FolderLock> FolderLock::acquire(const std::filesystem::path& file, std::chrono::milliseconds wait,
                                              std::string* holder) {
  int raw = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  // Made by another user (a technician's sync run as root): a read-only open locks as well.
  if (raw < 0 && errno == EACCES) raw = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  FileDescriptor fd(raw);
  if (fd.get() < 0) fail("cannot open the lock file", file);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) fail("cannot lock", file);
    if (std::chrono::steady_clock::now() >= deadline) {
      if (holder) {
        char text[32] = {};
        const ssize_t n = ::pread(fd.get(), text, sizeof text - 1, 0);
        holder->clear();
        for (ssize_t i = 0; i < n && text[i] >= '0' && text[i] <= '9'; ++i) holder->push_back(text[i]);
      }
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Who holds it, for the message another sync shows; the lock itself is the flock.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd.get(), 0) == 0) {
    [[maybe_unused]] const ssize_t written = ::pwrite(fd.get(), pid.data(), pid.size(), 0);
  }
  return FolderLock(fd.release());
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

FolderLock::FolderLock(FolderLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FolderLock& FolderLock::operator=(FolderLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

}  // namespace qtsc::sync
