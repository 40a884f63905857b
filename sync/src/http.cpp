#include "http.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <array>
#include <exception>
#include <fstream>

#include "download_worker.hpp"
#include "files.hpp"
#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/errors.hpp"

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

}  // namespace

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
  std::string etag;
  CURLcode code = CURLE_OK;
  long status = 0;
  std::optional<std::chrono::seconds> retryAfter;

  ~Transfer() {
    if (fd >= 0) ::close(fd);
    if (easy) curl_easy_cleanup(easy);
    if (headers) curl_slist_free_all(headers);
  }

  static std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* self = static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    const std::string line(data, n);
    const auto colon = line.find(':');
    if (colon != std::string::npos && lower(line.substr(0, colon)) == "etag") {
      std::string value = line.substr(colon + 1);
      const auto first = value.find_first_not_of(" \t");
      const auto last = value.find_last_not_of(" \t\r\n");
      self->etag = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    }
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
      } else if (status != 206) {
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
      fd = ::open(job.partial.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0 || ::ftruncate(fd, static_cast<off_t>(offset)) != 0 ||
          ::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
        fileError = std::string("cannot write '") + job.partial.string() + "': " + std::strerror(errno);
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
        fileError = std::string("cannot write '") + job.partial.string() + "': " + std::strerror(errno);
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
  curl_easy_setopt(t.easy, CURLOPT_CONNECTTIMEOUT, config_.connectTimeoutSeconds);
  curl_easy_setopt(t.easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(t.easy, CURLOPT_LOW_SPEED_TIME, config_.stallTimeoutSeconds);
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
  curl_off_t retryAfter = 0;
  if (curl_easy_getinfo(t.easy, CURLINFO_RETRY_AFTER, &retryAfter) == CURLE_OK && retryAfter > 0)
    t.retryAfter = std::chrono::seconds(retryAfter);
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
    throw DownloadError("cannot fetch '" + url + "': " + curl_easy_strerror(t.code), t.status, t.retryAfter);
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

void HttpClient::download(const std::vector<DownloadJob>& jobs, int parallel) {
  std::vector<std::unique_ptr<Transfer>> transfers;
  for (const auto& job : jobs) {
    std::error_code error;
    unsigned long long have = fs::exists(job.partial, error) ? fs::file_size(job.partial, error) : 0;
    if (error) have = 0;
    if (have >= job.size && have > 0) {
      // Complete but not yet moved into place (a sync was stopped right there).
      if (have == job.size && sha256FileHex(job.partial) == job.hash) {
        fsyncPath(job.partial);  // its bytes may still sit in the page cache only
        renameDurably(job.partial, job.target);
        continue;
      }
      fs::remove(job.partial, error);
      have = 0;
    }
    if (job.size == 0) {
      if (sha256Hex("") != job.hash) throw VerificationError("object " + job.hash + " cannot be empty");
      writeFileDurably(job.target, "");
      continue;
    }
    auto t = std::make_unique<Transfer>();
    t->toMemory = false;
    t->url = job.url;
    t->job = job;
    t->offset = have;
    if (have > 0) hashPrefix(t->job.partial, have, t->hash);
    prepare(*t);
    curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t.get());
    curl_easy_setopt(t->easy, CURLOPT_BUFFERSIZE, kDownloadBufferBytes);
    const std::string range = std::to_string(have) + "-";
    if (have > 0) curl_easy_setopt(t->easy, CURLOPT_RANGE, range.c_str());  // copied by libcurl
    transfers.push_back(std::move(t));
  }
  if (transfers.empty()) return;
  DownloadWorker worker;  // declared after `transfers`: stops before their hashes and files go
  for (auto& t : transfers) t->worker = &worker;
  runAll(transfers, parallel);
  worker.wait();

  std::exception_ptr first;
  auto remember = [&first](std::exception_ptr e) {
    if (!first) first = std::move(e);
  };
  std::vector<const DownloadJob*> verified;
  for (auto& t : transfers) {
    std::error_code ignored;
    const std::string what = "object " + t->job.hash.substr(0, 12);
    if (t->overflow) {
      fs::remove(t->job.partial, ignored);
      remember(std::make_exception_ptr(VerificationError(
          what + " is larger than the " + std::to_string(t->job.size) + " bytes the manifest states; refused")));
      continue;
    }
    if (!t->fileError.empty()) {
      remember(std::make_exception_ptr(StorageError(t->fileError)));
      continue;
    }
    if (t->status != 200 && t->status != 206 && t->status != 0) {
      if (t->status == 416) fs::remove(t->job.partial, ignored);
      remember(std::make_exception_ptr(DownloadError(
          "the server answered " + std::to_string(t->status) + " for " + what, t->status, t->retryAfter)));
      continue;
    }
    if (t->code != CURLE_OK) {
      remember(std::make_exception_ptr(
          DownloadError("download of " + what + " interrupted: " + curl_easy_strerror(t->code) +
                        " (it resumes on the next sync)", t->status, t->retryAfter)));
      continue;
    }
    const unsigned long long have = fs::exists(t->job.partial) ? fs::file_size(t->job.partial) : 0;
    if (have != t->job.size) {
      remember(std::make_exception_ptr(DownloadError(what + " arrived incomplete (" + std::to_string(have) + " of " +
                                                     std::to_string(t->job.size) + " bytes)")));
      continue;
    }
    if (t->hash.finishHex() != t->job.hash) {
      fs::remove(t->job.partial, ignored);
      remember(std::make_exception_ptr(
          VerificationError(what + " does not match its hash: tampered or corrupted; it was discarded")));
      continue;
    }
    // On disk before it takes its name. Each object's own fsync waits for its own bytes
    // only (a syncfs would also wait for every other writer on the disk); the kernel began
    // writing them back while the other transfers ran.
    if (t->fd < 0) t->fd = ::open(t->job.partial.c_str(), O_RDONLY | O_CLOEXEC);
    if (t->fd < 0 || ::fsync(t->fd) != 0) {
      remember(std::make_exception_ptr(
          StorageError("cannot flush '" + t->job.partial.string() + "' to disk: " + std::strerror(errno))));
      continue;
    }
    verified.push_back(&t->job);
  }
  for (auto& t : transfers)
    if (t->fd >= 0) {
      ::close(t->fd);
      t->fd = -1;
    }
  // The verified objects take their names, then the folder is synced once. Killed before
  // the renames, the complete partial files are checked and moved into place next time.
  if (!verified.empty()) {
    for (const DownloadJob* job : verified)
      if (::rename(job->partial.c_str(), job->target.c_str()) != 0)
        remember(std::make_exception_ptr(StorageError("cannot move object " + job->hash + " into place")));
    fsyncPath(verified.front()->target.parent_path());
  }
  if (first) std::rethrow_exception(first);
}

}  // namespace qtsc::sync
