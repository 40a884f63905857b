// Fuzzes the hub's JSON record bodies (what the admin page and API clients send): each kind's
// reader either returns a record or throws InvalidRequestError naming the field; a record that
// comes out is written as JSON and read back to the same record.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/records.hpp"

namespace {
template <typename Read>
void tryRead(const nlohmann::json& body, Read read) {
  try {
    const auto record = read(body);
    if (!(read(qtsc::hub::toJson(record)) == record)) __builtin_trap();
  } catch (const qtsc::hub::InvalidRequestError&) {
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded()) return 0;
  using namespace qtsc::hub;
  tryRead(body, parkFromJson);
  tryRead(body, categoryFromJson);
  tryRead(body, milestoneFromJson);
  tryRead(body, placeFromJson);
  tryRead(body, tenantFromJson);
  tryRead(body, exhibitFromJson);
  tryRead(body, itineraryFromJson);
  tryRead(body, welcomeFromJson);
  return 0;
}
