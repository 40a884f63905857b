// Every route of the hub, with its method, path, who may use it and its handler. A new
// route is one line here and a handler in the file of its group (routes/handlers.hpp).
#include "routes/route_table.hpp"

#include "routes/handlers.hpp"
#include "routes/schema.hpp"
#include "core/support.hpp"

namespace qtsc::hub {

void addRoutes(Router& router, HubState& hub) {
  using Handler = void (*)(HubState&, Ctx&);
  auto add = [&router, &hub](const char* method, const std::string& path, std::optional<Role> role, Handler handler) {
    router.add(method, path, role, [&hub, handler](Ctx& ctx) { handler(hub, ctx); });
  };
  const std::optional<Role> anyone;  // no account: signing in, and kiosks with their own key
  const std::string p = kParam;      // one path parameter

  // ---- pages and published files (no access check; kept lean for polling kiosks) ----
  router.page("/", [&hub](const httplib::Request&, httplib::Response& res) {
    res.set_content(readFile(hub.settings.webDir / "index.html"), "text/html; charset=utf-8");
  });
  router.page("/content/(.*)", [&hub](const httplib::Request& req, httplib::Response& res) { hub.publishedFiles->serve(req, res); });

  // ---- session and accounts ----
  add("POST",   "/api/v1/login",              anyone,          accounts::login);
  add("POST",   "/api/v1/logout",             Role::Editor,    accounts::logout);
  add("GET",    "/api/v1/session",            Role::Editor,    accounts::session);
  add("GET",    "/api/v1/schema",             Role::Editor,    schema::get);  // the forms' kinds, fields and limits
  add("PUT",    "/api/v1/me/password",        Role::Editor,    accounts::changeOwnPassword);
  add("PUT",    "/api/v1/me/language",        Role::Editor,    accounts::setOwnLanguage);
  add("GET",    "/api/v1/accounts",           Role::Admin,     accounts::list);
  add("POST",   "/api/v1/accounts",           Role::Admin,     accounts::add);
  add("PUT",    "/api/v1/accounts/" + p,      Role::Admin,     accounts::update);
  add("DELETE", "/api/v1/accounts/" + p,      Role::Admin,     accounts::remove);
  add("GET",    "/api/v1/tokens",             Role::Editor,    accounts::listTokens);
  add("POST",   "/api/v1/tokens",             Role::Editor,    accounts::addToken);
  add("DELETE", "/api/v1/tokens/" + p,        Role::Editor,    accounts::revokeToken);

  // ---- content records: the park, then each kind under /api/v1/content/<kind> ----
  add("GET",    "/api/v1/content/park",       Role::Editor,    records::getPark);
  add("PUT",    "/api/v1/content/park",       Role::Editor,    records::putPark);
  add("GET",    "/api/v1/content/paths",      Role::Editor,    records::getPaths);
  add("PUT",    "/api/v1/content/paths",      Role::Editor,    records::putPaths);
  std::vector<records::KindOps> kinds = records::kinds();
  kinds.push_back(records::profileKind());  // wayfinding.cpp
  for (const auto& kind : kinds) {
    const std::string base = "/api/v1/content/" + kind.path;
    auto with = [&hub, kind](void (*handler)(HubState&, Ctx&, const records::KindOps&)) {
      return [&hub, kind, handler](Ctx& ctx) { handler(hub, ctx, kind); };
    };
    router.add("GET",    base,           Role::Editor, with(records::list));
    router.add("GET",    base + "/" + p, Role::Editor, with(records::get));
    router.add("POST",   base,           Role::Editor, with(records::add));
    router.add("PUT",    base + "/" + p, Role::Editor, with(records::update));
    router.add("DELETE", base + "/" + p, Role::Editor, with(records::remove));
  }

  // ---- files: tenant CSV, uploads, previews ----
  add("GET",    "/api/v1/tenants.csv",        Role::Editor,    files::exportTenants);
  add("POST",   "/api/v1/tenants.csv",        Role::Editor,    files::importTenants);
  add("POST",   "/api/v1/assets",             Role::Editor,    files::upload);
  add("GET",    "/api/v1/assets/" + p,        Role::Editor,    files::getUpload);
  add("GET",    "/api/v1/pictures/" + p,      Role::Editor,    files::pictureInfo);
  add("GET",    "/api/v1/preview/" + p + "/" + p, Role::Editor, files::preview);

  // ---- publishing ----
  add("GET",    "/api/v1/versions",           Role::Editor,    publishing::versions);
  add("POST",   "/api/v1/publish",            Role::Publisher, publishing::publish);
  add("POST",   "/api/v1/versions/" + p + "/rollback", Role::Publisher, publishing::rollback);
  add("GET",    "/api/v1/publish/preview",    Role::Editor,    publishing::preview);
  add("GET",    "/api/v1/rollback/preview",   Role::Publisher, publishing::rollbackPreview);  // ?version=N
  add("GET",    "/api/v1/publish/requests",   Role::Editor,    publishing::listRequests);
  add("POST",   "/api/v1/publish/requests",   Role::Editor,    publishing::addRequest);
  add("POST",   "/api/v1/publish/requests/" + p + "/approve", Role::Publisher, publishing::approveRequest);
  add("POST",   "/api/v1/publish/requests/" + p + "/return",  Role::Publisher, publishing::returnRequest);

  // ---- fleet: kiosk reports, pairing, usage, audit, the map ----
  add("POST",   "/api/v1/reports",            anyone,          fleet::report);
  add("GET",    "/api/v1/kiosks",             Role::Editor,    fleet::kiosks);
  add("POST",   "/api/v1/kiosks",             Role::Admin,     fleet::pair);
  add("DELETE", "/api/v1/kiosks/" + p,        Role::Admin,     fleet::unpair);
  add("GET",    "/api/v1/usage",              Role::Editor,    fleet::usage);
  add("GET",    "/api/v1/usage/daily",        Role::Editor,    fleet::dailyUsage);  // ?days=N
  add("GET",    "/api/v1/audit",              Role::Admin,     fleet::audit);
  // pairing by code (hub/API.md explains why it is safe), then what kiosks poll and send with their key
  add("POST",   "/api/v1/pairing",            anyone,          fleet::startPairing);
  add("GET",    "/api/v1/pairing/" + p,       anyone,          fleet::pairingResult);
  add("POST",   "/api/v1/pairing/claim",      Role::Admin,     fleet::claimPairing);
  add("GET",    "/api/v1/kiosks/" + p + "/commands",   anyone, fleet::commands);
  add("POST",   "/api/v1/kiosks/" + p + "/screenshot", anyone, fleet::uploadScreenshot);
  add("POST",   "/api/v1/kiosks/" + p + "/status",     anyone, fleet::kioskStatus);
  add("POST",   "/api/v1/kiosks/" + p + "/sync-now",   Role::Editor, fleet::requestSync);
  add("POST",   "/api/v1/kiosks/" + p + "/screenshot-request", Role::Editor, fleet::requestScreenshot);
  add("GET",    "/api/v1/kiosks/" + p + "/screenshot.png",     Role::Editor, fleet::getScreenshot);
  add("GET",    "/api/v1/announcements",      Role::Editor,    fleet::listAnnouncements);
  add("POST",   "/api/v1/announcements",      Role::Publisher, fleet::addAnnouncement);
  add("DELETE", "/api/v1/announcements/" + p, Role::Publisher, fleet::withdrawAnnouncement);
  add("GET",    "/api/v1/map",                Role::Editor,    files::map);
  add("GET",    "/api/v1/map.svg",            Role::Editor,    files::mapSvg);

  // Any other path answers HardenedServer's JSON 404, which quotes nothing of the request.
}

}  // namespace qtsc::hub
