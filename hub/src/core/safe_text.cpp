#include "core/safe_text.hpp"

#include <algorithm>

namespace qtsc::hub {

namespace {

// Length of the well-formed UTF-8 sequence starting at text[i], 0 when it is not one.
std::size_t sequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead == 0xE0) { length = 3; low = 0xA0; }           // no overlong forms
  else if (lead >= 0xE1 && lead <= 0xEC) length = 3;
  else if (lead == 0xED) { length = 3; high = 0x9F; }          // no UTF-16 surrogates
  else if (lead >= 0xEE && lead <= 0xEF) length = 3;
  else if (lead == 0xF0) { length = 4; low = 0x90; }
  else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
  else if (lead == 0xF4) { length = 4; high = 0x8F; }          // nothing past U+10FFFF
  else return 0;
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return length;
}

}  // namespace

std::optional<std::size_t> firstInvalidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = sequenceLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

std::string dumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string logQuote(std::string_view text, std::size_t maxBytes) {
  const bool cut = text.size() > maxBytes;
  std::string literal = nlohmann::json(std::string(text.substr(0, maxBytes)))
                            .dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  if (cut) literal += "... (" + std::to_string(text.size()) + " bytes)";
  return literal;
}

std::string safeText(std::string_view text, std::size_t maxBytes) {
  std::string out;
  out.reserve(std::min(text.size(), maxBytes) + 3);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = sequenceLength(text, i);
    const std::size_t kept = length == 0 ? 3 : length;  // U+FFFD is 3 bytes
    if (out.size() + kept > maxBytes) {
      out += "...";
      break;
    }
    const auto lead = static_cast<unsigned char>(text[i]);
    if (length == 0) out += "\xEF\xBF\xBD";
    else if (lead < 0x20 || lead == 0x7F) out += ' ';
    else if (length == 2 && lead == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) out += ' ';  // C1 controls
    else out.append(text.substr(i, length));
    i += length == 0 ? 1 : length;
  }
  return out;
}

}  // namespace qtsc::hub
