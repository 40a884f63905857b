// Typed errors of the content layer. Each carries its cause; the edges (screens, HTTP
// handlers, the CLI) turn what() into a message for a person.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "qtsc/content/model.hpp"

namespace qtsc::content {

class ContentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database was written by a newer version of the software than this one.
class SchemaTooNewError : public ContentError {
 public:
  SchemaTooNewError(int found, int supported);
  int found;
  int supported;
};

// A record, as named by kind and id, does not exist.
class NotFoundError : public ContentError {
 public:
  NotFoundError(RecordKind kind, std::string id);
  RecordKind kind;
  std::string id;
};

// One thing wrong with one field of one record.
struct ValidationIssue {
  ValidationIssue() = default;
  ValidationIssue(RecordKind recordKind, std::string id, std::string fieldName, std::string problem,
                  std::string messageCode, std::map<std::string, std::string> values = {})
      : kind(recordKind), recordId(std::move(id)), field(std::move(fieldName)), message(std::move(problem)),
        code(std::move(messageCode)), params(std::move(values)) {}

  RecordKind kind = RecordKind::Park;
  std::string recordId;
  std::string field;  // "name.vi", "stops[2].place", "position"
  std::string message;
  // The problem as a message code and its values, for a reader in another language: the hub's
  // admin page says "server.<code>" from its catalogues. Every issue has one.
  std::string code;
  std::map<std::string, std::string> params;

  // "tenant 'tma-solutions' field 'name.vi': required text in the default language is missing"
  [[nodiscard]] std::string describe() const;
  bool operator==(const ValidationIssue&) const = default;
};

// A write was refused; nothing was written.
class ValidationError : public ContentError {
 public:
  explicit ValidationError(std::vector<ValidationIssue> issues);
  std::vector<ValidationIssue> issues;
};

}  // namespace qtsc::content
