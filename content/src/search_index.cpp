// The search index and the searches answered from it.
//
// [SECTION] Tokens          SQLite's own unicode61 tokenizer, reached through the fts5 API
// [SECTION] Terms table     spelling variants and other names (search_terms.toml)
// [SECTION] Session         per-connection state: tokenizers, terms, the index's vocabulary
// [SECTION] Index rows      qtsc_texts() and the SQL that fills the index per kind
// [SECTION] Query plan      what a typed query becomes: phrases per word, and the MATCH text
// [SECTION] Ranking         qtsc_rank(), an fts5 function that scores one matching row
// [SECTION] Search          candidates, order, hits
#include "search_index.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <toml++/toml.h>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "codec.hpp"
#include "qtsc/content/errors.hpp"
#include "qtsc/content/search.hpp"

namespace qtsc::content {

extern const char* const kSearchTermsToml;  // search_terms.toml, compiled in by CMake

namespace {

// ============================================================================================
// [SECTION] Tokens
// ============================================================================================

// The index's words are what unicode61 makes of a text, so the query, the terms table and the
// joined word pairs are cut and folded by the same tokenizer rather than by a copy of its rules.
fts5_api* fts5Of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(statement);
  }
  sqlite3_finalize(statement);
  if (api == nullptr) throw ContentError("this SQLite has no FTS5: search cannot run");
  return api;
}

struct Token {
  std::string text;  // folded as the index folds it
  int start = 0;     // byte offsets in the text given
  int end = 0;
};

class Tokenizer {
 public:
  Tokenizer(fts5_api* api, bool removeDiacritics) {
    void* context = nullptr;
    if (api->xFindTokenizer(api, "unicode61", &context, &module_) != SQLITE_OK)
      throw ContentError("SQLite's unicode61 tokenizer is missing: search cannot run");
    std::array<const char*, 2> args{"remove_diacritics", removeDiacritics ? "2" : "0"};
    if (module_.xCreate(context, args.data(), static_cast<int>(args.size()), &tokenizer_) != SQLITE_OK)
      throw ContentError("SQLite's unicode61 tokenizer cannot be created: search cannot run");
  }
  ~Tokenizer() {
    if (tokenizer_ != nullptr) module_.xDelete(tokenizer_);
  }
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  [[nodiscard]] std::vector<Token> tokens(std::string_view text) const {
    std::vector<Token> out;
    module_.xTokenize(tokenizer_, &out, FTS5_TOKENIZE_DOCUMENT, text.data(), static_cast<int>(text.size()),
                      [](void* context, int, const char* token, int size, int start, int end) {
                        static_cast<std::vector<Token>*>(context)->push_back(
                            {std::string(token, static_cast<std::size_t>(size)), start, end});
                        return SQLITE_OK;
                      });
    return out;
  }
  [[nodiscard]] std::string joined(std::string_view text) const {
    std::string out;
    for (const auto& token : tokens(text)) out += token.text;
    return out;
  }

 private:
  fts5_tokenizer module_{};
  Fts5Tokenizer* tokenizer_ = nullptr;
};

bool isNumber(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ============================================================================================
// [SECTION] Terms table
// ============================================================================================

struct RawTerms {
  std::vector<std::vector<std::string>> spellings;
  std::vector<std::vector<std::string>> names;
};

const RawTerms& rawTerms() {
  static const RawTerms terms = [] {
    RawTerms out;
    toml::table table;
    try {
      table = toml::parse(std::string_view(kSearchTermsToml), std::string_view("search_terms.toml"));
    } catch (const toml::parse_error& error) {
      throw ContentError(std::string("search_terms.toml: ") + std::string(error.description()));
    }
    auto groups = [&](const char* section, const char* key, std::vector<std::vector<std::string>>& into) {
      const toml::array* list = table[section].as_array();
      if (list == nullptr) return;
      for (const auto& entry : *list) {
        const toml::array* words = entry.is_table() ? (*entry.as_table())[key].as_array() : nullptr;
        if (words == nullptr)
          throw ContentError(std::string("search_terms.toml: each [[") + section + "]] needs a list '" + key + "'");
        std::vector<std::string> group;
        for (const auto& word : *words)
          if (auto text = word.value<std::string>()) group.push_back(*text);
        if (group.size() < 2)
          throw ContentError(std::string("search_terms.toml: a [[") + section + "]] entry lists fewer than two");
        into.push_back(std::move(group));
      }
    };
    groups("spelling", "words", out.spellings);
    groups("names", "names", out.names);
    return out;
  }();
  return terms;
}

// One word of a name: a folded literal, a number ("{n}"), or a literal with a number joined
// to it ("q{n}": "q12").
struct NameWord {
  std::string literal;
  bool number = false;
};
using Name = std::vector<NameWord>;

struct Terms {
  std::vector<std::vector<std::string>> spellings;  // folded
  std::vector<std::vector<Name>> names;

  Terms(const RawTerms& raw, const Tokenizer& fold) {
    for (const auto& group : raw.spellings) {
      std::vector<std::string> folded;
      for (const auto& word : group) folded.push_back(fold.joined(foldForSearch(word)));
      spellings.push_back(std::move(folded));
    }
    for (const auto& group : raw.names) {
      std::vector<Name> folded;
      for (const auto& name : group) {
        Name words;
        std::size_t at = 0;
        while (at < name.size()) {
          std::size_t space = name.find(' ', at);
          if (space == std::string::npos) space = name.size();
          std::string piece = name.substr(at, space - at);
          at = space + 1;
          if (const auto hole = piece.find("{n}"); hole != std::string::npos) {
            words.push_back({fold.joined(foldForSearch(piece.substr(0, hole))), true});
            continue;
          }
          for (auto& token : fold.tokens(foldForSearch(piece))) words.push_back({std::move(token.text), false});
        }
        if (!words.empty()) folded.push_back(std::move(words));
      }
      names.push_back(std::move(folded));
    }
  }
};

// ============================================================================================
// [SECTION] Session

// Bytes of the database file searched through a memory map: up to 2040 MiB, SQLite's own
// limit on 64-bit systems (a database of 100,000 tenants is 395 MB; pages past the map are
// read by a read call each). Mapped pages are the system's file cache, not the program's
// own memory.
constexpr long long kSearchMapBytes = 2040LL << 20;

// Per connection, owned by the connection (it is the user data of qtsc_search_session(),
// freed when the connection closes), so read-only kiosk connections need nothing stored.
struct Session {
  fts5_api* api;
  Tokenizer fold;    // as the index folds: case and diacritics
  Tokenizer lower;   // case only, to compare diacritics
  Terms terms;
  // The index's words by first byte, read on first need: a typo is looked for among the
  // words that start with the same letter as what was typed. Beside each word, how many rows
  // hold it, summed: the rows a prefix can match are estimated from them.
  struct Bucket {
    std::vector<std::string> terms;      // sorted
    std::vector<long long> rowsBefore;   // rows of terms[0..i), summed; one more entry than terms
  };
  std::array<std::optional<Bucket>, 256> vocabulary;
  long long dataVersion = -1;

  explicit Session(sqlite3* db)
      : api(fts5Of(db)), fold(api, true), lower(api, false), terms(rawTerms(), fold) {
    // A query reads the index's lists of every word it may mean. Read through a memory map,
    // they come from the page cache the system keeps anyway instead of being copied by a
    // read call each time (a large directory's lists do not fit SQLite's own page cache).
    sqlite3_exec(db, ("PRAGMA mmap_size = " + std::to_string(kSearchMapBytes)).c_str(), nullptr, nullptr, nullptr);
  }

  void forget() {
    for (auto& bucket : vocabulary) bucket.reset();
  }

  // The index's words from `first` (a first byte) on, with the rows holding each, into the
  // buckets of their first bytes; one bucket only, or every one when `first` is null.
  using TermRows = std::array<std::vector<std::pair<std::string, long long>>, 256>;
  static void readTerms(sqlite3* db, const std::optional<unsigned char>& first, TermRows& into) {
    sqlite3_exec(db,
                 "CREATE VIRTUAL TABLE IF NOT EXISTS temp.qtsc_search_vocabulary "
                 "USING fts5vocab(main, 'search_fts', 'row')",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* statement = nullptr;
    const char* sql = first ? "SELECT term, doc FROM temp.qtsc_search_vocabulary WHERE term >= ?1 AND term < ?2"
                            : "SELECT term, doc FROM temp.qtsc_search_vocabulary";
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK) {
      if (first) {
        const std::string from(1, static_cast<char>(*first));
        const std::string to(1, static_cast<char>(*first + 1));
        sqlite3_bind_text(statement, 1, from.data(), 1, SQLITE_TRANSIENT);
        sqlite3_bind_text(statement, 2, to.data(), *first == 255 ? 0 : 1, SQLITE_TRANSIENT);
      }
      while (sqlite3_step(statement) == SQLITE_ROW) {
        const auto* term = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        if (term != nullptr && term[0] != '\0')
          into[static_cast<unsigned char>(term[0])].emplace_back(term, sqlite3_column_int64(statement, 1));
      }
    }
    sqlite3_finalize(statement);
  }

  const Bucket& bucketOf(sqlite3* db, unsigned char first) {
    auto& bucket = vocabulary[first];
    if (bucket) return *bucket;
    TermRows rows;
    readTerms(db, first, rows);
    bucket.emplace();
    fill(*bucket, rows[first]);
    return *bucket;
  }

  // Every first letter's words in one read of the vocabulary.
  void readVocabulary(sqlite3* db) {
    TermRows rows;
    readTerms(db, std::nullopt, rows);
    for (std::size_t first = 0; first < rows.size(); ++first) {
      auto& bucket = vocabulary[first];
      if (bucket) continue;
      bucket.emplace();
      fill(*bucket, rows[first]);
    }
  }

  static void fill(Bucket& bucket, std::vector<std::pair<std::string, long long>>& rows) {
    std::sort(rows.begin(), rows.end());  // fts5vocab lists terms in order; kept certain
    bucket.terms.reserve(rows.size());
    bucket.rowsBefore.reserve(rows.size() + 1);
    bucket.rowsBefore.push_back(0);
    for (auto& [term, docs] : rows) {
      bucket.terms.push_back(std::move(term));
      bucket.rowsBefore.push_back(bucket.rowsBefore.back() + docs);
    }
  }

  const std::vector<std::string>& wordsStartingWith(sqlite3* db, unsigned char first) {
    return bucketOf(db, first).terms;
  }

  // Rows that hold `word` (or, for a prefix, any word it starts), counted once per word: an
  // estimate from above of how long the index's list for it is.
  long long rowsWith(sqlite3* db, const std::string& word, bool prefix) {
    if (word.empty()) return 0;
    const Bucket& bucket = bucketOf(db, static_cast<unsigned char>(word[0]));
    const auto begin = std::lower_bound(bucket.terms.begin(), bucket.terms.end(), word);
    auto end = begin;
    if (prefix)
      end = std::partition_point(begin, bucket.terms.end(),
                                 [&](const std::string& term) { return term.compare(0, word.size(), word) == 0; });
    else if (end != bucket.terms.end() && *end == word)
      ++end;
    const auto from = static_cast<std::size_t>(begin - bucket.terms.begin());
    const auto to = static_cast<std::size_t>(end - bucket.terms.begin());
    return bucket.rowsBefore[to] - bucket.rowsBefore[from];
  }
};

bool hasWord(Session& session, sqlite3* db, const std::string& word) {
  if (word.empty()) return false;
  const auto& bucket = session.wordsStartingWith(db, static_cast<unsigned char>(word[0]));
  return std::binary_search(bucket.begin(), bucket.end(), word);
}

bool hasWordStartingWith(Session& session, sqlite3* db, const std::string& start) {
  if (start.empty()) return false;
  const auto& bucket = session.wordsStartingWith(db, static_cast<unsigned char>(start[0]));
  const auto at = std::lower_bound(bucket.begin(), bucket.end(), start);
  return at != bucket.end() && at->compare(0, start.size(), start) == 0;
}

void sqlSession(sqlite3_context* context, int, sqlite3_value** args) {
  if (auto** out = static_cast<Session**>(sqlite3_value_pointer(args[0], "qtsc_search_session")))
    *out = static_cast<Session*>(sqlite3_user_data(context));
  sqlite3_result_null(context);
}

Session* existingSession(sqlite3* db) {
  Session* session = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT qtsc_search_session(?1)", -1, &statement, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(statement, 1, static_cast<void*>(&session), "qtsc_search_session", nullptr);
    sqlite3_step(statement);
  }
  sqlite3_finalize(statement);
  return session;
}

void rankFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* context, int count,
                  sqlite3_value** args);

Session& sessionOf(sqlite3* db) {
  if (Session* session = existingSession(db)) return *session;
  auto session = std::make_unique<Session>(db);
  Session* raw = session.get();
  if (raw->api->xCreateFunction(raw->api, "qtsc_rank", raw, &rankFunction, nullptr) != SQLITE_OK)
    throw ContentError("the search ranking function cannot be registered");
  if (sqlite3_create_function_v2(db, "qtsc_search_session", 1, SQLITE_UTF8, raw, &sqlSession, nullptr, nullptr,
                                 [](void* p) { delete static_cast<Session*>(p); }) != SQLITE_OK)
    throw ContentError("the search session cannot be registered");
  session.release();  // the connection owns it now
  return *raw;
}

// A write through another connection (a kiosk installing content) changes the index's words.
void refreshIfChanged(sqlite3* db, Session& session) {
  sqlite3_stmt* statement = nullptr;
  long long version = -1;
  if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW)
    version = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  if (version != session.dataVersion) session.forget();
  session.dataVersion = version;
}

void forgetVocabulary(SQLite::Database& db) {
  if (Session* session = existingSession(db.getHandle())) session->forget();
}

// ============================================================================================
// [SECTION] Index rows
// ============================================================================================

void appendTexts(const nlohmann::json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(value.get_ref<const std::string&>());
  } else if (value.is_structured()) {
    for (const auto& item : value) appendTexts(item, out);
  }
}

// qtsc_texts(json): every string inside a stored JSON text, joined and folded for search.
void sqlTexts(sqlite3_context* context, int, sqlite3_value** args) {
  const auto* raw = sqlite3_value_text(args[0]);
  std::vector<std::string> texts;
  if (raw != nullptr) {
    auto value = nlohmann::json::parse(reinterpret_cast<const char*>(raw), nullptr, false);
    appendTexts(value, texts);
  }
  std::string out;
  for (const auto& text : texts) {
    if (!out.empty()) out += ' ';
    out += foldForSearch(text);
  }
  sqlite3_result_text(context, out.c_str(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

// ============================================================================================
// [SECTION] Query plan
// ============================================================================================

enum class Quality { Exact = 0, Prefix = 1, Typo = 2, None = 3 };

struct QueryWord {
  std::string folded;  // as the index has it
  std::string lower;   // as typed, lower case, diacritics kept
  bool marked = false; // typed with diacritics
  bool number = false;
  int primary = -1;     // the phrase of the word as typed (a prefix)
  bool checked = false; // found by qtsc_rank in the row's text instead of through the index
};

// One FTS5 phrase of the query: the words it stands for, and how well it matches them.
struct Phrase {
  std::string tokens;  // folded, separated by spaces
  bool prefix = false;
  int first = 0;       // query words covered, first..last
  int last = 0;
  Quality quality = Quality::Exact;
  bool asTyped = false;  // the typed word's own spelling, so its diacritics can be compared
  int size = 1;          // tokens
};

struct QueryPlan {
  std::vector<QueryWord> words;
  std::vector<Phrase> phrases;
  std::vector<int> phraseOf;  // FTS5 phrase number -> phrases index (a phrase shared by two
                              // words appears in both words' clauses)
  std::string match;
  const Tokenizer* lower = nullptr;
};

constexpr std::size_t kMaxQueryWords = 8;     // words of a query used at most
constexpr std::size_t kMaxTypoPrefixes = 4;   // corrections tried per typed word
constexpr std::size_t kMaxNameAlternatives = 12;
constexpr std::size_t kNameStartLetters = 3;  // letters of a name being typed before its other names join in
// A word whose list is this many times longer than the shortest list of the query, and at
// least kCheckedFromRows rows long, is looked for in the text of the rows the other words
// find: "cong vien phan m" reads "m"'s list of nearly every row otherwise.
constexpr long long kCheckedRatio = 4;
constexpr long long kCheckedFromRows = 20000;
constexpr int kMaxRowsChecked = 400;  // rows read per pass to find a checked word's candidates

void addPhrase(QueryPlan& plan, std::string tokens, bool prefix, int first, int last, Quality quality,
               bool asTyped = false) {
  if (tokens.empty()) return;
  for (const auto& p : plan.phrases)
    if (p.tokens == tokens && p.prefix == prefix && p.first == first && p.last == last) return;
  const int size = 1 + static_cast<int>(std::count(tokens.begin(), tokens.end(), ' '));
  plan.phrases.push_back({std::move(tokens), prefix, first, last, quality, asTyped, size});
}

// Rows a phrase can match, estimated from above by its rarest word.
long long rowsWith(Session& session, sqlite3* db, const Phrase& phrase) {
  long long rows = -1;
  std::size_t from = 0;
  while (from <= phrase.tokens.size()) {
    const std::size_t space = std::min(phrase.tokens.find(' ', from), phrase.tokens.size());
    const bool lastToken = space == phrase.tokens.size();
    const long long here = session.rowsWith(db, phrase.tokens.substr(from, space - from), lastToken && phrase.prefix);
    rows = rows < 0 ? here : std::min(rows, here);
    from = space + 1;
  }
  return std::max(rows, 0LL);
}

// Which words the index finds and which qtsc_rank looks for in the rows found. A word is
// checked when its list is long beside the query's shortest, it is not a number (a number
// must stand next to its word, told from the index's positions), and no other phrase stands
// for it alone (qtsc_rank looks for its own spelling only).
void chooseChecked(QueryPlan& plan, Session& session, sqlite3* db) {
  const std::size_t count = plan.words.size();
  if (count < 2) return;
  std::vector<long long> rows(count, 0);
  for (std::size_t w = 0; w < count; ++w)
    for (const auto& phrase : plan.phrases)
      if (phrase.first <= static_cast<int>(w) && phrase.last >= static_cast<int>(w)) rows[w] += rowsWith(session, db, phrase);
  const long long shortest = *std::min_element(rows.begin(), rows.end());
  std::size_t kept = count;
  for (std::size_t w = 0; w < count; ++w) {
    QueryWord& word = plan.words[w];
    if (word.number || word.primary < 0 || rows[w] < kCheckedFromRows || rows[w] < kCheckedRatio * std::max(shortest, 1LL))
      continue;
    const bool alone = std::none_of(plan.phrases.begin(), plan.phrases.end(), [&](const Phrase& phrase) {
      return &phrase != &plan.phrases[static_cast<std::size_t>(word.primary)] && phrase.first == static_cast<int>(w) &&
             phrase.last == static_cast<int>(w);
    });
    if (!alone || kept == 1) continue;
    word.checked = true;
    --kept;
  }
}

// A spelling of the table at the end of the word is swapped for each other spelling.
void addSpellings(QueryPlan& plan, const Terms& terms, const std::string& word, int first, int last) {
  for (const auto& group : terms.spellings)
    for (const auto& spelling : group) {
      if (word.size() < spelling.size() || word.compare(word.size() - spelling.size(), spelling.size(), spelling) != 0)
        continue;
      const std::string stem = word.substr(0, word.size() - spelling.size());
      for (const auto& other : group) {
        if (other == spelling) continue;
        addPhrase(plan, stem + other, true, first, last, Quality::Prefix);
      }
    }
}

// Other names: where a name of the table stands in the query, each other name of its entry is
// a phrase for those words. Longest name first at each word, left to right.
void addNames(QueryPlan& plan, const Terms& terms) {
  const auto& words = plan.words;
  std::size_t at = 0;
  while (at < words.size()) {
    std::size_t bestLength = 0;
    const std::vector<Name>* bestGroup = nullptr;
    const Name* bestName = nullptr;
    std::string bestNumber;
    for (const auto& group : terms.names)
      for (const auto& name : group) {
        if (name.size() <= bestLength || at + name.size() > words.size()) continue;
        std::string number;
        bool same = true;
        for (std::size_t k = 0; k < name.size() && same; ++k) {
          const std::string& typed = words[at + k].folded;
          const NameWord& part = name[k];
          if (!part.number) {
            // The query's last word may still be being typed: "saig" is on its way to "saigon".
            const bool typing = at + k + 1 == words.size() && typed.size() >= kNameStartLetters &&
                                part.literal.compare(0, typed.size(), typed) == 0;
            same = typed == part.literal || typing;
            continue;
          }
          const bool fits = typed.size() > part.literal.size() && typed.compare(0, part.literal.size(), part.literal) == 0 &&
                            isNumber(std::string_view(typed).substr(part.literal.size()));
          const std::string value = fits ? typed.substr(part.literal.size()) : std::string();
          same = fits && (number.empty() || number == value);
          number = value;
        }
        if (!same) continue;
        bestLength = name.size();
        bestGroup = &group;
        bestName = &name;
        bestNumber = number;
      }
    if (bestGroup == nullptr) {
      ++at;
      continue;
    }
    const int first = static_cast<int>(at);
    const int last = static_cast<int>(at + bestLength - 1);
    std::size_t added = 0;
    for (const auto& name : *bestGroup) {
      if (&name == bestName || added >= kMaxNameAlternatives) continue;
      std::string tokens;
      bool needsNumber = false;
      for (const auto& part : name) {
        if (!tokens.empty()) tokens += ' ';
        tokens += part.literal;
        if (part.number) {
          tokens += bestNumber;
          needsNumber = true;
        }
      }
      if (needsNumber && bestNumber.empty()) continue;
      addPhrase(plan, tokens, false, first, last, Quality::Exact);
      ++added;
    }
    at += bestLength;
  }
}

// Optimal string alignment distance, for the few words already known to be close.
int editDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

void addTypos(QueryPlan& plan, Session& session, sqlite3* db, const std::string& word, int index) {
  // A letter typed twice by a touch that bounced: drop one of the two.
  if (word.size() >= 3)
    for (std::size_t i = 1; i < word.size(); ++i)
      if (word[i] == word[i - 1] && static_cast<unsigned char>(word[i]) < 0x80)
        addPhrase(plan, word.substr(0, i) + word.substr(i + 1), true, index, index, Quality::Typo);
  const int allowed = typoEditsAllowed(word.size());
  if (allowed == 0 || static_cast<unsigned char>(word[0]) >= 0x80) return;
  // The corrected starts of words: "soluttions" -> "solutions", "solutt" -> "solut"; a word
  // already starting with what was typed needs no correction.
  std::vector<std::pair<int, std::string>> found;
  for (const auto& term : session.wordsStartingWith(db, static_cast<unsigned char>(word[0]))) {
    if (term.size() + static_cast<std::size_t>(allowed) < word.size() || isNumber(term)) continue;
    if (term.compare(0, word.size(), word) == 0) continue;
    const int distance = prefixEditDistance(word, term, allowed);
    if (distance == 0 || distance > allowed) continue;
    // The shortest start of the term that is that close is what the visitor meant to type.
    std::size_t length = word.size() > static_cast<std::size_t>(allowed) ? word.size() - static_cast<std::size_t>(allowed) : 1;
    while (length < term.size() && editDistance(word, std::string_view(term).substr(0, length)) > distance) ++length;
    found.emplace_back(distance, term.substr(0, length));
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> kept;
  for (const auto& candidate : found) {
    if (kept.size() >= kMaxTypoPrefixes) break;
    const std::string& start = candidate.second;
    // "solut"* already finds everything "soluti"* would.
    if (std::any_of(kept.begin(), kept.end(), [&](const std::string& k) { return start.compare(0, k.size(), k) == 0; }))
      continue;
    kept.push_back(start);
  }
  for (auto& start : kept) addPhrase(plan, std::move(start), true, index, index, Quality::Typo);
}

// Typed together, written apart: "cantho" finds "Cần Thơ", "datacenter" finds "data centre".
// A split is tried where the left part is a word of the index and the right part starts one
// (or is a number, or ends in a spelling of the table).
void addSplits(QueryPlan& plan, Session& session, sqlite3* db, const std::string& word, int index) {
  constexpr std::size_t kSplitFrom = 4;  // letters typed before a word is tried as two
  constexpr std::size_t kSplitPart = 3;  // letters each part has at least
  if (word.size() < kSplitFrom || static_cast<unsigned char>(word[0]) >= 0x80) return;
  for (std::size_t at = kSplitPart; at < word.size(); ++at) {
    const std::string left = word.substr(0, at);
    const std::string right = word.substr(at);
    // A number may be short: "lot13", "quan12".
    if (right.size() < kSplitPart && !isNumber(right)) continue;
    if (isNumber(left) || !hasWord(session, db, left)) continue;
    std::vector<std::string> rights{right};
    for (const auto& group : session.terms.spellings)
      for (const auto& spelling : group)
        if (right.size() >= spelling.size() && right.compare(right.size() - spelling.size(), spelling.size(), spelling) == 0)
          for (const auto& other : group)
            if (other != spelling) rights.push_back(right.substr(0, right.size() - spelling.size()) + other);
    for (const auto& r : rights)
      if (isNumber(r) || hasWord(session, db, r))
        addPhrase(plan, left + " " + r, true, index, index, Quality::Exact);
      else if (hasWordStartingWith(session, db, r))
        addPhrase(plan, left + " " + r, true, index, index, Quality::Prefix);
  }
}

QueryPlan planQuery(Session& session, sqlite3* db, std::string_view typed, bool allowChecked) {
  QueryPlan plan;
  plan.lower = &session.lower;
  const std::string text = foldForSearch(typed);
  for (const auto& token : session.fold.tokens(text)) {
    if (plan.words.size() >= kMaxQueryWords) break;
    QueryWord word;
    word.folded = token.text;
    const std::string_view asTyped =
        std::string_view(text).substr(static_cast<std::size_t>(token.start), static_cast<std::size_t>(token.end - token.start));
    word.lower = session.lower.joined(asTyped);
    word.marked = std::any_of(asTyped.begin(), asTyped.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    word.number = isNumber(word.folded);
    plan.words.push_back(std::move(word));
  }
  if (plan.words.empty()) return plan;
  const int count = static_cast<int>(plan.words.size());
  for (int i = 0; i < count; ++i) {
    const std::string& word = plan.words[static_cast<std::size_t>(i)].folded;
    // Prefix phrases only: whether a match is the whole word is told by qtsc_rank, which is
    // cheaper than a second list per word for FTS5 to merge.
    addPhrase(plan, word, true, i, i, Quality::Prefix, true);
    if (!plan.phrases.empty() && plan.phrases.back().first == i && plan.phrases.back().tokens == word)
      plan.words[static_cast<std::size_t>(i)].primary = static_cast<int>(plan.phrases.size()) - 1;
    addSpellings(plan, session.terms, word, i, i);
    if (i + 1 < count) {
      // Typed apart, written together: "steam zone" finds "STEAMZONE".
      const std::string together = word + plan.words[static_cast<std::size_t>(i + 1)].folded;
      addPhrase(plan, together, true, i, i + 1, Quality::Prefix);
      addSpellings(plan, session.terms, together, i, i + 1);
    }
    // A word that starts a word of the index was typed as meant: looking further for slips
    // and splits would only add lists for FTS5 to read and results below the real ones.
    if (!plan.words[static_cast<std::size_t>(i)].number && !hasWordStartingWith(session, db, word)) {
      addSplits(plan, session, db, word, i);
      addTypos(plan, session, db, word, i);
    }
  }
  addNames(plan, session.terms);
  if (allowChecked) chooseChecked(plan, session, db);

  // Every word must be found: one clause per word, the phrases that stand for it OR-ed; a
  // checked word's clause is qtsc_rank's to test.
  for (int i = 0; i < count; ++i) {
    if (plan.words[static_cast<std::size_t>(i)].checked) continue;
    std::string clause;
    for (std::size_t p = 0; p < plan.phrases.size(); ++p) {
      const Phrase& phrase = plan.phrases[p];
      if (phrase.first > i || phrase.last < i) continue;
      if (!clause.empty()) clause += " OR ";
      clause += '"' + phrase.tokens + '"' + (phrase.prefix ? "*" : "");
      plan.phraseOf.push_back(static_cast<int>(p));
    }
    if (!plan.match.empty()) plan.match += " AND ";
    plan.match += "(" + clause + ")";
  }
  return plan;
}

// ============================================================================================
// [SECTION] Ranking
// ============================================================================================

struct Instance {
  const Phrase* phrase;
  int column;
  int offset;
};

// qtsc_rank(table, plan): the row's place in the order described in search.hpp as one number
// (smaller first), or NULL when the row is refused (a number not next to its word).
void rankFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* context, int count,
                  sqlite3_value** args) {
  const auto* plan = count > 0 ? static_cast<const QueryPlan*>(sqlite3_value_pointer(args[0], "qtsc_search_plan")) : nullptr;
  if (plan == nullptr) {
    sqlite3_result_error(context, "qtsc_rank needs a query plan", -1);
    return;
  }
  const std::size_t words = plan->words.size();
  std::vector<Quality> best(words, Quality::None);
  std::vector<bool> inTitle(words, false);
  std::vector<Instance> instances;

  // The text's words, read lazily per column and only when needed: whether a prefix match is
  // the whole word, its diacritics, and where the checked words are. Each word carries which
  // checked query words it starts (bit w for word w).
  struct TextToken {
    int start, end, foldedSize;
    unsigned starts;
  };
  struct ColumnTokens {
    bool read = false;
    bool complete = false;  // every word of the text is in tokens
    std::string_view text;
    std::vector<TextToken> tokens;
  };
  struct Reading {
    const QueryPlan* plan;
    std::vector<TextToken>* tokens;
    std::size_t upTo;      // words to read
    bool stopped = false;  // the text has more words (SQLITE_DONE ends a tokenizer early, reported as SQLITE_OK)
  };
  std::array<ColumnTokens, 2> columns;
  // The column's words up to `offset` at least (all of them for SIZE_MAX): a text is read
  // only as far as the words asked about, again further when a later word is asked about.
  auto readColumn = [&](int column, std::size_t offset) -> ColumnTokens& {
    auto& c = columns[static_cast<std::size_t>(column)];
    if (c.complete || (c.read && offset < c.tokens.size())) return c;
    if (!c.read) {
      c.read = true;
      const char* text = nullptr;
      int size = 0;
      if (api->xColumnText(fts, column, &text, &size) != SQLITE_OK || text == nullptr) {
        c.complete = true;
        return c;
      }
      c.text = std::string_view(text, static_cast<std::size_t>(size));
    }
    // Read again from the start, twice as far as before (a tokenizer cannot resume).
    const std::size_t upTo = offset == SIZE_MAX ? SIZE_MAX : std::max<std::size_t>({offset + 1, 2 * c.tokens.size(), 16});
    c.tokens.clear();
    Reading reading{plan, &c.tokens, upTo};
    const int rc = api->xTokenize(fts, c.text.data(), static_cast<int>(c.text.size()), &reading,
                                  [](void* into, int, const char* token, int folded, int start, int end) {
      auto* r = static_cast<Reading*>(into);
      if (r->tokens->size() >= r->upTo) {
        r->stopped = true;
        return SQLITE_DONE;
      }
      unsigned starts = 0;
      for (std::size_t w = 0; w < r->plan->words.size(); ++w) {
        const QueryWord& word = r->plan->words[w];
        if (word.checked && static_cast<std::size_t>(folded) >= word.folded.size() &&
            std::string_view(token, word.folded.size()) == word.folded)
          starts |= 1U << w;
      }
      r->tokens->push_back({start, end, folded, starts});
      return SQLITE_OK;
    });
    c.complete = rc == SQLITE_OK && !reading.stopped;
    return c;
  };
  auto tokenAt = [&](int column, int offset) -> const TextToken* {
    if (column < 0 || column > 1 || offset < 0) return nullptr;
    const auto& c = readColumn(column, static_cast<std::size_t>(offset));
    return static_cast<std::size_t>(offset) < c.tokens.size() ? &c.tokens[static_cast<std::size_t>(offset)] : nullptr;
  };

  constexpr int kMaxInstances = 512;  // enough to judge a row; long texts are not read further
  int hits = 0;
  auto found = [&](const Phrase& phrase, int column, int offset) {
    instances.push_back({&phrase, column, offset});
    hits += column == 0 ? 2 : 1;
    for (int w = phrase.first; w <= phrase.last; ++w) {
      const auto at = static_cast<std::size_t>(w);
      best[at] = std::min(best[at], phrase.quality);
      if (column == 0) inTitle[at] = true;
    }
  };
  int instanceCount = 0;
  api->xInstCount(fts, &instanceCount);
  for (int i = 0; i < std::min(instanceCount, kMaxInstances); ++i) {
    int phraseNumber = 0, column = 0, offset = 0;
    if (api->xInst(fts, i, &phraseNumber, &column, &offset) != SQLITE_OK) break;
    if (phraseNumber < 0 || static_cast<std::size_t>(phraseNumber) >= plan->phraseOf.size()) continue;
    found(plan->phrases[static_cast<std::size_t>(plan->phraseOf[static_cast<std::size_t>(phraseNumber)])], column, offset);
  }
  // Checked words: the index found the row by the other words; each checked word must start
  // a word of its text (or be part of a phrase the index found, such as "phanm" for "phan m").
  const int columnCount = std::min(api->xColumnCount(fts), 2);
  for (std::size_t w = 0; w < words; ++w) {
    const QueryWord& word = plan->words[w];
    if (!word.checked || word.primary < 0) continue;
    const Phrase& own = plan->phrases[static_cast<std::size_t>(word.primary)];
    for (int column = 0; column < columnCount; ++column) {
      const auto& tokens = readColumn(column, SIZE_MAX).tokens;
      for (std::size_t t = 0; t < tokens.size() && static_cast<int>(instances.size()) < kMaxInstances; ++t)
        if ((tokens[t].starts & (1U << w)) != 0) found(own, column, static_cast<int>(t));
    }
    if (best[w] == Quality::None) {
      sqlite3_result_null(context);
      return;
    }
  }
  // Neighbours: word w and w + 1 in one phrase, or one right after the other.
  std::vector<bool> together(words > 0 ? words - 1 : 0, false);
  for (std::size_t w = 0; w + 1 < words; ++w) {
    const int left = static_cast<int>(w);
    for (const auto& a : instances) {
      if (together[w]) break;
      if (a.phrase->first <= left && a.phrase->last >= left + 1) together[w] = true;
      if (a.phrase->last != left) continue;
      for (const auto& b : instances)
        if (b.phrase->first == left + 1 && b.column == a.column && b.offset == a.offset + a.phrase->size) {
          together[w] = true;
          break;
        }
    }
  }
  if (words > 1)
    for (std::size_t w = 0; w < words; ++w)
      if (plan->words[w].number && !(w > 0 && together[w - 1]) && !(w + 1 < words && together[w])) {
        sqlite3_result_null(context);
        return;
      }

  std::vector<bool> whole(words, false);
  // Title instances first (the title is short to read); a body is read only when needed.
  std::stable_sort(instances.begin(), instances.end(), [](const Instance& a, const Instance& b) { return a.column < b.column; });
  for (std::size_t w = 0; w < words; ++w) {
    if (best[w] != Quality::Prefix) continue;
    for (const auto& instance : instances) {
      const Phrase& p = *instance.phrase;
      if (p.quality != Quality::Prefix || p.size != 1 || p.first > static_cast<int>(w) || p.last < static_cast<int>(w))
        continue;
      const TextToken* token = tokenAt(instance.column, instance.offset);
      if (token != nullptr && static_cast<std::size_t>(token->foldedSize) == p.tokens.size()) {
        whole[w] = true;
        break;
      }
    }
  }

  // Diacritics typed: compare them with the words of the text that matched as typed.
  int unlikeMarks = 0;
  for (std::size_t w = 0; w < words; ++w) {
    if (!plan->words[w].marked) continue;
    bool alike = false;
    for (const auto& instance : instances) {
      if (alike) break;
      if (!instance.phrase->asTyped || instance.phrase->first != static_cast<int>(w)) continue;
      const TextToken* token = tokenAt(instance.column, instance.offset);
      if (token == nullptr) continue;
      const auto& text = columns[static_cast<std::size_t>(instance.column)].text;
      const std::string original = plan->lower->joined(
          text.substr(static_cast<std::size_t>(token->start), static_cast<std::size_t>(token->end - token->start)));
      const std::string& typed = plan->words[w].lower;
      alike = original.compare(0, typed.size(), typed) == 0;
    }
    if (!alike) ++unlikeMarks;
  }

  long long typos = 0, prefixes = 0;
  bool allTitle = true, phrase = true;
  for (std::size_t w = 0; w < words; ++w) {
    if (best[w] == Quality::Typo) ++typos;
    if (best[w] == Quality::Prefix && !whole[w]) ++prefixes;
    allTitle = allTitle && inTitle[w];
  }
  for (bool t : together) phrase = phrase && t;
  const long long placement = phrase ? (allTitle ? 0 : 2) : (allTitle ? 1 : 3);
  long long key = typos;
  key = key * 16 + unlikeMarks;
  key = key * 16 + prefixes;
  key = key * 4 + placement;
  key = key * 1024 + (1023 - std::min(hits, 1023));
  sqlite3_result_int64(context, key);
}

}  // namespace

namespace {

// ============================================================================================
// [SECTION] Index rows, per kind
// ============================================================================================

// How each kind of record becomes an index row: its title, the rest of its searchable
// text, and the subtitle a result list shows. `{where}` narrows to the records to index.
struct KindIndex {
  RecordKind kind;
  bool hasSampleColumn;
  const char* docs;  // INSERT INTO search_doc ... SELECT
  const char* fts;   // INSERT INTO search_fts ... SELECT
};

const std::array<KindIndex, 6> kIndexes{{
    {RecordKind::Tenant, true,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'tenant', x.id, x.name, COALESCE(p.name, '{}'), x.sample "
     "FROM tenant x LEFT JOIN place p ON p.id = x.place_id {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.name), qtsc_texts(x.description) || ' ' || "
     "  qtsc_texts(p.name) || ' ' || COALESCE((SELECT group_concat(qtsc_texts(c.name), ' ') "
     "  FROM tenant_sector s JOIN category c ON c.kind = 'sector' AND c.id = s.sector_id "
     "  WHERE s.tenant_id = x.id), '') "
     "FROM tenant x JOIN search_doc d ON d.kind = 'tenant' AND d.ref = x.id "
     "LEFT JOIN place p ON p.id = x.place_id {where}"},
    {RecordKind::Place, true,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'place', x.id, x.name, x.description, x.sample FROM place x {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.name), qtsc_texts(x.description) "
     "FROM place x JOIN search_doc d ON d.kind = 'place' AND d.ref = x.id {where}"},
    {RecordKind::Exhibit, true,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'exhibit', x.id, x.name, COALESCE(c.name, '{}'), x.sample FROM exhibit x "
     "LEFT JOIN category c ON c.kind = 'theme' AND c.id = x.theme_id {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.name), qtsc_texts(x.what) || ' ' || qtsc_texts(x.how) || ' ' || "
     "  qtsc_texts(c.name) "
     "FROM exhibit x JOIN search_doc d ON d.kind = 'exhibit' AND d.ref = x.id "
     "LEFT JOIN category c ON c.kind = 'theme' AND c.id = x.theme_id {where}"},
    {RecordKind::Milestone, false,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'milestone', x.id, x.title, json_object('vi', x.date), 0 FROM milestone x {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.title), qtsc_texts(x.body) || ' ' || x.date "
     "FROM milestone x JOIN search_doc d ON d.kind = 'milestone' AND d.ref = x.id {where}"},
    {RecordKind::Itinerary, true,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'itinerary', x.id, x.delegation, x.origin, x.sample FROM itinerary x {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.delegation), qtsc_texts(x.origin) || ' ' || qtsc_texts(x.host) || "
     "  ' ' || qtsc_texts(x.summary) || ' ' || x.date "
     "FROM itinerary x JOIN search_doc d ON d.kind = 'itinerary' AND d.ref = x.id {where}"},
    // The chain's members and planned members are part of the park record: found as kind
    // park, with the member's id.
    {RecordKind::Park, false,
     "INSERT INTO search_doc(kind, ref, title, subtitle, sample) "
     "SELECT 'park', x.id, x.name, x.location, 0 FROM chain_member x {where}",
     "INSERT INTO search_fts(rowid, title, body) "
     "SELECT d.rowid, qtsc_texts(x.name), qtsc_texts(x.location) "
     "FROM chain_member x JOIN search_doc d ON d.kind = 'park' AND d.ref = x.id {where}"},
}};

std::string withWhere(const char* sql, const std::string& where) {
  std::string out(sql);
  auto at = out.find("{where}");
  out.replace(at, 7, where);
  return out;
}

void insertRows(SQLite::Database& db, const KindIndex& index, const std::string& where,
                const std::string& id) {
  for (const char* sql : {index.docs, index.fts}) {
    SQLite::Statement insert(db, withWhere(sql, where));
    if (!id.empty()) insert.bind(1, id);
    insert.exec();
  }
}

// The title-only index is filled from the full one.
void copyTitles(SQLite::Database& db, RecordKind kind, const std::string& id) {
  SQLite::Statement copy(db,
                         "INSERT INTO search_title(rowid, title) SELECT rowid, title FROM search_fts "
                         "WHERE rowid = (SELECT rowid FROM search_doc WHERE kind = ?1 AND ref = ?2)");
  copy.bind(1, std::string(toString(kind)));
  copy.bind(2, id);
  copy.exec();
}

const KindIndex* indexFor(RecordKind kind) {
  for (const auto& index : kIndexes)
    if (index.kind == kind) return &index;
  return nullptr;
}

}  // namespace

void registerSearchFunctions(SQLite::Database& db) {
  db.createFunction("qtsc_texts", 1, true, nullptr, &sqlTexts);
}

void rebuildSearchIndex(SQLite::Database& db) {
  registerSearchFunctions(db);
  db.exec("DELETE FROM search_fts; DELETE FROM search_title; DELETE FROM search_doc;");
  // Park content first, samples after: search reads candidates in rowid order, so the
  // park's own records are always among them however many samples there are.
  for (const auto& index : kIndexes) insertRows(db, index, index.hasSampleColumn ? "WHERE x.sample = 0" : "", "");
  for (const auto& index : kIndexes)
    if (index.hasSampleColumn) insertRows(db, index, "WHERE x.sample = 1", "");
  db.exec("INSERT INTO search_title(rowid, title) SELECT rowid, title FROM search_fts");
  // One merged segment: queries then read each list once instead of once per segment.
  db.exec("INSERT INTO search_fts(search_fts) VALUES('optimize')");
  db.exec("INSERT INTO search_title(search_title) VALUES('optimize')");
  forgetVocabulary(db);
}

void unindexRecord(SQLite::Database& db, RecordKind kind, const std::string& id) {
  const std::string name(toString(kind));
  for (const char* table : {"search_fts", "search_title"}) {
    SQLite::Statement fts(db, std::string("DELETE FROM ") + table +
                                  " WHERE rowid IN (SELECT rowid FROM search_doc WHERE kind = ?1 AND ref = ?2)");
    fts.bind(1, name);
    fts.bind(2, id);
    fts.exec();
  }
  SQLite::Statement docs(db, "DELETE FROM search_doc WHERE kind = ?1 AND ref = ?2");
  docs.bind(1, name);
  docs.bind(2, id);
  docs.exec();
}

void reindexChain(SQLite::Database& db) {
  std::vector<std::string> indexed;
  {
    SQLite::Statement q(db, "SELECT ref FROM search_doc WHERE kind = 'park'");
    while (q.executeStep()) indexed.push_back(q.getColumn(0).getString());
  }
  for (const auto& id : indexed) unindexRecord(db, RecordKind::Park, id);
  std::vector<std::string> members;
  {
    SQLite::Statement q(db, "SELECT id FROM chain_member ORDER BY position");
    while (q.executeStep()) members.push_back(q.getColumn(0).getString());
  }
  for (const auto& id : members) reindexRecord(db, RecordKind::Park, id);
}

void reindexRecord(SQLite::Database& db, RecordKind kind, const std::string& id) {
  const KindIndex* index = indexFor(kind);
  if (index == nullptr) return;
  forgetVocabulary(db);
  unindexRecord(db, kind, id);
  insertRows(db, *index, "WHERE x.id = ?1", id);
  copyTitles(db, kind, id);
  if (kind == RecordKind::Place) {
    // Tenants show their building's name as subtitle and are found by it.
    SQLite::Statement tenants(db, "SELECT id FROM tenant WHERE place_id = ?1");
    tenants.bind(1, id);
    while (tenants.executeStep()) reindexRecord(db, RecordKind::Tenant, tenants.getColumn(0).getString());
  }
}


// ============================================================================================
// [SECTION] Search
// ============================================================================================

namespace {

// The part of a WHERE clause that keeps a row of the index `table` inside `scope`, with its
// parameters from ?4 on; empty for every record. The row's record is looked up by rowid for
// each row read: a "rowid IN (records of the scope)" would have FTS5 look every record of
// the scope up in the index (seconds at 100,000 tenants), or be built whole per query.
std::string scopeCondition(const SearchScope& scope, const std::string& table, std::vector<std::string>& parameters) {
  const bool tenantOnly = !scope.sectorId.empty() || !scope.placeId.empty();
  if (!scope.kind && !tenantOnly) return {};
  std::string where = " AND EXISTS (SELECT 1 FROM search_doc d WHERE d.rowid = " + table + ".rowid AND d.kind = ?4";
  parameters.emplace_back(tenantOnly ? std::string("tenant") : std::string(toString(*scope.kind)));
  if (!scope.sectorId.empty()) {
    parameters.push_back(scope.sectorId);
    where += " AND EXISTS (SELECT 1 FROM tenant_sector s WHERE s.tenant_id = d.ref AND s.sector_id = ?" +
             std::to_string(3 + parameters.size()) + ")";
  }
  if (!scope.placeId.empty()) {
    parameters.push_back(scope.placeId);
    where += " AND EXISTS (SELECT 1 FROM tenant t WHERE t.id = d.ref AND t.place_id = ?" +
             std::to_string(3 + parameters.size()) + ")";
  }
  return where + ")";
}

using RankedStatement = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

// Raw statements: the plan travels to qtsc_rank as a bound pointer, which SQLiteCpp cannot bind.
RankedStatement prepareSearchStatement(sqlite3* handle, const std::string& sql) {
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &q, nullptr) != SQLITE_OK) {
    const std::string why = sqlite3_errmsg(handle);
    sqlite3_finalize(q);
    throw ContentError("the search cannot be run: " + why);
  }
  return RankedStatement(q, &sqlite3_finalize);
}

RankedStatement prepareRanked(sqlite3* handle, const std::string& sql, const QueryPlan& plan, int limit,
                        const std::vector<std::string>& parameters) {
  RankedStatement owner = prepareSearchStatement(handle, sql);
  sqlite3_stmt* q = owner.get();
  sqlite3_bind_text(q, 1, plan.match.c_str(), static_cast<int>(plan.match.size()), SQLITE_TRANSIENT);
  sqlite3_bind_pointer(q, 2, const_cast<QueryPlan*>(&plan), "qtsc_search_plan", nullptr);
  sqlite3_bind_int(q, 3, limit);
  for (std::size_t i = 0; i < parameters.size(); ++i)
    sqlite3_bind_text(q, static_cast<int>(4 + i), parameters[i].c_str(), static_cast<int>(parameters[i].size()), SQLITE_TRANSIENT);
  return owner;
}

}  // namespace

void prepareSearchIndex(SQLite::Database& db) {
  sqlite3* handle = db.getHandle();
  Session& session = sessionOf(handle);
  refreshIfChanged(handle, session);
  session.readVocabulary(handle);
}

int countIndex(SQLite::Database& db, std::string_view typed, const SearchScope& scope, int cap) {
  if (cap <= 0) return 0;
  sqlite3* handle = db.getHandle();
  Session& session = sessionOf(handle);
  refreshIfChanged(handle, session);
  // Counted through the index alone: a count must see every match, not the first found.
  const QueryPlan plan = planQuery(session, handle, typed, false);
  if (plan.words.empty()) return 0;
  std::vector<std::string> parameters;
  // qtsc_rank refuses a row only for a number not next to its word: without a number in the
  // query, every row the index finds is counted as it is.
  const bool refuses = std::any_of(plan.words.begin(), plan.words.end(), [](const QueryWord& w) { return w.number; });
  const std::string sql = "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ?1" +
                          scopeCondition(scope, "search_fts", parameters) +
                          (refuses ? " AND qtsc_rank(search_fts, ?2) IS NOT NULL" : "") + " LIMIT ?3)";
  RankedStatement q = prepareRanked(handle, sql, plan, cap, parameters);
  if (sqlite3_step(q.get()) != SQLITE_ROW) throw ContentError(std::string("the search cannot be counted: ") + sqlite3_errmsg(handle));
  return sqlite3_column_int(q.get(), 0);
}

std::vector<SearchHit> searchIndex(SQLite::Database& db, std::string_view typed, int limit, const SearchScope& scope) {
  if (limit <= 0) return {};
  sqlite3* handle = db.getHandle();
  Session& session = sessionOf(handle);
  refreshIfChanged(handle, session);
  const QueryPlan plan = planQuery(session, handle, typed, true);
  if (plan.words.empty()) return {};
  std::vector<std::string> parameters;
  // Ranking every match would score every row, and a one-letter prefix matches nearly every
  // row of a large directory. Each pass takes a bounded set of candidates in index order
  // (real content first, see rebuildSearchIndex) and ranks them: titles in their own index
  // first, so that a title match is never crowded out by body matches, then every text.
  // (A rowid bound to split real records from samples costs more than it saves: FTS5 then
  // reads every match before the LIMIT applies.)
  // At least as many candidates as asked for, so that a large limit lists every match.
  const int candidatesPerPass = std::max(100, limit);
  // Rows read per pass: with a checked word, qtsc_rank refuses the rows that lack it, so more
  // rows are read to find the candidates, up to a bound that keeps a keystroke short.
  const bool anyChecked = std::any_of(plan.words.begin(), plan.words.end(), [](const QueryWord& w) { return w.checked; });
  const int rowsPerPass = anyChecked ? std::max(kMaxRowsChecked, candidatesPerPass) : candidatesPerPass;
  struct Candidate {
    long long rowid;
    std::string kind, ref, title, subtitle;
    bool sample;
    long long key;
  };
  std::vector<Candidate> candidates;
  std::unordered_map<long long, std::size_t> candidateAt;  // rowid -> index in candidates
  // A candidate's record, read when the row is first taken. (Joined in the passes' SQL, the
  // LIMIT subquery is read whole before the join, ranking every row it may return.)
  RankedStatement doc =
      prepareSearchStatement(handle, "SELECT kind, ref, title, subtitle, sample FROM search_doc WHERE rowid = ?1");
  auto column = [q = doc.get()](int i) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(q, i));
    return text == nullptr ? std::string() : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(q, i)));
  };
  for (const char* pass : {"search_title", "search_fts"}) {
    const std::string table = pass;
    parameters.clear();
    const std::string inScope = scopeCondition(scope, table, parameters);
    const std::string sql = "SELECT rowid, qtsc_rank(" + table + ", ?2) FROM " + table + " WHERE " + table +
                            " MATCH ?1" + inScope + " LIMIT ?3";
    RankedStatement owner = prepareRanked(handle, sql, plan, rowsPerPass, parameters);
    sqlite3_stmt* q = owner.get();
    int taken = 0;
    int step = SQLITE_ROW;
    while (taken < candidatesPerPass && (step = sqlite3_step(q)) == SQLITE_ROW) {
      if (sqlite3_column_type(q, 1) == SQLITE_NULL) continue;  // refused by qtsc_rank
      ++taken;
      const long long rowid = sqlite3_column_int64(q, 0);
      const long long key = sqlite3_column_int64(q, 1);
      if (auto same = candidateAt.find(rowid); same != candidateAt.end()) {
        Candidate& seen = candidates[same->second];
        seen.key = std::min(seen.key, key);
        continue;
      }
      sqlite3_reset(doc.get());
      sqlite3_bind_int64(doc.get(), 1, rowid);
      if (sqlite3_step(doc.get()) != SQLITE_ROW) continue;  // an index row without its record
      candidateAt.emplace(rowid, candidates.size());
      candidates.push_back({rowid, column(0), column(1), column(2), column(3), sqlite3_column_int(doc.get(), 4) != 0, key});
    }
    if (step != SQLITE_DONE && step != SQLITE_ROW)
      throw ContentError(std::string("the search cannot be run: ") + sqlite3_errmsg(handle));
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    const auto aLength = a.title.size(), bLength = b.title.size();
    return std::tie(a.sample, a.key, aLength, a.ref) < std::tie(b.sample, b.key, bLength, b.ref);
  });
  std::vector<SearchHit> hits;
  for (const auto& c : candidates) {
    if (static_cast<int>(hits.size()) >= limit) break;
    SearchHit hit;
    hit.kind = recordKindFromString(c.kind).value_or(RecordKind::Tenant);
    hit.id = c.ref;
    hit.title = codec::decodeText(c.title);
    hit.subtitle = codec::decodeText(c.subtitle);
    hit.sample = c.sample;
    hit.score = static_cast<double>(hits.size());
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace qtsc::content
