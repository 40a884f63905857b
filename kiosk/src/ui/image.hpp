// A picture as widgets draw it, and where widgets get pictures from. The widgets know nothing
// of files or decoding: the kiosk's image service (services/image_cache.hpp) implements
// ImageSource.
#pragma once

#include <string>

struct SDL_Texture;

namespace qtsc::kiosk {

struct Image {
  enum class State { Loading, Ready, Missing };
  State state = State::Loading;
  SDL_Texture* texture = nullptr;
  int width = 0;   // pixels
  int height = 0;  // pixels
};


class ImageSource {
 public:
  virtual ~ImageSource() = default;
  // UI thread. Loading until the picture is ready; a texture returned stays valid until the
  // frame that drew it has been presented.
  virtual Image get(const std::string& name) = 0;
};

}  // namespace qtsc::kiosk
