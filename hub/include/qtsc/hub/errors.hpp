// Typed errors of the hub. The HTTP layer turns each into a status and a JSON body a person
// (or the admin page, at the field) can act on; the CLI prints what().
#pragma once

#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace qtsc::hub {

class HubError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One thing wrong with one field of a request: "name.vi", "stops[1].place", "line 4, column 2".
struct FieldIssue {
  // Most issues name a field only: FieldIssue{"role", "is one of editor, publisher, admin"}.
  // CSV imports also say where in the file: {"line 4, column 2 (place)", "...", 4, 2}.
  FieldIssue() = default;
  FieldIssue(std::string fieldName, std::string problem, int atLine = 0, int atColumn = 0)
      : field(std::move(fieldName)), message(std::move(problem)), line(atLine), column(atColumn) {}

  std::string field;
  std::string message;
  int line = 0;    // CSV imports: 1-based line of the file, 0 otherwise
  int column = 0;  // CSV imports: 1-based column, 0 otherwise
  // The message as a code and parameters the admin page says in its language (hub/web/lang,
  // "server.<code>"); `message` stays the English text for scripts and older pages.
  std::string code;
  std::map<std::string, std::string> params;
};

// A request body is malformed or breaks a rule (HTTP 422); nothing was changed.
class InvalidRequestError : public HubError {
 public:
  explicit InvalidRequestError(std::vector<FieldIssue> issues);
  // InvalidRequestError({{"body", "must be a JSON object"}}) is one issue; without this the
  // braces could also make a vector from two pointers.
  InvalidRequestError(std::initializer_list<FieldIssue> list)  // NOLINT(google-explicit-constructor)
      : InvalidRequestError(std::vector<FieldIssue>(list)) {}
  std::vector<FieldIssue> issues;
};

// Who is asking is unknown (HTTP 401) or may not do this (HTTP 403).
class UnauthorizedError : public HubError {
 public:
  using HubError::HubError;
};
class ForbiddenError : public HubError {
 public:
  using HubError::HubError;
};

// The request names something that exists already, or clashes with the state (HTTP 409).
class ConflictError : public HubError {
 public:
  using HubError::HubError;
};

// A needed part is missing on this machine (HTTP 503), such as the preview renderer.
class UnavailableError : public HubError {
 public:
  using HubError::HubError;
};

}  // namespace qtsc::hub
