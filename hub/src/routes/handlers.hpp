// The API's handlers, one file of routes/ per group. Each is listed with its method, path
// and role in one place: addRoutes (route_table.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "qtsc/content/model.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/hub/errors.hpp"
#include "routes/state.hpp"

namespace qtsc::hub {

// ---- reading request fields (fields.cpp) ----
// Non-empty text of at most `maxBytes`; records an issue and returns "" otherwise.
std::string requiredText(const nlohmann::json& body, const std::string& field, std::vector<FieldIssue>& issues,
                         std::size_t maxBytes = 1024);
// Records an issue for each field of `body` not in `allowed`.
void onlyFields(const nlohmann::json& body, std::initializer_list<const char*> allowed, std::vector<FieldIssue>& issues);
// Throws InvalidRequestError when `issues` is not empty.
void refuseIfAny(const std::vector<FieldIssue>& issues);

namespace accounts {  // accounts.cpp: sign-in, sessions, accounts, API tokens
void login(HubState& hub, Ctx& ctx);
void logout(HubState& hub, Ctx& ctx);
void session(HubState& hub, Ctx& ctx);
void changeOwnPassword(HubState& hub, Ctx& ctx);
void setOwnLanguage(HubState& hub, Ctx& ctx);  // the admin page's language, kept on the account
void list(HubState& hub, Ctx& ctx);
void add(HubState& hub, Ctx& ctx);
void update(HubState& hub, Ctx& ctx);
void remove(HubState& hub, Ctx& ctx);
void listTokens(HubState& hub, Ctx& ctx);
void addToken(HubState& hub, Ctx& ctx);
void revokeToken(HubState& hub, Ctx& ctx);
}  // namespace accounts

namespace records {  // content.cpp: the park and each kind of record
// How one kind of record is listed, read, added, changed and removed.
struct KindOps {
  std::string path;  // "tenants"
  qtsc::content::RecordKind kind;
  std::function<nlohmann::json(qtsc::content::ContentStore&)> list;
  std::function<std::optional<nlohmann::json>(qtsc::content::ContentStore&, const std::string&)> get;
  std::function<std::string(qtsc::content::ContentStore&, const nlohmann::json&)> add;  // returns the id
  std::function<void(qtsc::content::ContentStore&, const nlohmann::json&)> update;
};
// Every kind of record the API edits, under /api/v1/content/<path>.
std::vector<KindOps> kinds();

void getPark(HubState& hub, Ctx& ctx);
void putPark(HubState& hub, Ctx& ctx);
// wayfinding.cpp: the walking-path network, edited as a whole, and the kiosk profiles.
void getPaths(HubState& hub, Ctx& ctx);
void putPaths(HubState& hub, Ctx& ctx);
KindOps profileKind();
void list(HubState& hub, Ctx& ctx, const KindOps& ops);
void get(HubState& hub, Ctx& ctx, const KindOps& ops);
void add(HubState& hub, Ctx& ctx, const KindOps& ops);
void update(HubState& hub, Ctx& ctx, const KindOps& ops);
void remove(HubState& hub, Ctx& ctx, const KindOps& ops);
}  // namespace records

namespace files {  // files.cpp: tenant CSV, uploads, previews, the map
void exportTenants(HubState& hub, Ctx& ctx);
void importTenants(HubState& hub, Ctx& ctx);
void upload(HubState& hub, Ctx& ctx);
void getUpload(HubState& hub, Ctx& ctx);
void pictureInfo(HubState& hub, Ctx& ctx);  // an upload's sizes and the records that use it
void preview(HubState& hub, Ctx& ctx);
void map(HubState& hub, Ctx& ctx);
void mapSvg(HubState& hub, Ctx& ctx);
}  // namespace files

namespace publishing {  // publishing.cpp: versions, publish, rollback
void versions(HubState& hub, Ctx& ctx);
void publish(HubState& hub, Ctx& ctx);
void rollback(HubState& hub, Ctx& ctx);
void preview(HubState& hub, Ctx& ctx);          // what a publish would change on the kiosks
void rollbackPreview(HubState& hub, Ctx& ctx);  // what a rollback to ?version=N would change
void listRequests(HubState& hub, Ctx& ctx);     // editors' requests to publish
void addRequest(HubState& hub, Ctx& ctx);
void approveRequest(HubState& hub, Ctx& ctx);   // publishes
void returnRequest(HubState& hub, Ctx& ctx);    // with the publisher's comment
}  // namespace publishing

namespace fleet {  // fleet.cpp: kiosk reports, pairing, usage, audit
void report(HubState& hub, Ctx& ctx);
void kiosks(HubState& hub, Ctx& ctx);
void pair(HubState& hub, Ctx& ctx);
void unpair(HubState& hub, Ctx& ctx);
void usage(HubState& hub, Ctx& ctx);
void dailyUsage(HubState& hub, Ctx& ctx);  // per kiosk per park day
void audit(HubState& hub, Ctx& ctx);
// fleet_live.cpp: pairing by code, the kiosks' command poll, screenshots, status, announcements
void startPairing(HubState& hub, Ctx& ctx);
void pairingResult(HubState& hub, Ctx& ctx);
void claimPairing(HubState& hub, Ctx& ctx);
void commands(HubState& hub, Ctx& ctx);
void uploadScreenshot(HubState& hub, Ctx& ctx);
void kioskStatus(HubState& hub, Ctx& ctx);
void requestSync(HubState& hub, Ctx& ctx);
void requestScreenshot(HubState& hub, Ctx& ctx);
void getScreenshot(HubState& hub, Ctx& ctx);
void listAnnouncements(HubState& hub, Ctx& ctx);
void addAnnouncement(HubState& hub, Ctx& ctx);
void withdrawAnnouncement(HubState& hub, Ctx& ctx);
}  // namespace fleet

}  // namespace qtsc::hub
