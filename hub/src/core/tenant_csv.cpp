#include "qtsc/hub/tenant_csv.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/safe_text.hpp"
#include "qtsc/content/fields.hpp"
#include "qtsc/content/schema_description.hpp"

namespace qtsc::hub {

namespace c = qtsc::content;

namespace {

constexpr std::size_t kMaxRows = 100000;  // rows in one import

struct Row {
  int line = 0;  // where the row starts in the file
  std::vector<std::string> cells;
};

// RFC 4180 records; a quoted cell may hold commas, quotes ("") and line breaks.
std::vector<Row> parseCsv(std::string_view text, std::vector<FieldIssue>& issues) {
  std::vector<Row> rows;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // spreadsheets add a BOM
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    Row row;
    row.line = line;
    std::string cell;
    bool endOfRow = false;
    while (!endOfRow) {
      cell.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') { cell += '"'; i += 2; continue; }
            ++i;
            closed = true;
            break;
          }
          if (text[i] == '\n') ++line;
          cell += text[i++];
        }
        if (!closed) {
          issues.push_back({"line " + std::to_string(row.line), "a quoted cell is not closed", "csv_quote_open", {}, row.line,
                            static_cast<int>(row.cells.size() + 1)});
          return rows;
        }
      }
      while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') cell += text[i++];
      row.cells.push_back(cell);
      if (i >= text.size()) endOfRow = true;
      else if (text[i] == ',') ++i;
      else {
        if (text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        endOfRow = true;
      }
    }
    const bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) rows.push_back(std::move(row));
    if (rows.size() > kMaxRows + 1) {
      issues.push_back({"file", "more than " + std::to_string(kMaxRows) + " rows", "csv_rows", {{"max", std::to_string(kMaxRows)}}, line, 0});
      return rows;
    }
  }
  return rows;
}

// Spreadsheets run a cell that starts with = + - @ (or tab or CR, which some skip first) as
// a formula. Such a cell is written with a ' in front, the usual neutraliser, which the
// spreadsheet shows and keeps as text. Cells that already start with ' before such a
// character get one more, so the import below can take exactly one away: a hub export read
// back gives the same text.
bool startsFormulaAfterQuotes(std::string_view cell) {
  const auto first = cell.find_first_not_of('\'');
  return first != std::string_view::npos && std::string_view("=+-@\t\r").find(cell[first]) != std::string_view::npos;
}

std::string neutralised(const std::string& cell) { return startsFormulaAfterQuotes(cell) ? "'" + cell : cell; }

std::string restored(const std::string& cell) {
  return !cell.empty() && cell.front() == '\'' && startsFormulaAfterQuotes(cell) ? cell.substr(1) : cell;
}

std::string quote(const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (const char ch : cell) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// The CSV column holding a validation field ("name.vi" -> name_vi, "sectors[2]" -> sectors).
std::string columnOf(const std::string& field) {
  std::string column = field.substr(0, field.find('['));
  for (auto& ch : column)
    if (ch == '.') ch = '_';
  return column;
}

// The tenant fields the file carries, in the order of its columns: spreadsheets made from
// an export rely on the order, so it is part of the format. Each field's columns and cell
// form follow from its type in the field descriptions (content/fields.hpp): a text has a
// column per authored language (name_vi, name_en), a list of ids one cell with ';' between.
constexpr std::array<std::string_view, 9> kCsvFields{"id",          "name",    "sectors", "place", "floor",
                                                     "description", "website", "contact", "logo"};

bool inCsv(c::FieldName name) {
  return std::find(kCsvFields.begin(), kCsvFields.end(), name.json) != kCsvFields.end();
}

std::string languageColumn(c::FieldName name, std::string_view language) {
  return std::string(name.json) + "_" + std::string(language);
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ";" : "") + ids[i];
  return out;
}

std::vector<std::string> split(const std::string& cell) {
  std::vector<std::string> ids;
  std::size_t start = 0;
  while (start <= cell.size() && !cell.empty()) {
    const auto end = cell.find(';', start);
    std::string id = cell.substr(start, end == std::string::npos ? std::string::npos : end - start);
    while (!id.empty() && id.front() == ' ') id.erase(0, 1);
    while (!id.empty() && id.back() == ' ') id.pop_back();
    if (!id.empty()) ids.push_back(id);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return ids;
}

// A walker (content/fields.hpp) that hands each CSV cell of a tenant to `cell(column,
// std::string&)`, grouped by field: an exporter reads the text it is given, an importer
// replaces it, and the field takes the text back in its own form.
template <typename Cell>
class CellWalker {
 public:
  explicit CellWalker(Cell cell) : cell_(std::move(cell)) {}

  void string(c::FieldName name, std::string& value) {
    if (inCsv(name)) cell_(name, std::string(name.json), value);
  }
  void text(c::FieldName name, c::LocalizedText& value) {
    if (!inCsv(name)) return;
    for (const auto language : c::kAuthoredLanguages) {
      std::string text = value.has(language) ? value.in(language) : "";
      cell_(name, languageColumn(name, language), text);
      value.set(std::string(language), text);  // an empty cell leaves no text in that language
    }
  }
  void strings(c::FieldName name, std::vector<std::string>& values) {
    if (!inCsv(name)) return;
    std::string text = joined(values);
    cell_(name, std::string(name.json), text);
    values = split(text);
  }
  // The CSV carries no other kind of field; the fields below keep the model's defaults.
  void texts(c::FieldName /*name*/, std::vector<c::LocalizedText>& /*values*/) {}
  void integer(c::FieldName /*name*/, int& /*value*/) {}
  void boolean(c::FieldName /*name*/, bool& /*value*/) {}
  void negated(c::FieldName /*name*/, bool& /*value*/) {}
  void date(c::FieldName /*name*/, c::PartialDate& /*value*/) {}
  void point(c::FieldName /*name*/, c::MapPoint& /*value*/) {}
  template <typename Enum>
  void choice(c::FieldName /*name*/, Enum& /*value*/) {}
  template <typename Record>
  void list(c::FieldName /*name*/, std::vector<Record>& /*values*/) {}

 private:
  Cell cell_;
};

template <typename Cell>
void walkCells(c::Tenant& tenant, Cell cell) {
  CellWalker<Cell> walker(std::move(cell));
  c::describeFields(walker, tenant);
}

// The columns in file order: by kCsvFields, and within a field in walking order.
std::vector<std::string> makeColumns() {
  std::vector<std::pair<std::size_t, std::string>> found;
  c::Tenant blank;
  walkCells(blank, [&](c::FieldName name, std::string column, std::string&) {
    const auto field = static_cast<std::size_t>(std::find(kCsvFields.begin(), kCsvFields.end(), name.json) - kCsvFields.begin());
    found.emplace_back(field, std::move(column));
  });
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> columns;
  for (auto& [field, column] : found) columns.push_back(std::move(column));
  return columns;
}

}  // namespace

const std::vector<std::string>& tenantCsvColumns() {
  static const std::vector<std::string> columns = makeColumns();
  return columns;
}

std::string tenantsToCsv(const std::vector<c::Tenant>& tenants) {
  std::string out;
  const auto& columns = tenantCsvColumns();
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + columns[i];
  out += "\r\n";
  for (c::Tenant t : tenants) {  // a copy: the field descriptions take records by reference
    std::map<std::string, std::string> cells;
    walkCells(t, [&](c::FieldName, const std::string& column, std::string& text) { cells[column] = text; });
    for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + quote(neutralised(cells[columns[i]]));
    out += "\r\n";
  }
  return out;
}

std::vector<c::Tenant> tenantsFromCsv(std::string_view csv, const c::ExistsFn& exists) {
  std::vector<FieldIssue> issues;
  auto rows = parseCsv(csv, issues);
  if (!issues.empty()) throw InvalidRequestError(issues);
  const auto& columns = tenantCsvColumns();
  if (rows.empty()) throw InvalidRequestError({{"file", "the file is empty; the first line names the columns", "csv_empty", {}, 1, 0}});
  const Row& header = rows.front();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    std::string found = i < header.cells.size() ? header.cells[i] : "";
    while (!found.empty() && found.back() == ' ') found.pop_back();
    if (found != columns[i])
      issues.push_back({"line 1, column " + std::to_string(i + 1),
                        "expected the column '" + columns[i] + "'" + (found.empty() ? "" : ", found '" + found + "'"),
                        found.empty() ? "csv_column_missing" : "csv_column_other",
                        {{"column", columns[i]}, {"found", found}}, 1, static_cast<int>(i + 1)});
  }
  if (!issues.empty()) throw InvalidRequestError(issues);

  std::map<std::string, int> columnIndex;
  for (std::size_t i = 0; i < columns.size(); ++i) columnIndex[columns[i]] = static_cast<int>(i + 1);
  auto report = [&](int line, const std::string& column, const std::string& message, const std::string& code,
                    const FieldIssue::Params& params = {}) {
    const int index = columnIndex.count(column) ? columnIndex[column] : 0;
    issues.push_back({"line " + std::to_string(line) + (index ? ", column " + std::to_string(index) + " (" + column + ")" : ""),
                      message, code, params, line, index});
  };

  std::vector<c::Tenant> tenants;
  std::set<std::string> ids;
  const c::ExistsFn existsHereOrStored = [&](c::RecordKind kind, const std::string& id) { return exists(kind, id); };
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.cells.size() != columns.size()) {
      report(row.line, "", "expected " + std::to_string(columns.size()) + " cells, found " + std::to_string(row.cells.size()),
             "csv_cells", {{"expected", std::to_string(columns.size())}, {"found", std::to_string(row.cells.size())}});
      continue;
    }
    bool utf8 = true;
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (firstInvalidUtf8(row.cells[i])) {
        report(row.line, columns[i], "is not UTF-8 text; save the file as \"CSV UTF-8\"", "csv_utf8");
        utf8 = false;
      }
    if (!utf8) continue;
    std::map<std::string, std::string> cells;
    for (std::size_t i = 0; i < columns.size(); ++i) cells[columns[i]] = restored(row.cells[i]);
    c::Tenant t;
    walkCells(t, [&](c::FieldName, const std::string& column, std::string& text) { text = cells[column]; });
    if (!ids.insert(t.id).second) report(row.line, "id", "the id '" + t.id + "' is on an earlier line too", "csv_id_twice", {{"id", t.id}});
    if (!c::isValidId(t.id)) report(row.line, "id", std::string(c::kIdRule), "id_rule");
    for (const auto& issue : c::validateTenant(t, existsHereOrStored))
      if (issue.field != "id") report(row.line, columnOf(issue.field), issue.message, issue.code, issue.params);
    tenants.push_back(std::move(t));
  }
  if (!issues.empty()) throw InvalidRequestError(issues);
  return tenants;
}

}  // namespace qtsc::hub
