#include "qtsc/log.hpp"

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/systemd_sink.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace qtsc::log {

namespace {
// Set once by init(), before the program's threads start; the sink itself is thread-safe.
std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt>& warningRing() {
  static std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> ring;
  return ring;
}
}  // namespace

std::vector<std::string> recentWarnings(std::size_t count) {
  const auto& ring = warningRing();
  if (!ring) return {};
  std::vector<std::string> lines = ring->last_formatted(count);
  for (auto& line : lines)
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return lines;
}

bool toJournal() { return std::getenv("JOURNAL_STREAM") != nullptr; }

void init(std::string_view program, std::string_view level) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off")
    throw std::invalid_argument("log level '" + std::string(level) +
                                "' is not one of trace, debug, info, warn, error, critical, off");
  std::shared_ptr<spdlog::logger> logger;
  if (toJournal()) {
    // The journal records time, program and priority itself.
    auto sink = std::make_shared<spdlog::sinks::systemd_sink_mt>(std::string(program));
    logger = std::make_shared<spdlog::logger>(std::string(program), sink);
    logger->set_pattern("%v");
  } else {
    logger = spdlog::stderr_color_mt(std::string(program));
    logger->set_pattern("%Y-%m-%d %H:%M:%S %^%l%$ %n: %v");
  }
  // Warnings and errors are also kept in memory, for the status a kiosk sends its hub.
  auto ring = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(32);
  ring->set_level(spdlog::level::warn);
  ring->set_pattern("%Y-%m-%d %H:%M:%S %l: %v");
  logger->sinks().push_back(ring);
  warningRing() = ring;
  logger->set_level(parsed);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

}  // namespace qtsc::log
