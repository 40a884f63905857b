// Logging for the long-running programs (kiosk, kiosk-hub, kiosk-sync): to the systemd
// journal with its priorities when systemd started the program, else to standard error.
// Messages for the person at a terminal (bad options, usage) stay plain stderr text.
#pragma once

#include <spdlog/spdlog.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qtsc::log {

// Installs the default logger named `program`. `level` is one of trace, debug, info, warn,
// error, critical, off; an unknown name throws std::invalid_argument naming it.
void init(std::string_view program, std::string_view level = "info");

// The latest warnings and errors logged since init(), oldest first, at most `count` (and at
// most 32 are kept), each one line "YYYY-MM-DD HH:MM:SS level: message". Empty before init().
std::vector<std::string> recentWarnings(std::size_t count);

// True when standard error goes to the journal (systemd sets JOURNAL_STREAM).
bool toJournal();

}  // namespace qtsc::log
