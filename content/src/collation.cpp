#include "collation.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <vector>

#include "qtsc/content/errors.hpp"

namespace qtsc::content {

namespace {

// One collator per language and thread: creating one loads its rules (costly), and ICU does
// not promise that one instance may be used by two threads at once.
const icu::Collator& collatorFor(std::string_view language) {
  thread_local std::map<std::string, std::unique_ptr<icu::Collator>, std::less<>> collators;
  auto found = collators.find(language);
  if (found != collators.end()) return *found->second;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> collator(
      icu::Collator::createInstance(icu::Locale::forLanguageTag(std::string(language), status), status));
  if (U_FAILURE(status) || !collator)
    throw ContentError("no collation for the language '" + std::string(language) + "': " + u_errorName(status));
  return *collators.emplace(std::string(language), std::move(collator)).first->second;
}

}  // namespace

std::string collationKey(std::string_view text, std::string_view language) {
  const icu::Collator& collator = collatorFor(language);
  const icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::vector<uint8_t> key(64);
  int32_t size = collator.getSortKey(unicode, key.data(), static_cast<int32_t>(key.size()));
  if (size > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(size));
    size = collator.getSortKey(unicode, key.data(), size);
  }
  // The key ends with a 0 byte, left out: it would end the TEXT value early for no gain.
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int32_t i = 0; i + 1 < size; ++i) {
    const auto byte = key[static_cast<std::size_t>(i)];
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

std::string tenantSortKey(const LocalizedText& name, std::string_view language) {
  return collationKey(name.in(language), language);
}

}  // namespace qtsc::content
