// Helpers shared by the content tests: a small valid ContentSet and temporary folders.
#pragma once

#include <filesystem>
#include <string>

#include "qtsc/content/model.hpp"

namespace qtsc::testing {

// A folder under the system temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// A small, valid park: two places, two sectors, a theme, tenants, an exhibit, a milestone,
// an itinerary with timed stops and its welcome message.
content::ContentSet smallPark();

void writeFile(const std::filesystem::path& path, const std::string& text);
std::string readFile(const std::filesystem::path& path);

// One of the project's programs run through the shell: its exit status (-1 if it did not
// exit) and what it wrote to stdout and stderr.
struct ProgramRun {
  int status = -1;
  std::string output;
};
ProgramRun runProgram(const std::string& program, const std::string& args);

}  // namespace qtsc::testing
