// The walking paths (one network, read and replaced whole) and the kiosk profiles (a kind of
// record like the others, under /api/v1/content/profiles), each change audited.
#include "qtsc/hub/records.hpp"
#include "routes/handlers.hpp"

namespace qtsc::hub::records {

namespace c = qtsc::content;
using nlohmann::json;

KindOps profileKind() {
  using S = c::ContentStore;
  return {"profiles", c::RecordKind::Profile,
          [](S& s) {
            json list = json::array();
            for (const auto& k : s.profiles()) list.push_back(toJson(k));
            return list;
          },
          [](S& s, const std::string& id) -> std::optional<json> {
            auto k = s.profile(id);
            if (!k) return std::nullopt;
            return toJson(*k);
          },
          [](S& s, const json& b) { auto r = profileFromJson(b); s.addProfile(r); return r.id; },
          [](S& s, const json& b) { s.updateProfile(profileFromJson(b)); }};
}

void getPaths(HubState& hub, Ctx& ctx) {
  auto drafts = hub.drafts->lease();
  ctx.send(toJson(drafts->paths()));
}

void putPaths(HubState& hub, Ctx& ctx) {
  const c::PathNetwork paths = pathsFromJson(ctx.body());
  auto drafts = hub.drafts->lease();
  const json before = toJson(drafts->paths());
  try {
    drafts->setPaths(paths);
  } catch (const c::ValidationError& e) {
    // A place or kiosk the new network leaves unreached is named in the field, since the
    // request itself holds no such field.
    std::vector<FieldIssue> issues;
    for (const auto& issue : e.issues) {
      const std::string record = std::string(c::toString(issue.kind)) + " '" + issue.recordId + "'";
      issues.emplace_back(issue.kind == c::RecordKind::Paths ? (issue.field.empty() ? "paths" : issue.field) : record,
                          issue.message, issue.code, issue.params);
    }
    throw InvalidRequestError(std::move(issues));
  }
  const json after = toJson(drafts->paths());
  hub.db->audit(ctx.user(), "update", "paths", "", before, after);
  ctx.send(after);
}

}  // namespace qtsc::hub::records
