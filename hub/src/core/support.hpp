// Small helpers every layer of the hub uses.
#pragma once

#include <filesystem>
#include <string>

namespace qtsc::hub {

// The whole file; throws HubError naming it when it cannot be read.
std::string readFile(const std::filesystem::path& path);

// Unix seconds as "2025-03-01T08:00:00Z".
std::string isoTime(long long seconds);

}  // namespace qtsc::hub
