#include "qtsc/sync/published.hpp"

#include <limits>
#include <set>

#include "qtsc/sync/errors.hpp"
#include "text.hpp"

namespace qtsc::sync {

using nlohmann::json;

namespace {

constexpr const char* kDomain = "qtsc-sync-v1/";
constexpr unsigned long long kMaxObjectSize = 1ULL << 40;  // bytes; anything larger is nonsense
// The published files nest four levels deep. A deeper file is refused before it is built,
// so a hostile one cannot exhaust the stack of the serialiser that checks its signature.
constexpr int kMaxDepth = 16;
constexpr std::size_t kMaxSignatures = 8;  // checked at most, so a flood of them costs nothing

std::string seal(std::string_view type, json body, const SecretKey& key) {
  body["type"] = type;
  const PublicKey publicKey = publicKeyOf(key);
  json file{{"signed", body},
            {"signatures", json::array({json{{"keyid", keyId(publicKey)}, {"sig", sign(signedMessage(type, body), key)}}})}};
  return file.dump(1) + "\n";
}

// JSON text, or VerificationError naming `what`. Never throws anything else.
json parseJson(std::string_view text, std::string_view what) {
  json parsed;
  try {
    parsed = json::parse(
        text,
        [what](int depth, json::parse_event_t, json&) {
          if (depth > kMaxDepth)
            throw VerificationError("the " + std::string(what) + " nests deeper than " + std::to_string(kMaxDepth) +
                                    " levels");
          return true;
        },
        false);
  } catch (const json::exception&) {
    parsed = json(json::value_t::discarded);
  }
  if (parsed.is_discarded()) throw VerificationError("the " + std::string(what) + " is not valid JSON");
  return parsed;
}

const json& member(const json& body, const char* name, std::string_view what) {
  if (!body.is_object()) throw VerificationError(std::string(what) + " is not a JSON object");
  const auto found = body.find(name);
  if (found == body.end()) throw VerificationError(std::string(what) + ": field '" + name + "' is missing");
  return *found;
}

[[noreturn]] void wrongType(const char* name, std::string_view what, std::string_view expected) {
  throw VerificationError(std::string(what) + ": field '" + name + "' must be " + std::string(expected));
}

std::string stringField(const json& body, const char* name, std::string_view what) {
  const json& value = member(body, name, what);
  if (!value.is_string()) wrongType(name, what, "a string");
  return value.get<std::string>();
}

// Whole numbers only: a float such as 1e300 is refused rather than converted.
long long integerField(const json& body, const char* name, std::string_view what) {
  const json& value = member(body, name, what);
  if (value.is_number_unsigned()) {
    const auto u = value.get<unsigned long long>();
    if (u > static_cast<unsigned long long>(std::numeric_limits<long long>::max()))
      wrongType(name, what, "a smaller whole number");
    return static_cast<long long>(u);
  }
  if (!value.is_number_integer()) wrongType(name, what, "a whole number");
  return value.get<long long>();
}

unsigned long long sizeField(const json& body, const char* name, std::string_view what) {
  const json& value = member(body, name, what);
  if (!value.is_number_unsigned()) wrongType(name, what, "a whole number of bytes, 0 or more");
  return value.get<unsigned long long>();
}

int smallIntegerField(const json& body, const char* name, std::string_view what) {
  const long long value = integerField(body, name, what);
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max())
    wrongType(name, what, "a small whole number");
  return static_cast<int>(value);
}

json open(std::string_view text, std::string_view type, const PublicKey& key) {
  const json file = parseJson(text, type);
  if (!file.is_object() || !file.contains("signed") || !file["signed"].is_object() || !file.contains("signatures") ||
      !file["signatures"].is_array())
    throw VerificationError("the " + std::string(type) + " is not a signed file");
  const json& body = file["signed"];
  const auto stated = body.find("type");
  if (stated == body.end() || !stated->is_string() || stated->get<std::string>() != type)
    throw VerificationError("the file is not a " + std::string(type) + " (type " +
                            (stated != body.end() && stated->is_string() ? shortQuote(stated->get<std::string>())
                                                                         : std::string("missing")) +
                            ")");
  std::string message;
  try {
    message = signedMessage(type, body);
  } catch (const json::exception&) {
    throw VerificationError("the " + std::string(type) + " cannot be serialised for its signature check");
  }
  std::size_t tried = 0;
  for (const auto& signature : file["signatures"]) {
    if (tried++ == kMaxSignatures) break;
    if (!signature.is_object() || !signature.contains("sig") || !signature["sig"].is_string()) continue;
    if (verify(message, signature["sig"].get<std::string>(), key)) return body;
  }
  throw VerificationError("the " + std::string(type) + " has no valid signature from the configured key " +
                          keyId(key));
}

void checkHashAndSize(const std::string& hash, unsigned long long size, std::string_view what) {
  if (!isSha256Hex(hash))
    throw VerificationError(std::string(what) + ": " + shortQuote(hash) + " is not a SHA-256 hex digest");
  if (size > kMaxObjectSize) throw VerificationError(std::string(what) + ": implausible size");
}

}  // namespace

std::string signedMessage(std::string_view type, const json& body) {
  return std::string(kDomain) + std::string(type) + "\n" + body.dump();
}

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
  m.version = integerField(body, "version", "manifest");
  m.schemaVersion = smallIntegerField(body, "schemaVersion", "manifest");
  m.created = stringField(body, "created", "manifest");
  m.note = stringField(body, "note", "manifest");
  if (m.version <= 0 || m.schemaVersion <= 0) throw VerificationError("manifest: version numbers must be positive");
  const json& objects = member(body, "objects", "manifest");
  if (!objects.is_array()) throw VerificationError("manifest: field 'objects' must be a list");
  std::set<std::string> roles;
  for (const auto& entry : objects) {
    ObjectRef o;
    o.role = stringField(entry, "role", "manifest object");
    o.hash = stringField(entry, "hash", "manifest object");
    o.size = sizeField(entry, "size", "manifest object");
    checkHashAndSize(o.hash, o.size, "manifest object");
    if (o.role == kRoleChangeset) {
      o.from = integerField(entry, "from", "manifest changeset");
      if (o.from <= 0 || o.from >= m.version) throw VerificationError("manifest: changeset 'from' out of range");
    } else if (o.role != kRoleSnapshot && o.role != kRoleAssetIndex) {
      throw VerificationError("manifest: unknown object role " + shortQuote(o.role));
    }
    if (!roles.insert(o.role).second) throw VerificationError("manifest: role " + shortQuote(o.role) + " appears twice");
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
  t.version = integerField(body, "version", "timestamp");
  const json& manifest = member(body, "manifest", "timestamp");
  t.manifestHash = stringField(manifest, "hash", "timestamp manifest");
  t.manifestSize = sizeField(manifest, "size", "timestamp manifest");
  t.issued = integerField(body, "issued", "timestamp");
  t.expires = integerField(body, "expires", "timestamp");
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
  const json body = parseJson(text, "asset index");
  if (!body.is_object() || !body.contains("assets") || !body["assets"].is_array())
    throw VerificationError("the asset index is not a list of assets");
  std::vector<ObjectRef> assets;
  std::set<std::string> names;
  for (const auto& entry : body["assets"]) {
    ObjectRef a;
    a.role = kRoleAsset;
    a.name = stringField(entry, "name", "asset");
    a.hash = stringField(entry, "hash", "asset");
    a.size = sizeField(entry, "size", "asset");
    if (!isSafeAssetName(a.name)) throw VerificationError("asset index: unsafe asset name " + shortQuote(a.name));
    if (!names.insert(a.name).second) throw VerificationError("asset index: " + shortQuote(a.name) + " appears twice");
    checkHashAndSize(a.hash, a.size, "asset " + shortQuote(a.name));
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
