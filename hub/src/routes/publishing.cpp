// Versions: the list, publishing the drafts, rolling back to a kept version.
#include "routes/handlers.hpp"
#include "core/support.hpp"

namespace qtsc::hub::publishing {

using nlohmann::json;

namespace {

// A path or query parameter that must be a number 1..10^15 written in plain digits ("1abc",
// "-1", "0x10" and "" are refused), so a hostile value is named rather than half-read.
long long positiveNumber(const std::string& text, const char* field, const char* what) {
  const bool digits = !text.empty() && text.size() <= 15 && text.find_first_not_of("0123456789") == std::string::npos;
  const long long value = digits ? std::stoll(text) : 0;
  if (value <= 0) throw InvalidRequestError({FieldIssue{field, std::string("is ") + what + " (1 or more, digits only)"}});
  return value;
}

json requestJson(const PublishRequest& r) {
  return {{"id", r.id},          {"created", isoTime(r.created)},
          {"editor", r.editor},  {"note", r.note},
          {"state", r.state},    {"decidedBy", r.decidedBy},
          {"decidedAt", r.decidedAt ? json(isoTime(r.decidedAt)) : json(nullptr)},
          {"comment", r.comment}, {"version", r.version}};
}

// Bytes of a request's note and of a publisher's comment.
constexpr std::size_t kRequestTextBytes = 500;

std::string optionalText(const json& body, const char* field, std::vector<FieldIssue>& issues) {
  if (!body.is_object() || !body.contains(field)) return {};
  const json& value = body[field];
  if (!value.is_string()) {
    issues.push_back({field, "is text"});
    return {};
  }
  if (value.get_ref<const std::string&>().size() > kRequestTextBytes) {
    issues.push_back({field, "is too long (at most " + std::to_string(kRequestTextBytes) + " bytes)"});
    return {};
  }
  return value.get<std::string>();
}

}  // namespace

void preview(HubState& hub, Ctx& ctx) {
  auto drafts = hub.drafts->lease();
  ctx.send(hub.publishing->preview(drafts));
}

void rollbackPreview(HubState& hub, Ctx& ctx) {
  if (!ctx.req.has_param("version"))
    throw InvalidRequestError({FieldIssue{"version", "is required: the version to roll back to (?version=N)"}});
  if (ctx.req.get_param_value_count("version") != 1)
    throw InvalidRequestError({FieldIssue{"version", "is given once"}});
  const long long version = positiveNumber(ctx.req.get_param_value("version"), "version", "a version number");
  ctx.send(hub.publishing->rollbackPreview(version));
}

void listRequests(HubState& hub, Ctx& ctx) {
  json list = json::array();
  for (const auto& r : hub.db->publishRequests(50)) list.push_back(requestJson(r));
  ctx.send({{"requests", list}});
}

void addRequest(HubState& hub, Ctx& ctx) {
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  onlyFields(body, {"note"}, issues);
  const std::string note = optionalText(body, "note", issues);
  refuseIfAny(issues);
  const long long id = hub.db->addPublishRequest(ctx.user(), note);
  const auto request = hub.db->publishRequest(id);
  hub.db->audit(ctx.user(), "request-publish", "publish-request", std::to_string(id), nullptr, requestJson(*request));
  ctx.send(requestJson(*request), 201);
}

// Approving publishes the drafts as they are now, with the request's note.
void approveRequest(HubState& hub, Ctx& ctx) {
  const long long id = positiveNumber(ctx.param(1), "id", "a request number");
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  onlyFields(body, {"comment"}, issues);
  const std::string comment = optionalText(body, "comment", issues);
  refuseIfAny(issues);
  const auto before = hub.db->publishRequest(id);
  hub.db->decidePublishRequest(id, "approved", ctx.user(), comment);  // the one approval: 409 for any later one
  json summary;
  try {
    auto drafts = hub.drafts->lease();
    const std::string note = before->note.empty() ? "Request " + std::to_string(id) + " by " + before->editor
                                                  : before->note + " (request " + std::to_string(id) + " by " + before->editor + ")";
    summary = hub.publishing->publish(drafts, ctx.user(), note);
  } catch (...) {
    hub.db->reopenPublishRequest(id);
    throw;
  }
  hub.db->setPublishRequestVersion(id, summary["version"].get<long long>());
  const auto after = hub.db->publishRequest(id);
  hub.db->audit(ctx.user(), "approve", "publish-request", std::to_string(id), requestJson(*before), requestJson(*after));
  ctx.send({{"request", requestJson(*after)}, {"published", summary}}, 201);
}

void returnRequest(HubState& hub, Ctx& ctx) {
  const long long id = positiveNumber(ctx.param(1), "id", "a request number");
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  onlyFields(body, {"comment"}, issues);
  const std::string comment = requiredText(body, "comment", issues, kRequestTextBytes);
  refuseIfAny(issues);
  const auto before = hub.db->publishRequest(id);
  hub.db->decidePublishRequest(id, "returned", ctx.user(), comment);
  const auto after = hub.db->publishRequest(id);
  hub.db->audit(ctx.user(), "return", "publish-request", std::to_string(id), requestJson(*before), requestJson(*after));
  ctx.send(requestJson(*after));
}

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
  const long long version = positiveNumber(ctx.param(1), "version", "a version number");
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
