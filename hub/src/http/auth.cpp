#include "auth.hpp"

#include <sodium.h>

#include <algorithm>

#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

std::string cookieValue(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    const auto end = header.find(';', pos);
    const std::string pair = header.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    const auto eq = pair.find('=');
    if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return {};
}

bool viaHttps(const httplib::Request& req) {
  std::string proto = req.get_header_value("X-Forwarded-Proto");
  std::transform(proto.begin(), proto.end(), proto.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return proto == "https";
}

bool sameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string bearerToken(const httplib::Request& req) {
  const std::string authorization = req.get_header_value("Authorization");
  return authorization.rfind("Bearer ", 0) == 0 ? authorization.substr(7) : std::string();
}

// Behind a proxy every client is the proxy: its X-Forwarded-For names the client, but only a
// configured proxy is believed (anyone else could send the header to pick an address).
// The header grows leftwards as proxies append; the nearest address not itself a trusted
// proxy is the client.
std::string clientAddress(const httplib::Request& req, const std::vector<std::string>& trusted) {
  auto isTrusted = [&](const std::string& address) {
    return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
  };
  if (trusted.empty() || !isTrusted(req.remote_addr)) return req.remote_addr;
  const std::string header = req.get_header_value("X-Forwarded-For");
  std::string client = req.remote_addr;
  std::size_t end = header.size();
  while (end > 0) {
    const auto comma = header.rfind(',', end - 1);
    const std::size_t begin = comma == std::string::npos ? 0 : comma + 1;
    std::string part = header.substr(begin, end - begin);
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    const bool plausible = !part.empty() && part.size() <= 64 &&
                           part.find_first_not_of("0123456789abcdefABCDEF.:[]") == std::string::npos;
    if (!plausible) break;  // a malformed entry: trust nothing further left
    client = part;
    if (!isTrusted(part)) break;
    if (comma == std::string::npos) break;
    end = comma;
  }
  return client;
}

PasswordChecks::PasswordChecks(int concurrent, std::chrono::milliseconds queueWait)
    : slots_(std::clamp(concurrent, 1, 256)), queueWait_(queueWait) {}

bool PasswordChecks::run(const std::function<bool()>& check) {
  if (!slots_.try_acquire_for(queueWait_))
    throw UnavailableError("the server is busy checking other sign-ins; try again in a few seconds", "sign_in_busy");
  struct Release {
    std::counting_semaphore<256>& slots;
    ~Release() { slots.release(); }
  } release{slots_};
  return check();
}

}  // namespace qtsc::hub
