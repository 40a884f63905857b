#include "ui/line_breaks.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>
#include <memory>

namespace qtsc::kiosk::ui {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
// A letter starts the next word: an ASCII letter or any byte of a multi-byte UTF-8 character
// (Vietnamese letters with diacritics, "đ").
bool startsWord(char c) { return std::isalpha(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80); }

float widthOf(const ImFont* font, float size, std::string_view text) {
  return font->CalcTextSizeA(size, FLT_MAX, 0.f, text.data(), text.data() + text.size()).x;
}

// One paragraph (no '\n') broken greedily at ICU's line-break opportunities.
void breakParagraph(const ImFont* font, float size, std::string_view paragraph, float width, icu::BreakIterator* breaks,
                    std::string& out) {
  if (!breaks || widthOf(font, size, paragraph) <= width) {
    out.append(paragraph);
    return;
  }
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(paragraph.data(), static_cast<int32_t>(paragraph.size())));
  breaks->setText(text);
  std::string line;     // the line being filled
  std::string segment;  // from one break opportunity to the next (a word and the spaces after it)
  int32_t start = breaks->first();
  for (int32_t end = breaks->next(); end != icu::BreakIterator::DONE; start = end, end = breaks->next()) {
    segment.clear();
    text.tempSubStringBetween(start, end).toUTF8String(segment);
    if (line.empty() || widthOf(font, size, line + segment.substr(0, segment.find_last_not_of(' ') + 1)) <= width) {
      line += segment;
      continue;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();  // a line does not end in spaces
    out += line;
    out += '\n';
    line = segment;
  }
  out += line;
}

}  // namespace

std::string keepNumbersWithUnits(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' && i > 0 && isDigit(text[i - 1]) && i + 1 < text.size() && startsWord(text[i + 1])) {
      out += "\xC2\xA0";  // U+00A0 NO-BREAK SPACE
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string breakLines(const ImFont* font, float size, std::string_view text, float width) {
  const std::string glued = keepNumbersWithUnits(text);
  if (!font || width <= 0.f) return glued;
  static thread_local std::unique_ptr<icu::BreakIterator> breaks = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createLineInstance(icu::Locale("vi"), status));
    return U_SUCCESS(status) ? std::move(made) : nullptr;
  }();
  std::string out;
  out.reserve(glued.size() + 16);
  std::string_view rest = glued;
  while (true) {
    const std::size_t newline = rest.find('\n');
    breakParagraph(font, size, rest.substr(0, newline), width, breaks.get(), out);
    if (newline == std::string_view::npos) break;
    out += '\n';
    rest.remove_prefix(newline + 1);
  }
  return out;
}

}  // namespace qtsc::kiosk::ui
