// Fields of JSON that came from outside: a hub's answer, a signed document, a file on disk.
// nlohmann's value() throws its own type_error when a field has another type than its
// default; these say which field is wrong instead, as a VerificationError.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "qtsc/sync/errors.hpp"

namespace qtsc::sync::fields {

// The field's text, or `fallback` when it is absent or null; anything but text throws.
inline std::string text(const nlohmann::json& object, const char* field, std::string_view where, std::string fallback = {}) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw VerificationError(std::string(where) + "." + field + " is not text");
  return it->get<std::string>();
}

// The field's whole number, or `fallback` when it is absent or null; anything else throws.
inline long long integer(const nlohmann::json& object, const char* field, std::string_view where, long long fallback = 0) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) throw VerificationError(std::string(where) + "." + field + " is not a whole number");
  return it->get<long long>();
}

// The field's true or false, or `fallback` when it is absent or null; anything else throws.
inline bool flag(const nlohmann::json& object, const char* field, std::string_view where, bool fallback = false) {
  const auto it = object.find(field);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) throw VerificationError(std::string(where) + "." + field + " is not true or false");
  return it->get<bool>();
}

}  // namespace qtsc::sync::fields
