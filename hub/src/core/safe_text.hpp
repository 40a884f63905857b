// Request data made safe to echo: into a log line, into an error message, into JSON.
// Anything a client sent may be invalid UTF-8, hold control characters (a "\n" in a login
// name would forge a log line) or be megabytes long; these helpers bound and escape it.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace qtsc::hub {

inline constexpr std::size_t kLogQuoteBytes = 80;      // bytes of request text a log line quotes
inline constexpr std::size_t kMessageQuoteBytes = 120;  // bytes of request text an error message quotes

// `text` as a double-quoted, ASCII-only literal: control characters and quotes escaped,
// invalid UTF-8 replaced, at most `maxBytes` of it kept ("..." and the full size follow
// when cut). Safe in a log line and inside any message.
std::string logQuote(std::string_view text, std::size_t maxBytes = kLogQuoteBytes);

// `text` for an error message: valid UTF-8, no control characters (each becomes a space),
// at most `maxBytes` (cut on a character boundary, "..." appended).
std::string safeText(std::string_view text, std::size_t maxBytes = kMessageQuoteBytes);

// The byte offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF are not well-formed); nullopt when all is.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

// JSON text of `value`; strings holding invalid UTF-8 are written with U+FFFD in place of
// the bad bytes instead of throwing (nlohmann's default).
std::string dumpJson(const nlohmann::json& value);

}  // namespace qtsc::hub
