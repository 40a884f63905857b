#include "http.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <exception>
#include <fstream>
#include <limits>

#include "download_worker.hpp"
#include "files.hpp"
#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/errors.hpp"
#include "text.hpp"
#include <spdlog/spdlog.h>

namespace qtsc::sync {

namespace fs = std::filesystem;

namespace {

constexpr unsigned long long kMaxDiscardedBody = 64 * 1024;  // bytes of an error page we read
constexpr long kDownloadBufferBytes = 256 * 1024;             // bigger reads, fewer syscalls
constexpr unsigned long long kWritebackStep = 4 << 20;        // bytes written between writeback starts
// Bytes per write() into an object's file: about what the curl tool writes at a time. One
// write per 1 MiB buffer made the kernel take page-cache memory differently, and where that
// memory had sat free a while (the host of a virtual machine takes such memory back) a
// 512 MiB download took 1.1-1.6 s instead of 0.56-0.62 s.
constexpr std::size_t kWriteBytes = 64 * 1024;

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

void ensureCurl() { static CurlGlobal global; }

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Feeds the first `bytes` of a kept partial file into `state`, so a resumed download is
// checked as a whole without reading it again at the end.
void hashPrefix(const fs::path& file, unsigned long long bytes, Sha256& hash) {
  std::ifstream in(file, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  while (bytes > 0 && in) {
    const auto want = static_cast<std::streamsize>(std::min<unsigned long long>(bytes, buffer.size()));
    in.read(buffer.data(), want);
    const auto got = in.gcount();
    if (got <= 0) break;
    hash.update(buffer.data(), static_cast<std::size_t>(got));
    bytes -= static_cast<unsigned long long>(got);
  }
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// A whole decimal number, saturated at the maximum; empty for anything else.
std::optional<unsigned long long> decimal(std::string_view text) {
  if (text.empty()) return std::nullopt;
  unsigned long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size()) return std::nullopt;
  if (error == std::errc::result_out_of_range) return std::numeric_limits<unsigned long long>::max();
  if (error != std::errc()) return std::nullopt;
  return value;
}

// "bytes FIRST-LAST/TOTAL" (TOTAL may be "*"); empty when it is not of that form.
struct ContentRange {
  unsigned long long first = 0, last = 0;
  std::optional<unsigned long long> total;
};
std::optional<ContentRange> parseContentRange(std::string_view value) {
  value = trim(value);
  if (value.substr(0, 6) != "bytes ") return std::nullopt;
  value = trim(value.substr(6));
  const auto dash = value.find('-');
  const auto slash = value.find('/');
  if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash) return std::nullopt;
  const auto first = decimal(value.substr(0, dash));
  const auto last = decimal(value.substr(dash + 1, slash - dash - 1));
  if (!first || !last || *last < *first) return std::nullopt;
  ContentRange range{*first, *last, std::nullopt};
  const std::string_view total = value.substr(slash + 1);
  if (total != "*") {
    range.total = decimal(total);
    if (!range.total) return std::nullopt;
  }
  return range;
}

}  // namespace

std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value, std::chrono::system_clock::time_point now,
                                                    std::chrono::seconds cap) {
  value = trim(value);
  if (value.empty() || cap.count() <= 0) return std::nullopt;
  long long wait = 0;
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    const auto seconds = decimal(value);
    if (!seconds) return std::nullopt;
    wait = *seconds > static_cast<unsigned long long>(cap.count()) ? static_cast<long long>(cap.count()) : static_cast<long long>(*seconds);
  } else {
    if (value.front() == '-' || value.front() == '+') return std::nullopt;  // not delta-seconds, not a date
    // An HTTP date, parsed by libcurl (RFC 1123 and the older forms HTTP allows).
    const std::time_t date = curl_getdate(std::string(value).c_str(), nullptr);
    if (date == -1) return std::nullopt;
    const long long nowSeconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    long long ahead = 0;
    if (__builtin_sub_overflow(static_cast<long long>(date), nowSeconds, &ahead)) ahead = std::numeric_limits<long long>::max();
    wait = std::min<long long>(ahead, cap.count());
  }
  if (wait <= 0) return std::nullopt;
  return std::chrono::seconds(wait);
}

struct HttpClient::Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string url;
  // In memory (timestamp, manifest, reports):
  bool toMemory = true;
  std::string body;
  unsigned long long maxBytes = 0;
  // To a file (objects). New bytes gather in `pending` and go to the file, the hash and
  // writeback a buffer at a time.
  DownloadJob job;
  fs::path file;      // this download's own name for the partial file (see DownloadJob)
  bool settled = false;  // the file was named, given back or removed
  DownloadWorker* worker = nullptr;  // hashes and starts writeback off this thread
  int fd = -1;
  unsigned long long offset = 0;         // bytes of the partial file kept
  unsigned long long received = 0;       // new bytes accepted, counted against the stated size
  unsigned long long written = 0;        // of them, in the file
  unsigned long long writebackFrom = 0;  // file offset up to which writeback was started
  DownloadWorker::Buffer pending;
  std::size_t pendingSize = 0;
  bool statusSeen = false;
  bool discarding = false;
  Sha256 hash;  // over every byte of the object, kept and new
  unsigned long long discarded = 0;
  std::string fileError;

  bool overflow = false;
  bool rangeRefused = false;  // a 206 whose Content-Range is not the one asked for
  std::string etag;
  std::string retryAfterHeader;
  std::string contentRange;
  CURLcode code = CURLE_OK;
  long status = 0;
  std::optional<std::chrono::seconds> retryAfter;
  char errorText[CURL_ERROR_SIZE] = {};

  ~Transfer() {
    if (fd >= 0) ::close(fd);
    if (easy) curl_easy_cleanup(easy);
    if (headers) curl_slist_free_all(headers);
  }

  static std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* self = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    const std::string line(data, n);
    if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a 100 Continue): forget the last one's
      self->etag.clear();
      self->retryAfterHeader.clear();
      self->contentRange.clear();
      return n;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) return n;
    const std::string name = lower(line.substr(0, colon));
    const std::string value(trim(std::string_view(line).substr(colon + 1)));
    // An ETag goes back in the next poll's If-None-Match: a short printable one only.
    if (name == "etag")
      self->etag = value.size() <= 200 && std::all_of(value.begin(), value.end(), [](char c) {
                     return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
                   })
                       ? value
                       : std::string();
    else if (name == "retry-after") self->retryAfterHeader = value;
    else if (name == "content-range") self->contentRange = value;
    return n;
  }

  static std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* self = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    return self->toMemory ? self->toBody(data, n) : self->toFile(data, n);
  }

  std::size_t toBody(const char* data, std::size_t n) {
    if (body.size() + n > maxBytes) {
      overflow = true;
      return 0;  // aborts the transfer
    }
    body.append(data, n);
    return n;
  }

  std::size_t toFile(const char* data, std::size_t n) {
    if (!statusSeen) {
      statusSeen = true;
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
      if (status == 200) {
        if (offset > 0) {
          offset = 0;  // the server sent the whole object: start the partial file over
          hash.restart();  // nothing of this response has reached the worker yet
        }
      } else if (status == 206) {
        // Appended to the partial file, bytes from anywhere but its end would make a file
        // that fails its hash (or, short, poisons the next resume): refuse them here.
        const auto range = parseContentRange(contentRange);
        if (!range || range->first != offset || range->last + 1 != job.size || (range->total && *range->total != job.size)) {
          rangeRefused = true;
          return 0;
        }
      } else {
        discarding = true;
      }
    }
    if (discarding) {
      discarded += n;
      return discarded > kMaxDiscardedBody ? 0 : n;
    }
    if (offset + received + n > job.size) {
      overflow = true;
      return 0;
    }
    if (fd < 0) {
      fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0 || ::ftruncate(fd, static_cast<off_t>(offset)) != 0 ||
          ::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
        fileError = std::string("cannot write '") + file.string() + "': " + std::strerror(errno);
        return 0;
      }
      pending = worker->buffer();
    }
    received += n;
    for (std::size_t done = 0; done < n;) {
      const std::size_t step = std::min(n - done, DownloadWorker::kBufferBytes - pendingSize);
      std::memcpy(pending.get() + pendingSize, data + done, step);
      pendingSize += step;
      done += step;
      if (pendingSize == DownloadWorker::kBufferBytes && !flushPending()) return 0;
    }
    return n;
  }

  // Writes the gathered bytes to the file, hands them to the worker to hash, and starts
  // their writeback every kWritebackStep bytes and at the object's end. False on a write
  // error (recorded in fileError).
  bool flushPending() {
    for (std::size_t done = 0; done < pendingSize;) {
      const ssize_t w = ::write(fd, pending.get() + done, std::min(kWriteBytes, pendingSize - done));
      if (w < 0) {
        if (errno == EINTR) continue;
        fileError = std::string("cannot write '") + file.string() + "': " + std::strerror(errno);
        return false;
      }
      done += static_cast<std::size_t>(w);
    }
    written += pendingSize;
    pending = worker->hash(hash, std::move(pending), pendingSize);
    pendingSize = 0;
    const unsigned long long end = offset + written;
    if (end - writebackFrom >= kWritebackStep || end == job.size) {
      worker->startWriteback(fd, static_cast<off_t>(writebackFrom), static_cast<off_t>(end - writebackFrom));
      writebackFrom = end;
    }
    return true;
  }

  // At the end of a transfer, cut or complete: what arrived goes to the file, so a cut
  // download resumes after its last byte.
  void finish() {
    if (!toMemory && fd >= 0 && pendingSize > 0 && fileError.empty() && !overflow) flushPending();
    pending.reset();
  }
};

namespace {

// libcurl's own words for why a transfer ended, and for a deadline which setting to change.
std::string whyEnded(CURLcode code, const char* detail, const SyncConfig& config) {
  std::string why = detail != nullptr && detail[0] != '\0' ? oneLine(detail, 160) : curl_easy_strerror(code);
  if (code == CURLE_OPERATION_TIMEDOUT)
    why += " (limits: " + std::to_string(config.transferTimeoutSeconds) + " s a transfer, at least " +
           std::to_string(config.minBytesPerSecond) + " bytes/s over " + std::to_string(config.stallTimeoutSeconds) +
           " s)";
  return why;
}

}  // namespace

HttpClient::HttpClient(const SyncConfig& config) : config_(config) {
  ensureCurl();
  multi_ = curl_multi_init();
  if (multi_ == nullptr) throw SyncError("libcurl could not start");
}

HttpClient::~HttpClient() { curl_multi_cleanup(multi_); }

void HttpClient::prepare(Transfer& t) {
  t.easy = curl_easy_init();
  if (t.easy == nullptr) throw SyncError("libcurl could not start a transfer");
  curl_easy_setopt(t.easy, CURLOPT_URL, t.url.c_str());
  curl_easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(t.easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(t.easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(t.easy, CURLOPT_USERAGENT, "qtsc-sync/1");
  curl_easy_setopt(t.easy, CURLOPT_ERRORBUFFER, t.errorText);
  curl_easy_setopt(t.easy, CURLOPT_CONNECTTIMEOUT, std::max(config_.connectTimeoutSeconds, 1L));
  // Every transfer ends: a total deadline, and a minimum rate that a server dripping a few
  // bytes a second cannot meet.
  curl_easy_setopt(t.easy, CURLOPT_TIMEOUT, std::max(config_.transferTimeoutSeconds, 1L));
  curl_easy_setopt(t.easy, CURLOPT_LOW_SPEED_LIMIT, std::max(config_.minBytesPerSecond, 1L));
  curl_easy_setopt(t.easy, CURLOPT_LOW_SPEED_TIME, std::max(config_.stallTimeoutSeconds, 1L));
  curl_easy_setopt(t.easy, CURLOPT_HEADERFUNCTION, &Transfer::onHeader);
  curl_easy_setopt(t.easy, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, &Transfer::onBody);
  curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, &t);
  if (t.headers) curl_easy_setopt(t.easy, CURLOPT_HTTPHEADER, t.headers);
}

void HttpClient::count(Transfer& t) {
  long headerBytes = 0, requestBytes = 0;
  curl_off_t bodyBytes = 0, uploadBytes = 0;
  curl_easy_getinfo(t.easy, CURLINFO_HEADER_SIZE, &headerBytes);
  curl_easy_getinfo(t.easy, CURLINFO_REQUEST_SIZE, &requestBytes);
  curl_easy_getinfo(t.easy, CURLINFO_SIZE_DOWNLOAD_T, &bodyBytes);
  curl_easy_getinfo(t.easy, CURLINFO_SIZE_UPLOAD_T, &uploadBytes);
  curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &t.status);
  t.retryAfter = parseRetryAfter(t.retryAfterHeader, wallClock(config_), config_.backoffCap);
  stats_.requests += 1;
  stats_.bytesReceived += static_cast<unsigned long long>(headerBytes) + static_cast<unsigned long long>(bodyBytes);
  stats_.bytesSent += static_cast<unsigned long long>(requestBytes) + static_cast<unsigned long long>(uploadBytes);
}

void HttpClient::runAll(std::vector<std::unique_ptr<Transfer>>& transfers, int parallel) {
  CURLM* multi = multi_;  // CURLM is void in libcurl's header
  std::size_t next = 0;
  int running = 0;
  const std::size_t limit = static_cast<std::size_t>(parallel < 1 ? 1 : parallel);
  std::size_t active = 0;
  auto startMore = [&] {
    while (active < limit && next < transfers.size()) {
      curl_multi_add_handle(multi, transfers[next]->easy);
      ++next;
      ++active;
    }
  };
  startMore();
  while (active > 0) {
    if (curl_multi_perform(multi, &running) != CURLM_OK) throw SyncError("libcurl failed");
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* done = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &done);
      done->code = message->data.result;
      done->finish();
      count(*done);
      curl_multi_remove_handle(multi, message->easy_handle);
      --active;
    }
    startMore();
    if (active > 0) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  }
}

HttpResponse HttpClient::get(const std::string& url, const std::string& etag, unsigned long long maxBytes) {
  std::vector<std::unique_ptr<Transfer>> transfers;
  transfers.push_back(std::make_unique<Transfer>());
  Transfer& t = *transfers.back();
  t.url = url;
  t.maxBytes = maxBytes;
  if (!etag.empty()) t.headers = curl_slist_append(t.headers, ("If-None-Match: " + etag).c_str());
  prepare(t);
  curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
  runAll(transfers, 1);
  if (t.overflow)
    throw VerificationError("'" + url + "' sent more than the " + std::to_string(maxBytes) + " bytes allowed for it");
  if (t.code != CURLE_OK)
    throw DownloadError("cannot fetch '" + url + "': " + whyEnded(t.code, t.errorText, config_), t.status, t.retryAfter);
  return HttpResponse{t.status, std::move(t.body), t.etag, t.retryAfter};
}

long HttpClient::postJson(const std::string& url, const std::string& body, const std::string& bearer) {
  std::vector<std::unique_ptr<Transfer>> transfers;
  transfers.push_back(std::make_unique<Transfer>());
  Transfer& t = *transfers.back();
  t.url = url;
  t.maxBytes = kMaxDiscardedBody;
  t.headers = curl_slist_append(t.headers, "Content-Type: application/json");
  if (!bearer.empty()) t.headers = curl_slist_append(t.headers, ("Authorization: Bearer " + bearer).c_str());
  prepare(t);
  curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(t.easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(t.easy, CURLOPT_POSTFIELDS, body.c_str());
  runAll(transfers, 1);
  return t.code == CURLE_OK ? t.status : 0;
}

HttpResponse HttpClient::request(const std::string& method, const std::string& url, const std::string& body,
                                 const std::string& contentType, const std::string& bearer, const std::string& etag,
                                 unsigned long long maxBytes) {
  std::vector<std::unique_ptr<Transfer>> transfers;
  transfers.push_back(std::make_unique<Transfer>());
  Transfer& t = *transfers.back();
  t.url = url;
  t.maxBytes = maxBytes;
  if (!contentType.empty()) t.headers = curl_slist_append(t.headers, ("Content-Type: " + contentType).c_str());
  if (!bearer.empty()) t.headers = curl_slist_append(t.headers, ("Authorization: Bearer " + bearer).c_str());
  if (!etag.empty()) t.headers = curl_slist_append(t.headers, ("If-None-Match: " + etag).c_str());
  prepare(t);
  curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
  if (method == "POST") {
    curl_easy_setopt(t.easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(t.easy, CURLOPT_POSTFIELDS, body.c_str());
  } else if (method != "GET") {
    curl_easy_setopt(t.easy, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  runAll(transfers, 1);
  if (t.overflow)
    throw VerificationError("'" + url + "' sent more than the " + std::to_string(maxBytes) + " bytes allowed for it");
  if (t.code != CURLE_OK)
    throw DownloadError("cannot reach '" + url + "': " + whyEnded(t.code, t.errorText, config_), t.status, t.retryAfter);
  return HttpResponse{t.status, std::move(t.body), t.etag, t.retryAfter};
}

void HttpClient::download(const std::vector<DownloadJob>& jobs, int parallel) { download(jobs, parallel, true); }

void HttpClient::download(const std::vector<DownloadJob>& jobs, int parallel, bool refetchRefusedRanges) {
  std::vector<std::unique_ptr<Transfer>> transfers;
  // Whatever way this ends, a partial file still under this download's name goes back to
  // the name the next download resumes from.
  struct GiveBack {
    std::vector<std::unique_ptr<Transfer>>& transfers;
    ~GiveBack() {
      for (auto& t : transfers)
        if (!t->settled) {
          std::error_code ignored;
          if (fs::exists(t->file, ignored)) fs::rename(t->file, t->job.partial, ignored);
          t->settled = true;
        }
    }
  } giveBack{transfers};

  for (const auto& job : jobs) {
    fs::path mine = job.partial;
    mine += ".dl-" + randomHexId().substr(0, 12);
    unsigned long long have = 0;
    if (::rename(job.partial.c_str(), mine.c_str()) == 0) {
      std::error_code error;
      have = fs::file_size(mine, error);
      if (error) have = 0;
    } else if (errno != ENOENT) {
      throw StorageError("cannot take '" + job.partial.string() + "' to resume it: " + std::strerror(errno));
    }
    std::error_code ignored;
    if (have >= job.size && have > 0) {
      // Complete but not yet moved into place (a sync was stopped right there).
      if (have == job.size && sha256FileHex(mine) == job.hash) {
        fsyncPath(mine);  // its bytes may still sit in the page cache only
        renameDurably(mine, job.target);
        continue;
      }
      fs::remove(mine, ignored);
      have = 0;
    }
    if (job.size == 0) {
      fs::remove(mine, ignored);
      if (sha256Hex("") != job.hash) throw VerificationError("object " + job.hash + " cannot be empty");
      writeFileDurably(job.target, "");
      continue;
    }
    auto t = std::make_unique<Transfer>();
    t->toMemory = false;
    t->url = job.url;
    t->job = job;
    t->file = mine;
    t->offset = have;
    transfers.push_back(std::move(t));
    Transfer& added = *transfers.back();
    if (have > 0) hashPrefix(added.file, have, added.hash);
    prepare(added);
    curl_easy_setopt(added.easy, CURLOPT_PRIVATE, &added);
    curl_easy_setopt(added.easy, CURLOPT_BUFFERSIZE, kDownloadBufferBytes);
    const std::string range = std::to_string(have) + "-";
    if (have > 0) curl_easy_setopt(added.easy, CURLOPT_RANGE, range.c_str());  // copied by libcurl
  }
  if (transfers.empty()) return;
  {
    DownloadWorker worker;  // in a scope of its own: stops before the transfers' hashes and files go
    for (auto& t : transfers) t->worker = &worker;
    runAll(transfers, parallel);
    worker.wait();
  }

  std::exception_ptr first;
  auto remember = [&first](std::exception_ptr e) {
    if (!first) first = std::move(e);
  };
  auto discard = [](Transfer& t) {
    std::error_code ignored;
    fs::remove(t.file, ignored);
    t.settled = true;
  };
  std::vector<Transfer*> verified;
  std::vector<DownloadJob> refetch;
  for (auto& t : transfers) {
    const std::string what = "object " + t->job.hash.substr(0, 12);
    if (t->overflow) {
      discard(*t);
      remember(std::make_exception_ptr(VerificationError(
          what + " is larger than the " + std::to_string(t->job.size) + " bytes the manifest states; refused")));
      continue;
    }
    if (t->rangeRefused) {
      discard(*t);
      const std::string problem = "the server answered a request for " + what + " from byte " +
                                  std::to_string(t->offset) + " with Content-Range " + shortQuote(t->contentRange, 80);
      if (refetchRefusedRanges) {
        spdlog::warn("{}; the partial download was discarded and the object is fetched from its start", problem);
        refetch.push_back(t->job);
      } else {
        remember(std::make_exception_ptr(
            VerificationError(problem + ": refused and discarded (a misconfigured server or cache)")));
      }
      continue;
    }
    if (!t->fileError.empty()) {
      remember(std::make_exception_ptr(StorageError(t->fileError)));
      continue;
    }
    if (t->status != 200 && t->status != 206 && t->status != 0) {
      if (t->status == 416) discard(*t);
      remember(std::make_exception_ptr(DownloadError(
          "the server answered " + std::to_string(t->status) + " for " + what, t->status, t->retryAfter)));
      continue;
    }
    if (t->code != CURLE_OK) {
      remember(std::make_exception_ptr(
          DownloadError("download of " + what + " interrupted: " + whyEnded(t->code, t->errorText, config_) +
                        " (it resumes on the next sync)", t->status, t->retryAfter)));
      continue;
    }
    std::error_code error;
    const unsigned long long have = fs::exists(t->file, error) ? fs::file_size(t->file, error) : 0;
    if (have != t->job.size) {
      remember(std::make_exception_ptr(DownloadError(what + " arrived incomplete (" + std::to_string(have) + " of " +
                                                     std::to_string(t->job.size) + " bytes)")));
      continue;
    }
    if (t->hash.finishHex() != t->job.hash) {
      discard(*t);
      remember(std::make_exception_ptr(
          VerificationError(what + " does not match its hash: tampered or corrupted; it was discarded")));
      continue;
    }
    // On disk before it takes its name. Each object's own fsync waits for its own bytes
    // only (a syncfs would also wait for every other writer on the disk); the kernel began
    // writing them back while the other transfers ran.
    if (t->fd < 0) t->fd = ::open(t->file.c_str(), O_RDONLY | O_CLOEXEC);
    if (t->fd < 0 || ::fsync(t->fd) != 0) {
      remember(std::make_exception_ptr(
          StorageError("cannot flush '" + t->file.string() + "' to disk: " + std::strerror(errno))));
      continue;
    }
    verified.push_back(t.get());
  }
  for (auto& t : transfers)
    if (t->fd >= 0) {
      ::close(t->fd);
      t->fd = -1;
    }
  // The verified objects take their names, then the folder is synced once. Killed before
  // the renames, the complete partial files are checked and moved into place next time.
  if (!verified.empty()) {
    for (Transfer* t : verified) {
      if (::rename(t->file.c_str(), t->job.target.c_str()) != 0)
        remember(std::make_exception_ptr(StorageError("cannot move object " + t->job.hash + " into place")));
      else
        t->settled = true;
    }
    fsyncPath(verified.front()->job.target.parent_path());
  }
  if (!refetch.empty()) {
    try {
      download(refetch, parallel, false);
    } catch (...) {
      remember(std::current_exception());
    }
  }
  if (first) std::rethrow_exception(first);
}

}  // namespace qtsc::sync
