#include "service/publish_diff.hpp"

#include <atomic>
#include <map>
#include <set>

#include "qtsc/content/schema_description.hpp"
#include "qtsc/content/store.hpp"
#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/records.hpp"

namespace qtsc::hub {

namespace fs = std::filesystem;
namespace c = qtsc::content;
using nlohmann::json;

namespace {

// kind -> id -> the record's API form.
using Records = std::map<std::string, std::map<std::string, json>>;

template <typename T>
void addAll(Records& into, c::RecordKind kind, const std::vector<T>& list) {
  auto& byId = into[std::string(c::toString(kind))];
  for (const auto& record : list) {
    json j = toJson(record);
    const std::string id = j.value("id", std::string());
    byId.emplace(id, std::move(j));
  }
}

// The one place that knows which member of a ContentSet holds which kind.
Records recordsOf(const c::ContentSet& set) {
  Records r;
  // An empty set (nothing published yet) has no park rather than an empty one.
  if (json park = toJson(set.park); park != toJson(c::Park{}))
    r[std::string(c::toString(c::RecordKind::Park))].emplace("park", std::move(park));
  addAll(r, c::RecordKind::Sector, set.sectors);
  addAll(r, c::RecordKind::Theme, set.themes);
  addAll(r, c::RecordKind::Milestone, set.milestones);
  addAll(r, c::RecordKind::Place, set.places);
  addAll(r, c::RecordKind::Tenant, set.tenants);
  addAll(r, c::RecordKind::Exhibit, set.exhibits);
  addAll(r, c::RecordKind::Itinerary, set.itineraries);
  addAll(r, c::RecordKind::Welcome, set.welcomes);
  addAll(r, c::RecordKind::Profile, set.profiles);
  addAll(r, c::RecordKind::Source, set.sources);
  // The walking-path network is one record, edited as a whole.
  if (set.paths && !set.paths->empty())
    r[std::string(c::toString(c::RecordKind::Paths))].emplace("paths", toJson(*set.paths));
  return r;
}

const json& schemaKinds() {
  static const json kinds = c::describeSchema().at("kinds");
  return kinds;
}

json fieldsOf(const std::string& kind) {
  const json& kinds = schemaKinds();
  const auto it = kinds.find(kind);
  if (it == kinds.end() || !it->contains("fields")) return json::array();
  return it->at("fields");
}

// The record's first text field, as a label the page shows.
json labelOf(const json& record, const json& fields) {
  for (const auto& f : fields)
    if (f.value("type", "") == "text") {
      const auto it = record.find(f.value("name", ""));
      if (it != record.end()) return *it;
    }
  return json::object();
}

// Every uploaded picture a record names: its fields whose format is "image", inside lists too.
void collectPictures(const json& value, const json& fields, std::set<std::string>& into) {
  if (!value.is_object()) return;
  for (const auto& f : fields) {
    const auto it = value.find(f.value("name", ""));
    if (it == value.end()) continue;
    const std::string type = f.value("type", "");
    if (f.value("format", "") == "image") {
      if (it->is_string() && !it->get<std::string>().empty()) into.insert(it->get<std::string>());
      if (it->is_array())
        for (const auto& item : *it)
          if (item.is_string() && !item.get<std::string>().empty()) into.insert(item.get<std::string>());
    }
    if (type == "list" && it->is_array() && f.contains("fields"))
      for (const auto& item : *it) collectPictures(item, f["fields"], into);
  }
}

json recordEntry(const std::string& kind, const std::string& id, const json& record, const json& fields) {
  return {{"kind", kind}, {"id", id}, {"label", labelOf(record, fields)}};
}

// Field by field in the schema's order; fields the schema does not name (none today) follow.
json changedFields(const json& before, const json& after, const json& fields) {
  json out = json::array();
  std::set<std::string> described;
  auto compare = [&](const std::string& name, const std::string& type) {
    const json b = before.contains(name) ? before[name] : json(nullptr);
    const json a = after.contains(name) ? after[name] : json(nullptr);
    if (b != a) out.push_back({{"field", name}, {"type", type}, {"before", b}, {"after", a}});
  };
  for (const auto& f : fields) {
    const std::string name = f.value("name", "");
    described.insert(name);
    compare(name, f.value("type", ""));
  }
  for (const auto* side : {&before, &after})
    for (const auto& [name, value] : side->items())
      if (described.insert(name).second) compare(name, "");
  return out;
}

}  // namespace

json diffContent(const c::ContentSet& beforeSet, const c::ContentSet& afterSet) {
  const Records before = recordsOf(beforeSet);
  const Records after = recordsOf(afterSet);
  json added = json::array(), removed = json::array(), changed = json::array();
  std::set<std::string> picturesBefore, picturesAfter;
  std::set<std::string> kinds;
  for (const auto& [kind, records] : before) kinds.insert(kind);
  for (const auto& [kind, records] : after) kinds.insert(kind);
  static const std::map<std::string, json> kNone;
  for (const auto& kind : kinds) {
    const json fields = fieldsOf(kind);
    const auto b = before.find(kind);
    const auto a = after.find(kind);
    const auto& oldRecords = b == before.end() ? kNone : b->second;
    const auto& newRecords = a == after.end() ? kNone : a->second;
    for (const auto& [id, record] : oldRecords) {
      collectPictures(record, fields, picturesBefore);
      const auto now = newRecords.find(id);
      if (now == newRecords.end()) {
        removed.push_back(recordEntry(kind, id, record, fields));
      } else if (now->second != record) {
        json entry = recordEntry(kind, id, now->second, fields);
        entry["fields"] = changedFields(record, now->second, fields);
        changed.push_back(std::move(entry));
      }
    }
    for (const auto& [id, record] : newRecords) {
      collectPictures(record, fields, picturesAfter);
      if (!oldRecords.count(id)) added.push_back(recordEntry(kind, id, record, fields));
    }
  }
  json pictures = json::array();
  for (const auto& name : picturesAfter)
    if (!picturesBefore.count(name)) pictures.push_back(name);
  const bool nothing = added.empty() && removed.empty() && changed.empty() && pictures.empty();
  return {{"nothing", nothing},
          {"counts",
           {{"added", added.size()}, {"changed", changed.size()}, {"removed", removed.size()},
            {"picturesAdded", pictures.size()}}},
          {"added", added},
          {"changed", changed},
          {"removed", removed},
          {"picturesAdded", pictures}};
}

c::ContentSet readKeptContent(const fs::path& db, const fs::path& workDir) {
  std::error_code ec;
  if (!fs::is_regular_file(db, ec)) throw ConflictError("the content of " + db.filename().string() + " is not kept on this hub", "content_not_kept",
                        {{"name", db.filename().string()}});
  static std::atomic<unsigned long> counter{0};
  const fs::path copy = workDir / (".diff-" + std::to_string(++counter) + ".db");
  struct Remove {
    fs::path path;
    ~Remove() {
      std::error_code ignored;
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path.string() + suffix, ignored);
    }
  } remove{copy};
  fs::create_directories(workDir);
  fs::copy_file(db, copy, fs::copy_options::overwrite_existing);
  const c::ContentStore store(copy.string());
  return store.exportAll();
}

}  // namespace qtsc::hub
