#include "runtime/platform.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <string>


namespace qtsc::kiosk {

SdlLibrary::SdlLibrary() {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) throw StartupError(std::string("SDL: ") + SDL_GetError());
  IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
}

SdlLibrary::~SdlLibrary() {
  IMG_Quit();
  SDL_Quit();
}

void WindowDeleter::operator()(SDL_Window* window) const { SDL_DestroyWindow(window); }
void RendererDeleter::operator()(SDL_Renderer* renderer) const { SDL_DestroyRenderer(renderer); }

ImGuiSession::ImGuiSession(SDL_Window* window, SDL_Renderer* renderer) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
  io.LogFilename = nullptr;
  ImGui_ImplSDL2_InitForSDLRenderer(window);
  ImGui_ImplSDLRenderer_Init(renderer);
}

ImGuiSession::~ImGuiSession() {
  ImGui_ImplSDLRenderer_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
}

}  // namespace qtsc::kiosk
