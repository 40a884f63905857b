// The platform the kiosk draws on, as RAII objects: SDL with SDL_image, the window, the
// renderer, and Dear ImGui with its SDL backends. The App holds them as members in that order,
// so they are made in order and destroyed in reverse, and a throw while making one still tears
// down those made before it (SDL_Quit runs whatever fails at start-up).
#pragma once

#include <memory>
#include <stdexcept>

struct SDL_Window;
struct SDL_Renderer;

namespace qtsc::kiosk {

// The kiosk cannot start: the message is for the person who reads the log.
class StartupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// SDL_Init (video, events) and IMG_Init (PNG, JPEG); IMG_Quit and SDL_Quit on destruction.
// Throws StartupError when SDL cannot start.
class SdlLibrary {
 public:
  SdlLibrary();
  ~SdlLibrary();
  SdlLibrary(const SdlLibrary&) = delete;
  SdlLibrary& operator=(const SdlLibrary&) = delete;
};

struct WindowDeleter {
  void operator()(SDL_Window* window) const;
};
struct RendererDeleter {
  void operator()(SDL_Renderer* renderer) const;
};
using WindowHandle = std::unique_ptr<SDL_Window, WindowDeleter>;
using RendererHandle = std::unique_ptr<SDL_Renderer, RendererDeleter>;

// The ImGui context with the SDL2 platform and SDL_Renderer backends on `window`/`renderer`,
// which must outlive it. No layout file: a kiosk keeps nothing between runs.
class ImGuiSession {
 public:
  ImGuiSession(SDL_Window* window, SDL_Renderer* renderer);
  ~ImGuiSession();
  ImGuiSession(const ImGuiSession&) = delete;
  ImGuiSession& operator=(const ImGuiSession&) = delete;
};

}  // namespace qtsc::kiosk
