// [SECTION] data folder: first run, keys, seeding
// [SECTION] request context, errors as responses
// [SECTION] access: sessions, tokens, CSRF, roles
// [SECTION] login throttling
// [SECTION] routes: session and accounts
// [SECTION] routes: content records
// [SECTION] routes: tenant CSV, images, preview
// [SECTION] routes: publishing and rollback
// [SECTION] routes: kiosk reports, fleet, usage, audit
// [SECTION] published files under /content/
// [SECTION] Hub
#include "qtsc/hub/server.hpp"

#include <httplib.h>
#include <sodium.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <regex>
#include <condition_variable>
#include <stop_token>
#include <thread>
#include <semaphore>
#include <sstream>

#include "qtsc/content/sources.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/content/validation.hpp"
#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/images.hpp"
#include "qtsc/hub/kiosk_report.hpp"
#include "qtsc/hub/login_throttle.hpp"
#include "qtsc/hub/records.hpp"
#include "qtsc/hub/tenant_csv.hpp"
#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/published.hpp"
#include "qtsc/sync/publisher.hpp"
#include <spdlog/spdlog.h>

#include "http_safety.hpp"
#include "http_server.hpp"

namespace qtsc::hub {

namespace fs = std::filesystem;
namespace c = qtsc::content;
using nlohmann::json;

namespace {

constexpr const char* kSessionCookie = "qtsc_hub_session";
constexpr const char* kCsrfHeader = "X-CSRF-Token";
constexpr const char* kParam = "([^/]+)";

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HubError("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string isoTime(long long seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

std::pair<std::string, int> parseListenAddress(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) throw HubError("--listen wants HOST:PORT, like 127.0.0.1:8080");
  const std::string host = text.substr(0, colon);
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) throw HubError("'" + text.substr(colon + 1) + "' is not a TCP port (0 to 65535)");
  return {host, port};
}

// A request as the route handlers see it.
struct Ctx {
  const httplib::Request& req;
  httplib::Response& res;
  std::optional<Session> who;

  [[nodiscard]] std::string param(std::size_t i) const { return req.matches[i].str(); }
  [[nodiscard]] const std::string& user() const { return who->user; }

  // The body as a JSON object; a malformed one is refused at the field "body".
  [[nodiscard]] json body() const {
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0)
      throw InvalidRequestError({{"body", "send JSON with Content-Type: application/json", 0, 0}});
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
      throw InvalidRequestError({{lastKey.empty() ? "body" : safeText(lastKey, 64), "is a number too large to hold", 0, 0}});
    } catch (const json::exception& e) {
      throw InvalidRequestError({{lastKey.empty() ? "body" : safeText(lastKey, 64),
                                  "is not valid JSON (UTF-8 text): " + safeText(e.what()), 0, 0}});
    }
    if (!parsed.is_object()) throw InvalidRequestError({{"body", "must be a JSON object", 0, 0}});
    return parsed;
  }

  void send(const json& value, int status = 200) {
    res.status = status;
    res.set_content(dumpJson(value), "application/json");
  }
};

struct Hub::Impl {
  HubSettings settings;
  fs::path contentPath, publishedDir, assetsDir, versionsDir, keyPath;
  std::unique_ptr<HubDatabase> db;
  std::unique_ptr<c::ContentStore> store;
  std::mutex contentMutex;  // the authoring store, publishing and rollback: one at a time
  sync::SecretKey secretKey{};
  HardenedServer server;
  std::counting_semaphore<64> previewSlots;  // settings.previewConcurrency previews at once
  std::vector<RouteInfo> routes;

  // Declared after `settings`, so they are made from it.
  LoginThrottle throttle{LoginThrottleSettings{.freeFailures = settings.freeLoginFailures,
                                               .delayBase = settings.loginDelayBase,
                                               .delayCap = settings.loginDelayCap},
                         settings.steadyClock};
  // Each Argon2id check takes its memory cost (64 MiB by default): a burst waits here.
  std::counting_semaphore<256> hashSlots{std::clamp(settings.maxConcurrentHashes, 1, 256)};
  std::mutex timestampMutex;      // one refresh check at a time
  long long timestampCheckedAt = 0;  // Unix seconds of the last refresh check

  struct CachedFile {
    long long mtimeNs = -1;
    long long size = -1;
    std::string etag;
    std::string body;
  };
  std::mutex fileCacheMutex;
  std::map<std::string, std::shared_ptr<const CachedFile>> fileCache;  // small published files

  explicit Impl(HubSettings s);
  void prepareDataFolder();
  void registerRoutes();
  void route(const std::string& method, const std::string& pattern, std::optional<Role> role,
             std::function<void(Ctx&)> handler);
  std::optional<Session> authenticate(const httplib::Request& req);
  std::string clientAddress(const httplib::Request& req) const;
  bool checkPasswordBounded(const std::string& name, const std::string& password);
  [[nodiscard]] long long now() const { return settings.unixClock ? settings.unixClock() : nowSeconds(); }
  sync::Publisher publisher();
  void refreshTimestampIfDue(bool wait);
  json timestampStatus();
  void startRefresher();
  void contentRoutes();
  void accountRoutes();
  void fileRoutes();
  void publishingRoutes();
  void fleetRoutes();
  void servePublished(const httplib::Request& req, httplib::Response& res);
  int renderPreview(const std::vector<std::string>& args);
  json publish(const std::string& user, const std::string& note, long long rolledBackTo);
  void mirror();

  // Last, so it stops first: it uses everything above.
  std::condition_variable_any refresherWake;
  std::jthread refresher;
};

// ---------------------------------------------------------------------------------------
// [SECTION] data folder: first run, keys, seeding
// ---------------------------------------------------------------------------------------

namespace {
// A file the hub ships: where the build tree has it, else where the Debian package installs
// it beside the program (<prefix>/bin/kiosk-hub -> <prefix>/<installed>).
fs::path shipped(const fs::path& inBuildTree, const fs::path& installed) {
  std::error_code ec;
  if (fs::exists(inBuildTree, ec)) return inBuildTree;
  const fs::path program = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return inBuildTree;
  return program.parent_path().parent_path() / installed;
}
HttpLimits httpLimits(const HubSettings& s) {
  return {.maxHeaderBytes = s.maxHeaderBytes,
          .maxHeaders = s.maxHeaders,
          .maxBodyBytes = s.maxBodyBytes,
          .headerTimeout = s.headerTimeout,
          .bodyTimeout = s.bodyTimeout,
          .readTimeout = s.readTimeout,
          .writeTimeout = s.writeTimeout,
          .minSendRate = s.minSendRate,
          .keepAliveTimeout = s.keepAliveTimeout,
          .keepAliveMaxRequests = s.keepAliveMaxRequests,
          .threads = s.threads};
}
}  // namespace

Hub::Impl::Impl(HubSettings s)
    : settings(std::move(s)),
      server(httpLimits(settings)),
      previewSlots(std::clamp<std::ptrdiff_t>(settings.previewConcurrency, 1, 64)) {
  if (settings.dataDir.empty()) throw HubError("a data folder is required (--data DIR)");
  if (settings.webDir.empty()) settings.webDir = shipped(QTSC_HUB_WEB_DIR, "share/qtsc-kiosk-hub/web");
  if (settings.parkSources.empty()) settings.parkSources = shipped(QTSC_HUB_PARK_SOURCES, "share/qtsc-kiosk-hub/park");
  if (settings.mapSvg.empty()) settings.mapSvg = shipped(QTSC_HUB_MAP_SVG, "share/qtsc-kiosk-hub/map/park.svg");
  if (settings.kioskBinary.empty()) settings.kioskBinary = shipped(QTSC_HUB_KIOSK_BIN, "bin/qtsc-kiosk");
  prepareDataFolder();
  registerRoutes();
}

void Hub::Impl::prepareDataFolder() {
  const fs::path& dir = settings.dataDir;
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  contentPath = dir / "content.db";
  publishedDir = dir / "published";
  assetsDir = dir / "assets";
  versionsDir = dir / "versions";
  keyPath = dir / "signing.key";
  fs::create_directories(publishedDir);
  fs::create_directories(assetsDir);
  fs::create_directories(versionsDir);
  if (!fs::exists(keyPath)) sync::saveKeyPair(sync::generateKeyPair(), keyPath);
  secretKey = sync::loadSecretKey(keyPath);

  const bool seed = !fs::exists(contentPath);
  store = std::make_unique<c::ContentStore>(contentPath.string());
  if (seed && !settings.parkSources.empty() && fs::is_directory(settings.parkSources)) {
    try {
      store->import(c::readValidSources(settings.parkSources));
    } catch (const std::exception& e) {
      store.reset();
      fs::remove(contentPath);
      throw HubError("could not seed the content from " + settings.parkSources.string() + ": " + e.what());
    }
  }
  db = std::make_unique<HubDatabase>((dir / "hub.db").string(), settings.passwordCost, settings.unixClock,
                                     settings.maxAuditEntryBytes);
}

// ---------------------------------------------------------------------------------------
// [SECTION] request context, errors as responses
// ---------------------------------------------------------------------------------------

namespace {

constexpr std::size_t kMaxIssuesShown = 100;  // issues listed in one 422 answer; a count follows

// Fields and messages may quote what a client sent (ids, keys, cells): each is bounded and
// made valid UTF-8 here, the one place issues become JSON.
json issuesJson(const std::vector<FieldIssue>& issues) {
  json list = json::array();
  for (const auto& issue : issues) {
    if (list.size() == kMaxIssuesShown) {
      list.push_back({{"field", "body"}, {"message", std::to_string(issues.size() - kMaxIssuesShown) + " more problems not listed"}});
      break;
    }
    json item{{"field", safeText(issue.field, 200)}, {"message", safeText(issue.message, 400)}};
    if (issue.line) item["line"] = issue.line;
    if (issue.column) item["column"] = issue.column;
    list.push_back(item);
  }
  return {{"errors", list}};
}

void sendError(httplib::Response& res, int status, const std::string& message) { sendJsonError(res, status, message); }

// Runs `handler`, turning each typed error into the status and message it stands for.
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
    res.set_content(dumpJson(issuesJson({{"body", "a value has the wrong type or is out of range", 0, 0}})),
                    "application/json");
  } catch (const c::NotFoundError& e) {
    sendError(res, 404, e.what());
  } catch (const UnauthorizedError& e) {
    sendError(res, 401, e.what());
  } catch (const ForbiddenError& e) {
    sendError(res, 403, e.what());
  } catch (const ConflictError& e) {
    sendError(res, 409, e.what());
  } catch (const UnavailableError& e) {
    sendError(res, 503, e.what());
  } catch (const c::ContentError& e) {
    sendError(res, 409, e.what());
  } catch (const sync::SyncError& e) {
    sendError(res, 500, std::string("publishing failed: ") + e.what());
  } catch (const std::exception& e) {
    spdlog::error("internal error: {}", logQuote(e.what(), 300));
    sendError(res, 500, "internal error; the server log has the details");
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] access: sessions, tokens, CSRF, roles
// ---------------------------------------------------------------------------------------

namespace {
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

// The TLS proxy says the browser reached it over HTTPS. Taken from any peer: a client that
// forges it only marks its own cookie Secure.
bool viaHttps(const httplib::Request& req) {
  std::string proto = req.get_header_value("X-Forwarded-Proto");
  std::transform(proto.begin(), proto.end(), proto.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return proto == "https";
}

bool sameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The token of an "Authorization: Bearer TOKEN" header; empty without one.
std::string bearerToken(const httplib::Request& req) {
  const std::string authorization = req.get_header_value("Authorization");
  return authorization.rfind("Bearer ", 0) == 0 ? authorization.substr(7) : std::string();
}
}  // namespace

std::optional<Session> Hub::Impl::authenticate(const httplib::Request& req) {
  if (const std::string token = bearerToken(req); !token.empty()) return db->tokenFor(token);
  return db->sessionFor(cookieValue(req, kSessionCookie));
}

void Hub::Impl::route(const std::string& method, const std::string& pattern, std::optional<Role> role,
                      std::function<void(Ctx&)> handler) {
  routes.push_back({method, pattern, role});
  const bool changes = method != "GET";
  auto wrapped = [this, role, changes, handler = std::move(handler)](const httplib::Request& req,
                                                                      httplib::Response& res) {
    // A chunked body is capped on the wire (HardenedServer, with room for its framing);
    // decoded, it meets the same cap as one sent with Content-Length.
    if (req.body.size() > settings.maxBodyBytes) {
      sendError(res, 413, "a request body is at most " + std::to_string(settings.maxBodyBytes) + " bytes");
      return;
    }
    guarded(res, [&] {
      Ctx ctx{req, res, std::nullopt};
      if (role) {
        ctx.who = authenticate(req);
        if (!ctx.who) throw UnauthorizedError("sign in first (or send Authorization: Bearer TOKEN)");
        // Cookies ride along on any request the browser makes; the header proves the page sent it.
        if (changes && !ctx.who->viaToken && !sameSecret(req.get_header_value(kCsrfHeader), ctx.who->csrfToken))
          throw ForbiddenError("the request lacks a valid X-CSRF-Token; reload the page and try again");
        if (static_cast<int>(ctx.who->role) < static_cast<int>(*role))
          throw ForbiddenError("this needs the " + toString(*role) + " role; you are " + toString(ctx.who->role));
      }
      res.set_header("Cache-Control", "no-store");
      handler(ctx);
    });
  };
  if (method == "GET") server.Get(pattern, wrapped);
  else if (method == "POST") server.Post(pattern, wrapped);
  else if (method == "PUT") server.Put(pattern, wrapped);
  else if (method == "DELETE") server.Delete(pattern, wrapped);
}

// ---------------------------------------------------------------------------------------
// [SECTION] login throttling
// ---------------------------------------------------------------------------------------

// Behind a proxy every client is the proxy: its X-Forwarded-For names the client, but only a
// configured proxy is believed (anyone else could send the header to pick an address).
// The header grows leftwards as proxies append; the nearest address not itself a trusted
// proxy is the client.
std::string Hub::Impl::clientAddress(const httplib::Request& req) const {
  const auto& trusted = settings.trustedProxies;
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

// A password check holds one of settings.maxConcurrentHashes slots; a burst beyond them
// waits up to settings.hashQueueWait, then is answered 503 with Retry-After.
bool Hub::Impl::checkPasswordBounded(const std::string& name, const std::string& password) {
  if (!hashSlots.try_acquire_for(settings.hashQueueWait))
    throw UnavailableError("the server is busy checking other sign-ins; try again in a few seconds");
  struct Release {
    std::counting_semaphore<256>& slots;
    ~Release() { slots.release(); }
  } release{hashSlots};
  return db->checkPassword(name, password);
}

// ---------------------------------------------------------------------------------------
// [SECTION] routes: session and accounts
// ---------------------------------------------------------------------------------------

namespace {
std::string requiredText(const json& body, const std::string& field, std::vector<FieldIssue>& issues,
                         std::size_t maxBytes = 1024) {
  const auto it = body.find(field);
  if (it == body.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    issues.push_back({field, "is required", 0, 0});
    return {};
  }
  if (it->get_ref<const std::string&>().size() > maxBytes) {
    issues.push_back({field, "is too long (at most " + std::to_string(maxBytes) + " bytes)", 0, 0});
    return {};
  }
  return it->get<std::string>();
}

void onlyFields(const json& body, std::initializer_list<const char*> allowed, std::vector<FieldIssue>& issues) {
  for (const auto& item : body.items()) {
    const std::string& key = item.key();  // a named reference: lambdas cannot capture a binding before C++20 in clang 14
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
      issues.push_back({key, "is not a field of this request", 0, 0});
  }
}

void refuseIfAny(const std::vector<FieldIssue>& issues) {
  if (!issues.empty()) throw InvalidRequestError(issues);
}

json accountJson(const Account& a) {
  return {{"name", a.name}, {"role", toString(a.role)}, {"created", isoTime(a.created)}};
}
}  // namespace

void Hub::Impl::accountRoutes() {
  route("POST", "/api/v1/login", std::nullopt, [this](Ctx& ctx) {
    const json body = ctx.body();
    std::vector<FieldIssue> issues;
    const std::string name = requiredText(body, "name", issues, 64);
    const std::string password = requiredText(body, "password", issues);
    onlyFields(body, {"name", "password"}, issues);
    refuseIfAny(issues);
    const std::string address = clientAddress(ctx.req);
    const auto decision = throttle.begin(name, address);
    if (!decision.allowed) {
      ctx.res.set_header("Retry-After", std::to_string(decision.retryAfterSeconds));
      sendError(ctx.res, 429, "too many failed sign-ins; try again in " + std::to_string(decision.retryAfterSeconds) + " s");
      return;
    }
    bool right = false;
    try {
      right = checkPasswordBounded(name, password);
    } catch (const UnavailableError&) {
      throttle.cancelled(name, address);  // not checked: the attempt does not count
      ctx.res.set_header("Retry-After", "2");
      throw;
    }
    if (!right) {
      throttle.failed(name, address);
      spdlog::warn("failed sign-in as {} from {}", logQuote(name), address);
      db->audit(name, "sign-in-failed", "session", name, nullptr, json{{"address", address}});
      throw UnauthorizedError("the name or the password is wrong");
    }
    throttle.succeeded(name, address);
    db->audit(name, "sign-in", "session", name, nullptr, json{{"address", address}});
    const auto [token, csrf] = db->createSession(name, settings.sessionLifetime.count());
    ctx.res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                         std::to_string(settings.sessionLifetime.count()) +
                                         (settings.secureCookies || viaHttps(ctx.req) ? "; Secure" : ""));
    const auto account = db->account(name);
    ctx.send({{"user", name}, {"role", toString(account->role)}, {"csrfToken", csrf}});
  });

  route("POST", "/api/v1/logout", Role::Editor, [this](Ctx& ctx) {
    db->endSession(cookieValue(ctx.req, kSessionCookie));
    ctx.res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    ctx.send({{"ok", true}});
  });

  route("GET", "/api/v1/session", Role::Editor, [](Ctx& ctx) {
    ctx.send({{"user", ctx.who->user}, {"role", toString(ctx.who->role)}, {"csrfToken", ctx.who->csrfToken}});
  });

  route("PUT", "/api/v1/me/password", Role::Editor, [this](Ctx& ctx) {
    const json body = ctx.body();
    std::vector<FieldIssue> issues;
    const std::string current = requiredText(body, "current", issues);
    const std::string password = requiredText(body, "password", issues);
    onlyFields(body, {"current", "password"}, issues);
    refuseIfAny(issues);
    if (!checkPasswordBounded(ctx.user(), current))
      throw InvalidRequestError({{"current", "this is not your current password", 0, 0}});
    // Sessions end and API tokens stop working: whoever knew the old password is out.
    const AccountChange change = db->setPassword(ctx.user(), password);
    db->audit(ctx.user(), "password", "account", ctx.user(), nullptr,
              json{{"revokedTokens", change.revokedTokens}, {"endedSessions", change.endedSessions}});
    ctx.send({{"ok", true}, {"revokedTokens", change.revokedTokens}, {"endedSessions", change.endedSessions}});
  });

  route("GET", "/api/v1/accounts", Role::Admin, [this](Ctx& ctx) {
    json list = json::array();
    for (const auto& a : db->accounts()) list.push_back(accountJson(a));
    ctx.send(list);
  });

  route("POST", "/api/v1/accounts", Role::Admin, [this](Ctx& ctx) {
    const json body = ctx.body();
    std::vector<FieldIssue> issues;
    const std::string name = requiredText(body, "name", issues, 64);
    const std::string roleText = requiredText(body, "role", issues, 16);
    const std::string password = requiredText(body, "password", issues);
    onlyFields(body, {"name", "role", "password"}, issues);
    const auto role = roleFromString(roleText);
    if (!roleText.empty() && !role) issues.push_back({"role", "is one of editor, publisher, admin", 0, 0});
    refuseIfAny(issues);
    db->addAccount(name, *role, password);
    const json after = accountJson(*db->account(name));
    db->audit(ctx.user(), "create", "account", name, nullptr, after);
    ctx.send(after, 201);
  });

  route("PUT", std::string("/api/v1/accounts/") + kParam, Role::Admin, [this](Ctx& ctx) {
    const std::string name = ctx.param(1);
    const auto before = db->account(name);
    if (!before) throw ConflictError("no account named '" + name + "'");
    const json body = ctx.body();
    std::vector<FieldIssue> issues;
    onlyFields(body, {"role", "password"}, issues);
    std::optional<Role> role;
    if (body.contains("role")) {
      role = body["role"].is_string() ? roleFromString(body["role"].get<std::string>()) : std::nullopt;
      if (!role) issues.push_back({"role", "is one of editor, publisher, admin", 0, 0});
    }
    std::optional<std::string> password;
    if (body.contains("password")) password = requiredText(body, "password", issues);
    refuseIfAny(issues);
    // The last-admin check and the change are one transaction; a new password revokes the
    // account's tokens and ends its sessions.
    const AccountChange change = db->updateAccount(name, role, password);
    json after = accountJson(change.after);
    db->audit(ctx.user(), password ? "update+password" : "update", "account", name, accountJson(change.before), after);
    if (password) {
      after["revokedTokens"] = change.revokedTokens;
      after["endedSessions"] = change.endedSessions;
    }
    ctx.send(after);
  });

  route("DELETE", std::string("/api/v1/accounts/") + kParam, Role::Admin, [this](Ctx& ctx) {
    const std::string name = ctx.param(1);
    const Account before = db->removeAccount(name);  // refuses the last admin in the same transaction
    db->audit(ctx.user(), "delete", "account", name, accountJson(before), nullptr);
    ctx.send({{"ok", true}});
  });

  route("GET", "/api/v1/tokens", Role::Editor, [this](Ctx& ctx) { ctx.send(db->apiTokens(ctx.user())); });

  route("POST", "/api/v1/tokens", Role::Editor, [this](Ctx& ctx) {
    const json body = ctx.body();
    std::vector<FieldIssue> issues;
    const std::string label = requiredText(body, "label", issues, 100);
    onlyFields(body, {"label", "expiresInDays"}, issues);
    long long expires = 0;  // never
    if (const auto it = body.find("expiresInDays"); it != body.end() && !it->is_null()) {
      if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > 3650)
        issues.push_back({"expiresInDays", "is a whole number of days from 1 to 3650, or null for no expiry", 0, 0});
      else
        expires = now() + it->get<long long>() * 86400;
    }
    refuseIfAny(issues);
    const std::string token = db->createApiToken(ctx.user(), label, expires);
    const json expiry = expires ? json(isoTime(expires)) : json(nullptr);
    db->audit(ctx.user(), "create", "token", label, nullptr, json{{"label", label}, {"expires", expiry}});
    ctx.send({{"token", token}, {"label", label}, {"expires", expiry}}, 201);
  });

  route("DELETE", std::string("/api/v1/tokens/") + kParam, Role::Editor, [this](Ctx& ctx) {
    long long id = 0;
    try {
      id = std::stoll(ctx.param(1));
    } catch (const std::exception&) {
      throw InvalidRequestError({{"id", "is a token number", 0, 0}});
    }
    db->revokeApiToken(ctx.user(), id);
    db->audit(ctx.user(), "delete", "token", std::to_string(id), nullptr, nullptr);
    ctx.send({{"ok", true}});
  });
}

// ---------------------------------------------------------------------------------------
// [SECTION] routes: content records
// ---------------------------------------------------------------------------------------

namespace {

// How one kind of record is listed, read, added, changed and removed.
struct KindOps {
  std::string path;  // "tenants"
  c::RecordKind kind;
  std::function<json(c::ContentStore&)> list;
  std::function<std::optional<json>(c::ContentStore&, const std::string&)> get;
  std::function<std::string(c::ContentStore&, const json&)> add;  // returns the id
  std::function<void(c::ContentStore&, const json&)> update;
};

template <typename T>
json listJson(const std::vector<T>& records) {
  json list = json::array();
  for (const auto& r : records) list.push_back(toJson(r));
  return list;
}

template <typename T>
std::optional<json> maybeJson(const std::optional<T>& record) {
  if (!record) return std::nullopt;
  return toJson(*record);
}

std::optional<json> findCategory(const std::vector<c::Category>& list, const std::string& id) {
  for (const auto& cat : list)
    if (cat.id == id) return toJson(cat);
  return std::nullopt;
}

std::vector<KindOps> allKinds() {
  using S = c::ContentStore;
  std::vector<KindOps> kinds;
  kinds.push_back({"tenants", c::RecordKind::Tenant,
                   [](S& s) {
                     json list = json::array();
                     for (const auto& t : s.tenants({.sectorId = {}, .placeId = {}, .offset = 0, .limit = 1 << 30}))
                       list.push_back({{"id", t.id}, {"name", toJson(t.name)}, {"sectors", t.sectors},
                                       {"place", t.placeId}, {"floor", t.floor}, {"sample", t.sample}});
                     return list;
                   },
                   [](S& s, const std::string& id) { return maybeJson(s.tenant(id)); },
                   [](S& s, const json& b) { auto r = tenantFromJson(b); s.addTenant(r); return r.id; },
                   [](S& s, const json& b) { s.updateTenant(tenantFromJson(b)); }});
  kinds.push_back({"places", c::RecordKind::Place, [](S& s) { return listJson(s.places()); },
                   [](S& s, const std::string& id) { return maybeJson(s.place(id)); },
                   [](S& s, const json& b) { auto r = placeFromJson(b); s.addPlace(r); return r.id; },
                   [](S& s, const json& b) { s.updatePlace(placeFromJson(b)); }});
  kinds.push_back({"milestones", c::RecordKind::Milestone, [](S& s) { return listJson(s.milestones()); },
                   [](S& s, const std::string& id) { return maybeJson(s.milestone(id)); },
                   [](S& s, const json& b) { auto r = milestoneFromJson(b); s.addMilestone(r); return r.id; },
                   [](S& s, const json& b) { s.updateMilestone(milestoneFromJson(b)); }});
  kinds.push_back({"exhibits", c::RecordKind::Exhibit, [](S& s) { return listJson(s.exhibits()); },
                   [](S& s, const std::string& id) { return maybeJson(s.exhibit(id)); },
                   [](S& s, const json& b) { auto r = exhibitFromJson(b); s.addExhibit(r); return r.id; },
                   [](S& s, const json& b) { s.updateExhibit(exhibitFromJson(b)); }});
  kinds.push_back({"itineraries", c::RecordKind::Itinerary, [](S& s) { return listJson(s.itineraries()); },
                   [](S& s, const std::string& id) { return maybeJson(s.itinerary(id)); },
                   [](S& s, const json& b) { auto r = itineraryFromJson(b); s.addItinerary(r); return r.id; },
                   [](S& s, const json& b) { s.updateItinerary(itineraryFromJson(b)); }});
  kinds.push_back({"welcomes", c::RecordKind::Welcome, [](S& s) { return listJson(s.welcomes()); },
                   [](S& s, const std::string& id) -> std::optional<json> {
                     for (const auto& w : s.welcomes())
                       if (w.id == id) return toJson(w);
                     return std::nullopt;
                   },
                   [](S& s, const json& b) { auto r = welcomeFromJson(b); s.addWelcome(r); return r.id; },
                   [](S& s, const json& b) { s.updateWelcome(welcomeFromJson(b)); }});
  // Categories have no update of their own in the store: an import of one replaces it.
  for (const auto& [path, kind] : {std::pair{std::string("sectors"), c::RecordKind::Sector},
                                   std::pair{std::string("themes"), c::RecordKind::Theme}}) {
    const bool sectors = kind == c::RecordKind::Sector;
    kinds.push_back({path, kind, [sectors](S& s) { return listJson(sectors ? s.sectors() : s.themes()); },
                     [sectors](S& s, const std::string& id) { return findCategory(sectors ? s.sectors() : s.themes(), id); },
                     [sectors](S& s, const json& b) {
                       auto r = categoryFromJson(b);
                       if (sectors) s.addSector(r); else s.addTheme(r);
                       return r.id;
                     },
                     [sectors](S& s, const json& b) {
                       c::ContentSet set;
                       set.park = s.park();
                       (sectors ? set.sectors : set.themes).push_back(categoryFromJson(b));
                       s.import(set);
                     }});
  }
  return kinds;
}

}  // namespace

void Hub::Impl::contentRoutes() {
  route("GET", "/api/v1/content/park", Role::Editor, [this](Ctx& ctx) {
    std::lock_guard lock(contentMutex);
    ctx.send(toJson(store->park()));
  });
  route("PUT", "/api/v1/content/park", Role::Editor, [this](Ctx& ctx) {
    const c::Park park = parkFromJson(ctx.body());
    std::lock_guard lock(contentMutex);
    const json before = toJson(store->park());
    store->setPark(park);
    const json after = toJson(store->park());
    db->audit(ctx.user(), "update", "park", "", before, after);
    ctx.send(after);
  });

  for (const auto& ops : allKinds()) {
    const std::string base = "/api/v1/content/" + ops.path;
    const std::string one = base + "/" + kParam;
    const std::string kindName(c::toString(ops.kind));

    route("GET", base, Role::Editor, [this, ops](Ctx& ctx) {
      std::lock_guard lock(contentMutex);
      ctx.send(ops.list(*store));
    });
    route("GET", one, Role::Editor, [this, ops](Ctx& ctx) {
      std::lock_guard lock(contentMutex);
      auto record = ops.get(*store, ctx.param(1));
      if (!record) throw c::NotFoundError(ops.kind, ctx.param(1));
      ctx.send(*record);
    });
    route("POST", base, Role::Editor, [this, ops, kindName](Ctx& ctx) {
      const json body = ctx.body();
      std::lock_guard lock(contentMutex);
      const std::string id = ops.add(*store, body);
      const json after = *ops.get(*store, id);
      db->audit(ctx.user(), "create", kindName, id, nullptr, after);
      ctx.send(after, 201);
    });
    route("PUT", one, Role::Editor, [this, ops, kindName](Ctx& ctx) {
      json body = ctx.body();
      const std::string id = ctx.param(1);
      if (body.contains("id") && body["id"] != id)
        throw InvalidRequestError({{"id", "the id cannot change; add a new record and remove this one", 0, 0}});
      body["id"] = id;
      std::lock_guard lock(contentMutex);
      const auto before = ops.get(*store, id);
      if (!before) throw c::NotFoundError(ops.kind, id);
      ops.update(*store, body);
      const json after = *ops.get(*store, id);
      db->audit(ctx.user(), "update", kindName, id, *before, after);
      ctx.send(after);
    });
    route("DELETE", one, Role::Editor, [this, ops, kindName](Ctx& ctx) {
      const std::string id = ctx.param(1);
      std::lock_guard lock(contentMutex);
      const auto before = ops.get(*store, id);
      if (!before) throw c::NotFoundError(ops.kind, id);
      store->remove(ops.kind, id);
      db->audit(ctx.user(), "delete", kindName, id, *before, nullptr);
      ctx.send({{"ok", true}});
    });
  }
}

// ---------------------------------------------------------------------------------------
// [SECTION] routes: tenant CSV, images, preview
// ---------------------------------------------------------------------------------------

namespace {

// Uploaded images; WebP ones stored before uploads were re-encoded are still served.
const std::regex kAssetName("^[0-9a-f]{64}\\.(png|jpg|webp)$");

constexpr int kPreviewTimedOut = -2;  // renderPreview: the renderer was stopped at the timeout

// Runs `program` with `args` (args[0] is its name) and the offscreen video driver: its exit
// status, -1 when it could not start or died by a signal, kPreviewTimedOut when it ran past
// `timeout` and was killed. posix_spawn (vfork-like in glibc) rather than fork(): the hub's
// worker threads hold locks a forked copy could never release; the child keeps only
// stdin/stdout/stderr, so no client socket or database stays open in it.
int runWithTimeout(const fs::path& program, const std::vector<std::string>& args, std::chrono::seconds timeout) {
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).rfind("SDL_VIDEODRIVER=", 0) != 0) environment.emplace_back(*e);
  environment.emplace_back("SDL_VIDEODRIVER=offscreen");
  std::vector<char*> argv, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  pid_t child = -1;
  const int spawned = ::posix_spawn(&child, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;

  bool timedOut = false;
  // Debian 12's <sys/pidfd.h> declares pidfd_open without C linkage: the system call itself.
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, child, 0));
  if (pidfd >= 0) {
    pollfd p{pidfd, POLLIN, 0};
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) { timedOut = true; break; }
      const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
      if (ready > 0) break;
      if (ready < 0 && errno != EINTR) break;
    }
    ::close(pidfd);
  }
  if (timedOut) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {}
  if (timedOut) return kPreviewTimedOut;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int Hub::Impl::renderPreview(const std::vector<std::string>& args) {
  return runWithTimeout(settings.kioskBinary, args, settings.previewTimeout);
}

void Hub::Impl::fileRoutes() {
  route("GET", "/api/v1/tenants.csv", Role::Editor, [this](Ctx& ctx) {
    std::lock_guard lock(contentMutex);
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"tenants.csv\"");
    ctx.res.set_content(tenantsToCsv(store->exportAll().tenants), "text/csv; charset=utf-8");
  });

  route("POST", "/api/v1/tenants.csv", Role::Editor, [this](Ctx& ctx) {
    const std::string type = ctx.req.get_header_value("Content-Type");
    if (type.rfind("text/csv", 0) != 0)
      throw InvalidRequestError({{"body", "send the file with Content-Type: text/csv", 0, 0}});
    std::lock_guard lock(contentMutex);
    c::ContentStore& s = *store;
    const auto tenants = tenantsFromCsv(ctx.req.body, [&s](c::RecordKind kind, const std::string& id) {
      switch (kind) {
        case c::RecordKind::Place: return s.place(id).has_value();
        case c::RecordKind::Sector: return findCategory(s.sectors(), id).has_value();
        default: return false;
      }
    });
    json before = json::array();
    json after = json::array();
    int added = 0;
    for (const auto& t : tenants) {
      if (auto old = s.tenant(t.id)) before.push_back(toJson(*old));
      else ++added;
      after.push_back(toJson(t));
    }
    c::ContentSet set;
    set.park = s.park();
    set.tenants = tenants;
    s.import(set);
    db->audit(ctx.user(), "import", "tenant", "tenants.csv", before, after);
    ctx.send({{"imported", tenants.size()}, {"added", added}, {"updated", static_cast<int>(tenants.size()) - added}});
  });

  route("POST", "/api/v1/assets", Role::Editor, [this](Ctx& ctx) {
    const std::string& bytes = ctx.req.body;
    if (bytes.empty()) throw InvalidRequestError({{"file", "the file is empty", 0, 0}});
    if (bytes.size() > settings.maxImageBytes)
      throw InvalidRequestError({{"file", "the image is " + std::to_string(bytes.size() / 1024) + " KiB; at most " +
                                              std::to_string(settings.maxImageBytes / 1024) + " KiB is accepted", 0, 0}});
    // Decoded under the pixel limit and encoded anew: what is stored (and named by its
    // hash) is pixels only, of a size every kiosk can decode.
    const StoredImage image = normaliseImage(bytes, settings.imageLimits);
    const std::string name = sync::sha256Hex(image.bytes) + "." + image.extension;
    const fs::path target = assetsDir / name;
    if (!fs::exists(target)) {
      const fs::path temp = assetsDir / (".upload-" + sync::randomHexId());
      {
        std::ofstream out(temp, std::ios::binary);
        out.write(image.bytes.data(), static_cast<std::streamsize>(image.bytes.size()));
        if (!out) throw HubError("could not store the image");
      }
      fs::rename(temp, target);
      db->audit(ctx.user(), "upload", "asset", name, nullptr,
                json{{"bytes", image.bytes.size()}, {"width", image.width}, {"height", image.height}});
    }
    ctx.send({{"name", name}, {"bytes", image.bytes.size()}, {"width", image.width}, {"height", image.height},
              {"uploadedBytes", bytes.size()}}, 201);
  });

  route("GET", std::string("/api/v1/assets/") + kParam, Role::Editor, [this](Ctx& ctx) {
    const std::string name = ctx.param(1);
    if (!std::regex_match(name, kAssetName) || !fs::exists(assetsDir / name))
      throw c::NotFoundError(c::RecordKind::Park, name);
    const std::string ext = name.substr(name.rfind('.') + 1);
    ctx.res.set_header("Cache-Control", "private, max-age=31536000, immutable");
    ctx.res.set_content(readFile(assetsDir / name), ext == "jpg" ? "image/jpeg" : "image/" + ext);
  });

  route("GET", std::string("/api/v1/preview/") + kParam + "/" + kParam, Role::Editor, [this](Ctx& ctx) {
    const std::string kind = ctx.param(1);
    const std::string id = ctx.param(2);
    if (!c::recordKindFromString(kind) || !c::isValidId(id))
      throw InvalidRequestError({{"record", "name a record as KIND/ID, like tenant/tma-solutions", 0, 0}});
    const std::string language = ctx.req.has_param("lang") ? ctx.req.get_param_value("lang") : "vi";
    if (language != "vi" && language != "en")
      throw InvalidRequestError({{"lang", "the preview language is vi or en", 0, 0}});
    if (::access(settings.kioskBinary.c_str(), X_OK) != 0)
      throw UnavailableError("the preview renderer is not installed: the kiosk program (" +
                             settings.kioskBinary.string() + ") is missing on this server");
    if (!previewSlots.try_acquire()) {
      ctx.res.set_header("Retry-After", "2");
      throw UnavailableError("the preview renderer is busy with other previews; try again in a moment");
    }
    struct Release {
      std::counting_semaphore<64>& slots;
      ~Release() { slots.release(); }
    } release{previewSlots};
    const fs::path work = settings.dataDir / "preview" / sync::randomHexId();
    fs::create_directories(work);
    struct RemoveWork {
      fs::path dir;
      ~RemoveWork() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
      }
    } removeWork{work};
    {
      std::lock_guard lock(contentMutex);
      SQLite::Statement copy(store->database(), "VACUUM INTO ?");
      copy.bind(1, (work / "content.db").string());
      copy.exec();
    }
    const fs::path png = work / "preview.png";
    const int status = renderPreview({"kiosk", "--content", (work / "content.db").string(), "--preview", kind + "/" + id,
                                      "--lang", language, "--out", png.string()});
    const bool ok = status == 0 && fs::exists(png);
    if (!ok) {
      spdlog::warn("preview of {}/{} failed: {}", kind, id,
                   status == kPreviewTimedOut ? "stopped after " + std::to_string(settings.previewTimeout.count()) + " s"
                                              : "exit status " + std::to_string(status));
      throw UnavailableError(status == kPreviewTimedOut ? "the preview renderer took too long to draw " + kind + " '" + id + "'"
                                                        : "the preview renderer could not draw " + kind + " '" + id + "'");
    }
    ctx.res.set_content(readFile(png), "image/png");
  });
}

// ---------------------------------------------------------------------------------------
// [SECTION] routes: publishing and rollback
// ---------------------------------------------------------------------------------------

// Copies the published folder to the mirror: objects first, the timestamp last, so a kiosk
// reading the mirror mid-copy sees the old timestamp with every object it names.
void Hub::Impl::mirror() {
  if (settings.mirrorDir.empty()) return;
  fs::create_directories(settings.mirrorDir);
  for (const auto& entry : fs::recursive_directory_iterator(publishedDir)) {
    const fs::path relative = fs::relative(entry.path(), publishedDir);
    if (entry.is_directory()) fs::create_directories(settings.mirrorDir / relative);
    else if (relative != sync::kTimestampFile && !fs::exists(settings.mirrorDir / relative))
      fs::copy_file(entry.path(), settings.mirrorDir / relative);
  }
  const fs::path temp = settings.mirrorDir / ".timestamp.tmp";
  fs::copy_file(publishedDir / sync::kTimestampFile, temp, fs::copy_options::overwrite_existing);
  fs::rename(temp, settings.mirrorDir / sync::kTimestampFile);
}

sync::Publisher Hub::Impl::publisher() {
  sync::PublisherSettings options;
  options.timestampLifetime = settings.timestampLifetime;
  options.clock = settings.unixClock;
  return sync::Publisher(publishedDir, secretKey, options);
}

namespace {

// The uploads that records use, laid out as kiosks look for them: a bare image name in a
// record is the file images/NAME of the published assets. Hard links, so nothing is
// copied; unused uploads (and files that are no upload) are not published.
class PublishedAssets {
 public:
  PublishedAssets(const fs::path& uploads, const fs::path& staging, const c::ContentSet& content) : path_(staging) {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
    fs::create_directories(path_ / "images");
    auto add = [&](const std::string& name) {
      if (name.empty() || !std::regex_match(name, kAssetName)) return;
      const fs::path source = uploads / name;
      const fs::path target = path_ / "images" / name;
      std::error_code ec;
      if (!fs::is_regular_file(source, ec) || fs::exists(target, ec)) return;
      fs::create_hard_link(source, target, ec);
      if (ec) fs::copy_file(source, target);
    };
    for (const auto& m : content.milestones) add(m.image);
    for (const auto& p : content.places) add(p.image);
    for (const auto& t : content.tenants) add(t.logo);
    for (const auto& e : content.exhibits) add(e.image);
  }
  ~PublishedAssets() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  PublishedAssets(const PublishedAssets&) = delete;
  PublishedAssets& operator=(const PublishedAssets&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

json Hub::Impl::publish(const std::string& user, const std::string& note, long long rolledBackTo) {
  sync::Publisher publisher = this->publisher();
  const long long previous = publisher.currentVersion();
  const PublishedAssets assets(assetsDir, settings.dataDir / ".publish-assets", store->exportAll());
  const auto result = publisher.publish(contentPath, assets.path(), note);
  SQLite::Statement copy(store->database(), "VACUUM INTO ?");
  const fs::path kept = versionsDir / ("v" + std::to_string(result.version) + ".db");
  std::error_code ignored;
  fs::remove(kept, ignored);
  copy.bind(1, kept.string());
  copy.exec();
  mirror();
  db->addPublication({result.version, now(), user, note, rolledBackTo});
  spdlog::info("{} published version {} ({} changeset bytes){}", user, result.version, result.changesetBytes,
               rolledBackTo > 0 ? " rolling back to version " + std::to_string(rolledBackTo) : std::string());
  const json summary{{"version", result.version},
                     {"previous", previous},
                     {"note", note},
                     {"snapshotBytes", result.snapshotBytes},
                     {"changesetBytes", result.changesetBytes},
                     {"assets", result.assets},
                     {"rolledBackTo", rolledBackTo}};
  db->audit(user, rolledBackTo ? "rollback" : "publish", "version", std::to_string(result.version),
            json{{"version", previous}}, summary);
  return summary;
}

void Hub::Impl::publishingRoutes() {
  route("GET", "/api/v1/versions", Role::Editor, [this](Ctx& ctx) {
    json list = json::array();
    for (const auto& p : db->publications())
      list.push_back({{"version", p.version}, {"at", isoTime(p.at)}, {"user", p.user}, {"note", p.note},
                      {"rolledBackTo", p.rolledBackTo},
                      {"restorable", fs::exists(versionsDir / ("v" + std::to_string(p.version) + ".db"))}});
    const std::string pub = sync::toHex(sync::publicKeyOf(secretKey));
    ctx.send({{"versions", list}, {"publicKey", pub}, {"contentUrl", "/content/"}});
  });

  route("POST", "/api/v1/publish", Role::Publisher, [this](Ctx& ctx) {
    const json body = ctx.body();
    std::vector<FieldIssue> issues;
    const std::string note = requiredText(body, "note", issues, 500);
    onlyFields(body, {"note"}, issues);
    refuseIfAny(issues);
    std::lock_guard lock(contentMutex);
    ctx.send(publish(ctx.user(), note, 0), 201);
  });

  route("POST", std::string("/api/v1/versions/") + kParam + "/rollback", Role::Publisher, [this](Ctx& ctx) {
    long long version = 0;
    try {
      version = std::stoll(ctx.param(1));
    } catch (const std::exception&) {
      throw InvalidRequestError({{"version", "is a version number", 0, 0}});
    }
    const json body = ctx.body();
    std::vector<FieldIssue> issues;
    onlyFields(body, {"note"}, issues);
    std::string note = "Rollback to version " + std::to_string(version);
    if (body.contains("note")) {
      const std::string extra = requiredText(body, "note", issues, 500);
      if (!extra.empty()) note += ": " + extra;
    }
    refuseIfAny(issues);
    const fs::path kept = versionsDir / ("v" + std::to_string(version) + ".db");
    if (!fs::exists(kept)) throw ConflictError("version " + std::to_string(version) + " is not kept on this hub");
    std::lock_guard lock(contentMutex);
    // The drafts go back too, so the next publish does not bring the undone change back.
    const fs::path staged = settings.dataDir / "content.db.rollback";
    fs::copy_file(kept, staged, fs::copy_options::overwrite_existing);
    { c::ContentStore check(staged.string()); }  // refuses a file it cannot open before anything changes
    store.reset();
    std::error_code ignored;
    fs::remove(contentPath.string() + "-wal", ignored);
    fs::remove(contentPath.string() + "-shm", ignored);
    fs::rename(staged, contentPath);
    store = std::make_unique<c::ContentStore>(contentPath.string());
    ctx.send(publish(ctx.user(), note, version), 201);
  });
}

// ---------------------------------------------------------------------------------------
// [SECTION] routes: kiosk reports, fleet, usage, audit
// ---------------------------------------------------------------------------------------

namespace {

constexpr std::size_t kMaxReportBytes = 64 * 1024;  // bytes in one kiosk report
constexpr std::size_t kMaxUsageKeys = 500;          // usage entries in one report

}  // namespace

bool isKioskName(const std::string& text) {
  auto allowed = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
           ch == '_' || ch == '.';
  };
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), allowed);
}

void Hub::Impl::fleetRoutes() {
  // Kiosks hold no staff account: a report carries its kiosk's key (made when an admin
  // paired the kiosk) as a bearer token. Checked field by field; a report with an id seen
  // before is answered 409 and counted once.
  route("POST", "/api/v1/reports", std::nullopt, [this](Ctx& ctx) {
    if (ctx.req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
      throw InvalidRequestError({{"body", "send JSON with Content-Type: application/json", 0, 0}});
    KioskReportLimits limits;
    limits.maxUsageCount = settings.maxUsageCount;
    const KioskReport report = parseKioskReport(ctx.req.body, limits);
    const std::string kioskKey = bearerToken(ctx.req);
    if (!db->kioskKeyMatches(report.kioskId, kioskKey)) {
      const std::string problem = kioskKey.empty() ? std::string("a report needs its kiosk's key (Authorization: Bearer KEY)")
                                                   : "that is not the key of kiosk '" + report.kioskId + "'";
      throw UnauthorizedError(problem + ": pair the kiosk on the fleet page and set report_key in its [sync] config");
    }
    KioskState state;
    state.id = report.kioskId;
    state.reportedAt = report.time;
    state.contentVersion = report.contentVersion;
    state.lastResult = report.result;
    state.lastMessage = report.message;
    state.freeDiskBytes = report.freeDiskBytes;
    state.lastContact = now();
    const ReportLimits stored{.perHour = settings.reportsPerKioskPerHour,
                              .usageKeysPerDay = settings.usageKeysPerKioskPerDay,
                              .retentionSeconds = std::chrono::duration_cast<std::chrono::seconds>(settings.reportRetention).count()};
    const ReportResult result = db->addReport(report.id, state, report.usage, ctx.req.body, stored);
    if (result.outcome == ReportOutcome::Duplicate)
      throw ConflictError("report '" + report.id + "' was received before; it is counted once");
    if (result.outcome == ReportOutcome::RateLimited) {
      ctx.res.set_header("Retry-After", "600");
      sendError(ctx.res, 429, "kiosk '" + report.kioskId + "' sent more than " +
                                  std::to_string(settings.reportsPerKioskPerHour) + " reports in the last hour");
      return;
    }
    json answer{{"ok", true}};
    if (result.usageKeysDropped > 0) answer["usageKeysDropped"] = result.usageKeysDropped;
    ctx.send(answer, 201);
  });

  route("GET", "/api/v1/kiosks", Role::Editor, [this](Ctx& ctx) {
    const long long now = nowSeconds();
    refreshTimestampIfDue(false);
    const json timestamp = timestampStatus();
    long long published = timestamp.value("version", 0LL);
    json list = json::array();
    for (const auto& k : db->kiosks())
      list.push_back({{"id", k.id},
                      {"paired", k.paired},
                      {"lastContact", k.reports > 0 ? json(isoTime(k.lastContact)) : json(nullptr)},
                      {"secondsSinceContact", k.reports > 0 ? json(now - k.lastContact) : json(nullptr)},
                      {"stale", k.reports == 0 || now - k.lastContact > settings.kioskStaleAfter.count()},
                      {"reportedAt", k.reportedAt},
                      {"contentVersion", k.contentVersion},
                      {"current", k.contentVersion == published},
                      {"lastResult", k.lastResult},
                      {"lastMessage", k.lastMessage},
                      {"freeDiskBytes", k.freeDiskBytes},
                      {"reports", k.reports}});
    json warnings = json::array();
    if (timestamp.value("expired", false))
      warnings.push_back("the published timestamp has expired: kiosks install nothing new until the hub signs it again");
    else if (timestamp.value("expiresSoon", false))
      warnings.push_back("the published timestamp expires in " + std::to_string(timestamp["secondsLeft"].get<long long>() / 3600) +
                         " h and has not been signed again; check the hub's log");
    ctx.send({{"kiosks", list}, {"publishedVersion", published}, {"staleAfterSeconds", settings.kioskStaleAfter.count()},
              {"timestamp", timestamp}, {"warnings", warnings}});
  });

  // Pairing: the kiosk's report key is in the answer once; pairing again replaces it.
  route("POST", "/api/v1/kiosks", Role::Admin, [this](Ctx& ctx) {
    const json body = ctx.body();
    std::vector<FieldIssue> issues;
    onlyFields(body, {"id"}, issues);
    const auto it = body.is_object() ? body.find("id") : body.end();
    const std::string id = it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    if (!isKioskName(id)) issues.push_back({"id", std::string("name the kiosk with ") + kKioskNameRule, 0, 0});
    refuseIfAny(issues);
    const std::string key = db->pairKiosk(id);
    db->audit(ctx.user(), "pair", "kiosk", id, nullptr, {{"id", id}});
    ctx.send({{"id", id}, {"key", key}}, 201);
  });

  route("DELETE", std::string("/api/v1/kiosks/") + kParam, Role::Admin, [this](Ctx& ctx) {
    db->removeKiosk(ctx.param(1));
    db->audit(ctx.user(), "delete", "kiosk", ctx.param(1), nullptr, nullptr);
    ctx.send({{"ok", true}});
  });

  route("GET", "/api/v1/usage", Role::Editor, [this](Ctx& ctx) { ctx.send(db->usage(20)); });

  route("GET", "/api/v1/audit", Role::Admin, [this](Ctx& ctx) {
    long long before = 0;
    if (ctx.req.has_param("before")) {
      try {
        before = std::stoll(ctx.req.get_param_value("before"));
      } catch (const std::exception&) {
        throw InvalidRequestError({{"before", "is an entry number", 0, 0}});
      }
    }
    ctx.send(db->auditLog(50, before));
  });

  route("GET", "/api/v1/map", Role::Editor, [this](Ctx& ctx) {
    ctx.send({{"width", c::kMapWidth}, {"height", c::kMapHeight}, {"svg", fs::exists(settings.mapSvg)}});
  });
  route("GET", "/api/v1/map.svg", Role::Editor, [this](Ctx& ctx) {
    if (!fs::exists(settings.mapSvg)) throw c::NotFoundError(c::RecordKind::Park, "map");
    ctx.res.set_content(readFile(settings.mapSvg), "image/svg+xml");
  });
}

// ---------------------------------------------------------------------------------------
// [SECTION] the published timestamp: signed again before it expires
// ---------------------------------------------------------------------------------------

namespace {
std::optional<sync::Timestamp> readTimestamp(const fs::path& file, const sync::SecretKey& key) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  try {
    return sync::openTimestamp(readFile(file), sync::publicKeyOf(key));
  } catch (const std::exception& e) {
    spdlog::error("the published timestamp cannot be read: {}", e.what());
    return std::nullopt;
  }
}
}  // namespace

// Kiosks refuse an expired timestamp, so the current version's is signed again once less than
// settings.timestampRefreshBefore is left. Called by the refresher thread, on kiosk polls and
// by the fleet page; `wait`: whether to wait for a publish in progress (else try later).
void Hub::Impl::refreshTimestampIfDue(bool wait) {
  if (settings.timestampRefreshBefore.count() <= 0) return;  // switched off
  const long long at = now();
  {
    std::lock_guard lock(timestampMutex);
    if (timestampCheckedAt != 0 && at >= timestampCheckedAt && at - timestampCheckedAt < 1) return;  // once a second
    timestampCheckedAt = at;
  }
  const auto current = readTimestamp(publishedDir / sync::kTimestampFile, secretKey);
  if (!current || current->expires - at >= settings.timestampRefreshBefore.count()) return;
  std::unique_lock content(contentMutex, std::defer_lock);
  if (wait) content.lock();
  else if (!content.try_lock()) return;
  try {
    const long long version = publisher().refreshTimestamp();
    mirror();
    spdlog::info("signed the timestamp of version {} again (it expired {})", version, isoTime(current->expires));
  } catch (const std::exception& e) {
    spdlog::error("could not sign the published timestamp again: {}", e.what());
  }
}

json Hub::Impl::timestampStatus() {
  const auto current = readTimestamp(publishedDir / sync::kTimestampFile, secretKey);
  if (!current) return {{"version", 0}, {"published", false}};
  const long long left = current->expires - now();
  return {{"version", current->version},
          {"published", true},
          {"issued", isoTime(current->issued)},
          {"expires", isoTime(current->expires)},
          {"secondsLeft", left},
          {"expired", left <= 0},
          {"expiresSoon", left < settings.timestampWarnBefore.count()}};
}

void Hub::Impl::startRefresher() {
  refresher = std::jthread([this](std::stop_token stop) {
    std::mutex sleepMutex;
    std::unique_lock lock(sleepMutex);
    while (!stop.stop_requested()) {
      refreshTimestampIfDue(true);
      refresherWake.wait_for(lock, stop, settings.timestampCheckEvery, [] { return false; });
    }
  });
}

// ---------------------------------------------------------------------------------------
// [SECTION] published files under /content/
// ---------------------------------------------------------------------------------------

// Kiosks poll timestamp.json every few minutes: the answer is an ETag check against a
// cached copy (a stat, no read), so unchanged polls cost next to nothing.
void Hub::Impl::servePublished(const httplib::Request& req, httplib::Response& res) {
  const std::string relative = req.matches[1].str();
  static const std::regex allowed("^(timestamp\\.json|objects/[0-9a-f]{64})$");
  if (!std::regex_match(relative, allowed)) {
    sendError(res, 404, "not published");
    return;
  }
  if (relative == sync::kTimestampFile) refreshTimestampIfDue(false);  // polls keep it signed
  const fs::path file = publishedDir / relative;
  struct stat info{};
  if (::stat(file.c_str(), &info) != 0) {
    sendError(res, 404, "not published");
    return;
  }
  const long long mtimeNs = static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
  const long long size = static_cast<long long>(info.st_size);
  std::shared_ptr<const CachedFile> cached;
  {
    std::lock_guard lock(fileCacheMutex);
    if (auto it = fileCache.find(relative); it != fileCache.end() && it->second->mtimeNs == mtimeNs && it->second->size == size)
      cached = it->second;
  }
  if (!cached) {
    auto fresh = std::make_shared<CachedFile>();
    fresh->mtimeNs = mtimeNs;
    fresh->size = size;
    fresh->body = readFile(file);
    fresh->etag = "\"" + sync::sha256Hex(fresh->body).substr(0, 32) + "\"";
    cached = fresh;
    if (size <= 1024 * 1024) {  // objects are immutable and big: only small files stay cached
      std::lock_guard lock(fileCacheMutex);
      fileCache[relative] = fresh;
    }
  }
  const bool isTimestamp = relative == sync::kTimestampFile;
  res.set_header("ETag", cached->etag);
  res.set_header("Cache-Control", isTimestamp ? "no-cache" : "public, max-age=31536000, immutable");
  if (req.get_header_value("If-None-Match") == cached->etag) {
    res.status = 304;
    return;
  }
  res.set_content(cached->body, isTimestamp ? "application/json" : "application/octet-stream");
}

// ---------------------------------------------------------------------------------------
// [SECTION] Hub
// ---------------------------------------------------------------------------------------

void Hub::Impl::registerRoutes() {
  // Worker threads, body and header caps, timeouts and keep-alive: HardenedServer (httpLimits).
  server.set_mount_point("/", settings.webDir.string());
  server.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/content/", 0) == 0) return;  // published files: kept lean for polling kiosks
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
                   "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  });
  server.Get("/", [this](const httplib::Request&, httplib::Response& res) {
    guarded(res, [&] { res.set_content(readFile(settings.webDir / "index.html"), "text/html; charset=utf-8"); });
  });
  server.Get("/content/(.*)", [this](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] { servePublished(req, res); });
  });
  accountRoutes();
  contentRoutes();
  fileRoutes();
  publishingRoutes();
  fleetRoutes();
  // Any other path answers HardenedServer's JSON 404, which quotes nothing of the request.
}

Hub::Hub(HubSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}
Hub::~Hub() { stop(); }

HubDatabase& Hub::database() { return *impl_->db; }
const std::vector<RouteInfo>& Hub::routes() const { return impl_->routes; }
const HubSettings& Hub::settings() const { return impl_->settings; }

int Hub::bind() {
  const auto& s = impl_->settings;
  if (s.port == 0) {
    const int port = impl_->server.bind_to_any_port(s.host);
    if (port <= 0) throw HubError("cannot listen on " + s.host);
    return port;
  }
  if (!impl_->server.bind_to_port(s.host, s.port))
    throw HubError("cannot listen on " + s.host + ":" + std::to_string(s.port) + " (in use, or not an address of this machine)");
  return s.port;
}

void Hub::serve() {
  impl_->startRefresher();
  impl_->server.listen_after_bind();
}
void Hub::stop() {
  if (impl_ && impl_->server.is_running()) impl_->server.stop();
}

}  // namespace qtsc::hub
