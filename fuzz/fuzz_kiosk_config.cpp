// Fuzzes the kiosk's TOML settings: every input is either a configuration or a ConfigError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)qtsc::kiosk::parseConfig(text, "fuzz.toml");
  } catch (const qtsc::kiosk::ConfigError& e) {
    if (std::string(e.what()).size() > 4096) __builtin_trap();  // messages quote, never echo
  }
  return 0;
}
