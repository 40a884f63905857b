#include "text.hpp"

#include <cstdio>

namespace qtsc::sync {

namespace {

bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The longest prefix of `text` of at most `maxBytes` that does not end inside a UTF-8
// sequence.
std::size_t cutAt(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return text.size();
  std::size_t end = maxBytes;
  while (end > 0 && isContinuation(text[end])) --end;
  return end;
}

}  // namespace

std::string shortQuote(std::string_view text, std::size_t maxBytes) {
  const std::size_t end = cutAt(text, maxBytes);
  std::string out = "'";
  for (std::size_t i = 0; i < end; ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (text[i] == '\n') out += "\\n";
    else if (text[i] == '\r') out += "\\r";
    else if (text[i] == '\t') out += "\\t";
    else if (text[i] == '\\') out += "\\\\";
    else if (u < 0x20 || u == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(u));
      out += escaped;
    } else {
      out += text[i];
    }
  }
  out += end < text.size() ? "'..." : "'";
  return out;
}

std::string oneLine(std::string_view text, std::size_t maxBytes) {
  const auto newline = text.find_first_of("\r\n");
  std::string_view first = text.substr(0, newline);
  while (!first.empty() && (first.back() == ' ' || first.back() == ':')) first.remove_suffix(1);
  const std::size_t end = cutAt(first, maxBytes);
  std::string out;
  out.reserve(end + 3);
  for (std::size_t i = 0; i < end; ++i) {
    const auto u = static_cast<unsigned char>(first[i]);
    out += u < 0x20 || u == 0x7f ? ' ' : first[i];
  }
  if (end < first.size()) out += "...";
  return out;
}

}  // namespace qtsc::sync
