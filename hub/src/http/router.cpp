#include "router.hpp"

#include <spdlog/spdlog.h>


#include "auth.hpp"
#include "core/safe_text.hpp"
#include "http_server.hpp"
#include "qtsc/content/errors.hpp"
#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/records.hpp"
#include "qtsc/sync/errors.hpp"

namespace qtsc::hub {

namespace c = qtsc::content;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxIssuesShown = 100;  // issues listed in one 422 answer; a count follows

// Fields and messages may quote what a client sent (ids, keys, cells): each is bounded and
// made valid UTF-8 here, the one place issues become JSON.
json issuesJson(const std::vector<FieldIssue>& given) {
  json list = json::array();
  // An issue's code and values come with it from where it was found (content validation,
  // the hub's own checks); the admin page says "server.<code>" in its own language.
  const std::vector<FieldIssue>& issues = given;
  for (const auto& issue : issues) {
    if (list.size() == kMaxIssuesShown) {
      const std::string more = std::to_string(issues.size() - kMaxIssuesShown);
      list.push_back({{"field", "body"},
                      {"message", more + " more problems not listed"},
                      {"code", "more_problems"},
                      {"params", {{"count", more}}}});
      break;
    }
    json item{{"field", safeText(issue.field, 200)}, {"message", safeText(issue.message, 400)}};
    if (issue.line) item["line"] = issue.line;
    if (issue.column) item["column"] = issue.column;
    item["code"] = issue.code;
    json params = json::object();
    for (const auto& [name, value] : issue.params) params[name] = safeText(value, 200);
    item["params"] = params;
    list.push_back(item);
  }
  return {{"errors", list}};
}

}  // namespace

json Ctx::body() const {
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0)
    throw InvalidRequestError({FieldIssue{"body", "send JSON with Content-Type: application/json", "json_content_type"}});
  // The last key read names the field when a value cannot be held ({"name":1e999}) or
  // holds invalid UTF-8; nlohmann's message quotes the bad bytes, so it is made safe.
  std::string lastKey;
  const json::parser_callback_t noteKey = [&lastKey](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::key) lastKey = parsed.get<std::string>();
    return true;
  };
  json parsed;
  try {
    parsed = json::parse(req.body, noteKey);
  } catch (const json::out_of_range&) {
    throw InvalidRequestError({FieldIssue{lastKey.empty() ? "body" : safeText(lastKey, 64), "is a number too large to hold", "number_too_large"}});
  } catch (const json::exception& e) {
    throw InvalidRequestError({FieldIssue{lastKey.empty() ? "body" : safeText(lastKey, 64),
                                "is not valid JSON (UTF-8 text): " + safeText(e.what()), "json_invalid"}});
  }
  if (!parsed.is_object()) throw InvalidRequestError({FieldIssue{"body", "must be a JSON object", "json_object"}});
  return parsed;
}

void Ctx::send(const json& value, int status) {
  res.status = status;
  res.set_content(dumpJson(value), "application/json");
}

void sendError(httplib::Response& res, int status, const std::string& message, const std::string& code,
               const MessageParams& params) {
  sendJsonError(res, status, message, code, params);
}

void guarded(httplib::Response& res, const std::function<void()>& handler) {
  try {
    handler();
  } catch (const InvalidRequestError& e) {
    res.status = 422;
    res.set_content(dumpJson(issuesJson(e.issues)), "application/json");
  } catch (const c::ValidationError& e) {
    res.status = 422;
    res.set_content(dumpJson(issuesJson(toFieldIssues(e.issues))), "application/json");
  } catch (const json::exception& e) {
    // A body of the right syntax with a value of the wrong kind, read past the field checks.
    spdlog::warn("request body refused: {}", logQuote(e.what(), 200));
    res.status = 422;
    res.set_content(dumpJson(issuesJson({FieldIssue{"body", "a value has the wrong type or is out of range", "value_type"}})),
                    "application/json");
  } catch (const c::NotFoundError& e) {
    sendError(res, 404, e.what(), "not_found", {{"kind", std::string(c::toString(e.kind))}, {"id", e.id}});
  } catch (const UnauthorizedError& e) {
    sendError(res, 401, e.what(), e.code(), e.params());
  } catch (const ForbiddenError& e) {
    sendError(res, 403, e.what(), e.code(), e.params());
  } catch (const ConflictError& e) {
    sendError(res, 409, e.what(), e.code(), e.params());
  } catch (const UnavailableError& e) {
    sendError(res, 503, e.what(), e.code(), e.params());
  } catch (const c::ContentError& e) {
    // The content store refuses a change its rules forbid (the park record cannot be removed);
    // its English reason is the one value.
    sendError(res, 409, e.what(), "content_refused", {{"reason", e.what()}});
  } catch (const sync::SyncError& e) {
    sendError(res, 500, std::string("publishing failed: ") + e.what(), "publish_failed", {{"reason", e.what()}});
  } catch (const std::exception& e) {
    spdlog::error("internal error: {}", logQuote(e.what(), 300));
    sendError(res, 500, "internal error; the server log has the details", "internal");
  }
}

Router::Router(httplib::Server& server, std::size_t maxBodyBytes, Authenticate authenticate)
    : server_(server), maxBodyBytes_(maxBodyBytes), authenticate_(std::move(authenticate)) {}

void Router::add(const std::string& method, const std::string& pattern, std::optional<Role> role, Handler handler) {
  routes_.push_back({method, pattern, role});
  const bool changes = method != "GET";
  auto wrapped = [this, role, changes, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    // A chunked body is capped on the wire (HardenedServer, with room for its framing);
    // decoded, it meets the same cap as one sent with Content-Length.
    if (req.body.size() > maxBodyBytes_) {
      sendError(res, 413, "a request body is at most " + std::to_string(maxBodyBytes_) + " bytes", "body_too_large",
                {{"max", std::to_string(maxBodyBytes_)}});
      return;
    }
    guarded(res, [&] {
      Ctx ctx{req, res, std::nullopt};
      if (role) {
        ctx.who = authenticate_(req);
        if (!ctx.who) throw UnauthorizedError("sign in first (or send Authorization: Bearer TOKEN)", "sign_in_first");
        // Cookies ride along on any request the browser makes; the header proves the page sent it.
        if (changes && !ctx.who->viaToken && !sameSecret(req.get_header_value(kCsrfHeader), ctx.who->csrfToken))
          throw ForbiddenError("the request lacks a valid X-CSRF-Token; reload the page and try again", "csrf_token");
        if (static_cast<int>(ctx.who->role) < static_cast<int>(*role))
          throw ForbiddenError("this needs the " + toString(*role) + " role; you are " + toString(ctx.who->role), "role_needed",
                               {{"needed", toString(*role)}, {"role", toString(ctx.who->role)}});
      }
      res.set_header("Cache-Control", "no-store");
      handler(ctx);
    });
  };
  if (method == "GET") server_.Get(pattern, wrapped);
  else if (method == "POST") server_.Post(pattern, wrapped);
  else if (method == "PUT") server_.Put(pattern, wrapped);
  else if (method == "DELETE") server_.Delete(pattern, wrapped);
}

void Router::page(const std::string& pattern, std::function<void(const httplib::Request&, httplib::Response&)> handler) {
  server_.Get(pattern, [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] { handler(req, res); });
  });
}

}  // namespace qtsc::hub
