// The fleet's live side: pairing by the code a kiosk shows, what kiosks fetch and send with
// their report key (commands, screenshots, status), what staff ask of kiosks, announcements.
// Why pairing by code is safe: hub/API.md, "Pairing by code".
// [SECTION] pairing by code
// [SECTION] what kiosks fetch and send with their key
// [SECTION] what staff ask of kiosks
// [SECTION] announcements
#include <algorithm>

#include "http/auth.hpp"
#include "qtsc/hub/images.hpp"
#include "qtsc/sync/fleet.hpp"
#include "routes/handlers.hpp"
#include "service/fleet_service.hpp"
#include "core/support.hpp"

namespace qtsc::hub::fleet {

using nlohmann::json;
namespace fl = sync::fleet;

namespace {

// The kiosk named in the path, checked against the report key it sends as a bearer token.
std::string kioskWithKey(HubState& hub, Ctx& ctx) {
  const std::string id = ctx.param(1);
  const std::string key = bearerToken(ctx.req);
  if (!isKioskName(id) || !hub.db->kioskKeyMatches(id, key))
    throw UnauthorizedError(key.empty() ? std::string("a kiosk sends its report key (Authorization: Bearer KEY)")
                                        : "that is not the key of kiosk '" + id + "': pair the kiosk again",
                            "kiosk_key", {{"kiosk", id}});
  return id;
}

void refuseRate(Ctx& ctx, long long retryAfter, const std::string& message, const std::string& code,
                const MessageParams& params = {}) {
  ctx.res.set_header("Retry-After", std::to_string(retryAfter));
  sendError(ctx.res, 429, message, code, params);
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] pairing by code
// ---------------------------------------------------------------------------------------

// A kiosk that is not paired asks for a pairing with its new pairing key. Open to anyone,
// so rate-limited per address and capped in all (see hub/API.md, "Pairing by code").
void startPairing(HubState& hub, Ctx& ctx) {
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  onlyFields(body, {"kioskKey", "proposedId"}, issues);
  fl::BoxPublicKey kioskKey{};
  try {
    kioskKey = fl::parseBoxPublicKey(body.is_object() && body.contains("kioskKey") && body["kioskKey"].is_string()
                                         ? body["kioskKey"].get<std::string>()
                                         : std::string());
  } catch (const std::exception&) {
    issues.push_back({"kioskKey", "is the kiosk's X25519 pairing key, 64 hex digits", "pairing_key"});
  }
  std::string proposed;
  if (body.is_object() && body.contains("proposedId")) {
    proposed = body["proposedId"].is_string() ? body["proposedId"].get<std::string>() : std::string("?");
    if (!isKioskName(proposed)) issues.push_back({"proposedId", std::string("is a kiosk name: ") + kKioskNameRule, "kiosk_name"});
  }
  refuseIfAny(issues);
  const auto start = hub.fleet->startPairing(kioskKey, proposed, clientAddress(ctx.req, hub.settings.trustedProxies));
  const long long wait = hub.settings.pairingLifetime.count();
  if (start.refusal == PairingRefusal::TooManyPending)
    return refuseRate(ctx, 60, "too many kiosks are waiting to be paired; try again in a minute", "pairing_full");
  if (start.refusal == PairingRefusal::TooManyFromAddress)
    return refuseRate(ctx, wait, "this address asked for too many pairings; try again in " + std::to_string(wait / 60) + " minutes",
                      "pairing_rate", {{"minutes", std::to_string(wait / 60)}});
  ctx.send(start.answer, 201);
}

// The kiosk asks whether its code was typed. The answer's report key is sealed to the
// kiosk's pairing key, so the request id alone gives nothing away.
void pairingResult(HubState& hub, Ctx& ctx) {
  const auto [status, body] = hub.fleet->pairingResult(ctx.param(1));
  ctx.send(body, status);
}

// An admin types the code the kiosk shows; `id` names the kiosk (default: the id it proposed).
void claimPairing(HubState& hub, Ctx& ctx) {
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  onlyFields(body, {"code", "id"}, issues);
  const std::string typed = body.is_object() && body.contains("code") && body["code"].is_string() ? body["code"].get<std::string>() : "";
  const std::string code = fl::normalisePairingCode(typed);
  if (code.empty()) issues.push_back({"code", "is the 8 letters and digits the kiosk shows, like 7KQ2-M9XA", "pairing_code"});
  std::string id = body.is_object() && body.contains("id") && body["id"].is_string() ? body["id"].get<std::string>() : "";
  if (!id.empty() && !isKioskName(id)) issues.push_back({"id", std::string("name the kiosk with ") + kKioskNameRule, "kiosk_name"});
  refuseIfAny(issues);
  if (id.empty()) {
    const auto proposed = hub.fleet->proposedIdFor(code);
    if (proposed && !proposed->empty()) id = *proposed;
    else if (proposed) throw InvalidRequestError({FieldIssue{"id", "this kiosk proposes no name: give it one", "kiosk_no_name"}});
  }
  bool replaced = false;
  if (!id.empty()) {
    const auto known = hub.db->kiosks();
    replaced = std::any_of(known.begin(), known.end(), [&id](const KioskState& k) { return k.id == id && k.paired; });
  }
  const auto claim = hub.fleet->claim(code, id, [&hub](const std::string& kioskId) { return hub.db->pairKiosk(kioskId); });
  if (claim.refusal == PairingRefusal::TooManyWrongCodes)
    return refuseRate(ctx, hub.settings.pairingLifetime.count(),
                      "too many wrong pairing codes were typed; wait " + std::to_string(hub.settings.pairingLifetime.count() / 60) +
                          " minutes, then type the code the kiosk shows now",
                      "pairing_codes_rate", {{"minutes", std::to_string(hub.settings.pairingLifetime.count() / 60)}});
  if (claim.refusal == PairingRefusal::WrongCode)
    return sendError(ctx.res, 404,
                     "no kiosk is showing code " + fl::formatPairingCode(code) + ": codes last " +
                         std::to_string(hub.settings.pairingLifetime.count() / 60) +
                         " minutes and work once; check the code on the kiosk's screen",
                     "pairing_code_unknown",
                     {{"code", fl::formatPairingCode(code)}, {"minutes", std::to_string(hub.settings.pairingLifetime.count() / 60)}});
  hub.db->audit(ctx.user(), "pair", "kiosk", claim.kioskId, nullptr,
                {{"id", claim.kioskId}, {"byCode", true}, {"kioskKeyId", claim.kioskKeyId}});
  ctx.send({{"id", claim.kioskId}, {"kioskKeyId", claim.kioskKeyId}, {"replaced", replaced}}, 201);
}

// ---------------------------------------------------------------------------------------
// [SECTION] what kiosks fetch and send with their key
// ---------------------------------------------------------------------------------------

// The poll every kiosk makes every few seconds: small, and a 304 when nothing changed.
void commands(HubState& hub, Ctx& ctx) {
  const std::string id = kioskWithKey(hub, ctx);
  const auto [body, etag] = hub.fleet->commands(id);
  ctx.res.set_header("ETag", etag);
  ctx.res.set_header("Cache-Control", "no-store");
  if (ctx.req.get_header_value("If-None-Match") == etag) {
    ctx.res.status = 304;
    return;
  }
  ctx.res.status = 200;
  ctx.res.set_content(body, "application/json");
}

void uploadScreenshot(HubState& hub, Ctx& ctx) {
  const std::string id = kioskWithKey(hub, ctx);
  if (ctx.req.body.size() > fl::kMaxScreenshotBytes)
    return sendError(ctx.res, 413,
                     "a screenshot is at most " + std::to_string(fl::kMaxScreenshotBytes) + " bytes; this one is " +
                         std::to_string(ctx.req.body.size()),
                     "screenshot_bytes",
                     {{"max", std::to_string(fl::kMaxScreenshotBytes)}, {"size", std::to_string(ctx.req.body.size())}});
  const StoredImage image = normaliseImage(ctx.req.body, ImageLimits{.maxPixels = 4'000'000, .maxSide = 2048});
  if (image.extension != "png") throw InvalidRequestError({FieldIssue{"file", "a screenshot is a PNG", "screenshot_png"}});
  hub.fleet->storeScreenshot(id, image.bytes, image.width, image.height);
  ctx.send({{"ok", true}, {"width", image.width}, {"height", image.height}}, 201);
}

// {uptimeSeconds, softwareVersion, group, profile, screen, warnings}: shown on the kiosk's row
// of the fleet page (`screen` is what it shows: "home", "place:steamzone", ...).
void kioskStatus(HubState& hub, Ctx& ctx) {
  const std::string id = kioskWithKey(hub, ctx);
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  onlyFields(body, {"uptimeSeconds", "softwareVersion", "group", "profile", "screen", "warnings"}, issues);
  json status = json::object();
  if (body.contains("uptimeSeconds")) {
    if (!body["uptimeSeconds"].is_number_integer() || body["uptimeSeconds"].get<long long>() < 0)
      issues.push_back({"uptimeSeconds", "is whole seconds since the kiosk started", "uptime"});
    else
      status["uptimeSeconds"] = body["uptimeSeconds"];
  }
  for (const char* field : {"softwareVersion", "group", "profile", "screen"})
    if (body.contains(field)) {
      if (!body[field].is_string() || body[field].get<std::string>().size() > fl::kStatusTextBytes)
        issues.push_back({field, "is text of at most " + std::to_string(fl::kStatusTextBytes) + " bytes", "text_too_long",
                           {{"max", std::to_string(fl::kStatusTextBytes)}}});
      else
        status[field] = body[field];
    }
  if (body.contains("warnings")) {
    const json& warnings = body["warnings"];
    if (!warnings.is_array() || warnings.size() > fl::kMaxStatusWarnings) {
      issues.push_back({"warnings", "is a list of at most " + std::to_string(fl::kMaxStatusWarnings) + " lines", "warnings_list",
                        {{"max", std::to_string(fl::kMaxStatusWarnings)}}});
    } else {
      status["warnings"] = json::array();
      for (const auto& w : warnings)
        if (!w.is_string() || w.get<std::string>().size() > fl::kStatusWarningBytes)
          issues.push_back({"warnings", "holds a line that is not text of at most " + std::to_string(fl::kStatusWarningBytes) + " bytes",
                             "warning_line", {{"max", std::to_string(fl::kStatusWarningBytes)}}});
        else
          status["warnings"].push_back(w);
    }
  }
  refuseIfAny(issues);
  hub.fleet->setStatus(id, status);
  ctx.send({{"ok", true}});
}

// ---------------------------------------------------------------------------------------
// [SECTION] what staff ask of kiosks
// ---------------------------------------------------------------------------------------

namespace {
std::string knownKiosk(HubState& hub, const Ctx& ctx) {
  const std::string id = ctx.param(1);
  const auto known = hub.db->kiosks();
  if (std::none_of(known.begin(), known.end(), [&id](const KioskState& k) { return k.id == id && k.paired; }))
    throw ConflictError("no kiosk named '" + id + "' is paired", "kiosk_not_paired", {{"id", id}});
  return id;
}
}  // namespace

void requestSync(HubState& hub, Ctx& ctx) {
  const std::string id = knownKiosk(hub, ctx);
  hub.fleet->requestSync(id);
  ctx.send({{"ok", true}, {"withinSeconds", hub.settings.commandPollSeconds}}, 202);
}

void requestScreenshot(HubState& hub, Ctx& ctx) {
  const std::string id = knownKiosk(hub, ctx);
  hub.fleet->requestScreenshot(id);
  ctx.send({{"ok", true}, {"withinSeconds", hub.settings.commandPollSeconds}}, 202);
}

void getScreenshot(HubState& hub, Ctx& ctx) {
  const auto shot = hub.fleet->screenshot(ctx.param(1));
  if (!shot)
    return sendError(ctx.res, 404, "kiosk '" + ctx.param(1) + "' has sent no screenshot yet", "screenshot_none", {{"kiosk", ctx.param(1)}});
  ctx.res.set_header("X-Screenshot-Time", isoTime(shot->second));
  ctx.res.set_header("Cache-Control", "no-store");
  ctx.res.set_content(readFile(shot->first), "image/png");
}

// ---------------------------------------------------------------------------------------
// [SECTION] announcements
// ---------------------------------------------------------------------------------------

void listAnnouncements(HubState& hub, Ctx& ctx) {
  ctx.send({{"announcements", hub.fleet->announcements()}, {"maxTextBytes", fl::kAnnouncementTextBytes},
            {"longestSeconds", fl::kLongestAnnouncementSeconds}});
}

void addAnnouncement(HubState& hub, Ctx& ctx) {
  const json added = hub.fleet->addAnnouncement(ctx.body(), ctx.user());
  hub.db->audit(ctx.user(), "add", "announcement", added["id"], nullptr, added);
  ctx.send(added, 201);
}

void withdrawAnnouncement(HubState& hub, Ctx& ctx) {
  hub.fleet->withdrawAnnouncement(ctx.param(1));
  hub.db->audit(ctx.user(), "delete", "announcement", ctx.param(1), nullptr, nullptr);
  ctx.send({{"ok", true}});
}

}  // namespace qtsc::hub::fleet
