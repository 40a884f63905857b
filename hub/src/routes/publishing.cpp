// Versions: the list, publishing the drafts, rolling back to a kept version.
#include <limits>
#include <map>

#include "routes/handlers.hpp"
#include "core/support.hpp"

namespace qtsc::hub::publishing {

using nlohmann::json;

namespace {

// A path or query parameter that must be a number 1..10^15 written in plain digits ("1abc",
// "-1", "0x10" and "" are refused), so a hostile value is named rather than half-read.
long long positiveNumber(const std::string& text, const char* field, const char* what, const char* code) {
  const bool digits = !text.empty() && text.size() <= 15 && text.find_first_not_of("0123456789") == std::string::npos;
  const long long value = digits ? std::stoll(text) : 0;
  if (value <= 0) throw InvalidRequestError({FieldIssue{field, std::string("is ") + what + " (1 or more, digits only)", code}});
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
    issues.push_back({field, "is text", "text"});
    return {};
  }
  if (value.get_ref<const std::string&>().size() > kRequestTextBytes) {
    issues.push_back({field, "is too long (at most " + std::to_string(kRequestTextBytes) + " bytes)", "text_too_long",
                      {{"max", std::to_string(kRequestTextBytes)}}});
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
    throw InvalidRequestError({FieldIssue{"version", "is required: the version to roll back to (?version=N)", "rollback_version"}});
  if (ctx.req.get_param_value_count("version") != 1)
    throw InvalidRequestError({FieldIssue{"version", "is given once", "param_repeated"}});
  const long long version = positiveNumber(ctx.req.get_param_value("version"), "version", "a version number", "version_number");
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
  const long long id = positiveNumber(ctx.param(1), "id", "a request number", "request_number");
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
    // The version's note is the editor's own; which request it was is told by the request's
    // version and shown in the page's language (server.request_note).
    summary = hub.publishing->publish(drafts, ctx.user(), before->note);
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
  const long long id = positiveNumber(ctx.param(1), "id", "a request number", "request_number");
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

namespace {

// What staff wrote, without the English line an earlier hub put before it for a rollback or an
// approved request ("Rollback to version 2: ...", "... (request 3 by an)"): that line is now a
// message code the page renders in its own language.
std::string staffNote(std::string note, const Publication& p, const PublishRequest* request) {
  if (p.rolledBackTo > 0) {
    const std::string line = "Rollback to version " + std::to_string(p.rolledBackTo);
    if (note.rfind(line, 0) == 0) {
      note.erase(0, line.size());
      if (note.rfind(": ", 0) == 0) note.erase(0, 2);
    }
  } else if (request != nullptr) {
    const std::string alone = "Request " + std::to_string(request->id) + " by " + request->editor;
    const std::string after = " (request " + std::to_string(request->id) + " by " + request->editor + ")";
    if (note == alone) note.clear();
    else if (note.size() > after.size() && note.compare(note.size() - after.size(), after.size(), after) == 0)
      note.erase(note.size() - after.size());
  }
  return note;
}

}  // namespace

void versions(HubState& hub, Ctx& ctx) {
  std::map<long long, PublishRequest> approvedBy;  // version -> the request whose approval published it
  for (auto& r : hub.db->publishRequests(std::numeric_limits<int>::max()))
    if (r.state == "approved" && r.version > 0) approvedBy.emplace(r.version, std::move(r));
  json list = json::array();
  for (const auto& p : hub.db->publications()) {
    const auto request = approvedBy.find(p.version);
    const PublishRequest* approved = request == approvedBy.end() ? nullptr : &request->second;
    json item{{"version", p.version}, {"at", isoTime(p.at)}, {"user", p.user}, {"note", staffNote(p.note, p, approved)},
              {"rolledBackTo", p.rolledBackTo}, {"restorable", hub.publishing->isKept(p.version)}};
    // What the hub says about the version, as a message code and its values.
    if (p.rolledBackTo > 0) {
      item["noteCode"] = "server.rollback_note";
      item["noteParams"] = {{"version", p.rolledBackTo}};
    } else if (approved != nullptr) {
      item["noteCode"] = "server.request_note";
      item["noteParams"] = {{"request", approved->id}, {"editor", approved->editor}};
    }
    list.push_back(std::move(item));
  }
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
  const long long version = positiveNumber(ctx.param(1), "version", "a version number", "version_number");
  const json body = ctx.body();
  std::vector<FieldIssue> issues;
  onlyFields(body, {"note"}, issues);
  // The note is what staff add; that it is a rollback, and to which version, is the version's
  // own record (rolledBackTo), shown in the page's language.
  std::string note;
  if (body.contains("note")) note = requiredText(body, "note", issues, 500);
  refuseIfAny(issues);
  ctx.send(hub.publishing->rollback(ctx.user(), version, note), 201);
}

}  // namespace qtsc::hub::publishing
