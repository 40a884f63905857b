// Search across tenants, places, exhibits, milestones and itineraries, in every language,
// insensitive to Vietnamese diacritics and to đ/Đ.
#pragma once

#include <string>
#include <string_view>

#include "qtsc/content/model.hpp"

namespace qtsc::content {

struct SearchHit {
  RecordKind kind = RecordKind::Tenant;
  std::string id;
  LocalizedText title;
  LocalizedText subtitle;
  bool sample = false;
  double score = 0.0;  // the hit's rank, 0 for the best
};

// Folds what SQLite's unicode61 tokenizer does not: đ/Đ to d/D. Diacritics and case are
// removed by the tokenizer itself (remove_diacritics 2), on both the index and the query.
std::string foldForSearch(std::string_view text);

// Turns what a visitor typed into an FTS5 prefix query: every word must match the start of
// a word. Returns empty when nothing searchable was typed.
std::string toPrefixQuery(std::string_view typed);

}  // namespace qtsc::content
