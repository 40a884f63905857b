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

// The values a message names ({"count": "3"}), by the names its catalogue text uses.
using MessageParams = std::map<std::string, std::string>;

// what() is the message in English, for scripts and the log. An error a person meets also has
// a code, the key "server.<code>" of the admin page's catalogues (hub/web/lang), and the values
// its text names; a fault of the hub itself (libvips cannot start) has none and is answered 500.
class HubError : public std::runtime_error {
 public:
  explicit HubError(const std::string& message) : std::runtime_error(message) {}
  HubError(const std::string& message, std::string messageCode, MessageParams values)
      : std::runtime_error(message), code_(std::move(messageCode)), params_(std::move(values)) {}
  const std::string& code() const noexcept { return code_; }
  const MessageParams& params() const noexcept { return params_; }

 private:
  std::string code_;
  MessageParams params_;
};

// One thing wrong with one field of a request: "name.vi", "stops[1].place", "line 4, column 2".
// Every issue has a code, the key "server.<code>" of the admin page's catalogues (hub/web/lang),
// with the values its text names; `message` is the same in English, for scripts and logs.
struct FieldIssue {
  using Params = MessageParams;
  // FieldIssue{"role", "is one of editor, publisher, admin", "role_choice", {{"roles", "..."}}};
  // CSV imports also say where in the file: {"line 4, column 2 (place)", "...", "code", {}, 4, 2}.
  FieldIssue(std::string fieldName, std::string problem, std::string messageCode, Params values = {}, int atLine = 0,
             int atColumn = 0)
      : field(std::move(fieldName)),
        message(std::move(problem)),
        line(atLine),
        column(atColumn),
        code(std::move(messageCode)),
        params(std::move(values)) {}

  std::string field;
  std::string message;
  int line = 0;    // CSV imports: 1-based line of the file, 0 otherwise
  int column = 0;  // CSV imports: 1-based column, 0 otherwise
  std::string code;
  Params params;
};

// A request body is malformed or breaks a rule (HTTP 422); nothing was changed.
class InvalidRequestError : public HubError {
 public:
  explicit InvalidRequestError(std::vector<FieldIssue> issues);
  // InvalidRequestError({{"body", "must be a JSON object", "json_object"}}) is one issue; without this the
  // braces could also make a vector from two pointers.
  InvalidRequestError(std::initializer_list<FieldIssue> list)  // NOLINT(google-explicit-constructor)
      : InvalidRequestError(std::vector<FieldIssue>(list)) {}
  std::vector<FieldIssue> issues;
};

// Who is asking is unknown (HTTP 401) or may not do this (HTTP 403).
class UnauthorizedError : public HubError {
 public:
  UnauthorizedError(const std::string& message, std::string messageCode, MessageParams values = {})
      : HubError(message, std::move(messageCode), std::move(values)) {}
};
class ForbiddenError : public HubError {
 public:
  ForbiddenError(const std::string& message, std::string messageCode, MessageParams values = {})
      : HubError(message, std::move(messageCode), std::move(values)) {}
};

// The request names something that exists already, or clashes with the state (HTTP 409).
class ConflictError : public HubError {
 public:
  ConflictError(const std::string& message, std::string messageCode, MessageParams values = {})
      : HubError(message, std::move(messageCode), std::move(values)) {}
};

// A needed part is missing on this machine (HTTP 503), such as the preview renderer.
class UnavailableError : public HubError {
 public:
  UnavailableError(const std::string& message, std::string messageCode, MessageParams values = {})
      : HubError(message, std::move(messageCode), std::move(values)) {}
};

}  // namespace qtsc::hub
