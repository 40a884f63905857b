// Fuzzes the hub's reading of kiosk reports (sent with a key that lives on a public PC):
// every input is either a report within the limits or an InvalidRequestError.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/kiosk_report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const qtsc::hub::KioskReportLimits limits;
  try {
    const auto report = qtsc::hub::readKioskReport(text, limits);
    if (report.message.find('\n') != std::string::npos) __builtin_trap();
    std::size_t entries = 0;
    for (const auto& category : report.usage) {
      if (!category.is_object()) continue;
      for (const auto& count : category) {
        ++entries;
        if (!count.is_number_integer() || count.get<long long>() < 0 || count.get<long long>() > limits.maxUsageCount)
          __builtin_trap();
      }
    }
    if (entries > limits.maxUsageEntries) __builtin_trap();
  } catch (const qtsc::hub::InvalidRequestError&) {
  }
  return 0;
}
