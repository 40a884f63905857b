// Lists of records as the admin page pages through them: a filter that matches names
// whatever their accents and case ("sao viet" finds "Sao Việt"), building and sector
// filters, a sort by the Vietnamese collator (ICU), and one page of the result with the
// true count. The park has hundreds of tenants, not millions: a list is filtered in memory.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace qtsc::hub {

// Page sizes the API takes (GET /api/v1/content/<kind>?limit=N).
inline constexpr int kDefaultPageSize = 50;  // records
inline constexpr int kMaxPageSize = 200;     // records
inline constexpr long long kMaxOffset = 1'000'000'000;
inline constexpr std::size_t kMaxFilterBytes = 200;

struct ListQuery {
  std::string text;             // q: words every one of which a record's names contain
  bool inDescriptions = false;  // descriptions=1: the words may also be in descriptions, websites, contacts
  std::string building;         // building=<place id>: tenants in that building
  std::string sector;           // sector=<sector id>: tenants of that sector
  std::string sort;             // sort=<field>, "-<field>" for descending; "" = the kind's first sort field
  std::string language = "vi";  // lang=<code>: which text of a name is sorted (the page's language)
  long long offset = 0;         // records skipped
  int limit = kDefaultPageSize; // records in the page
};

// How one kind is searched and sorted.
struct ListShape {
  std::vector<std::string> names;         // fields matched by q ("name", "delegation")
  std::vector<std::string> descriptions;  // fields matched only with descriptions=1
  std::vector<std::string> sortable;      // fields sort= takes; the first is the default
  bool hasBuildingAndSector = false;      // tenants: building= and sector= are taken
};

// Reads the listing parameters of a request. Throws InvalidRequestError naming the
// parameter for an unknown one, invalid UTF-8, a page size outside 1..kMaxPageSize, a
// negative or huge offset, or a sort field the kind has not.
ListQuery parseListQuery(const std::multimap<std::string, std::string>& params, const ListShape& shape);

// {"items": [...the page...], "total": matching records, "offset", "limit", "all": records of the kind}.
// `project`, when given, turns a matching full record into what the list shows.
nlohmann::json listPage(const nlohmann::json& records, const ListQuery& query, const ListShape& shape,
                        const std::function<nlohmann::json(const nlohmann::json&)>& project = nullptr);

// `text` without accents or case, đ read as d: what the filter compares ("Sao Việt" -> "sao viet").
std::string foldForFilter(std::string_view text);

}  // namespace qtsc::hub
