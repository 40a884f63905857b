#include "qtsc/hub/tenant_csv.hpp"

#include <map>
#include <set>

#include "http_safety.hpp"

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
          issues.push_back({"line " + std::to_string(row.line), "a quoted cell is not closed", row.line,
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
      issues.push_back({"file", "more than " + std::to_string(kMaxRows) + " rows", line, 0});
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

}  // namespace

const std::vector<std::string>& tenantCsvColumns() {
  static const std::vector<std::string> columns{"id",      "name_vi", "name_en", "sectors",
                                                "place",   "floor",   "description_vi", "description_en",
                                                "website", "contact", "logo"};
  return columns;
}

std::string tenantsToCsv(const std::vector<c::Tenant>& tenants) {
  std::string out;
  const auto& columns = tenantCsvColumns();
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + columns[i];
  out += "\r\n";
  for (const auto& t : tenants) {
    std::string sectors;
    for (std::size_t i = 0; i < t.sectors.size(); ++i) sectors += (i ? ";" : "") + t.sectors[i];
    const std::vector<std::string> cells{t.id,
                                         t.name.has("vi") ? t.name.in("vi") : "",
                                         t.name.has("en") ? t.name.in("en") : "",
                                         sectors,
                                         t.placeId,
                                         t.floor,
                                         t.description.has("vi") ? t.description.in("vi") : "",
                                         t.description.has("en") ? t.description.in("en") : "",
                                         t.website,
                                         t.contact,
                                         t.logo};
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + quote(neutralised(cells[i]));
    out += "\r\n";
  }
  return out;
}

std::vector<c::Tenant> tenantsFromCsv(std::string_view csv, const c::ExistsFn& exists) {
  std::vector<FieldIssue> issues;
  auto rows = parseCsv(csv, issues);
  if (!issues.empty()) throw InvalidRequestError(issues);
  const auto& columns = tenantCsvColumns();
  if (rows.empty()) throw InvalidRequestError({{"file", "the file is empty; the first line names the columns", 1, 0}});
  const Row& header = rows.front();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    std::string found = i < header.cells.size() ? header.cells[i] : "";
    while (!found.empty() && found.back() == ' ') found.pop_back();
    if (found != columns[i])
      issues.push_back({"line 1, column " + std::to_string(i + 1), "expected the column '" + columns[i] + "'" +
                                                                       (found.empty() ? "" : ", found '" + found + "'"),
                        1, static_cast<int>(i + 1)});
  }
  if (!issues.empty()) throw InvalidRequestError(issues);

  std::map<std::string, int> columnIndex;
  for (std::size_t i = 0; i < columns.size(); ++i) columnIndex[columns[i]] = static_cast<int>(i + 1);
  auto report = [&](int line, const std::string& column, const std::string& message) {
    const int index = columnIndex.count(column) ? columnIndex[column] : 0;
    issues.push_back({"line " + std::to_string(line) + (index ? ", column " + std::to_string(index) + " (" + column + ")" : ""),
                      message, line, index});
  };

  std::vector<c::Tenant> tenants;
  std::set<std::string> ids;
  std::set<std::string> inFile;
  for (std::size_t r = 1; r < rows.size(); ++r) inFile.insert(rows[r].cells.empty() ? "" : rows[r].cells[0]);
  const c::ExistsFn existsHereOrStored = [&](c::RecordKind kind, const std::string& id) { return exists(kind, id); };
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (row.cells.size() != columns.size()) {
      report(row.line, "", "expected " + std::to_string(columns.size()) + " cells, found " +
                               std::to_string(row.cells.size()));
      continue;
    }
    bool utf8 = true;
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (firstInvalidUtf8(row.cells[i])) {
        report(row.line, columns[i], "is not UTF-8 text; save the file as \"CSV UTF-8\"");
        utf8 = false;
      }
    if (!utf8) continue;
    std::vector<std::string> cell;
    for (const auto& text : row.cells) cell.push_back(restored(text));
    c::Tenant t;
    t.id = cell[0];
    t.name.set("vi", cell[1]);
    if (!cell[2].empty()) t.name.set("en", cell[2]);
    if (cell[1].empty()) t.name.byLanguage.erase("vi");
    std::string sectors = cell[3];
    std::size_t start = 0;
    while (start <= sectors.size() && !sectors.empty()) {
      const auto end = sectors.find(';', start);
      std::string id = sectors.substr(start, end == std::string::npos ? std::string::npos : end - start);
      while (!id.empty() && id.front() == ' ') id.erase(0, 1);
      while (!id.empty() && id.back() == ' ') id.pop_back();
      if (!id.empty()) t.sectors.push_back(id);
      if (end == std::string::npos) break;
      start = end + 1;
    }
    t.placeId = cell[4];
    t.floor = cell[5];
    if (!cell[6].empty()) t.description.set("vi", cell[6]);
    if (!cell[7].empty()) t.description.set("en", cell[7]);
    t.website = cell[8];
    t.contact = cell[9];
    t.logo = cell[10];
    if (!ids.insert(t.id).second) report(row.line, "id", "the id '" + t.id + "' is on an earlier line too");
    if (!c::isValidId(t.id)) report(row.line, "id", "an id is 1 to 64 characters of a-z, 0-9 and '-'");
    for (const auto& issue : c::validateTenant(t, existsHereOrStored))
      if (issue.field != "id") report(row.line, columnOf(issue.field), issue.message);
    tenants.push_back(std::move(t));
  }
  if (!issues.empty()) throw InvalidRequestError(issues);
  return tenants;
}

}  // namespace qtsc::hub
