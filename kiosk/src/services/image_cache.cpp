#include "services/image_cache.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <stb_image.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "qtsc/content/model.hpp"

namespace qtsc::kiosk {

ImageFile loadImageFile(const std::string& path, long long maxPixels) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return {nullptr, "no such file"};
  // Compressed pixels are never much larger than raw ones: a bigger file is not a sane image.
  const auto maxBytes = static_cast<std::uintmax_t>(maxPixels) * 4 + (1u << 20);
  const std::uintmax_t size = fs::file_size(path, error);
  if (error || size > maxBytes) return {nullptr, "the file is " + std::to_string(size) + " bytes, more than an image of the allowed size"};
  std::string bytes(static_cast<std::size_t>(size), '\0');
  std::ifstream in(path, std::ios::binary);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return {nullptr, "cannot read the file"};
  SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
  if (!rw) return {nullptr, SDL_GetError()};
  ImageFile out;
  if (IMG_isSVG(rw)) {
    out.surface = IMG_LoadSizedSVG_RW(rw, kSvgWidth, kSvgHeight);
    if (!out.surface) out.problem = std::string("not a readable SVG: ") + IMG_GetError();
    SDL_RWclose(rw);
    return out;
  }
  // Only the formats whose header stb_image and SDL_image read alike; others are refused.
  const char* type = IMG_isPNG(rw) ? "PNG" : IMG_isJPG(rw) ? "JPG" : nullptr;
  int width = 0, height = 0, channels = 0;
  if (!type) {
    out.problem = "not a PNG or JPEG image";
  } else if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &width,
                                    &height, &channels)) {
    out.problem = std::string("the image header cannot be read or states an impossible size (stb_image: ") +
                  stbi_failure_reason() + ")";
  } else if (width <= 0 || height <= 0 || static_cast<long long>(width) * height > maxPixels) {
    out.problem = std::to_string(width) + " x " + std::to_string(height) + " pixels, more than images.max_pixels (" +
                  std::to_string(maxPixels) + ")";
  } else {
    out.surface = IMG_LoadTyped_RW(rw, 0, type);
    if (!out.surface) {
      out.problem = std::string("cannot decode: ") + IMG_GetError();
    } else if (out.surface->w != width || out.surface->h != height) {
      out.problem = "decoded to a size other than its header states";
      SDL_FreeSurface(out.surface);
      out.surface = nullptr;
    }
  }
  SDL_RWclose(rw);
  return out;
}

ImageCache::ImageCache(std::string assetsDir, SDL_Renderer* renderer, UiQueue& queue, int maxEntries, long long maxPixels,
                       long long maxTextureBytes,
                       Resolver resolve)
    : assetsDir_(std::move(assetsDir)), resolve_(std::move(resolve)), renderer_(renderer), queue_(queue),
      maxEntries_(static_cast<std::size_t>(maxEntries < 1 ? 1 : maxEntries)), maxPixels_(maxPixels),
      maxTextureBytes_(maxTextureBytes < 1 ? 1 : maxTextureBytes) {}

ImageCache::~ImageCache() {
  worker_.stop();
  for (auto& [name, entry] : entries_)
    if (entry.image.texture) SDL_DestroyTexture(entry.image.texture);
}

namespace {
// `surface` made to fit kThumbnailSide on its longer side, bilinear; a smaller one is kept.
SDL_Surface* shrinkToThumbnail(SDL_Surface* surface) {
  const int side = std::max(surface->w, surface->h);
  if (side <= kThumbnailSide) return surface;
  const int w = std::max(1, surface->w * kThumbnailSide / side), h = std::max(1, surface->h * kThumbnailSide / side);
  SDL_Surface* source = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_Surface* small = source ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888) : nullptr;
  if (small && SDL_SoftStretchLinear(source, nullptr, small, nullptr) != 0) {
    SDL_FreeSurface(small);
    small = nullptr;
  }
  if (source) SDL_FreeSurface(source);
  if (!small) return surface;  // out of memory: the picture at its own size
  SDL_FreeSurface(surface);
  return small;
}
}  // namespace

Image ImageCache::get(const std::string& name) { return fetch(name, {}); }

Image ImageCache::thumbnail(const std::string& name) {
  if (name.empty() || name.find('/') != std::string::npos) return get(name);  // assets of the kiosk itself
  return fetch(content::thumbnailName(name), name);
}

Image ImageCache::fetch(const std::string& name, const std::string& picture) {
  if (name.empty() || name.find("..") != std::string::npos || picture.find("..") != std::string::npos)
    return Image{Image::State::Missing, nullptr, 0, 0};
  auto found = entries_.find(name);
  if (found != entries_.end()) {
    lru_.splice(lru_.begin(), lru_, found->second.lru);
    found->second.usedInFrame = frame_;
    return found->second.image;
  }
  lru_.push_front(name);
  entries_.emplace(name, Entry{Image{}, lru_.begin(), frame_});
  overBound_ = overBound_ || entries_.size() > maxEntries_;
  // A bare name is an image under images/; a name with a folder is relative to the assets.
  const std::string relative = (name.find('/') == std::string::npos ? "images/" : "") + name;
  worker_.submit([this, name, relative, picture, alive = liveness_.token()] {
    auto locate = [this](const std::string& rel) {
      std::string path = resolve_ ? resolve_(rel) : std::string();
      return path.empty() ? assetsDir_ + "/" + rel : path;
    };
    std::string path = locate(relative);
    std::error_code error;
    const bool shrink = !picture.empty() && !std::filesystem::is_regular_file(path, error);
    if (shrink) path = locate("images/" + picture);  // no thumbnail published: the picture, made smaller
    ImageFile file = loadImageFile(path, maxPixels_);
    if (!file.surface) spdlog::warn("image {} ({}) not shown: {}", shrink ? picture : name, path, file.problem);
    SDL_Surface* surface = shrink && file.surface ? shrinkToThumbnail(file.surface) : file.surface;
    queue_.post([this, name, surface, alive] {
      if (!alive.alive()) {
        if (surface) SDL_FreeSurface(surface);
        return;
      }
      adopt(name, surface);
    });
  });
  return Image{};
}

void ImageCache::beginFrame() {
  const std::uint64_t last = frame_++;
  if (!overBound_) return;
  while (entries_.size() > maxEntries_ || textureBytes_ > maxTextureBytes_) {
    auto victim = entries_.find(lru_.back());
    if (victim->second.image.state == Image::State::Loading) break;  // its decode is still coming back
    // Least recent first: once one was drawn by the last frame, so were all the others left.
    if (victim->second.usedInFrame == last) break;
    if (victim->second.image.texture) SDL_DestroyTexture(victim->second.image.texture);
    textureBytes_ -= victim->second.bytes;
    entries_.erase(victim);
    lru_.pop_back();
  }
  overBound_ = false;  // what is left is in use; the next new image looks again
}

void ImageCache::adopt(const std::string& name, SDL_Surface* surface) {
  auto found = entries_.find(name);
  if (found == entries_.end()) {
    if (surface) SDL_FreeSurface(surface);
    return;
  }
  Image& image = found->second.image;
  image.state = Image::State::Missing;
  if (surface) {
    image.texture = SDL_CreateTextureFromSurface(renderer_, surface);
    if (image.texture) {
      SDL_SetTextureBlendMode(image.texture, SDL_BLENDMODE_BLEND);
      image.state = Image::State::Ready;
      image.width = surface->w;
      image.height = surface->h;
      found->second.bytes = static_cast<long long>(surface->w) * surface->h * 4;
      textureBytes_ += found->second.bytes;
      overBound_ = overBound_ || textureBytes_ > maxTextureBytes_;
    }
    SDL_FreeSurface(surface);
  }
}

}  // namespace qtsc::kiosk
