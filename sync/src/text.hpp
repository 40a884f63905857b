// Text that reaches a person: the staff panel, the hub's fleet page, kiosk-sync's output.
// Outcomes there are one line; anything taken from a server (a name, a field, an error
// page) is quoted as a short, printable prefix so it can neither forge lines nor flood them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace qtsc::sync {

// `text` between single quotes, control characters and backslashes escaped (\n, \x1b),
// cut to `maxBytes` of the original (never inside a UTF-8 sequence) with "..." appended.
std::string shortQuote(std::string_view text, std::size_t maxBytes = 64);

// The first line of `text` (later lines are details for the log), control characters
// replaced by spaces, cut to `maxBytes` (never inside a UTF-8 sequence) with "..." appended
// when it was cut.
std::string oneLine(std::string_view text, std::size_t maxBytes = 300);

}  // namespace qtsc::sync
