// A hub for tests: its own data folder, a free port on 127.0.0.1, cheap password hashing,
// short login waits, and accounts of each role. Stopped and removed at scope exit.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <thread>

#include "qtsc/hub/server.hpp"
#include "test_support.hpp"

namespace qtsc::testing {

inline constexpr const char* kTestPassword = "a-long-enough-password";

struct Reply {
  int status = 0;
  nlohmann::json body;
  std::string text;
  httplib::Headers headers;
};

// Checks (with Catch2) that an error answer is one the admin page can say in each of its
// languages: every message has a code in every catalogue of hub/web/lang, with each value
// the texts name. Every Reply made by raw() and Staff is checked.
void checkSayable(const Reply& reply);

class TestHub {
 public:
  explicit TestHub(hub::HubSettings extra = {});
  ~TestHub();
  TestHub(const TestHub&) = delete;
  TestHub& operator=(const TestHub&) = delete;

  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
  hub::Hub& hub() { return *hub_; }

  TempDir dir;
  int port = 0;

 private:
  std::unique_ptr<hub::Hub> hub_;
  std::thread thread_;
};

// A browser-like staff client: keeps the session cookie and sends the CSRF header.
class Staff {
 public:
  Staff(const TestHub& hub, const std::string& name, const std::string& password = kTestPassword);
  // Signed in to a hub at `url` (a kiosk-hub program the test started).
  Staff(const std::string& url, const std::string& name, const std::string& password);
  Reply get(const std::string& path);
  Reply send(const std::string& method, const std::string& path, const std::string& body,
             const std::string& type = "application/json", bool withCsrf = true);
  Reply json(const std::string& method, const std::string& path, const nlohmann::json& body) {
    return send(method, path, body.dump());
  }
  int loginStatus = 0;
  std::string cookie;
  std::string csrf;

 private:
  std::string url_;
};

// A request with no cookie and no token, or with only the headers given.
Reply raw(const std::string& url, const std::string& method, const std::string& path, const std::string& body,
          const httplib::Headers& headers, const std::string& type = "application/json");

}  // namespace qtsc::testing
