// The kiosk's HTTP client over libcurl: small capped GETs (timestamp, manifest), parallel
// resumable object downloads (curl multi), and report POSTs. Every transfer is counted so
// the staff panel and the benchmarks can tell what a sync cost on the wire.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "qtsc/sync/client.hpp"

namespace qtsc::sync {

inline std::chrono::system_clock::time_point wallClock(const SyncConfig& config) {
  return config.now ? config.now() : std::chrono::system_clock::now();
}

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string etag;
  std::optional<std::chrono::seconds> retryAfter;
};

// One object to fetch into `partial` (resumed from what is there), checked against size and
// hash, then renamed to `target`. While it is fetched the partial file lives under a name of
// this download's own, so no other writer's bytes can reach the file that is verified and
// named; a download that stops short gives it back to `partial` for the next one to resume.
struct DownloadJob {
  std::string url;
  std::filesystem::path partial;
  std::filesystem::path target;
  unsigned long long size = 0;
  std::string hash;
};

class HttpClient {
 public:
  explicit HttpClient(const SyncConfig& config);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET with an optional If-None-Match. A body over maxBytes aborts the transfer and throws
  // VerificationError. Network failures throw DownloadError; HTTP statuses are returned.
  HttpResponse get(const std::string& url, const std::string& etag, unsigned long long maxBytes);
  // Fetches every job, `parallel` at a time. Completed, verified objects are kept even when
  // another job fails; the first failure is rethrown after all transfers end. A resumed
  // answer whose Content-Range does not start at the offset asked for (or does not end at
  // the object's end) is refused, its partial file discarded and the object fetched anew.
  void download(const std::vector<DownloadJob>& jobs, int parallel);
  // POSTs `body` as JSON, with `Authorization: Bearer <bearer>` unless empty. Returns the
  // HTTP status, 0 when no answer came.
  long postJson(const std::string& url, const std::string& body, const std::string& bearer = {});
  // One small request of any method: `body` with `contentType` when not empty, the bearer
  // token and If-None-Match when given. Limits and errors as get().
  HttpResponse request(const std::string& method, const std::string& url, const std::string& body,
                       const std::string& contentType, const std::string& bearer, const std::string& etag,
                       unsigned long long maxBytes);

  [[nodiscard]] const TransferStats& stats() const { return stats_; }

 private:
  struct Transfer;
  void prepare(Transfer& transfer);
  void runAll(std::vector<std::unique_ptr<Transfer>>& transfers, int parallel);
  void count(Transfer& transfer);
  void download(const std::vector<DownloadJob>& jobs, int parallel, bool refetchRefusedRanges);

  const SyncConfig& config_;
  void* multi_ = nullptr;  // CURLM*, kept so connections are reused between requests
  TransferStats stats_;
};

}  // namespace qtsc::sync
