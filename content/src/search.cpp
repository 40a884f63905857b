#include "qtsc/content/search.hpp"

namespace qtsc::content {

std::string foldForSearch(std::string_view text) {
  // đ is U+0111 (C4 91), Đ is U+0110 (C4 90): letters of their own, not d with a mark, so
  // Unicode decomposition (and with it FTS5's remove_diacritics) leaves them as they are.
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) == 0xC4 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next == 0x91 || next == 0x90) {
        out += next == 0x91 ? 'd' : 'D';
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string toPrefixQuery(std::string_view typed) {
  const std::string folded = foldForSearch(typed);
  std::string query;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!query.empty()) query += ' ';
    query += '"' + word + "\"*";
    word.clear();
  };
  for (char c : folded) {
    const auto byte = static_cast<unsigned char>(c);
    // ASCII letters and digits and every byte of a multi-byte UTF-8 letter belong to a
    // word; ASCII spaces and punctuation (quotes among them) separate words.
    if (byte >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      word += c;
    else
      flush();
  }
  flush();
  return query;
}

}  // namespace qtsc::content
