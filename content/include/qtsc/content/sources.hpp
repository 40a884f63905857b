// The park's content as reviewable text: TOML files under content/park/. Loading turns them
// into a ContentSet; every problem, in the TOML or in the content, is reported with the file
// and line it comes from.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "qtsc/content/errors.hpp"
#include "qtsc/content/model.hpp"

namespace qtsc::content {

struct SourceLocation {
  std::string file;  // as given, relative to the sources folder when read from one
  int line = 0;      // 1-based; 0 when unknown
};

struct SourceDiagnostic {
  SourceLocation where;
  std::string message;
  // "content/park/tenants.toml:12: tenant 'tma' field 'place': unknown place 'x'"
  [[nodiscard]] std::string describe() const;
};

// Loading or validating sources failed; `diagnostics` has every problem found.
class SourceError : public ContentError {
 public:
  explicit SourceError(std::vector<SourceDiagnostic> diagnostics);
  std::vector<SourceDiagnostic> diagnostics;
};

struct LoadedSources {
  ContentSet content;
  std::vector<std::string> files;
  // Where each record and each of its fields were written: key "tenant/tma-solutions",
  // field "" for the record itself.
  std::map<std::string, std::map<std::string, int>> fieldLines;
  std::map<std::string, std::string> recordFiles;

  [[nodiscard]] SourceLocation locate(const ValidationIssue& issue) const;
};

// Reads every *.toml file in `folder` (sorted by name). Throws SourceError for files that
// are not TOML or hold fields of the wrong type or name.
LoadedSources loadSources(const std::filesystem::path& folder);

// One source file's text and the name it is reported under.
struct SourceText {
  std::string name;
  std::string text;
};

// The same from texts already read (sorted as given); throws SourceError as loadSources.
LoadedSources parseSources(const std::vector<SourceText>& texts);

// Loads and validates; returns every problem with its file and line (empty: all good).
std::vector<SourceDiagnostic> checkSources(const std::filesystem::path& folder);

// Loads, validates and returns the content; throws SourceError naming file and line.
ContentSet readValidSources(const std::filesystem::path& folder);

}  // namespace qtsc::content
