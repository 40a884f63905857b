// The park and each kind of content record: list, read, add, change, remove, each audited.
#include <limits>

#include "qtsc/hub/records.hpp"
#include "routes/handlers.hpp"
#include "service/listing.hpp"

namespace qtsc::hub::records {

namespace c = qtsc::content;
using nlohmann::json;

namespace {

// A tenant query's limit that no park reaches: the list page shows every tenant.
constexpr int kEveryTenant = std::numeric_limits<int>::max();

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

// What each list's filter matches and what it sorts by (the first: the default order).
ListShape shapeOf(c::RecordKind kind) {
  switch (kind) {
    case c::RecordKind::Tenant: return {{"name"}, {"description", "website", "contact"}, {"name", "id", "place", "floor"}, true};
    case c::RecordKind::Place: return {{"name"}, {"description"}, {"name", "id", "kind"}, false};
    case c::RecordKind::Milestone: return {{"title"}, {"body"}, {"date", "title", "id"}, false};
    case c::RecordKind::Exhibit: return {{"name"}, {"what", "how"}, {"name", "id", "theme"}, false};
    case c::RecordKind::Itinerary: return {{"delegation", "origin"}, {"summary", "host"}, {"-date", "date", "delegation", "id"}, false};
    case c::RecordKind::Welcome: return {{"text"}, {}, {"-starts", "starts", "id"}, false};
    case c::RecordKind::Source: return {{"title", "publisher", "author"}, {"note"}, {"id", "title", "date"}, false};
    default: return {{"name"}, {}, {"name", "id"}, false};
  }
}

}  // namespace

std::vector<KindOps> kinds() {
  using S = c::ContentStore;
  std::vector<KindOps> kinds;
  kinds.push_back({"tenants", c::RecordKind::Tenant,
                   [](S& s) {
                     json list = json::array();
                     for (const auto& t : s.tenants({.sectorId = {}, .placeId = {}, .offset = 0, .limit = kEveryTenant}))
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
  kinds.push_back({"sources", c::RecordKind::Source, [](S& s) { return listJson(s.sourceDocuments()); },
                   [](S& s, const std::string& id) { return maybeJson(s.sourceDocument(id)); },
                   [](S& s, const json& b) { auto r = sourceFromJson(b); s.addSource(r); return r.id; },
                   [](S& s, const json& b) { s.updateSource(sourceFromJson(b)); }});
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

void getPark(HubState& hub, Ctx& ctx) {
  auto drafts = hub.drafts->lease();
  ctx.send(toJson(drafts->park()));
}

void putPark(HubState& hub, Ctx& ctx) {
  const c::Park park = parkFromJson(ctx.body());
  auto drafts = hub.drafts->lease();
  const json before = toJson(drafts->park());
  drafts->setPark(park);
  const json after = toJson(drafts->park());
  hub.db->audit(ctx.user(), "update", "park", "", before, after);
  ctx.send(after);
}

// Without parameters, every record of the kind (what the forms' choices need); with any of
// q, descriptions, building, sector, sort, lang, offset, limit, one page (service/listing.hpp).
void list(HubState& hub, Ctx& ctx, const KindOps& ops) {
  if (ctx.req.params.empty()) {
    auto drafts = hub.drafts->lease();
    ctx.send(ops.list(*drafts));
    return;
  }
  ListShape shape = shapeOf(ops.kind);
  // A "-field" default sorts descending; sort= takes the field with or without the minus.
  for (auto& f : shape.sortable)
    if (!f.empty() && f[0] == '-') f = f.substr(1);
  const ListQuery query = parseListQuery(ctx.req.params, shape);
  ListQuery ordered = query;
  if (ordered.sort.empty()) ordered.sort = shapeOf(ops.kind).sortable.front();
  auto drafts = hub.drafts->lease();
  if (ops.kind == c::RecordKind::Tenant) {
    // Filtered on the whole record (descriptions, websites), shown as the list's summary.
    json full = json::array();
    for (const auto& t : drafts->exportAll().tenants) full.push_back(toJson(t));
    ctx.send(listPage(full, ordered, shape, [](const json& t) {
      return json{{"id", t["id"]}, {"name", t["name"]}, {"sectors", t.value("sectors", json::array())}, {"place", t.value("place", json())},
                  {"floor", t.value("floor", json())}, {"sample", t.value("sample", false)}};
    }));
    return;
  }
  ctx.send(listPage(ops.list(*drafts), ordered, shape));
}

void get(HubState& hub, Ctx& ctx, const KindOps& ops) {
  auto drafts = hub.drafts->lease();
  auto record = ops.get(*drafts, ctx.param(1));
  if (!record) throw c::NotFoundError(ops.kind, ctx.param(1));
  ctx.send(*record);
}

void add(HubState& hub, Ctx& ctx, const KindOps& ops) {
  const json body = ctx.body();
  auto drafts = hub.drafts->lease();
  const std::string id = ops.add(*drafts, body);
  const json after = *ops.get(*drafts, id);
  hub.db->audit(ctx.user(), "create", std::string(c::toString(ops.kind)), id, nullptr, after);
  ctx.send(after, 201);
}

void update(HubState& hub, Ctx& ctx, const KindOps& ops) {
  json body = ctx.body();
  const std::string id = ctx.param(1);
  if (body.contains("id") && body["id"] != id)
    throw InvalidRequestError({FieldIssue{"id", "the id cannot change; add a new record and remove this one", "id_fixed"}});
  body["id"] = id;
  auto drafts = hub.drafts->lease();
  const auto before = ops.get(*drafts, id);
  if (!before) throw c::NotFoundError(ops.kind, id);
  ops.update(*drafts, body);
  const json after = *ops.get(*drafts, id);
  hub.db->audit(ctx.user(), "update", std::string(c::toString(ops.kind)), id, *before, after);
  ctx.send(after);
}

void remove(HubState& hub, Ctx& ctx, const KindOps& ops) {
  const std::string id = ctx.param(1);
  auto drafts = hub.drafts->lease();
  const auto before = ops.get(*drafts, id);
  if (!before) throw c::NotFoundError(ops.kind, id);
  drafts->remove(ops.kind, id);
  hub.db->audit(ctx.user(), "delete", std::string(c::toString(ops.kind)), id, *before, nullptr);
  ctx.send({{"ok", true}});
}

}  // namespace qtsc::hub::records
