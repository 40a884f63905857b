// Previews: a record drawn as a kiosk shows it, by the kiosk program itself run offscreen
// on a copy of the drafts, a few at a time and within a time limit.
#pragma once

#include <chrono>
#include <filesystem>
#include <semaphore>
#include <string>
#include <vector>

#include "qtsc/hub/errors.hpp"
#include "service/authoring.hpp"

namespace qtsc::hub {

// Every renderer slot is in use; the client may retry in a moment.
class PreviewBusyError : public UnavailableError {
 public:
  using UnavailableError::UnavailableError;
};

class PreviewRenderer {
 public:
  // `program`: the kiosk program; `timeout`: seconds one drawing may take; `concurrency`:
  // drawings at once (1 to 64); `workRoot`: where each drawing gets a folder of its own.
  PreviewRenderer(std::filesystem::path program, std::chrono::seconds timeout, int concurrency,
                  std::filesystem::path workRoot);

  // The PNG of record `kind`/`id` in `language` as the drafts have it now. Throws
  // PreviewBusyError when all slots are taken, UnavailableError when the program is missing,
  // fails or runs past the timeout.
  std::string render(AuthoringContent& drafts, const std::string& kind, const std::string& id,
                     const std::string& language);

 private:
  std::filesystem::path program_;
  std::chrono::seconds timeout_;
  std::counting_semaphore<64> slots_;
  std::filesystem::path workRoot_;
};

}  // namespace qtsc::hub
