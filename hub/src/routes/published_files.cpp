#include "routes/published_files.hpp"

#include <sys/stat.h>

#include <regex>

#include "http/router.hpp"
#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/published.hpp"
#include "core/support.hpp"

namespace qtsc::hub {

namespace fs = std::filesystem;

namespace {

// Compiled when the program starts, before any thread: compiling a std::regex fills
// libstdc++'s shared ctype<char> cache, which two threads compiling at once race on.
const std::regex kPublishedName("^(timestamp\\.json|objects/[0-9a-f]{64})$");

constexpr long long kMaxCachedBytes = 1024 * 1024;  // bytes of a published file kept in memory
}

PublishedFiles::PublishedFiles(fs::path folder, std::function<void()> beforeTimestamp)
    : folder_(std::move(folder)), beforeTimestamp_(std::move(beforeTimestamp)) {}

// Kiosks poll timestamp.json every few minutes: the answer is an ETag check against a
// cached copy (a stat, no read), so unchanged polls cost next to nothing.
void PublishedFiles::serve(const httplib::Request& req, httplib::Response& res) {
  const std::string relative = req.matches[1].str();
  if (!std::regex_match(relative, kPublishedName)) {
    sendError(res, 404, "not published", "not_published");
    return;
  }
  if (relative == sync::kTimestampFile && beforeTimestamp_) beforeTimestamp_();
  const fs::path file = folder_ / relative;
  struct stat info{};
  if (::stat(file.c_str(), &info) != 0) {
    sendError(res, 404, "not published", "not_published");
    return;
  }
  const long long mtimeNs = static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
  const long long size = static_cast<long long>(info.st_size);
  std::shared_ptr<const CachedFile> cached;
  {
    std::lock_guard lock(cacheMutex_);
    if (auto it = cache_.find(relative); it != cache_.end() && it->second->mtimeNs == mtimeNs && it->second->size == size)
      cached = it->second;
  }
  if (!cached) {
    auto fresh = std::make_shared<CachedFile>();
    fresh->mtimeNs = mtimeNs;
    fresh->size = size;
    fresh->body = readFile(file);
    fresh->etag = "\"" + sync::sha256Hex(fresh->body).substr(0, 32) + "\"";
    cached = fresh;
    if (size <= kMaxCachedBytes) {  // objects are immutable and big: only small files stay cached
      std::lock_guard lock(cacheMutex_);
      cache_[relative] = fresh;
    }
  }
  const bool isTimestamp = relative == sync::kTimestampFile;
  res.set_header("ETag", cached->etag);
  res.set_header("Cache-Control", isTimestamp ? "no-cache" : "public, max-age=31536000, immutable");
  if (req.get_header_value("If-None-Match") == cached->etag) {
    res.status = 304;
    return;
  }
  res.set_content(cached->body, isTimestamp ? "application/json" : "application/octet-stream");
}

}  // namespace qtsc::hub
