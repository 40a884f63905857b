// Files in and out: the tenant CSV, uploaded images, previews and the park map.
#include <algorithm>
#include <fstream>

#include "qtsc/content/validation.hpp"
#include "qtsc/hub/images.hpp"
#include "qtsc/hub/records.hpp"
#include "qtsc/hub/tenant_csv.hpp"
#include "qtsc/sync/crypto.hpp"
#include "routes/handlers.hpp"
#include "core/support.hpp"

namespace qtsc::hub::files {

namespace fs = std::filesystem;
namespace c = qtsc::content;
using nlohmann::json;

void exportTenants(HubState& hub, Ctx& ctx) {
  auto drafts = hub.drafts->lease();
  ctx.res.set_header("Content-Disposition", "attachment; filename=\"tenants.csv\"");
  ctx.res.set_content(tenantsToCsv(drafts->exportAll().tenants), "text/csv; charset=utf-8");
}

void importTenants(HubState& hub, Ctx& ctx) {
  const std::string type = ctx.req.get_header_value("Content-Type");
  if (type.rfind("text/csv", 0) != 0)
    throw InvalidRequestError({FieldIssue{"body", "send the file with Content-Type: text/csv", "csv_content_type"}});
  auto drafts = hub.drafts->lease();
  c::ContentStore& s = *drafts;
  const auto tenants = tenantsFromCsv(ctx.req.body, [&s](c::RecordKind kind, const std::string& id) {
    switch (kind) {
      case c::RecordKind::Place: return s.place(id).has_value();
      case c::RecordKind::Sector: {
        const auto sectors = s.sectors();
        return std::any_of(sectors.begin(), sectors.end(), [&](const c::Category& sector) { return sector.id == id; });
      }
      default: return false;
    }
  });
  json before = json::array();
  json after = json::array();
  int added = 0;
  for (const auto& t : tenants) {
    if (auto old = s.tenant(t.id)) before.push_back(toJson(*old));
    else ++added;
    after.push_back(toJson(t));
  }
  c::ContentSet set;
  set.park = s.park();
  set.tenants = tenants;
  s.import(set);
  hub.db->audit(ctx.user(), "import", "tenant", "tenants.csv", before, after);
  ctx.send({{"imported", tenants.size()}, {"added", added}, {"updated", static_cast<int>(tenants.size()) - added}});
}

namespace {

// Writes `bytes` as `name` in the uploads folder unless it is there: through a temporary
// file, so a reader never sees half a picture.
void storeUpload(const fs::path& folder, const std::string& name, const std::string& bytes) {
  const fs::path target = folder / name;
  if (fs::exists(target)) return;
  const fs::path temp = folder / (".upload-" + sync::randomHexId());
  {
    std::ofstream out(temp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw HubError("could not store the image");
  }
  fs::rename(temp, target);
}

json sizeJson(const std::string& name, const StoredImage& image) {
  return {{"name", name}, {"bytes", image.bytes.size()}, {"width", image.width}, {"height", image.height}};
}

}  // namespace

void upload(HubState& hub, Ctx& ctx) {
  const std::string& bytes = ctx.req.body;
  const HubSettings& settings = hub.settings;
  if (bytes.empty()) throw InvalidRequestError({FieldIssue{"file", "the file is empty", "file_empty"}});
  if (bytes.size() > settings.maxImageBytes)
    throw InvalidRequestError({FieldIssue{"file",
                                          "the image is " + std::to_string(bytes.size() / 1024) + " KiB; at most " +
                                              std::to_string(settings.maxImageBytes / 1024) + " KiB is accepted",
                                          "image_bytes",
                                          {{"size", std::to_string(bytes.size() / 1024)},
                                           {"max", std::to_string(settings.maxImageBytes / 1024)}}}});
  // Decoded under the pixel limit and made into the sizes kiosks show (images.hpp): what is
  // stored (the full size named by its hash, the thumbnail beside it) is pixels only. The
  // upload itself is not kept, so no kiosk ever decodes a camera original.
  const StoredPicture picture = makePicture(bytes, settings.imageLimits, settings.pictureSizes);
  const std::string name = sync::sha256Hex(picture.full.bytes) + "." + picture.full.extension;
  const std::string thumbnail = c::thumbnailName(name);
  const bool isNew = !fs::exists(hub.assetsDir / name);
  storeUpload(hub.assetsDir, thumbnail, picture.thumbnail.bytes);
  storeUpload(hub.assetsDir, name, picture.full.bytes);
  const json sizes{{"full", sizeJson(name, picture.full)}, {"thumbnail", sizeJson(thumbnail, picture.thumbnail)},
                   {"uploaded", {{"bytes", bytes.size()}, {"width", picture.uploadedWidth}, {"height", picture.uploadedHeight}}}};
  if (isNew) hub.db->audit(ctx.user(), "upload", "asset", name, nullptr, sizes);
  json reply = sizes;
  reply["name"] = name;
  reply["bytes"] = picture.full.bytes.size();
  reply["width"] = picture.full.width;
  reply["height"] = picture.full.height;
  reply["uploadedBytes"] = bytes.size();
  ctx.send(reply, 201);
}

void getUpload(HubState& hub, Ctx& ctx) {
  const std::string name = ctx.param(1);
  if (!isUploadName(name) || !fs::exists(hub.assetsDir / name)) throw c::NotFoundError(c::RecordKind::Park, name);
  const std::string ext = name.substr(name.rfind('.') + 1);
  ctx.res.set_header("Cache-Control", "private, max-age=31536000, immutable");
  ctx.res.set_content(readFile(hub.assetsDir / name), ext == "jpg" ? "image/jpeg" : "image/" + ext);
}

void pictureInfo(HubState& hub, Ctx& ctx) {
  const std::string name = ctx.param(1);
  if (!isUploadName(name) || isThumbnailName(name) || !fs::exists(hub.assetsDir / name))
    throw c::NotFoundError(c::RecordKind::Park, name);
  auto sizeOf = [&](const std::string& file) -> json {
    std::error_code ec;
    if (!fs::exists(hub.assetsDir / file, ec)) return nullptr;  // made when the picture is next published
    const auto [width, height] = storedSize(readFile(hub.assetsDir / file));
    return {{"name", file}, {"bytes", fs::file_size(hub.assetsDir / file)}, {"width", width}, {"height", height},
            {"url", "/api/v1/assets/" + file}};
  };
  json usedBy = json::array();
  const c::ContentSet content = hub.drafts->lease()->exportAll();
  auto look = [&](c::RecordKind kind, const auto& records, const auto& titleOf) {
    for (const auto& r : records)
      for (std::size_t i = 0; i < r.gallery.size(); ++i)
        if (r.gallery[i].image == name)
          usedBy.push_back({{"kind", c::toString(kind)}, {"id", r.id}, {"title", toJson(titleOf(r))},
                            {"field", "gallery[" + std::to_string(i) + "]"},
                            {"caption", toJson(r.gallery[i].caption)}});
  };
  look(c::RecordKind::Milestone, content.milestones, [](const c::Milestone& m) { return m.title; });
  look(c::RecordKind::Place, content.places, [](const c::Place& p) { return p.name; });
  look(c::RecordKind::Exhibit, content.exhibits, [](const c::Exhibit& e) { return e.name; });
  look(c::RecordKind::Itinerary, content.itineraries, [](const c::Itinerary& i) { return i.delegation; });
  for (const auto& t : content.tenants)
    if (t.logo == name)
      usedBy.push_back({{"kind", c::toString(c::RecordKind::Tenant)}, {"id", t.id}, {"title", toJson(t.name)},
                        {"field", "logo"}, {"caption", json::object()}});
  ctx.send({{"name", name}, {"full", sizeOf(name)}, {"thumbnail", sizeOf(c::thumbnailName(name))}, {"usedBy", usedBy}});
}

void preview(HubState& hub, Ctx& ctx) {
  const std::string kind = ctx.param(1);
  const std::string id = ctx.param(2);
  if (!c::recordKindFromString(kind) || !c::isValidId(id))
    throw InvalidRequestError({FieldIssue{"record", "name a record as KIND/ID, like tenant/tma-solutions", "preview_record"}});
  const std::string language = ctx.req.has_param("lang") ? ctx.req.get_param_value("lang") : "vi";
  if (language != "vi" && language != "en")
    throw InvalidRequestError({FieldIssue{"lang", "the preview language is vi or en", "preview_language"}});
  try {
    ctx.res.set_content(hub.preview->render(*hub.drafts, kind, id, language), "image/png");
  } catch (const PreviewBusyError&) {
    ctx.res.set_header("Retry-After", "2");
    throw;
  }
}

void map(HubState& hub, Ctx& ctx) {
  ctx.send({{"width", c::kMapWidth}, {"height", c::kMapHeight}, {"svg", fs::exists(hub.settings.mapSvg)}});
}

void mapSvg(HubState& hub, Ctx& ctx) {
  if (!fs::exists(hub.settings.mapSvg)) throw c::NotFoundError(c::RecordKind::Park, "map");
  ctx.res.set_content(readFile(hub.settings.mapSvg), "image/svg+xml");
}

}  // namespace qtsc::hub::files
