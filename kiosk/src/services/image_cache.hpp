// Images decoded off the UI thread, textures kept with a bound and destroyed only between
// frames; an image whose header states more pixels than allowed is never decoded.
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <string>
#include <unordered_map>

#include "runtime/ui_queue.hpp"
#include "runtime/worker.hpp"
#include "ui/image.hpp"

struct SDL_Renderer;
struct SDL_Surface;

namespace qtsc::kiosk {

// A PNG or JPEG file decoded, or why not. Its header is read first (stb_image) and the file
// is decoded (SDL_image) only when it states at most `maxPixels` pixels: a small file can
// claim 40,000 × 40,000 pixels, 6.4 GB decoded. An SVG has no trustworthy size of its own and
// is drawn into a fixed kSvgWidth × kSvgHeight box (the park map's). Any thread.
struct ImageFile {
  SDL_Surface* surface = nullptr;  // owned by the caller; null when refused
  std::string problem;             // for the log: what is wrong with the file
};
inline constexpr int kSvgWidth = 2000;   // pixels an SVG is drawn at, across
inline constexpr int kSvgHeight = 1400;  // pixels, down
ImageFile loadImageFile(const std::string& path, long long maxPixels);

class ImageCache final : public ImageSource {
 public:
  // Finds the file for an image name; runs on the worker thread. Empty: not found.
  using Resolver = std::function<std::string(const std::string& name)>;

  // Images come from `resolve` when it finds them, else from `assetsDir`. One stating more
  // than `maxPixels` pixels is Missing, and logged with its name. At most `maxEntries` images
  // and `maxTextureBytes` bytes of textures (4 bytes a pixel) are kept past the frame that
  // drew them.
  ImageCache(std::string assetsDir, SDL_Renderer* renderer, UiQueue& queue, int maxEntries, long long maxPixels,
             long long maxTextureBytes, Resolver resolve = {});
  ~ImageCache();
  // UI thread. Starts decoding on first use; Loading until the texture is made. Never
  // destroys a texture: one already drawn this frame stays valid until it is presented.
  Image get(const std::string& name) override;
  // Kept under the thumbnail's name (content::thumbnailName). Without a thumbnail file the
  // picture is decoded and made smaller (SDL_SoftStretchLinear) to kThumbnailSide, without
  // a warning: content made before thumbnails, or bundled, has none.
  Image thumbnail(const std::string& name) override;
  // UI thread, at the start of every frame, before anything is drawn. Over the bound, the
  // least recently used images the last frame did not draw are destroyed: that frame was
  // presented (or replaced, for frames built without presenting). A frame that draws more
  // images than the bound keeps them all while it shows them.
  void beginFrame();
  void waitIdle() { worker_.waitIdle(); }
  void stop() { worker_.stop(); }  // the first phase of going away: decodes not started are dropped
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  [[nodiscard]] long long textureBytes() const { return textureBytes_; }  // bytes of the textures held

 private:
  Image fetch(const std::string& key, const std::string& picture);  // picture: a thumbnail's picture, else empty
  void adopt(const std::string& name, SDL_Surface* surface);
  struct Entry {
    Image image;
    std::list<std::string>::iterator lru;
    std::uint64_t usedInFrame = 0;  // the frame that last drew it (frame_ then)
    long long bytes = 0;            // its texture's pixels × 4
  };
  std::string assetsDir_;
  Resolver resolve_;
  SDL_Renderer* renderer_;
  UiQueue& queue_;
  std::size_t maxEntries_;
  long long maxPixels_;
  long long maxTextureBytes_;
  long long textureBytes_ = 0;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // most recent first
  std::uint64_t frame_ = 0;      // frames begun so far
  bool overBound_ = false;       // a new image took the cache over maxEntries_ or maxTextureBytes_: beginFrame() evicts
  Liveness liveness_;
  Worker worker_;
};

}  // namespace qtsc::kiosk
