// The fleet protocol: pairing codes, sealed report keys, signed announcements.
#include "qtsc/sync/fleet.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "json_fields.hpp"
#include "qtsc/content/model.hpp"
#include "qtsc/sync/errors.hpp"

namespace qtsc::sync::fleet {

using nlohmann::json;

namespace {

void needSodium() {
  if (sodium_init() < 0) throw SyncError("libsodium could not be initialised");
}

std::string base64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string unbase64(std::string_view text, std::size_t maxBytes, const char* what) {
  std::string out(maxBytes, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw VerificationError(std::string(what) + " is not base64 of at most " + std::to_string(maxBytes) + " bytes");
  out.resize(length);
  return out;
}

std::string textField(const json& object, const char* field, std::size_t maxBytes, const std::string& where) {
  const auto it = object.find(field);
  if (it == object.end() || !it->is_string()) throw VerificationError(where + "." + field + " is missing or not text");
  const std::string text = it->get<std::string>();
  if (text.empty() || text.size() > maxBytes)
    throw VerificationError(where + "." + field + " must be 1 to " + std::to_string(maxBytes) + " bytes");
  return text;
}

long long integerField(const json& object, const char* field, const std::string& where) {
  const auto it = object.find(field);
  if (it == object.end() || !it->is_number_integer()) throw VerificationError(where + "." + field + " is missing or not a whole number");
  return it->get<long long>();
}

std::vector<std::string> names(const json& list, const std::string& where) {
  if (!list.is_array() || list.size() > 200) throw VerificationError(where + " must be a list of at most 200 names");
  std::vector<std::string> out;
  for (const auto& item : list) {
    if (!item.is_string() || item.get<std::string>().empty() || item.get<std::string>().size() > 64)
      throw VerificationError(where + " holds something that is not a name of 1 to 64 bytes");
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

// ---- pairing ----

BoxKeyPair generateBoxKeyPair() {
  needSodium();
  BoxKeyPair keys;
  crypto_box_keypair(keys.publicKey.data(), keys.secretKey.data());
  return keys;
}

std::string toHex(const BoxPublicKey& key) {
  std::string out(key.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), key.data(), key.size());
  out.pop_back();
  return out;
}

BoxPublicKey parseBoxPublicKey(std::string_view hex) {
  // The same 64-hex-digit form as a publisher key.
  const PublicKey parsed = parsePublicKey(hex);
  BoxPublicKey key;
  std::copy(parsed.begin(), parsed.end(), key.begin());
  return key;
}

std::string pairingCode(const BoxPublicKey& kioskKey, const PublicKey& publisherKey, std::string_view nonceHex) {
  needSodium();
  const std::string input = "qtsc-pairing-v1\n" + toHex(kioskKey) + "\n" + sync::toHex(publisherKey) + "\n" +
                            std::string(nonceHex);
  std::array<unsigned char, crypto_pwhash_SALTBYTES> salt{};
  const std::string nonceHash = sha256Hex(nonceHex);
  for (std::size_t i = 0; i < salt.size(); ++i) salt[i] = static_cast<unsigned char>(nonceHash[i]);
  std::array<unsigned char, 16> out{};
  if (crypto_pwhash(out.data(), out.size(), input.data(), input.size(), salt.data(), 3, 16u * 1024 * 1024,
                    crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw SyncError("not enough memory to derive a pairing code");
  // 40 bits, 5 at a time.
  unsigned long long bits = 0;
  for (int i = 0; i < 5; ++i) bits = (bits << 8) | out[static_cast<std::size_t>(i)];
  std::string code;
  for (int i = static_cast<int>(kPairingCodeLength) - 1; i >= 0; --i)
    code += kPairingAlphabet[(bits >> (5 * i)) & 31U];
  return code;
}

std::string normalisePairingCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (std::string_view(kPairingAlphabet).find(c) == std::string_view::npos) return {};
    code += c;
    if (code.size() > kPairingCodeLength) return {};
  }
  return code.size() == kPairingCodeLength ? code : std::string();
}

std::string formatPairingCode(std::string_view code) {
  if (code.size() != kPairingCodeLength) return std::string(code);
  return std::string(code.substr(0, 4)) + "-" + std::string(code.substr(4));
}

std::string pairingResultMessage(std::string_view requestId, std::string_view kioskId, std::string_view sealedKeyBase64) {
  return "qtsc-pairing-result-v1\n" + std::string(requestId) + "\n" + std::string(kioskId) + "\n" +
         std::string(sealedKeyBase64);
}

std::string sealTo(std::string_view plain, const BoxPublicKey& key) {
  needSodium();
  std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), reinterpret_cast<const unsigned char*>(plain.data()),
                  plain.size(), key.data());
  return base64(reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size());
}

std::string openSealed(std::string_view sealedBase64, const BoxKeyPair& keys) {
  needSodium();
  const std::string sealed = unbase64(sealedBase64, 4096, "the sealed report key");
  if (sealed.size() <= crypto_box_SEALBYTES) throw VerificationError("the sealed report key is too short");
  std::string plain(sealed.size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), reinterpret_cast<const unsigned char*>(sealed.data()),
                           sealed.size(), keys.publicKey.data(), keys.secretKey.data()) != 0)
    throw VerificationError("the sealed report key was not sealed to this kiosk's pairing key");
  return plain;
}

// ---- announcements ----

bool Target::includes(std::string_view kioskId, std::string_view group) const {
  return all || content::reaches(groups, kiosks, kioskId, group);
}

json toJson(const Announcement& a) {
  json target = a.target.all ? json{{"all", true}} : json{{"groups", a.target.groups}, {"kiosks", a.target.kiosks}};
  return {{"id", a.id}, {"text", a.text}, {"starts", a.starts}, {"ends", a.ends}, {"target", target}};
}

Announcement announcementFromJson(const json& value) {
  if (!value.is_object()) throw VerificationError("an announcement is not an object");
  Announcement a;
  a.id = textField(value, "id", 64, "announcement");
  const std::string where = "announcement " + a.id;
  const auto text = value.find("text");
  if (text == value.end() || !text->is_object()) throw VerificationError(where + ".text is missing");
  for (const char* language : {"vi", "en"}) textField(*text, language, kAnnouncementTextBytes, where + ".text");
  a.text = {{"vi", (*text)["vi"]}, {"en", (*text)["en"]}};
  a.starts = integerField(value, "starts", where);
  a.ends = integerField(value, "ends", where);
  if (a.ends <= a.starts) throw VerificationError(where + " ends before it starts");
  const auto target = value.find("target");
  if (target == value.end() || !target->is_object()) throw VerificationError(where + ".target is missing");
  a.target.all = fields::flag(*target, "all", where + ".target");
  if (!a.target.all) {
    const auto list = [&](const char* field) {
      const auto it = target->find(field);
      return it == target->end() || it->is_null() ? std::vector<std::string>{} : names(*it, where + ".target." + field);
    };
    a.target.groups = list("groups");
    a.target.kiosks = list("kiosks");
    if (a.target.groups.empty() && a.target.kiosks.empty()) throw VerificationError(where + " is for no kiosk");
  }
  return a;
}

json signAnnouncements(const AnnouncementsDocument& document, const SecretKey& key) {
  json list = json::array();
  for (const auto& a : document.announcements) list.push_back(toJson(a));
  const std::string text =
      json{{"type", "qtsc-announcements"}, {"revision", document.revision}, {"issued", document.issued}, {"announcements", list}}
          .dump();
  return {{"signed", text}, {"signature", sign(text, key)}, {"keyId", keyId(publicKeyOf(key))}};
}

AnnouncementsDocument verifyAnnouncements(const json& signedDocument, const PublicKey& publisherKey) {
  if (!signedDocument.is_object()) throw VerificationError("the announcements are not a signed document");
  const auto text = signedDocument.find("signed");
  const auto signature = signedDocument.find("signature");
  if (text == signedDocument.end() || !text->is_string() || signature == signedDocument.end() || !signature->is_string())
    throw VerificationError("the announcements document has no signed text or no signature");
  const std::string& body = text->get_ref<const std::string&>();
  if (body.size() > kMaxAnnouncementsBytes) throw VerificationError("the announcements document is too large");
  if (!verify(body, signature->get<std::string>(), publisherKey))
    throw VerificationError("the announcements are not signed by this kiosk's publisher key");
  const json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object() || fields::text(parsed, "type", "announcements") != "qtsc-announcements")
    throw VerificationError("the signed text is not an announcements document");
  AnnouncementsDocument document;
  document.revision = integerField(parsed, "revision", "announcements");
  document.issued = integerField(parsed, "issued", "announcements");
  const auto list = parsed.find("announcements");
  if (list == parsed.end() || !list->is_array() || list->size() > kMaxAnnouncements)
    throw VerificationError("announcements.announcements must be a list of at most " + std::to_string(kMaxAnnouncements));
  for (const auto& item : *list) document.announcements.push_back(announcementFromJson(item));
  return document;
}

std::vector<Announcement> showing(const AnnouncementsDocument& document, std::string_view kioskId, std::string_view group,
                                  long long now) {
  std::vector<Announcement> out;
  for (const auto& a : document.announcements)
    if (a.starts <= now && now < a.ends && a.target.includes(kioskId, group)) out.push_back(a);
  std::stable_sort(out.begin(), out.end(), [](const Announcement& x, const Announcement& y) { return x.starts > y.starts; });
  return out;
}

}  // namespace qtsc::sync::fleet
