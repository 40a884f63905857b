// Fuzzes the tenant CSV import of the hub: every input is either a list of valid tenants or
// an InvalidRequestError naming the bad cells. A list that comes out is exported and read
// again, and must come back the same.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/tenant_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto exists = [](qtsc::content::RecordKind, const std::string&) { return true; };
  try {
    const auto tenants = qtsc::hub::tenantsFromCsv(text, exists);
    const auto again = qtsc::hub::tenantsFromCsv(qtsc::hub::tenantsToCsv(tenants), exists);
    if (again.size() != tenants.size()) __builtin_trap();
  } catch (const qtsc::hub::InvalidRequestError&) {
  }
  return 0;
}
