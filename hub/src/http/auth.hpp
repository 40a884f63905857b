// Who is asking: the session cookie, bearer tokens, the CSRF header, the client's address
// behind a trusted proxy, and the bound on password checks running at once.
#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <semaphore>
#include <string>
#include <vector>

namespace qtsc::hub {

inline constexpr const char* kSessionCookie = "qtsc_hub_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// The value of cookie `name`; empty without one.
std::string cookieValue(const httplib::Request& req, const std::string& name);

// The TLS proxy says the browser reached it over HTTPS. Taken from any peer: a client that
// forges it only marks its own cookie Secure.
bool viaHttps(const httplib::Request& req);

// Equal and not empty, compared in constant time.
bool sameSecret(const std::string& a, const std::string& b);

// The token of an "Authorization: Bearer TOKEN" header; empty without one.
std::string bearerToken(const httplib::Request& req);

// The client's address: the TCP peer, or what a trusted proxy's X-Forwarded-For names.
std::string clientAddress(const httplib::Request& req, const std::vector<std::string>& trustedProxies);

// Each Argon2id check takes its memory cost (64 MiB by default): at most `concurrent` run at
// once, and a burst beyond them waits up to `queueWait`, then is refused (UnavailableError).
class PasswordChecks {
 public:
  PasswordChecks(int concurrent, std::chrono::milliseconds queueWait);
  // Runs `check` in a free slot; throws UnavailableError when none frees up in time.
  bool run(const std::function<bool()>& check);

 private:
  std::counting_semaphore<256> slots_;
  std::chrono::milliseconds queueWait_;
};

}  // namespace qtsc::hub
