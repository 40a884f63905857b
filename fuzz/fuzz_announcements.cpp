// Fuzzes the kiosk's reading of the signed announcements document. The signature is checked
// before anything is parsed, so the input is signed here with a fixed key: what is fuzzed is
// the signed text a publisher could send. Every input is a document within the limits, or a
// VerificationError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/fleet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const qtsc::sync::KeyPair keys = qtsc::sync::generateKeyPair();
  const std::string text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json document{{"signed", text}, {"signature", qtsc::sync::sign(text, keys.secretKey)}};
  try {
    const auto parsed = qtsc::sync::fleet::verifyAnnouncements(document, keys.publicKey);
    if (parsed.announcements.size() > qtsc::sync::fleet::kMaxAnnouncements) __builtin_trap();
    for (const auto& a : parsed.announcements) {
      if (a.ends <= a.starts) __builtin_trap();
      for (const char* language : {"vi", "en"})
        if (!a.text[language].is_string() || a.text[language].get<std::string>().size() > qtsc::sync::fleet::kAnnouncementTextBytes)
          __builtin_trap();
      (void)qtsc::sync::fleet::showing(parsed, "kiosk-1", "museum", a.starts);
    }
  } catch (const qtsc::sync::VerificationError&) {
  }
  return 0;
}
