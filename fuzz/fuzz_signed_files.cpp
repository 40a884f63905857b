// Fuzzes the signed files a kiosk downloads: timestamp.json and manifests. Each input is tried
// twice: as the raw file (the envelope checks) and, when it is a JSON object, as the "signed"
// body of an envelope carrying a valid signature, so the field checks behind the signature are
// reached too. Only the typed errors of the sync layer may come out.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/published.hpp"

namespace {

const qtsc::sync::KeyPair& keys() {
  static const qtsc::sync::KeyPair pair = qtsc::sync::generateKeyPair();
  return pair;
}

std::string signedEnvelope(std::string_view type, const nlohmann::json& body) {
  const auto& k = keys();
  nlohmann::json file{{"signed", body},
                      {"signatures", nlohmann::json::array({nlohmann::json{
                                         {"keyid", qtsc::sync::keyId(k.publicKey)},
                                         {"sig", qtsc::sync::sign(qtsc::sync::signedMessage(type, body), k.secretKey)}}})}};
  return file.dump();
}

template <typename Open>
void tryOpen(std::string_view text, Open open) {
  try {
    (void)open(text, keys().publicKey);
  } catch (const qtsc::sync::SyncError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  tryOpen(text, qtsc::sync::openTimestamp);
  tryOpen(text, qtsc::sync::openManifest);
  const auto body = nlohmann::json::parse(text, nullptr, false);
  if (!body.is_discarded() && body.is_object()) {
    tryOpen(signedEnvelope("timestamp", body), qtsc::sync::openTimestamp);
    tryOpen(signedEnvelope("manifest", body), qtsc::sync::openManifest);
  }
  return 0;
}
