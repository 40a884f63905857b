#include "files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <fstream>
#include <sstream>
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

}  // namespace qtsc::sync
