// Files in and out: the tenant CSV, uploaded images, previews and the park map.
#include <algorithm>
#include <fstream>

#include "qtsc/content/validation.hpp"
#include "qtsc/hub/images.hpp"
#include "qtsc/hub/records.hpp"
#include "qtsc/hub/tenant_csv.hpp"
#include "qtsc/sync/crypto.hpp"
#include "routes/handlers.hpp"
#include "support.hpp"

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
    throw InvalidRequestError({FieldIssue{"body", "send the file with Content-Type: text/csv"}});
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

void upload(HubState& hub, Ctx& ctx) {
  const std::string& bytes = ctx.req.body;
  const HubSettings& settings = hub.settings;
  if (bytes.empty()) throw InvalidRequestError({FieldIssue{"file", "the file is empty"}});
  if (bytes.size() > settings.maxImageBytes)
    throw InvalidRequestError({FieldIssue{"file", "the image is " + std::to_string(bytes.size() / 1024) + " KiB; at most " +
                                            std::to_string(settings.maxImageBytes / 1024) + " KiB is accepted"}});
  // Decoded under the pixel limit and encoded anew: what is stored (and named by its
  // hash) is pixels only, of a size every kiosk can decode.
  const StoredImage image = normaliseImage(bytes, settings.imageLimits);
  const std::string name = sync::sha256Hex(image.bytes) + "." + image.extension;
  const fs::path target = hub.assetsDir / name;
  if (!fs::exists(target)) {
    const fs::path temp = hub.assetsDir / (".upload-" + sync::randomHexId());
    {
      std::ofstream out(temp, std::ios::binary);
      out.write(image.bytes.data(), static_cast<std::streamsize>(image.bytes.size()));
      if (!out) throw HubError("could not store the image");
    }
    fs::rename(temp, target);
    hub.db->audit(ctx.user(), "upload", "asset", name, nullptr,
                  json{{"bytes", image.bytes.size()}, {"width", image.width}, {"height", image.height}});
  }
  ctx.send({{"name", name}, {"bytes", image.bytes.size()}, {"width", image.width}, {"height", image.height},
            {"uploadedBytes", bytes.size()}}, 201);
}

void getUpload(HubState& hub, Ctx& ctx) {
  const std::string name = ctx.param(1);
  if (!isUploadName(name) || !fs::exists(hub.assetsDir / name)) throw c::NotFoundError(c::RecordKind::Park, name);
  const std::string ext = name.substr(name.rfind('.') + 1);
  ctx.res.set_header("Cache-Control", "private, max-age=31536000, immutable");
  ctx.res.set_content(readFile(hub.assetsDir / name), ext == "jpg" ? "image/jpeg" : "image/" + ext);
}

void preview(HubState& hub, Ctx& ctx) {
  const std::string kind = ctx.param(1);
  const std::string id = ctx.param(2);
  if (!c::recordKindFromString(kind) || !c::isValidId(id))
    throw InvalidRequestError({FieldIssue{"record", "name a record as KIND/ID, like tenant/tma-solutions"}});
  const std::string language = ctx.req.has_param("lang") ? ctx.req.get_param_value("lang") : "vi";
  if (language != "vi" && language != "en")
    throw InvalidRequestError({FieldIssue{"lang", "the preview language is vi or en"}});
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
