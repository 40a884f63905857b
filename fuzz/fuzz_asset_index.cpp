// Fuzzes the asset index a kiosk reads from a verified manifest's object.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/errors.hpp"
#include "qtsc/sync/published.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    for (const auto& asset : qtsc::sync::parseAssetIndex(text))
      if (!qtsc::sync::isSafeAssetName(asset.name) || !qtsc::sync::isSha256Hex(asset.hash)) __builtin_trap();
  } catch (const qtsc::sync::SyncError&) {
  }
  return 0;
}
