// Sign-in, sessions, accounts and API tokens.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>

#include "core/safe_text.hpp"
#include "routes/handlers.hpp"
#include "core/support.hpp"

namespace qtsc::hub::accounts {

using nlohmann::json;

namespace {
json accountJson(const Account& a) {
  return {{"name", a.name}, {"role", toString(a.role)}, {"created", isoTime(a.created)}};
}

// The language codes the admin page has catalogues for, as WEB/lang/languages.json lists
// them: a language is added by adding its catalogue and listing it there.
std::vector<std::string> pageLanguages(const HubState& hub) {
  std::vector<std::string> codes;
  std::ifstream in(hub.settings.webDir / "lang" / "languages.json");
  const json index = json::parse(in, nullptr, false);
  if (index.is_object() && index.contains("languages") && index["languages"].is_array())
    for (const auto& l : index["languages"])
      if (l.is_object() && l.contains("code") && l["code"].is_string()) codes.push_back(l["code"].get<std::string>());
  return codes;
}

// A password check in one of settings.maxConcurrentHashes slots (PasswordChecks).
bool checkPassword(HubState& hub, const std::string& name, const std::string& password) {
  return hub.passwordChecks->run([&] { return hub.db->checkPassword(name, password); });
}
}  // namespace

void login(HubState& hub, Ctx& ctx) {
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  const std::string name = requiredText(body, "name", issues, 64);
  const std::string password = requiredText(body, "password", issues);
  onlyFields(body, {"name", "password"}, issues);
  refuseIfAny(issues);
  const std::string address = clientAddress(ctx.req, hub.settings.trustedProxies);
  const auto decision = hub.throttle->begin(name, address);
  if (!decision.allowed) {
    ctx.res.set_header("Retry-After", std::to_string(decision.retryAfterSeconds));
    sendError(ctx.res, 429, "too many failed sign-ins; try again in " + std::to_string(decision.retryAfterSeconds) + " s",
              "sign_in_rate", {{"seconds", std::to_string(decision.retryAfterSeconds)}});
    return;
  }
  bool right = false;
  try {
    right = checkPassword(hub, name, password);
  } catch (const UnavailableError&) {
    hub.throttle->cancelled(name, address);  // not checked: the attempt does not count
    ctx.res.set_header("Retry-After", "2");
    throw;
  }
  if (!right) {
    hub.throttle->failed(name, address);
    spdlog::warn("failed sign-in as {} from {}", logQuote(name), address);
    hub.db->audit(name, "sign-in-failed", "session", name, nullptr, json{{"address", address}});
    throw UnauthorizedError("the name or the password is wrong", "sign_in_wrong");
  }
  hub.throttle->succeeded(name, address);
  hub.db->audit(name, "sign-in", "session", name, nullptr, json{{"address", address}});
  const auto [token, csrf] = hub.db->createSession(name, hub.settings.sessionLifetime.count());
  ctx.res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                       std::to_string(hub.settings.sessionLifetime.count()) +
                                       (hub.settings.secureCookies || viaHttps(ctx.req) ? "; Secure" : ""));
  const auto account = hub.db->account(name);
  ctx.send({{"user", name}, {"role", toString(account->role)}, {"csrfToken", csrf}, {"language", account->language}});
}

void logout(HubState& hub, Ctx& ctx) {
  hub.db->endSession(cookieValue(ctx.req, kSessionCookie));
  ctx.res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  ctx.send({{"ok", true}});
}

void session(HubState& hub, Ctx& ctx) {
  const auto account = hub.db->account(ctx.who->user);
  ctx.send({{"user", ctx.who->user}, {"role", toString(ctx.who->role)}, {"csrfToken", ctx.who->csrfToken},
            {"language", account ? account->language : ""}});
}

void setOwnLanguage(HubState& hub, Ctx& ctx) {
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  const std::string language = requiredText(body, "language", issues, 16);
  onlyFields(body, {"language"}, issues);
  const auto codes = pageLanguages(hub);
  if (!language.empty() && std::find(codes.begin(), codes.end(), language) == codes.end()) {
    std::string list;
    for (const auto& c : codes) list += (list.empty() ? "" : ", ") + c;
    issues.push_back({"language", "is one of the admin page's languages: " + list, "language_choice", {{"languages", list}}});
  }
  refuseIfAny(issues);
  hub.db->setLanguage(ctx.user(), language);
  ctx.send({{"language", language}});
}

void changeOwnPassword(HubState& hub, Ctx& ctx) {
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  const std::string current = requiredText(body, "current", issues);
  const std::string password = requiredText(body, "password", issues);
  onlyFields(body, {"current", "password"}, issues);
  refuseIfAny(issues);
  if (!checkPassword(hub, ctx.user(), current)) {
    throw InvalidRequestError({FieldIssue{"current", "this is not your current password", "current_password_wrong"}});
  }
  // Sessions end and API tokens stop working: whoever knew the old password is out.
  const AccountChange change = hub.db->setPassword(ctx.user(), password);
  hub.db->audit(ctx.user(), "password", "account", ctx.user(), nullptr,
                json{{"revokedTokens", change.revokedTokens}, {"endedSessions", change.endedSessions}});
  ctx.send({{"ok", true}, {"revokedTokens", change.revokedTokens}, {"endedSessions", change.endedSessions}});
}

void list(HubState& hub, Ctx& ctx) {
  json list = json::array();
  for (const auto& a : hub.db->accounts()) list.push_back(accountJson(a));
  ctx.send(list);
}

void add(HubState& hub, Ctx& ctx) {
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  const std::string name = requiredText(body, "name", issues, 64);
  const std::string roleText = requiredText(body, "role", issues, 16);
  const std::string password = requiredText(body, "password", issues);
  onlyFields(body, {"name", "role", "password"}, issues);
  const auto role = roleFromString(roleText);
  if (!roleText.empty() && !role) issues.push_back({"role", "is one of editor, publisher, admin", "role_choice"});
  refuseIfAny(issues);
  hub.db->addAccount(name, *role, password);
  const json after = accountJson(*hub.db->account(name));
  hub.db->audit(ctx.user(), "create", "account", name, nullptr, after);
  ctx.send(after, 201);
}

void update(HubState& hub, Ctx& ctx) {
  const std::string name = ctx.param(1);
  const auto before = hub.db->account(name);
  if (!before) throw ConflictError("no account named '" + name + "'", "account_unknown", {{"name", name}});
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  onlyFields(body, {"role", "password"}, issues);
  std::optional<Role> role;
  if (body.contains("role")) {
    role = body["role"].is_string() ? roleFromString(body["role"].get<std::string>()) : std::nullopt;
    if (!role) issues.push_back({"role", "is one of editor, publisher, admin", "role_choice"});
  }
  std::optional<std::string> password;
  if (body.contains("password")) password = requiredText(body, "password", issues);
  refuseIfAny(issues);
  // The last-admin check and the change are one transaction; a new password revokes the
  // account's tokens and ends its sessions.
  const AccountChange change = hub.db->updateAccount(name, role, password);
  json after = accountJson(change.after);
  hub.db->audit(ctx.user(), password ? "update+password" : "update", "account", name, accountJson(change.before), after);
  if (password) {
    after["revokedTokens"] = change.revokedTokens;
    after["endedSessions"] = change.endedSessions;
  }
  ctx.send(after);
}

void remove(HubState& hub, Ctx& ctx) {
  const std::string name = ctx.param(1);
  const Account before = hub.db->removeAccount(name);  // refuses the last admin in the same transaction
  hub.db->audit(ctx.user(), "delete", "account", name, accountJson(before), nullptr);
  ctx.send({{"ok", true}});
}

void listTokens(HubState& hub, Ctx& ctx) { ctx.send(hub.db->apiTokens(ctx.user())); }

void addToken(HubState& hub, Ctx& ctx) {
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  const std::string label = requiredText(body, "label", issues, 100);
  onlyFields(body, {"label", "expiresInDays"}, issues);
  long long expires = 0;  // never
  if (const auto it = body.find("expiresInDays"); it != body.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > 3650)
      issues.push_back({"expiresInDays", "is a whole number of days from 1 to 3650, or null for no expiry", "token_days", {{"max", "3650"}}});
    else
      expires = hub.now() + it->get<long long>() * 86400;
  }
  refuseIfAny(issues);
  const std::string token = hub.db->createApiToken(ctx.user(), label, expires);
  const json expiry = expires ? json(isoTime(expires)) : json(nullptr);
  hub.db->audit(ctx.user(), "create", "token", label, nullptr, json{{"label", label}, {"expires", expiry}});
  ctx.send({{"token", token}, {"label", label}, {"expires", expiry}}, 201);
}

void revokeToken(HubState& hub, Ctx& ctx) {
  long long id = 0;
  try {
    id = std::stoll(ctx.param(1));
  } catch (const std::exception&) {
    throw InvalidRequestError({FieldIssue{"id", "is a token number", "token_number"}});
  }
  hub.db->revokeApiToken(ctx.user(), id);
  hub.db->audit(ctx.user(), "delete", "token", std::to_string(id), nullptr, nullptr);
  ctx.send({{"ok", true}});
}

}  // namespace qtsc::hub::accounts
