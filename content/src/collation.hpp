// Sort keys that order names as a reader of their language expects, from ICU's collator for
// the language (Vietnamese: "Đ" right after "D", "Ă" and "Â" after "A", tones after the
// letter), not by their bytes (which put "Đ…" after "z").
#pragma once

#include <string>
#include <string_view>

#include "qtsc/content/model.hpp"

namespace qtsc::content {

// A key whose byte order is the collation order of `text` in `language` (a BCP 47 code such
// as "vi" or "en"), written as lower-case hex so that it fits a TEXT column and SQLite's
// default (binary) comparison sorts by it. Throws ContentError when ICU has no collator.
std::string collationKey(std::string_view text, std::string_view language);

// A tenant's sort key in `language`: its name in that language (else in Vietnamese),
// collated for that language. The store keeps one for Vietnamese and one for English lists.
std::string tenantSortKey(const LocalizedText& name, std::string_view language);

}  // namespace qtsc::content
