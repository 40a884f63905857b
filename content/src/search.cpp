#include "qtsc/content/search.hpp"

#include <algorithm>
#include <vector>

namespace qtsc::content {

int typoEditsAllowed(std::size_t letters) {
  if (letters >= kLongWordLetters) return 2;
  if (letters >= kTypoEditsFrom) return 1;
  return 0;
}

int prefixEditDistance(std::string_view typed, std::string_view word, int maxEdits) {
  // Optimal string alignment distance between `typed` and each start of `word`, row by row
  // over the letters typed; the answer is the best cell of the last row. Starts of `word`
  // longer than typed + maxEdits cannot be within reach, so columns stop there.
  const std::size_t rows = typed.size();
  const std::size_t cols = std::min(word.size(), rows + static_cast<std::size_t>(std::max(maxEdits, 0)));
  const int over = maxEdits + 1;
  std::vector<int> before(cols + 1), previous(cols + 1), current(cols + 1);
  for (std::size_t j = 0; j <= cols; ++j) previous[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= rows; ++i) {
    current[0] = static_cast<int>(i);
    int rowBest = current[0];
    for (std::size_t j = 1; j <= cols; ++j) {
      const int cost = typed[i - 1] == word[j - 1] ? 0 : 1;
      int cell = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && typed[i - 1] == word[j - 2] && typed[i - 2] == word[j - 1])
        cell = std::min(cell, before[j - 2] + 1);
      current[j] = cell;
      rowBest = std::min(rowBest, cell);
    }
    if (rowBest > maxEdits) return over;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  const int best = *std::min_element(previous.begin(), previous.end());
  return best > maxEdits ? over : best;
}

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
