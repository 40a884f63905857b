// Requests as the route handlers see them, typed errors turned into answers, and the router
// that checks access (session or token, CSRF, role) before a handler runs.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/hub_db.hpp"
#include "qtsc/hub/server.hpp"

namespace qtsc::hub {

inline constexpr const char* kParam = "([^/]+)";  // one path parameter in a route pattern

// A request as the route handlers see it.
struct Ctx {
  const httplib::Request& req;
  httplib::Response& res;
  std::optional<Session> who;  // set on routes that need a role

  [[nodiscard]] std::string param(std::size_t i) const { return req.matches[i].str(); }
  [[nodiscard]] const std::string& user() const { return who->user; }

  // The body as a JSON object; a malformed one is refused at the field "body".
  [[nodiscard]] nlohmann::json body() const;

  void send(const nlohmann::json& value, int status = 200);
};

// {"error": message, "code": code, "params": {...}} with `status` (sendJsonError).
void sendError(httplib::Response& res, int status, const std::string& message, const std::string& code,
               const MessageParams& params = {});

// Runs `handler`, turning each typed error into the status and message it stands for.
void guarded(httplib::Response& res, const std::function<void()>& handler);

class Router {
 public:
  using Handler = std::function<void(Ctx&)>;
  using Authenticate = std::function<std::optional<Session>(const httplib::Request&)>;

  // `maxBodyBytes`: bytes a decoded body may have (413 beyond).
  Router(httplib::Server& server, std::size_t maxBodyBytes, Authenticate authenticate);

  // An API route: `role` nullopt is open to anyone; otherwise the caller must be signed in
  // (cookie or token) with at least `role`, and a change made with a cookie needs the
  // session's CSRF header. Listed in routes().
  void add(const std::string& method, const std::string& pattern, std::optional<Role> role, Handler handler);
  // A GET that is not part of the API (the page, published files): no access check, no
  // Cache-Control, not listed.
  void page(const std::string& pattern, std::function<void(const httplib::Request&, httplib::Response&)> handler);

  [[nodiscard]] const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  httplib::Server& server_;
  std::size_t maxBodyBytes_;
  Authenticate authenticate_;
  std::vector<RouteInfo> routes_;
};

}  // namespace qtsc::hub
