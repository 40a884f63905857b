// The hub's HTTP server: cpp-httplib's Server with the limits Debian's build (0.11) lacks.
//
// cpp-httplib 0.11 caps neither the number of headers nor a chunked or length-less body,
// decompresses gzip/deflate/br bodies without a cap, lets a client trickle a request for as
// long as each read arrives within the read timeout, and keeps idle keep-alive connections on
// worker threads while new clients wait. So each connection is served here over a socket
// stream that counts and times what it delivers (header bytes, body bytes, deadlines, a
// minimum send rate), idle connections are closed as soon as another client waits for a
// thread, and a pre-routing check refuses what must never reach a route. The error and
// exception handlers answer JSON built from fixed text only: nothing from the request and no
// exception text, so no request, however malformed, can make them throw.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

struct HttpLimits {
  std::size_t maxHeaderBytes = 64 * 1024;    // bytes of request line plus headers
  int maxHeaders = 100;                      // header lines
  std::size_t maxBodyBytes = 8 * 1024 * 1024;  // bytes of body, however framed
  std::chrono::seconds headerTimeout{10};    // seconds to receive request line and headers
  std::chrono::seconds bodyTimeout{120};     // seconds to receive a body
  std::chrono::seconds readTimeout{5};       // seconds one read may wait
  std::chrono::seconds writeTimeout{5};      // seconds one send may wait
  std::size_t minSendRate = 4 * 1024;        // bytes/s on average, once an answer has taken writeTimeout
  std::chrono::seconds keepAliveTimeout{5};  // seconds an idle connection is kept
  int keepAliveMaxRequests = 100;            // requests on one connection
  int threads = 32;                          // worker threads
};

class HardenedServer final : public httplib::Server {
 public:
  explicit HardenedServer(const HttpLimits& limits);

  // How many accepted connections wait for a worker thread right now.
  [[nodiscard]] int waitingConnections() const { return waiting_.load(); }

 private:
  bool process_and_close_socket(socket_t sock) override;

  HttpLimits limits_;
  std::atomic<int> waiting_{0};
};

// The JSON error body the hub answers with: {"error": message, "code": code, "params": {...}},
// message and values made safe; the admin page says "server.<code>" in its language.
void sendJsonError(httplib::Response& res, int status, const std::string& message, const std::string& code,
                   const MessageParams& params = {});

}  // namespace qtsc::hub
