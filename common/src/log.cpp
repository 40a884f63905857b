#include "qtsc/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/systemd_sink.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace qtsc::log {

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
  logger->set_level(parsed);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

}  // namespace qtsc::log
