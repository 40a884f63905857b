#include "service/preview.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <limits>

#include "qtsc/sync/crypto.hpp"
#include "core/support.hpp"

namespace qtsc::hub {

namespace fs = std::filesystem;

namespace {

constexpr int kTimedOut = -2;  // runWithTimeout: the program was stopped at the timeout

// Runs `program` with `args` (args[0] is its name) and the offscreen video driver: its exit
// status, -1 when it could not start or died by a signal, kTimedOut when it ran past
// `timeout` and was killed. posix_spawn (vfork-like in glibc) rather than fork(): the hub's
// worker threads hold locks a forked copy could never release; the child keeps only
// stdin/stdout/stderr, so no client socket or database stays open in it.
int runWithTimeout(const fs::path& program, const std::vector<std::string>& args, std::chrono::seconds timeout) {
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).rfind("SDL_VIDEODRIVER=", 0) != 0) environment.emplace_back(*e);
  environment.emplace_back("SDL_VIDEODRIVER=offscreen");
  std::vector<char*> argv, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  pid_t child = -1;
  const int spawned = ::posix_spawn(&child, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;

  bool timedOut = false;
  // Debian 12's <sys/pidfd.h> declares pidfd_open without C linkage: the system call itself.
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, child, 0));
  if (pidfd >= 0) {
    pollfd p{pidfd, POLLIN, 0};
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) { timedOut = true; break; }
      const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), std::numeric_limits<int>::max())));
      if (ready > 0) break;
      if (ready < 0 && errno != EINTR) break;
    }
    ::close(pidfd);
  }
  if (timedOut) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {}
  if (timedOut) return kTimedOut;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

PreviewRenderer::PreviewRenderer(fs::path program, std::chrono::seconds timeout, int concurrency, fs::path workRoot)
    : program_(std::move(program)),
      timeout_(timeout),
      slots_(std::clamp<std::ptrdiff_t>(concurrency, 1, 64)),
      workRoot_(std::move(workRoot)) {}

std::string PreviewRenderer::render(AuthoringContent& drafts, const std::string& kind, const std::string& id,
                                    const std::string& language) {
  if (::access(program_.c_str(), X_OK) != 0)
    throw UnavailableError("the preview renderer is not installed: the kiosk program (" + program_.string() +
                               ") is missing on this server",
                           "preview_missing", {{"program", program_.string()}});
  if (!slots_.try_acquire()) throw PreviewBusyError("the preview renderer is busy with other previews; try again in a moment", "preview_busy");
  struct Release {
    std::counting_semaphore<64>& slots;
    ~Release() { slots.release(); }
  } release{slots_};
  const fs::path work = workRoot_ / sync::randomHexId();
  fs::create_directories(work);
  struct RemoveWork {
    fs::path dir;
    ~RemoveWork() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } removeWork{work};
  {
    auto lease = drafts.lease();
    lease->copyTo(work / "content.db");
  }
  const fs::path png = work / "preview.png";
  const int status = runWithTimeout(program_, {"kiosk", "--content", (work / "content.db").string(), "--preview",
                                               kind + "/" + id, "--lang", language, "--out", png.string()},
                                    timeout_);
  const bool ok = status == 0 && fs::exists(png);
  if (!ok) {
    spdlog::warn("preview of {}/{} failed: {}", kind, id,
                 status == kTimedOut ? "stopped after " + std::to_string(timeout_.count()) + " s"
                                     : "exit status " + std::to_string(status));
    throw UnavailableError(status == kTimedOut ? "the preview renderer took too long to draw " + kind + " '" + id + "'"
                                               : "the preview renderer could not draw " + kind + " '" + id + "'",
                           status == kTimedOut ? "preview_slow" : "preview_failed", {{"kind", kind}, {"id", id}});
  }
  return readFile(png);
}

}  // namespace qtsc::hub
