// [SECTION] the limited socket stream
// [SECTION] the worker pool that counts who waits
// [SECTION] checks before routing, error and exception answers
// [SECTION] HardenedServer
#include "http_server.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <limits>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <functional>
#include <optional>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/safe_text.hpp"

namespace qtsc::hub {

namespace {

using Clock = std::chrono::steady_clock;

// Bytes a chunked body may spend on its framing (chunk sizes, extensions, trailers) on top of
// maxBodyBytes: the budget counts what arrives on the wire, so memory stays bounded however
// the body is cut into chunks.
constexpr std::size_t kFramingSlack = 64 * 1024;

int millisecondsUntil(Clock::time_point deadline, std::chrono::milliseconds cap) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  // poll() takes an int of milliseconds.
  return static_cast<int>(std::clamp<long long>(std::min(left, cap).count(), 0, std::numeric_limits<int>::max()));
}

// ---------------------------------------------------------------------------------------
// [SECTION] the limited socket stream
// ---------------------------------------------------------------------------------------

// Why a stream refused to go on; the error handler turns it into the status.
enum class Tripped { None, HeaderBytes, HeaderTime, BodyBytes, BodyTime, ReadTimeout, SendStalled };

class LimitedStream final : public httplib::Stream {
 public:
  LimitedStream(int fd, const HttpLimits& limits) : fd_(fd), limits_(limits) {}

  // Waits for the first byte of the next request: true when there is one. A connection
  // waiting for its next request gives way (false) as soon as `waiting` has someone.
  bool awaitRequest(Clock::duration patience, const std::atomic<int>* waiting, const httplib::Server& server) {
    if (pos_ < end_) return true;
    const auto until = Clock::now() + patience;
    while (server.is_running()) {
      if (waiting && waiting->load() > 0) return false;
      const int ms = millisecondsUntil(until, std::chrono::milliseconds(waiting ? 50 : 250));
      pollfd p{fd_, POLLIN, 0};
      const int ready = ::poll(&p, 1, ms);
      if (ready > 0) return (p.revents & (POLLIN | POLLHUP)) != 0;
      if (ready < 0 && errno != EINTR) return false;
      if (Clock::now() >= until) return false;
    }
    return false;
  }

  void beginRequest() {
    inBody_ = false;
    budget_ = limits_.maxHeaderBytes;
    delivered_ = 0;
    deadline_ = Clock::now() + limits_.headerTimeout;
    sendStart_.reset();
    sent_ = 0;
    tripped_ = Tripped::None;
    closeAfter_ = false;
    emptyBody_ = false;
  }

  // The request line and headers are in: from here on the body's budget and deadline count.
  void beginBody() {
    inBody_ = true;
    budget_ = limits_.maxBodyBytes + kFramingSlack;
    delivered_ = 0;
    deadline_ = Clock::now() + limits_.bodyTimeout;
  }

  // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 6.3);
  // cpp-httplib 0.11 would read a POST's body until the connection closes.
  void bodyIsEmpty() { emptyBody_ = true; }

  [[nodiscard]] Tripped tripped() const { return tripped_; }
  void closeAfterThisRequest() { closeAfter_ = true; }
  [[nodiscard]] bool mustClose() const { return closeAfter_ || tripped_ != Tripped::None; }

  bool is_readable() const override {
    if (pos_ < end_) return true;
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, millisecondsUntil(deadline_, limits_.readTimeout)) > 0;
  }

  bool is_writable() const override {
    pollfd p{fd_, POLLOUT, 0};
    return ::poll(&p, 1, static_cast<int>(std::chrono::milliseconds(limits_.writeTimeout).count())) > 0;
  }

  ssize_t read(char* ptr, size_t size) override {
    if (tripped_ != Tripped::None) return -1;
    if (emptyBody_ && inBody_) return 0;
    if (delivered_ >= budget_) return trip(inBody_ ? Tripped::BodyBytes : Tripped::HeaderBytes);
    size = std::min(size, budget_ - delivered_);
    if (pos_ == end_) {
      for (;;) {
        if (Clock::now() >= deadline_) return trip(inBody_ ? Tripped::BodyTime : Tripped::HeaderTime);
        pollfd p{fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, millisecondsUntil(deadline_, limits_.readTimeout));
        if (ready > 0) break;
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return -1;
        if (Clock::now() < deadline_) return trip(Tripped::ReadTimeout);
      }
      const ssize_t n = ::recv(fd_, buffer_, sizeof buffer_, 0);
      if (n <= 0) return n;
      pos_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    const std::size_t count = std::min(size, end_ - pos_);
    std::memcpy(ptr, buffer_ + pos_, count);
    pos_ += count;
    delivered_ += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (tripped_ == Tripped::SendStalled) return -1;
    const auto now = Clock::now();
    if (!sendStart_) sendStart_ = now;
    const auto elapsed = now - *sendStart_;
    if (elapsed > limits_.writeTimeout) {
      const double seconds = std::chrono::duration<double>(elapsed).count();
      if (static_cast<double>(sent_) / seconds < static_cast<double>(limits_.minSendRate))
        return trip(Tripped::SendStalled);
    }
    pollfd p{fd_, POLLOUT, 0};
    int ready = 0;
    do ready = ::poll(&p, 1, static_cast<int>(std::chrono::milliseconds(limits_.writeTimeout).count()));
    while (ready < 0 && errno == EINTR);
    if (ready <= 0) return trip(Tripped::SendStalled);
    const ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL);  // a client gone mid-answer is no signal
    if (n > 0) sent_ += static_cast<std::size_t>(n);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address(true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address(false, ip, port); }
  socket_t socket() const override { return fd_; }

 private:
  ssize_t trip(Tripped why) {
    tripped_ = why;
    return -1;
  }

  void address(bool peer, std::string& ip, int& port) const {
    sockaddr_storage addr{};
    socklen_t length = sizeof addr;
    auto* generic = reinterpret_cast<sockaddr*>(&addr);
    if ((peer ? ::getpeername(fd_, generic, &length) : ::getsockname(fd_, generic, &length)) != 0) return;
    char host[NI_MAXHOST];
    char service[NI_MAXSERV];
    if (::getnameinfo(generic, length, host, sizeof host, service, sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) != 0)
      return;
    ip = host;
    port = std::atoi(service);
  }

  int fd_;
  const HttpLimits& limits_;
  char buffer_[16 * 1024];
  std::size_t pos_ = 0, end_ = 0;
  bool inBody_ = false;
  std::size_t budget_ = 0, delivered_ = 0;
  Clock::time_point deadline_{};
  std::optional<Clock::time_point> sendStart_;
  std::size_t sent_ = 0;
  Tripped tripped_ = Tripped::None;
  bool closeAfter_ = false;
  bool emptyBody_ = false;
};

// The connection this worker thread serves: the pre-routing check and the error handler
// (called by cpp-httplib on the same thread, without the stream) read its state.
thread_local LimitedStream* tConnection = nullptr;

// ---------------------------------------------------------------------------------------
// [SECTION] the worker pool that counts who waits
// ---------------------------------------------------------------------------------------

class CountingPool final : public httplib::ThreadPool {
 public:
  CountingPool(std::size_t threads, std::atomic<int>& waiting) : httplib::ThreadPool(threads), waiting_(waiting) {}
  void enqueue(std::function<void()> job) override {
    waiting_.fetch_add(1);
    httplib::ThreadPool::enqueue([this, job = std::move(job)] {
      waiting_.fetch_sub(1);
      job();
    });
  }

 private:
  std::atomic<int>& waiting_;
};

// ---------------------------------------------------------------------------------------
// [SECTION] checks before routing, error and exception answers
// ---------------------------------------------------------------------------------------

std::string lowerTrimmed(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

// Headers cpp-httplib adds itself after parsing; they are not the client's.
bool addedByServer(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT";
}

httplib::Server::HandlerResponse refuse(httplib::Response& res, int status, const std::string& message,
                                        const std::string& code, const MessageParams& params = {}) {
  if (tConnection) tConnection->closeAfterThisRequest();  // the body, if any, stays unread
  sendJsonError(res, status, message, code, params);
  return httplib::Server::HandlerResponse::Handled;
}

httplib::Server::HandlerResponse checkBeforeRouting(const HttpLimits& limits, const httplib::Request& req,
                                                    httplib::Response& res) {
  std::size_t headers = 0;
  for (const auto& [name, value] : req.headers)
    if (!addedByServer(name)) ++headers;
  if (headers > static_cast<std::size_t>(limits.maxHeaders))
    return refuse(res, 431, "a request has at most " + std::to_string(limits.maxHeaders) + " header lines", "header_lines",
                  {{"max", std::to_string(limits.maxHeaders)}});

  // cpp-httplib would inflate gzip, deflate and br bodies with no cap: none is accepted.
  for (auto [it, end] = req.headers.equal_range("Content-Encoding"); it != end; ++it)
    if (const std::string coding = lowerTrimmed(it->second); !coding.empty() && coding != "identity")
      return refuse(res, 415, "request bodies are accepted uncompressed only; send it without Content-Encoding",
                    "content_encoding");

  const bool hasLength = req.has_header("Content-Length");
  if (req.has_header("Transfer-Encoding")) {
    if (req.get_header_value_count("Transfer-Encoding") != 1 || lowerTrimmed(req.get_header_value("Transfer-Encoding")) != "chunked")
      return refuse(res, 501, "the only Transfer-Encoding accepted is chunked", "transfer_encoding");
    if (hasLength) return refuse(res, 400, "send either Content-Length or Transfer-Encoding, not both", "length_and_chunked");
  }
  if (!hasLength && !req.has_header("Transfer-Encoding") && tConnection) tConnection->bodyIsEmpty();
  if (hasLength) {
    const std::string length = req.get_header_value("Content-Length");
    if (req.get_header_value_count("Content-Length") != 1 || length.empty() || length.size() > 18 ||
        length.find_first_not_of("0123456789") != std::string::npos)
      return refuse(res, 400, "Content-Length is not a byte count", "content_length");
    if (std::stoull(length) > limits.maxBodyBytes)
      return refuse(res, 413, "a request body is at most " + std::to_string(limits.maxBodyBytes) + " bytes", "body_too_large",
                    {{"max", std::to_string(limits.maxBodyBytes)}});
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

// One range is served as asked; several are answered with the whole file (a client may not
// make one small request fan out into megabytes of overlapping parts).
void limitRanges(httplib::Request& req) {
  if (req.ranges.size() <= 1) return;
  req.ranges.clear();
  req.headers.erase("Range");  // the file handler answers 206 on the header alone
}

std::string defaultMessage(int status) {
  switch (status) {
    case 400: return "the request is malformed";
    case 404: return "no such page or API route";
    case 405: return "this method is not allowed here";
    case 408: return "the request took too long to arrive";
    case 413: return "the request body is too large";
    case 414: return "the request address is too long";
    case 416: return "the range cannot be served";
    case 431: return "the request headers are too large";
    default: return status >= 500 ? "internal error; the server log has the details" : "the request cannot be served";
  }
}

// The code of defaultMessage(status) in the admin page's catalogues.
std::string defaultCode(int status) {
  switch (status) {
    case 400: case 404: case 405: case 408: case 413: case 414: case 416: case 431: return "http_" + std::to_string(status);
    default: return status >= 500 ? "internal" : "http_refused";
  }
}

// After refusing a request whose body is still arriving: closing at once would reset the
// connection and the client might lose the answer, so the sending side is closed first and
// a bounded amount of what the client still sends is read and dropped.
void lingerAndDrain(int sock) {
  constexpr std::size_t kMaxDrainBytes = 1024 * 1024;
  constexpr auto kMaxDrainTime = std::chrono::seconds(2);
  ::shutdown(sock, SHUT_WR);
  const auto until = Clock::now() + kMaxDrainTime;
  char sink[16 * 1024];
  for (std::size_t drained = 0; drained < kMaxDrainBytes;) {
    pollfd p{sock, POLLIN, 0};
    if (::poll(&p, 1, millisecondsUntil(until, std::chrono::milliseconds(500))) <= 0) break;
    const ssize_t n = ::recv(sock, sink, sizeof sink, 0);
    if (n <= 0) break;
    drained += static_cast<std::size_t>(n);
  }
}

}  // namespace

void sendJsonError(httplib::Response& res, int status, const std::string& message, const std::string& code,
                   const MessageParams& params) {
  nlohmann::json values = nlohmann::json::object();
  for (const auto& [name, value] : params) values[name] = safeText(value, 200);
  res.status = status;
  res.set_content(dumpJson(nlohmann::json{{"error", safeText(message, 400)}, {"code", code}, {"params", values}}),
                  "application/json");
}

// ---------------------------------------------------------------------------------------
// [SECTION] HardenedServer
// ---------------------------------------------------------------------------------------

HardenedServer::HardenedServer(const HttpLimits& limits) : limits_(limits) {
  new_task_queue = [this] {
    return new CountingPool(static_cast<std::size_t>(std::max(2, limits_.threads)), waiting_);
  };
  set_payload_max_length(limits_.maxBodyBytes);
  set_read_timeout(limits_.readTimeout);
  set_write_timeout(limits_.writeTimeout);
  set_keep_alive_timeout(limits_.keepAliveTimeout.count());
  set_keep_alive_max_count(static_cast<std::size_t>(std::max(1, limits_.keepAliveMaxRequests)));
  set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { return checkBeforeRouting(limits_, req, res); });

  // Runs outside cpp-httplib's guard: it must not throw, and uses no request data.
  set_error_handler(HandlerWithResponse([this](const httplib::Request&, httplib::Response& res) {
    const bool handlerAnswered = !res.body.empty();
    try {
      if (tConnection) switch (tConnection->tripped()) {
          case Tripped::HeaderBytes:
            res.status = 431;
            res.body = "the request line and headers are at most " + std::to_string(limits_.maxHeaderBytes) + " bytes";
            break;
          case Tripped::BodyBytes:
            res.status = 413;
            res.body = "a request body is at most " + std::to_string(limits_.maxBodyBytes) + " bytes";
            break;
          case Tripped::HeaderTime:
          case Tripped::BodyTime:
          case Tripped::ReadTimeout:
            res.status = 408;
            res.body = defaultMessage(408);
            break;
          case Tripped::SendStalled:
          case Tripped::None:
            break;
        }
      if (res.body.empty()) res.body = defaultMessage(res.status);
      const auto type = res.get_header_value("Content-Type");
      if (type.rfind("application/json", 0) != 0) sendJsonError(res, res.status, res.body, defaultCode(res.status));
      // cpp-httplib 0.11 sends the error answer of a request no handler took (no route, a
      // bad request line, a body that could not be read) without Content-Length, so on a
      // kept-alive connection the client could not tell where it ends. A handler's answer
      // always has its body already, and gets its Content-Length from cpp-httplib.
      if (!handlerAnswered && !res.has_header("Content-Length"))
        res.set_header("Content-Length", std::to_string(res.body.size()));
    } catch (...) {
      res.body = R"({"error":"internal error"})";
    }
    return HandlerResponse::Unhandled;  // no Range applied to an error answer
  }));

  // A route that throws past its own guard: a plain 500, the details in the log only.
  set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
    std::string what = "an exception that is not a std::exception";
    try {
      if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    try {
      spdlog::error("internal error on {} {}: {}", logQuote(req.method, 16), logQuote(req.path), logQuote(what, 300));
      res.headers.clear();
      sendJsonError(res, 500, defaultMessage(500), defaultCode(500));
    } catch (...) {
      res.status = 500;
      res.body = R"({"error":"internal error"})";
    }
  });
}

bool HardenedServer::process_and_close_socket(socket_t sock) {
  LimitedStream stream(sock, limits_);
  tConnection = &stream;
  bool ok = true;
  int left = std::max(1, limits_.keepAliveMaxRequests);
  for (bool first = true; is_running() && left > 0; first = false, --left) {
    // A new connection gets its header time to start; an idle one only while no one waits.
    if (!stream.awaitRequest(first ? limits_.headerTimeout : limits_.keepAliveTimeout, first ? nullptr : &waiting_, *this))
      break;
    stream.beginRequest();
    const bool last = left == 1 || waiting_.load() > 0;
    bool closed = false;
    ok = process_request(stream, last, closed, [&stream](httplib::Request& req) {
      stream.beginBody();
      limitRanges(req);
    });
    if (!ok || closed || last || stream.mustClose()) break;
  }
  tConnection = nullptr;
  if (stream.mustClose()) lingerAndDrain(sock);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace qtsc::hub
