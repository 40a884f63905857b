// Reading the content sources (TOML through toml++).
//
// [SECTION] Field reader    typed access to one TOML table, recording lines and unknown keys
// [SECTION] Records         each record read by walking its field description (fields.hpp)
// [SECTION] Files           loading a folder, locating and checking
#include "qtsc/content/sources.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <set>
#include <toml++/toml.h>

#include "qtsc/content/fields.hpp"
#include "qtsc/content/validation.hpp"

namespace qtsc::content {

namespace fs = std::filesystem;

std::string SourceDiagnostic::describe() const {
  std::string out = where.file;
  if (where.line > 0) out += ":" + std::to_string(where.line);
  return out + ": " + message;
}

namespace {
std::string summarize(const std::vector<SourceDiagnostic>& diagnostics) {
  std::string out;
  for (std::size_t i = 0; i < diagnostics.size() && i < 10; ++i) out += (i ? "\n" : "") + diagnostics[i].describe();
  if (diagnostics.size() > 10) out += "\n... and " + std::to_string(diagnostics.size() - 10) + " more";
  return out;
}
}  // namespace

SourceError::SourceError(std::vector<SourceDiagnostic> found)
    : ContentError(summarize(found)), diagnostics(std::move(found)) {}

// ============================================================================================
// [SECTION] Field reader
// ============================================================================================

namespace {

int lineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

// Reads one record's table by walking its field description (fields.hpp). Wrong types and
// unknown keys become diagnostics; the record is still read as far as it can be, so one
// pass reports every problem. The line of every field read is kept under the field's path
// as validation names it ("stops[1].place", "name.en"), so a rule broken later is reported
// at its line.
class FieldReader {
 public:
  FieldReader(const toml::table& table, std::string file, std::string what,
              std::vector<SourceDiagnostic>& diagnostics, std::map<std::string, int>& lines,
              std::string prefix = {})
      : table_(table), file_(std::move(file)), what_(std::move(what)), diagnostics_(diagnostics),
        lines_(lines), prefix_(std::move(prefix)) {}

  ~FieldReader() {
    for (const auto& [key, node] : table_)
      if (used_.count(std::string(key.str())) == 0)
        error(lineOf(node), "unknown field '" + std::string(key.str()) + "'");
  }
  FieldReader(const FieldReader&) = delete;
  FieldReader& operator=(const FieldReader&) = delete;

  // ---- the walker members (see fields.hpp)

  void string(FieldName name, std::string& out) {
    if (const toml::node* node = find(name)) out = stringOf(*node, name);
  }

  void text(FieldName name, LocalizedText& out) {
    if (const toml::node* node = find(name)) out = textOf(*node, name.source, path(name));
  }

  void strings(FieldName name, std::vector<std::string>& out) {
    const toml::array* array = arrayOf(name);
    if (array == nullptr) return;
    out.clear();
    for (const auto& item : *array) {
      if (auto value = item.value<std::string>())
        out.push_back(*value);
      else
        error(lineOf(item), "field '" + std::string(name.source) + "' must be a list of texts in quotes");
    }
  }

  void texts(FieldName name, std::vector<LocalizedText>& out) {
    const toml::array* array = arrayOf(name);
    if (array == nullptr) return;
    out.clear();
    for (const auto& item : *array) {
      const std::string at = path(name) + "[" + std::to_string(out.size()) + "]";
      lines_[at] = lineOf(item);
      out.push_back(textOf(item, std::string(name.source), at));
    }
  }

  void integer(FieldName name, int& out) {
    const toml::node* node = find(name);
    if (node == nullptr) return;
    if (auto value = node->value<int64_t>())
      out = static_cast<int>(*value);
    else
      error(lineOf(*node), "field '" + std::string(name.source) + "' must be a whole number");
  }

  void boolean(FieldName name, bool& out) {
    const toml::node* node = find(name);
    if (node == nullptr) return;
    if (auto value = node->value<bool>())
      out = *value;
    else
      error(lineOf(*node), "field '" + std::string(name.source) + "' must be true or false");
  }

  void negated(FieldName name, bool& out) {
    bool opposite = !out;
    boolean(name, opposite);
    out = !opposite;
  }

  void date(FieldName name, PartialDate& out) {
    const toml::node* node = find(name);
    if (node == nullptr) return;
    const std::string text = stringOf(*node, name);
    if (auto parsed = PartialDate::parse(text))
      out = *parsed;
    else if (!text.empty())
      error(lineOf(*node), std::string(name.source) + " '" + text + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
  }

  // A point is written as two keys of the record, x and y; one missing is -1, off the map,
  // which validation reports.
  void point(FieldName name, MapPoint& out) {
    out = {coordinate("x"), coordinate("y")};
    if (auto it = lines_.find(prefix_ + "x"); it != lines_.end()) lines_[path(name)] = it->second;
  }

  void choice(FieldName name, PlaceKind& out) { choose(name, out, placeKindFromString, joined(placeKindNames())); }
  void choice(FieldName name, TenantKind& out) { choose(name, out, tenantKindFromString, joined(tenantKindNames())); }
  void choice(FieldName name, DayPart& out) { choose(name, out, dayPartFromString, "morning, afternoon or evening"); }

  template <typename Record>
  void list(FieldName name, std::vector<Record>& out) {
    const toml::array* array = arrayOf(name);
    if (array == nullptr) return;
    out.clear();
    readItems(*array, name, path(name), out);
  }

  // Appends each table of `items` to `out`, its lines kept under "path[i].". The body of
  // list(), also used for the park's [[fact]] and [[chain]] sections, which are arrays of the
  // file rather than of a record's table.
  template <typename Record>
  void readItems(const toml::array& items, FieldName name, const std::string& at, std::vector<Record>& out) {
    for (const auto& item : items) {
      const auto* table = item.as_table();
      if (table == nullptr) {
        error(lineOf(item), "each item of '" + std::string(name.source) + "' must be a table");
        continue;
      }
      const std::string itemPath = at + "[" + std::to_string(out.size()) + "]";
      lines_[itemPath] = lineOf(item);
      FieldReader fields(*table, file_, what_ + " " + std::string(name.source), diagnostics_, lines_, itemPath + ".");
      out.emplace_back();
      describeFields(fields, out.back());
    }
  }

  // ----

  void error(int line, std::string message) {
    diagnostics_.push_back({{file_, line}, what_ + ": " + std::move(message)});
  }

 private:
  std::string path(FieldName name) const { return prefix_ + std::string(name.json); }

  const toml::node* find(FieldName name) {
    const std::string key(name.source);
    used_.insert(key);
    const toml::node* node = table_.get(key);
    if (node != nullptr) lines_[path(name)] = lineOf(*node);
    return node;
  }

  std::string stringOf(const toml::node& node, FieldName name) {
    if (auto value = node.value<std::string>()) return *value;
    error(lineOf(node), "field '" + std::string(name.source) + "' must be text in quotes");
    return {};
  }

  const toml::array* arrayOf(FieldName name) {
    const toml::node* node = find(name);
    if (node == nullptr) return nullptr;
    const auto* array = node->as_array();
    if (array == nullptr) error(lineOf(*node), "field '" + std::string(name.source) + "' must be a list");
    return array;
  }

  double coordinate(const char* key) {
    const toml::node* node = find(key);
    if (node == nullptr) return -1.0;
    if (auto value = node->value<double>()) return *value;
    error(lineOf(*node), "field '" + std::string(key) + "' must be a number");
    return -1.0;
  }

  static std::string joined(const std::vector<std::string_view>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
  }

  template <typename Enum, typename Parse>
  void choose(FieldName name, Enum& out, Parse parse, const std::string& allowed) {
    const toml::node* node = find(name);
    if (node == nullptr) return;
    const std::string text = stringOf(*node, name);
    if (auto parsed = parse(text))
      out = *parsed;
    else
      error(lineOf(*node), std::string(name.source) + " '" + text + "' is not one of " + allowed);
  }

  LocalizedText textOf(const toml::node& node, std::string_view key, const std::string& at) {
    LocalizedText text;
    const auto* languages = node.as_table();
    if (languages == nullptr) {
      error(lineOf(node), "field '" + std::string(key) + "' must give the text per language: { vi = \"...\", en = \"...\" }");
      return text;
    }
    for (const auto& [language, value] : *languages) {
      const std::string lang(language.str());
      lines_[at + "." + lang] = lineOf(value);
      if (auto s = value.value<std::string>())
        text.set(lang, *s);
      else
        error(lineOf(value), "field '" + std::string(key) + "." + lang + "' must be text in quotes");
    }
    return text;
  }

  const toml::table& table_;
  std::string file_;
  std::string what_;
  std::vector<SourceDiagnostic>& diagnostics_;
  std::map<std::string, int>& lines_;
  std::string prefix_;  // "stops[1]." for a stop's fields
  std::set<std::string> used_;
};

// ============================================================================================
// [SECTION] Records
// ============================================================================================

struct Reading {
  LoadedSources& out;
  std::vector<SourceDiagnostic>& diagnostics;
};

std::string describeRecord(RecordKind kind, const toml::table& table) {
  std::string what(toString(kind));
  if (auto id = table["id"].value<std::string>()) what += " '" + *id + "'";
  return what;
}

// Reads one record of `kind` from its table into `record` and keeps where its fields are.
template <typename Record>
void readRecord(Reading& r, const std::string& file, const toml::table& table, RecordKind kind, Record& record,
                const std::string& id) {
  const std::string key = std::string(toString(kind)) + "/" + id;
  auto& lines = r.out.fieldLines[key];
  {
    FieldReader fields(table, file, kind == RecordKind::Park ? "park" : describeRecord(kind, table), r.diagnostics,
                       lines);
    describeFields(fields, record);
  }
  lines[""] = lineOf(table);
  r.out.recordFiles[key] = file;
}

template <typename Record>
void readInto(Reading& r, const std::string& file, const toml::table& table, RecordKind kind,
              std::vector<Record>& records) {
  Record record;
  const std::string id = table["id"].value_or(std::string());
  readRecord(r, file, table, kind, record, id);
  records.push_back(std::move(record));
}

// [[fact]] and [[chain]]: items of the park's lists, read with the park's lines.
template <typename Item>
void readParkItems(Reading& r, const std::string& file, const toml::array& items, FieldName name,
                   std::vector<Item>& out) {
  static const toml::table kNoFields;
  FieldReader park(kNoFields, file, "park", r.diagnostics, r.out.fieldLines[std::string(toString(RecordKind::Park)) + "/"]);
  park.readItems(items, name, std::string(name.json), out);
}

void readFile(Reading& r, const std::string& name, const toml::table& root) {
  auto& content = r.out.content;
  for (const auto& [key, node] : root) {
    const std::string section(key.str());
    if (section == "park" && node.is_table()) {
      readRecord(r, name, *node.as_table(), RecordKind::Park, content.park, "");
      continue;
    }
    if (section == "paths" && node.is_table()) {
      if (content.paths) r.diagnostics.push_back({{name, lineOf(node)}, "the walking paths are one [paths] table"});
      readRecord(r, name, *node.as_table(), RecordKind::Paths, content.paths.emplace(), "");
      continue;
    }
    const auto* array = node.as_array();
    if (array == nullptr) {
      r.diagnostics.push_back({{name, lineOf(node)}, "unknown section '" + section + "'"});
      continue;
    }
    if (section == "fact") {
      readParkItems(r, name, *array, {"fact", "facts"}, content.park.facts);
      continue;
    }
    if (section == "chain") {
      readParkItems(r, name, *array, "chain", content.park.chain);
      continue;
    }
    for (const auto& item : *array) {
      const auto* table = item.as_table();
      if (table == nullptr) {
        r.diagnostics.push_back({{name, lineOf(item)}, "each '" + section + "' must be a table ([[" + section + "]])"});
        continue;
      }
      if (section == "sector") readInto(r, name, *table, RecordKind::Sector, content.sectors);
      else if (section == "theme") readInto(r, name, *table, RecordKind::Theme, content.themes);
      else if (section == "milestone") readInto(r, name, *table, RecordKind::Milestone, content.milestones);
      else if (section == "place") readInto(r, name, *table, RecordKind::Place, content.places);
      else if (section == "tenant") readInto(r, name, *table, RecordKind::Tenant, content.tenants);
      else if (section == "exhibit") readInto(r, name, *table, RecordKind::Exhibit, content.exhibits);
      else if (section == "itinerary") readInto(r, name, *table, RecordKind::Itinerary, content.itineraries);
      else if (section == "welcome") readInto(r, name, *table, RecordKind::Welcome, content.welcomes);
      else if (section == "profile") readInto(r, name, *table, RecordKind::Profile, content.profiles);
      else if (section == "source") readInto(r, name, *table, RecordKind::Source, content.sources);
      else {
        r.diagnostics.push_back({{name, lineOf(node)}, "unknown section '" + section + "'"});
        break;
      }
    }
  }
}

}  // namespace

// ============================================================================================
// [SECTION] Files
// ============================================================================================

SourceLocation LoadedSources::locate(const ValidationIssue& issue) const {
  const std::string key = std::string(toString(issue.kind)) + "/" + issue.recordId;
  auto file = recordFiles.find(key);
  auto lines = fieldLines.find(key);
  if (file == recordFiles.end() || lines == fieldLines.end())
    return {files.empty() ? std::string() : files.front(), 0};
  // The most specific field written: "stops[1].place", else "stops[1]", else "name", else the record.
  std::string field = issue.field;
  while (true) {
    if (auto it = lines->second.find(field); it != lines->second.end()) return {file->second, it->second};
    if (field.empty()) break;
    auto cut = field.find_last_of(".[");
    field = cut == std::string::npos ? std::string() : field.substr(0, cut);
  }
  return {file->second, 0};
}

LoadedSources loadSources(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw SourceError({{{folder.string(), 0}, "not a folder of content sources"}});
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".toml") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  if (paths.empty()) throw SourceError({{{folder.string(), 0}, "holds no .toml content sources"}});

  std::vector<SourceText> texts;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw SourceError({{{path.string(), 0}, "cannot be read"}});
    texts.push_back({path.string(), text.str()});
  }
  return parseSources(texts);
}

LoadedSources parseSources(const std::vector<SourceText>& texts) {
  LoadedSources out;
  std::vector<SourceDiagnostic> diagnostics;
  Reading reading{out, diagnostics};
  for (const auto& [name, text] : texts) {
    out.files.push_back(name);
    try {
      toml::table root = toml::parse(text, name);
      readFile(reading, name, root);
    } catch (const toml::parse_error& e) {
      diagnostics.push_back({{name, static_cast<int>(e.source().begin.line)}, std::string(e.description())});
    }
  }
  if (!diagnostics.empty()) throw SourceError(std::move(diagnostics));
  return out;
}

namespace {
// Loads and validates; fills `content` when the sources load at all.
std::vector<SourceDiagnostic> loadAndCheck(const fs::path& folder, ContentSet& content) {
  LoadedSources loaded;
  try {
    loaded = loadSources(folder);
  } catch (const SourceError& e) {
    return e.diagnostics;
  }
  std::vector<SourceDiagnostic> diagnostics;
  for (const auto& issue : validateSet(loaded.content, [](RecordKind, const std::string&) { return false; }))
    diagnostics.push_back({loaded.locate(issue), issue.describe()});
  content = std::move(loaded.content);
  return diagnostics;
}
}  // namespace

std::vector<SourceDiagnostic> checkSources(const fs::path& folder) {
  ContentSet unused;
  return loadAndCheck(folder, unused);
}

ContentSet readValidSources(const fs::path& folder) {
  ContentSet content;
  auto diagnostics = loadAndCheck(folder, content);
  if (!diagnostics.empty()) throw SourceError(std::move(diagnostics));
  return content;
}

}  // namespace qtsc::content
