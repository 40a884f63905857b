// Reading the content sources (TOML through toml++).
//
// [SECTION] Field reader    typed access to one TOML table, recording lines and unknown keys
// [SECTION] Records         one reader per kind of record
// [SECTION] Files           loading a folder, locating and checking
#include "qtsc/content/sources.hpp"

#include <algorithm>
#include <set>
#include <toml++/toml.h>

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

// Reads the fields of one record's table. Wrong types and unknown keys become diagnostics;
// the record is still read as far as it can be, so one pass reports every problem.
class FieldReader {
 public:
  FieldReader(const toml::table& table, std::string file, std::string what,
              std::vector<SourceDiagnostic>& diagnostics)
      : table_(table), file_(std::move(file)), what_(std::move(what)), diagnostics_(diagnostics) {}

  ~FieldReader() {
    for (const auto& [key, node] : table_)
      if (used_.count(std::string(key.str())) == 0)
        error(lineOf(node), "unknown field '" + std::string(key.str()) + "'");
  }
  FieldReader(const FieldReader&) = delete;
  FieldReader& operator=(const FieldReader&) = delete;

  std::string string(const std::string& key) {
    const toml::node* node = find(key);
    if (node == nullptr) return {};
    if (auto value = node->value<std::string>()) return *value;
    error(lineOf(*node), "field '" + key + "' must be text in quotes");
    return {};
  }

  int integer(const std::string& key, int fallback) {
    const toml::node* node = find(key);
    if (node == nullptr) return fallback;
    if (auto value = node->value<int64_t>()) return static_cast<int>(*value);
    error(lineOf(*node), "field '" + key + "' must be a whole number");
    return fallback;
  }

  double number(const std::string& key) {
    const toml::node* node = find(key);
    if (node == nullptr) return -1.0;  // reported by validation as off the map
    if (auto value = node->value<double>()) return *value;
    error(lineOf(*node), "field '" + key + "' must be a number");
    return -1.0;
  }

  bool boolean(const std::string& key) {
    const toml::node* node = find(key);
    if (node == nullptr) return false;
    if (auto value = node->value<bool>()) return *value;
    error(lineOf(*node), "field '" + key + "' must be true or false");
    return false;
  }

  LocalizedText text(const std::string& key) {
    const toml::node* node = find(key);
    return node == nullptr ? LocalizedText{} : textOf(*node, key);
  }

  std::vector<std::string> strings(const std::string& key) {
    std::vector<std::string> out;
    const toml::node* node = find(key);
    if (node == nullptr) return out;
    const auto* array = node->as_array();
    if (array == nullptr) {
      error(lineOf(*node), "field '" + key + "' must be a list of texts in quotes");
      return out;
    }
    for (const auto& item : *array) {
      if (auto value = item.value<std::string>())
        out.push_back(*value);
      else
        error(lineOf(item), "field '" + key + "' must be a list of texts in quotes");
    }
    return out;
  }

  std::vector<LocalizedText> texts(const std::string& key) {
    std::vector<LocalizedText> out;
    forEachTable(key, [&](const toml::node& item) { out.push_back(textOf(item, key)); }, true);
    return out;
  }

  // Calls `read` with each table of an array of tables (or each item when `anyNode`).
  template <typename Fn>
  void forEachTable(const std::string& key, Fn read, bool anyNode = false) {
    const toml::node* node = find(key);
    if (node == nullptr) return;
    const auto* array = node->as_array();
    if (array == nullptr) {
      error(lineOf(*node), "field '" + key + "' must be a list");
      return;
    }
    for (const auto& item : *array) {
      if (!anyNode && !item.is_table()) {
        error(lineOf(item), "each item of '" + key + "' must be a table");
        continue;
      }
      read(item);
    }
  }

  void error(int line, std::string message) {
    diagnostics_.push_back({{file_, line}, what_ + ": " + std::move(message)});
  }

  const std::map<std::string, int>& lines() const { return lines_; }
  const std::string& file() const { return file_; }
  std::vector<SourceDiagnostic>& diagnostics() { return diagnostics_; }

 private:
  const toml::node* find(const std::string& key) {
    used_.insert(key);
    const toml::node* node = table_.get(key);
    if (node != nullptr) lines_[key] = lineOf(*node);
    return node;
  }

  LocalizedText textOf(const toml::node& node, const std::string& key) {
    LocalizedText text;
    const auto* languages = node.as_table();
    if (languages == nullptr) {
      error(lineOf(node), "field '" + key + "' must give the text per language: { vi = \"...\", en = \"...\" }");
      return text;
    }
    for (const auto& [language, value] : *languages) {
      const std::string lang(language.str());
      lines_[key + "." + lang] = lineOf(value);
      if (auto s = value.value<std::string>())
        text.set(lang, *s);
      else
        error(lineOf(value), "field '" + key + "." + lang + "' must be text in quotes");
    }
    return text;
  }

  const toml::table& table_;
  std::string file_;
  std::string what_;
  std::vector<SourceDiagnostic>& diagnostics_;
  std::set<std::string> used_;
  std::map<std::string, int> lines_;
};

// ============================================================================================
// [SECTION] Records
// ============================================================================================

struct Reading {
  LoadedSources& out;
  std::vector<SourceDiagnostic>& diagnostics;

  void remember(RecordKind kind, const std::string& id, const FieldReader& fields, int line) {
    const std::string key = std::string(toString(kind)) + "/" + id;
    auto& lines = out.fieldLines[key];
    lines = fields.lines();
    lines[""] = line;
    out.recordFiles[key] = fields.file();
  }
};

std::string describeRecord(RecordKind kind, const toml::table& table) {
  std::string what(toString(kind));
  if (auto id = table["id"].value<std::string>()) what += " '" + *id + "'";
  return what;
}

void readPark(Reading& r, const std::string& file, const toml::table& table) {
  FieldReader f(table, file, "park", r.diagnostics);
  auto& park = r.out.content.park;
  park.name = f.text("name");
  park.shortName = f.text("short_name");
  park.summary = f.text("summary");
  r.remember(RecordKind::Park, "", f, lineOf(table));
}

void readFacts(Reading& r, const std::string& file, const toml::array& facts) {
  for (const auto& node : facts) {
    const auto* table = node.as_table();
    if (table == nullptr) continue;
    FieldReader f(*table, file, "fact", r.diagnostics);
    ParkFact fact{f.string("id"), f.text("label"), f.text("value"), f.string("source")};
    r.out.content.park.facts.push_back(std::move(fact));
  }
}

void readChain(Reading& r, const std::string& file, const toml::array& members) {
  for (const auto& node : members) {
    const auto* table = node.as_table();
    if (table == nullptr) continue;
    FieldReader f(*table, file, "chain member", r.diagnostics);
    ChainMember member{f.string("id"), f.text("name"), f.text("location"), !f.boolean("planned")};
    r.out.content.park.chain.push_back(std::move(member));
  }
}

void readCategory(Reading& r, const std::string& file, const toml::table& table, RecordKind kind) {
  FieldReader f(table, file, describeRecord(kind, table), r.diagnostics);
  Category category{f.string("id"), f.text("name")};
  r.remember(kind, category.id, f, lineOf(table));
  (kind == RecordKind::Sector ? r.out.content.sectors : r.out.content.themes).push_back(std::move(category));
}

void readMilestone(Reading& r, const std::string& file, const toml::table& table) {
  FieldReader f(table, file, describeRecord(RecordKind::Milestone, table), r.diagnostics);
  Milestone m;
  m.id = f.string("id");
  const std::string date = f.string("date");
  if (auto parsed = PartialDate::parse(date))
    m.date = *parsed;
  else if (!date.empty())
    f.error(f.lines().at("date"), "date '" + date + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
  m.title = f.text("title");
  m.body = f.text("body");
  m.image = f.string("image");
  m.source = f.string("source");
  r.remember(RecordKind::Milestone, m.id, f, lineOf(table));
  r.out.content.milestones.push_back(std::move(m));
}

void readPlace(Reading& r, const std::string& file, const toml::table& table) {
  FieldReader f(table, file, describeRecord(RecordKind::Place, table), r.diagnostics);
  Place p;
  p.id = f.string("id");
  const std::string kind = f.string("kind");
  if (auto parsed = placeKindFromString(kind))
    p.kind = *parsed;
  else
    f.error(lineOf(table), "kind '" + kind + "' is not one of building, centre, lot, zone, neighbour");
  p.name = f.text("name");
  p.description = f.text("description");
  p.position = {f.number("x"), f.number("y")};
  p.image = f.string("image");
  p.source = f.string("source");
  p.sample = f.boolean("sample");
  r.remember(RecordKind::Place, p.id, f, lineOf(table));
  auto& lines = r.out.fieldLines["place/" + p.id];
  if (lines.count("x") > 0) lines["position"] = lines["x"];
  r.out.content.places.push_back(std::move(p));
}

void readTenant(Reading& r, const std::string& file, const toml::table& table) {
  FieldReader f(table, file, describeRecord(RecordKind::Tenant, table), r.diagnostics);
  Tenant t;
  t.id = f.string("id");
  t.name = f.text("name");
  t.sectors = f.strings("sectors");
  t.description = f.text("description");
  t.placeId = f.string("place");
  t.floor = f.string("floor");
  t.logo = f.string("logo");
  t.website = f.string("website");
  t.contact = f.string("contact");
  t.source = f.string("source");
  t.sample = f.boolean("sample");
  r.remember(RecordKind::Tenant, t.id, f, lineOf(table));
  r.out.content.tenants.push_back(std::move(t));
}

void readExhibit(Reading& r, const std::string& file, const toml::table& table) {
  FieldReader f(table, file, describeRecord(RecordKind::Exhibit, table), r.diagnostics);
  Exhibit e;
  e.id = f.string("id");
  e.themeId = f.string("theme");
  e.name = f.text("name");
  e.ageMin = f.integer("age_min", 6);
  e.ageMax = f.integer("age_max", 99);
  e.what = f.text("what");
  e.how = f.text("how");
  e.steps = f.texts("steps");
  f.forEachTable("quiz", [&](const toml::node& node) {
    FieldReader q(*node.as_table(), file, describeRecord(RecordKind::Exhibit, table) + " quiz", r.diagnostics);
    QuizQuestion question;
    question.question = q.text("question");
    question.choices = q.texts("choices");
    question.answer = q.integer("answer", -1);
    question.explanation = q.text("explanation");
    e.quiz.push_back(std::move(question));
  });
  e.image = f.string("image");
  e.sample = f.boolean("sample");
  r.remember(RecordKind::Exhibit, e.id, f, lineOf(table));
  r.out.content.exhibits.push_back(std::move(e));
}

void readItinerary(Reading& r, const std::string& file, const toml::table& table) {
  FieldReader f(table, file, describeRecord(RecordKind::Itinerary, table), r.diagnostics);
  Itinerary i;
  i.id = f.string("id");
  i.delegation = f.text("delegation");
  i.origin = f.text("origin");
  i.date = f.string("date");
  i.start = f.string("start");
  i.end = f.string("end");
  const std::string part = f.string("day_part");
  if (auto parsed = dayPartFromString(part))
    i.dayPart = *parsed;
  else
    f.error(f.lines().at("day_part"), "day_part '" + part + "' is not morning, afternoon or evening");
  i.host = f.text("host");
  i.summary = f.text("summary");
  i.source = f.string("source");
  i.sample = f.boolean("sample");
  std::map<std::string, int> stopLines;
  f.forEachTable("stop", [&](const toml::node& node) {
    FieldReader s(*node.as_table(), file, describeRecord(RecordKind::Itinerary, table) + " stop", r.diagnostics);
    TourStop stop{s.string("place"), s.string("start"), s.string("end"), s.text("activity")};
    const std::string at = "stops[" + std::to_string(i.stops.size()) + "]";
    stopLines[at] = lineOf(node);
    for (const auto& [field, line] : s.lines()) stopLines[at + "." + field] = line;
    i.stops.push_back(std::move(stop));
  });
  r.remember(RecordKind::Itinerary, i.id, f, lineOf(table));
  r.out.fieldLines["itinerary/" + i.id].insert(stopLines.begin(), stopLines.end());
  r.out.content.itineraries.push_back(std::move(i));
}

void readWelcome(Reading& r, const std::string& file, const toml::table& table) {
  FieldReader f(table, file, describeRecord(RecordKind::Welcome, table), r.diagnostics);
  WelcomeMessage w;
  w.id = f.string("id");
  w.itineraryId = f.string("itinerary");
  w.startsAt = f.string("starts");
  w.endsAt = f.string("ends");
  w.text = f.text("text");
  w.sample = f.boolean("sample");
  r.remember(RecordKind::Welcome, w.id, f, lineOf(table));
  r.out.content.welcomes.push_back(std::move(w));
}

void readFile(Reading& r, const std::string& name, const toml::table& root) {
  for (const auto& [key, node] : root) {
    const std::string section(key.str());
    if (section == "park" && node.is_table()) {
      readPark(r, name, *node.as_table());
      continue;
    }
    const auto* array = node.as_array();
    if (array == nullptr) {
      r.diagnostics.push_back({{name, lineOf(node)}, "unknown section '" + section + "'"});
      continue;
    }
    if (section == "fact") {
      readFacts(r, name, *array);
      continue;
    }
    if (section == "chain") {
      readChain(r, name, *array);
      continue;
    }
    for (const auto& item : *array) {
      const auto* table = item.as_table();
      if (table == nullptr) {
        r.diagnostics.push_back({{name, lineOf(item)}, "each '" + section + "' must be a table ([[" + section + "]])"});
        continue;
      }
      if (section == "sector") readCategory(r, name, *table, RecordKind::Sector);
      else if (section == "theme") readCategory(r, name, *table, RecordKind::Theme);
      else if (section == "milestone") readMilestone(r, name, *table);
      else if (section == "place") readPlace(r, name, *table);
      else if (section == "tenant") readTenant(r, name, *table);
      else if (section == "exhibit") readExhibit(r, name, *table);
      else if (section == "itinerary") readItinerary(r, name, *table);
      else if (section == "welcome") readWelcome(r, name, *table);
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
  LoadedSources out;
  std::vector<SourceDiagnostic> diagnostics;
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw SourceError({{{folder.string(), 0}, "not a folder of content sources"}});
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".toml") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  if (paths.empty()) throw SourceError({{{folder.string(), 0}, "holds no .toml content sources"}});

  Reading reading{out, diagnostics};
  for (const auto& path : paths) {
    const std::string name = path.string();
    out.files.push_back(name);
    try {
      toml::table root = toml::parse_file(name);
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
