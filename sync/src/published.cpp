#include "qtsc/sync/published.hpp"

#include <set>

#include "qtsc/sync/errors.hpp"

namespace qtsc::sync {

using nlohmann::json;

namespace {

constexpr const char* kDomain = "qtsc-sync-v1/";
constexpr unsigned long long kMaxObjectSize = 1ULL << 40;  // bytes; anything larger is nonsense

std::string signedMessage(std::string_view type, const json& body) {
  return std::string(kDomain) + std::string(type) + "\n" + body.dump();
}

std::string seal(std::string_view type, json body, const SecretKey& key) {
  body["type"] = type;
  const PublicKey publicKey = publicKeyOf(key);
  json file{{"signed", body},
            {"signatures", json::array({json{{"keyid", keyId(publicKey)}, {"sig", sign(signedMessage(type, body), key)}}})}};
  return file.dump(1) + "\n";
}

json open(std::string_view text, std::string_view type, const PublicKey& key) {
  json file = json::parse(text, nullptr, false);
  if (file.is_discarded() || !file.is_object() || !file.contains("signed") || !file["signed"].is_object() ||
      !file.contains("signatures") || !file["signatures"].is_array())
    throw VerificationError("the " + std::string(type) + " is not a signed file");
  const json& body = file["signed"];
  if (body.value("type", "") != type)
    throw VerificationError("the file is not a " + std::string(type) + " (type '" + body.value("type", "") + "')");
  const std::string message = signedMessage(type, body);
  for (const auto& signature : file["signatures"]) {
    if (!signature.is_object() || !signature.contains("sig") || !signature["sig"].is_string()) continue;
    if (verify(message, signature["sig"].get<std::string>(), key)) return body;
  }
  throw VerificationError("the " + std::string(type) + " has no valid signature from the configured key " +
                          keyId(key));
}

template <typename T>
T field(const json& body, const char* name, std::string_view what) {
  try {
    return body.at(name).get<T>();
  } catch (const json::exception&) {
    throw VerificationError(std::string(what) + ": field '" + name + "' is missing or of the wrong type");
  }
}

void checkHashAndSize(const std::string& hash, unsigned long long size, std::string_view what) {
  if (!isSha256Hex(hash)) throw VerificationError(std::string(what) + ": '" + hash + "' is not a SHA-256 hex digest");
  if (size > kMaxObjectSize) throw VerificationError(std::string(what) + ": implausible size");
}

}  // namespace

const ObjectRef* Manifest::find(std::string_view role) const {
  for (const auto& object : objects)
    if (object.role == role) return &object;
  return nullptr;
}

std::string sealManifest(const Manifest& manifest, const SecretKey& key) {
  json objects = json::array();
  for (const auto& o : manifest.objects) {
    json entry{{"role", o.role}, {"hash", o.hash}, {"size", o.size}};
    if (o.role == kRoleChangeset) entry["from"] = o.from;
    if (!o.name.empty()) entry["name"] = o.name;
    objects.push_back(std::move(entry));
  }
  return seal("manifest",
              json{{"version", manifest.version},
                   {"schemaVersion", manifest.schemaVersion},
                   {"created", manifest.created},
                   {"note", manifest.note},
                   {"objects", objects}},
              key);
}

Manifest openManifest(std::string_view fileText, const PublicKey& key) {
  const json body = open(fileText, "manifest", key);
  Manifest m;
  m.version = field<long long>(body, "version", "manifest");
  m.schemaVersion = field<int>(body, "schemaVersion", "manifest");
  m.created = field<std::string>(body, "created", "manifest");
  m.note = field<std::string>(body, "note", "manifest");
  if (m.version <= 0 || m.schemaVersion <= 0) throw VerificationError("manifest: version numbers must be positive");
  const json objects = field<json>(body, "objects", "manifest");
  if (!objects.is_array()) throw VerificationError("manifest: 'objects' is not a list");
  std::set<std::string> roles;
  for (const auto& entry : objects) {
    ObjectRef o;
    o.role = field<std::string>(entry, "role", "manifest object");
    o.hash = field<std::string>(entry, "hash", "manifest object");
    o.size = field<unsigned long long>(entry, "size", "manifest object");
    checkHashAndSize(o.hash, o.size, "manifest object");
    if (o.role == kRoleChangeset) {
      o.from = field<long long>(entry, "from", "manifest changeset");
      if (o.from <= 0 || o.from >= m.version) throw VerificationError("manifest: changeset 'from' out of range");
    } else if (o.role != kRoleSnapshot && o.role != kRoleAssetIndex) {
      throw VerificationError("manifest: unknown object role '" + o.role + "'");
    }
    if (!roles.insert(o.role).second) throw VerificationError("manifest: role '" + o.role + "' appears twice");
    m.objects.push_back(std::move(o));
  }
  if (m.find(kRoleSnapshot) == nullptr || m.find(kRoleAssetIndex) == nullptr)
    throw VerificationError("manifest: a snapshot and an asset index are required");
  return m;
}

std::string sealTimestamp(const Timestamp& t, const SecretKey& key) {
  return seal("timestamp",
              json{{"version", t.version},
                   {"manifest", json{{"hash", t.manifestHash}, {"size", t.manifestSize}}},
                   {"issued", t.issued},
                   {"expires", t.expires}},
              key);
}

Timestamp openTimestamp(std::string_view fileText, const PublicKey& key) {
  const json body = open(fileText, "timestamp", key);
  Timestamp t;
  t.version = field<long long>(body, "version", "timestamp");
  const json manifest = field<json>(body, "manifest", "timestamp");
  t.manifestHash = field<std::string>(manifest, "hash", "timestamp manifest");
  t.manifestSize = field<unsigned long long>(manifest, "size", "timestamp manifest");
  t.issued = field<long long>(body, "issued", "timestamp");
  t.expires = field<long long>(body, "expires", "timestamp");
  if (t.version <= 0) throw VerificationError("timestamp: version must be positive");
  checkHashAndSize(t.manifestHash, t.manifestSize, "timestamp manifest");
  return t;
}

std::string serializeAssetIndex(const std::vector<ObjectRef>& assets) {
  json list = json::array();
  for (const auto& a : assets) list.push_back(json{{"name", a.name}, {"hash", a.hash}, {"size", a.size}});
  return json{{"assets", list}}.dump() + "\n";
}

std::vector<ObjectRef> parseAssetIndex(std::string_view text) {
  const json body = json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("assets") || !body["assets"].is_array())
    throw VerificationError("the asset index is not a list of assets");
  std::vector<ObjectRef> assets;
  std::set<std::string> names;
  for (const auto& entry : body["assets"]) {
    ObjectRef a;
    a.role = kRoleAsset;
    a.name = field<std::string>(entry, "name", "asset");
    a.hash = field<std::string>(entry, "hash", "asset");
    a.size = field<unsigned long long>(entry, "size", "asset");
    if (!isSafeAssetName(a.name)) throw VerificationError("asset index: unsafe asset name '" + a.name + "'");
    if (!names.insert(a.name).second) throw VerificationError("asset index: '" + a.name + "' appears twice");
    checkHashAndSize(a.hash, a.size, "asset '" + a.name + "'");
    assets.push_back(std::move(a));
  }
  return assets;
}

bool isSafeAssetName(std::string_view name) {
  if (name.empty() || name.size() > 512 || name.front() == '/') return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto slash = name.find('/', start);
    const auto segment = name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\' || c == ':') return false;
  }
  return true;
}

}  // namespace qtsc::sync
