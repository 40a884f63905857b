// The tenant directory as CSV (RFC 4180: comma separated, double quotes, UTF-8), the form
// park staff keep it in spreadsheets. Columns, in this order, named in the first line:
//   id, name_vi, name_en, sectors (ids separated by ';'), place, floor,
//   description_vi, description_en, website, contact, logo
// A cell that a spreadsheet would run as a formula (its first character after any ' is one
// of = + - @ tab CR) is exported with one more ' in front, and the import takes one away,
// so an exported file reads back unchanged. Every cell must be UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qtsc/content/model.hpp"
#include "qtsc/hub/errors.hpp"
#include "qtsc/content/validation.hpp"

namespace qtsc::hub {

const std::vector<std::string>& tenantCsvColumns();

// Formula-like cells neutralised as above.
std::string tenantsToCsv(const std::vector<content::Tenant>& tenants);

// Reads every row and checks each tenant against the content rules (`exists` answers for
// records already stored). Throws InvalidRequestError listing every bad cell by line and
// column (field "line 4, column 2 (name_vi)"); returns the tenants only when all are good.
std::vector<content::Tenant> tenantsFromCsv(std::string_view csv, const content::ExistsFn& exists);

}  // namespace qtsc::hub
