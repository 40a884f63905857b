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
  // The picture `name` at thumbnail size, for a frame smaller than kThumbnailSide × 1.5 on
  // its longer side: the thumbnail published beside it where there is one, else the picture
  // made smaller. A source without thumbnails gives the picture itself.
  virtual Image thumbnail(const std::string& name) { return get(name); }
};

// The part of a picture (texture coordinates, 0..1) that fills a frame of `frameW` × `frameH`
// without stretching: the picture cropped evenly on the two sides that stick out.
struct Crop {
  float u0 = 0.f, v0 = 0.f, u1 = 1.f, v1 = 1.f;
};
inline Crop cropToFill(float frameW, float frameH, const Image& image) {
  Crop c;
  if (frameW <= 0.f || frameH <= 0.f || image.width <= 0 || image.height <= 0) return c;
  const float frame = frameW / frameH;
  const float picture = static_cast<float>(image.width) / static_cast<float>(image.height);
  if (picture > frame) {
    c.u0 = (1.f - frame / picture) * 0.5f;
    c.u1 = 1.f - c.u0;
  } else {
    c.v0 = (1.f - picture / frame) * 0.5f;
    c.v1 = 1.f - c.v0;
  }
  return c;
}

// Pixels on the longer side of a thumbnail: the size the hub makes them (hub PictureSizes).
inline constexpr int kThumbnailSide = 480;
// Whether a frame of `width` × `height` pixels shows a picture's thumbnail rather than the picture.
inline bool thumbnailFits(float width, float height) {
  return (width > height ? width : height) <= 1.5f * static_cast<float>(kThumbnailSide);
}

}  // namespace qtsc::kiosk
