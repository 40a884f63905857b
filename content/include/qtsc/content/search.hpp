// Search across tenants, places, exhibits, milestones, itineraries and the chain's members, in every language,
// insensitive to case, to Vietnamese diacritics and to đ/Đ.
//
// What a typed word finds (each word must be found; the last one may still be being typed):
// - a word starting with it ("tm" finds "TMA");
// - the word written together with its neighbour ("steam zone" = "STEAMZONE");
// - a spelling variant or another name of the same thing, from the table in
//   content/src/search_terms.toml ("center" = "centre", "q12" = "quận 12" = "district 12",
//   "saigon" = "TP.HCM");
// - when no word of the index starts with the typed word: two words of the index it may be
//   typed together from ("cantho" = "Cần Thơ", "datacenter" = "data centre"), and the words
//   one typing slip away: kTypoEditsFrom letters typed allow one edit (a letter added, left
//   out, replaced, or two swapped), kLongWordLetters allow two; a letter typed twice ("tmaa")
//   counts as a slip at any length from three letters.
// A number in a query of several words must stand next to one of them in the text ("quan 12"
// finds "Quận 12", not a text with "quản" in one place and the date 12/2023 in another).
//
// How results are ordered, each rule deciding only among results the ones before it tie:
// 1. real content before samples, always;
// 2. fewer words found only through a typing slip;
// 3. fewer words typed with diacritics that the text has without them (or with others);
//    words typed without diacritics match any, since a keyboard may have none;
// 4. fewer words found only as the start of a longer word ("doan" puts "Đoàn" before "Doanh");
// 5. where: the words as one phrase in the title, all in the title, as one phrase anywhere,
//    scattered;
// 6. more places where the words occur (title ones count twice), then the shorter title.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "qtsc/content/model.hpp"

namespace qtsc::content {

struct SearchHit {
  RecordKind kind = RecordKind::Tenant;
  std::string id;  // for kind Park: a member or planned member of the chain (ChainMember::id)
  LocalizedText title;
  LocalizedText subtitle;
  bool sample = false;
  double score = 0.0;  // the hit's rank, 0 for the best
};

// Narrows a search before its results are ranked, limited and counted, so that a filter never
// hides a match that a limit on the unfiltered results would have cut ("an" in the fintech
// sector finds every fintech tenant with a word starting with "an", not those among the first
// results of "an").
struct SearchScope {
  std::optional<RecordKind> kind;  // empty: every kind
  std::string sectorId;            // non-empty: tenants in this sector only (implies kind Tenant)
  std::string placeId;             // non-empty: tenants housed in this place only (implies kind Tenant)
  bool operator==(const SearchScope&) const = default;
};

inline constexpr std::size_t kTypoEditsFrom = 5;    // letters typed before one slip is forgiven
inline constexpr std::size_t kLongWordLetters = 8;  // letters typed before two slips are forgiven

// How many edits a typed word of `letters` letters may be away from a word of the text.
int typoEditsAllowed(std::size_t letters);

// The fewest edits (insert, delete, replace, swap two neighbours) that turn `typed` into the
// start of `word` (so "solutt" is 1 from "solutions"), or maxEdits + 1 when more are needed.
// Both are compared byte by byte: pass them folded (the index's words are ASCII but for
// scripts without Latin letters, which then need an exact match).
int prefixEditDistance(std::string_view typed, std::string_view word, int maxEdits);

// Folds what SQLite's unicode61 tokenizer does not: đ/Đ to d/D. Diacritics and case are
// removed by the tokenizer itself (remove_diacritics 2), on both the index and the query.
std::string foldForSearch(std::string_view text);

// Turns what a visitor typed into an FTS5 prefix query: every word must match the start of
// a word. Returns empty when nothing searchable was typed.
std::string toPrefixQuery(std::string_view typed);

}  // namespace qtsc::content
