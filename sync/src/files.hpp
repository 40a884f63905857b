// Durable file operations shared by the publisher and the kiosk. "Durably" means the data
// is on disk before the name appears: write a temp file, fsync it, rename it over the
// target, fsync the folder. Killed at any instant, a reader sees the old file or the new.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace qtsc::sync {

std::string readWholeFile(const std::filesystem::path& path);
void writeFileDurably(const std::filesystem::path& path, std::string_view data, unsigned mode = 0644);
// Copies `from` to a temp name beside `to`, fsyncs it and renames it into place.
void copyFileDurably(const std::filesystem::path& from, const std::filesystem::path& to);
void fsyncPath(const std::filesystem::path& path);  // a file or a folder
void renameDurably(const std::filesystem::path& from, const std::filesystem::path& to);
void ensureDirectory(const std::filesystem::path& path);

}  // namespace qtsc::sync
