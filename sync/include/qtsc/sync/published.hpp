// The published form: what the publisher writes and the kiosk reads, as plain files any
// static web server can serve.
//
//   <base>/timestamp.json     signed, fixed name, rewritten last: newest manifest + expiry
//   <base>/objects/<sha256>   immutable, named by content: manifests, database snapshots,
//                             changesets between consecutive versions, the asset index,
//                             and every asset (images and other files)
//
// A signed file is JSON {"signed": {...}, "signatures": [{"keyid", "sig"}]}; the Ed25519
// signature covers a domain tag for its type plus the compact serialisation of "signed",
// so a timestamp signature can never pass as a manifest's. The manifest pins the snapshot,
// the changeset from the previous version and the asset index by hash and size; the asset
// index lists every asset (name, hash, size). Keeping the asset list in its own object
// means a text edit re-sends a manifest of a few hundred bytes however many images there
// are: the unchanged index is already on the kiosk.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qtsc/sync/crypto.hpp"

namespace qtsc::sync {

inline constexpr const char* kTimestampFile = "timestamp.json";
inline constexpr const char* kObjectsDir = "objects";

// Roles of the objects a manifest names.
inline constexpr const char* kRoleSnapshot = "snapshot";      // the whole content database
inline constexpr const char* kRoleChangeset = "changeset";    // session changeset from `from`
inline constexpr const char* kRoleAssetIndex = "asset-index";  // JSON list of assets
inline constexpr const char* kRoleAsset = "asset";            // listed in the asset index

struct ObjectRef {
  std::string role;
  std::string hash;  // 64 lowercase hex digits, also the object's file name
  unsigned long long size = 0;  // bytes
  std::string name;             // assets only: the name content uses ("images/tma.png")
  long long from = 0;           // changesets only: the version it applies to
  bool operator==(const ObjectRef&) const = default;
};

struct Manifest {
  long long version = 0;
  int schemaVersion = 0;
  std::string created;  // ISO 8601 UTC
  std::string note;     // the publisher's words, shown to staff
  std::vector<ObjectRef> objects;
  [[nodiscard]] const ObjectRef* find(std::string_view role) const;
};

struct Timestamp {
  long long version = 0;
  std::string manifestHash;
  unsigned long long manifestSize = 0;
  long long issued = 0;   // Unix seconds
  long long expires = 0;  // Unix seconds; an expired timestamp installs nothing new
};

// What a signature over a signed file of `type` ("timestamp", "manifest") covers: a domain
// tag, the type and the compact serialisation of the "signed" body.
std::string signedMessage(std::string_view type, const nlohmann::json& body);

// Signed envelopes. open* verifies the signature with `key` and every field's form, and
// throws VerificationError naming what is wrong.
std::string sealManifest(const Manifest& manifest, const SecretKey& key);
Manifest openManifest(std::string_view fileText, const PublicKey& key);
std::string sealTimestamp(const Timestamp& timestamp, const SecretKey& key);
Timestamp openTimestamp(std::string_view fileText, const PublicKey& key);

std::string serializeAssetIndex(const std::vector<ObjectRef>& assets);
// Every name must pass isSafeAssetName and every hash isSha256Hex.
std::vector<ObjectRef> parseAssetIndex(std::string_view text);

// A relative name of plain segments ("images/tenants/tma.png"): no "..", ".", empty
// segments, leading "/", backslashes or control characters. The kiosk never turns a name
// into a path, but a publisher writing such a name is refused outright.
bool isSafeAssetName(std::string_view name);

}  // namespace qtsc::sync
