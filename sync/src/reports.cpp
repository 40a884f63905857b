#include "reports.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "files.hpp"
#include "http.hpp"
#include "qtsc/sync/crypto.hpp"
#include <spdlog/spdlog.h>

namespace qtsc::sync {

namespace fs = std::filesystem;

namespace {

// Queued report files, oldest first (names start with a zero-padded time).
std::vector<fs::path> queued(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(folder, ignored))
    if (entry.path().extension() == ".json" && entry.path().filename().string().find(".tmp-") == std::string::npos)
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

ReportQueue::ReportQueue(fs::path folder, int maxQueued) : folder_(std::move(folder)), maxQueued_(maxQueued) {}

std::string ReportQueue::enqueue(nlohmann::json report) {
  ensureDirectory(folder_);
  const std::string id = randomHexId();
  report["id"] = id;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "%015lld-", static_cast<long long>(ms));
  writeFileDurably(folder_ / (prefix + id + ".json"), report.dump());
  auto files = queued(folder_);
  std::error_code ignored;
  for (std::size_t i = 0; maxQueued_ > 0 && files.size() - i > static_cast<std::size_t>(maxQueued_); ++i)
    fs::remove(files[i], ignored);
  return id;
}

ReportsSent ReportQueue::sendAll(HttpClient& http, const std::string& url, const std::string& key) {
  ReportsSent sent;
  for (const auto& file : queued(folder_)) {
    const long status = http.postJson(url, readWholeFile(file), key);
    // 409: the hub already has this id (an earlier answer was lost): delivered all the same.
    const bool delivered = (status >= 200 && status < 300) || status == 409;
    // 400, 413, 415, 422: the hub will never take this report as it is; kept, it would hold
    // back every later one.
    const bool refusedForGood = status == 400 || status == 413 || status == 415 || status == 422;
    if (refusedForGood) {
      spdlog::warn("the hub refused report {} for good (HTTP {}); it was dropped", file.filename().string(), status);
    } else if (!delivered) {
      sent.refusedWith = status;
      break;
    }
    std::error_code ignored;
    fs::remove(file, ignored);
    if (delivered) ++sent.accepted;
  }
  return sent;
}

int ReportQueue::size() const { return static_cast<int>(queued(folder_).size()); }

}  // namespace qtsc::sync
