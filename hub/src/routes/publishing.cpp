// Versions: the list, publishing the drafts, rolling back to a kept version.
#include "routes/handlers.hpp"
#include "support.hpp"

namespace qtsc::hub::publishing {

using nlohmann::json;

void versions(HubState& hub, Ctx& ctx) {
  json list = json::array();
  for (const auto& p : hub.db->publications())
    list.push_back({{"version", p.version}, {"at", isoTime(p.at)}, {"user", p.user}, {"note", p.note},
                    {"rolledBackTo", p.rolledBackTo}, {"restorable", hub.publishing->isKept(p.version)}});
  ctx.send({{"versions", list}, {"publicKey", hub.publishing->publicKeyHex()}, {"contentUrl", "/content/"}});
}

void publish(HubState& hub, Ctx& ctx) {
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  const std::string note = requiredText(body, "note", issues, 500);
  onlyFields(body, {"note"}, issues);
  refuseIfAny(issues);
  auto drafts = hub.drafts->lease();
  ctx.send(hub.publishing->publish(drafts, ctx.user(), note), 201);
}

void rollback(HubState& hub, Ctx& ctx) {
  long long version = 0;
  try {
    version = std::stoll(ctx.param(1));
  } catch (const std::exception&) {
    throw InvalidRequestError({FieldIssue{"version", "is a version number"}});
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
  ctx.send(hub.publishing->rollback(ctx.user(), version, note), 201);
}

}  // namespace qtsc::hub::publishing
