// Fuzzes the park's TOML content sources: a file either loads (and is then validated) or
// fails with a SourceError naming the file and line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "qtsc/content/sources.hpp"
#include "qtsc/content/validation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto loaded = qtsc::content::parseSources({{"fuzz.toml", text}});
    for (const auto& issue : qtsc::content::validateSet(loaded.content, [](qtsc::content::RecordKind, const std::string&) { return false; }))
      (void)loaded.locate(issue);
  } catch (const qtsc::content::SourceError& e) {
    if (e.diagnostics.empty()) __builtin_trap();
  }
  return 0;
}
