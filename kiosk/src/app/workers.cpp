#include "app/workers.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <stb_image.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <unordered_set>

#include "qtsc/content/store.hpp"
#include <spdlog/spdlog.h>

namespace qtsc::kiosk {

// ---- [SECTION] UiQueue ------------------------------------------------------------------
void UiQueue::post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  SDL_Event event{};
  event.type = wakeEventType_;
  SDL_PushEvent(&event);
}

void UiQueue::post(Liveness::Token owner, std::function<void()> job) {
  post([owner = std::move(owner), job = std::move(job)] {
    if (owner.alive()) job();
  });
}

bool UiQueue::drain() {
  std::vector<std::function<void()>> jobs;
  {
    std::lock_guard lock(mutex_);
    jobs.swap(jobs_);
  }
  for (auto& job : jobs) job();
  return !jobs.empty();
}

// ---- [SECTION] Worker -------------------------------------------------------------------
Worker::Worker() : thread_([this] { run(); }) {}

Worker::~Worker() { stop(); }

void Worker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  done_.notify_all();
}

void Worker::submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void Worker::waitIdle() {
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return jobs_.empty() && !busy_; });
}

bool Worker::idle() {
  std::lock_guard lock(mutex_);
  return jobs_.empty() && !busy_;
}

void Worker::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      busy_ = true;
    }
    job();
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
    }
    done_.notify_all();
  }
}

// ---- [SECTION] SearchWorker -------------------------------------------------------------
SearchWorker::SearchWorker(std::string databasePath, UiQueue& queue)
    : databasePath_(std::move(databasePath)), queue_(queue),
      latest_(std::make_shared<std::atomic<unsigned long>>(0)) {}

SearchWorker::~SearchWorker() = default;

DirectoryResult SearchWorker::run(const content::ContentStore& store, const DirectoryQuery& query) {
  DirectoryResult result;
  result.query = query;
  bool typed = false;
  for (char c : query.text)
    if (c != ' ') typed = true;
  if (!typed) {
    content::TenantFilter filter{query.sectorId, query.placeId, 0, 1'000'000};
    for (auto& summary : store.tenants(filter))
      result.rows.push_back(DirectoryRow{std::move(summary.id), std::move(summary.name), std::move(summary.placeId),
                                         std::move(summary.floor), std::move(summary.sectors), summary.sample});
    return result;
  }
  for (const auto& hit : store.search(query.text, kSearchLimit)) {
    if (hit.kind != content::RecordKind::Tenant) continue;
    auto tenant = store.tenant(hit.id);
    if (!tenant) continue;
    if (!query.placeId.empty() && tenant->placeId != query.placeId) continue;
    if (!query.sectorId.empty()) {
      bool inSector = false;
      for (const auto& sector : tenant->sectors) inSector = inSector || sector == query.sectorId;
      if (!inSector) continue;
    }
    result.rows.push_back(DirectoryRow{tenant->id, tenant->name, tenant->placeId, tenant->floor, tenant->sectors,
                                       tenant->sample});
  }
  return result;
}

void SearchWorker::request(const DirectoryQuery& query, std::function<void(DirectoryResult)> done) {
  const unsigned long ticket = ++*latest_;
  auto latest = latest_;
  worker_.submit([this, query, ticket, latest, liveness = liveness_.token(), done = std::move(done)]() mutable {
    if (*latest != ticket) return;  // a newer query is queued
    DirectoryResult result;
    try {
      if (!store_) store_ = std::make_unique<content::ContentStore>(databasePath_, content::ContentStore::Mode::ReadOnly);
      result = run(*store_, query);
    } catch (const std::exception& error) {
      result.query = query;
      result.error = error.what();
    }
    queue_.post(liveness, [ticket, latest, done = std::move(done), result = std::move(result)]() mutable {
      if (*latest == ticket) done(std::move(result));
    });
  });
}

// ---- [SECTION] ImageCache ---------------------------------------------------------------
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
                       Resolver resolve)
    : assetsDir_(std::move(assetsDir)), resolve_(std::move(resolve)), renderer_(renderer), queue_(queue),
      maxEntries_(static_cast<std::size_t>(maxEntries < 1 ? 1 : maxEntries)), maxPixels_(maxPixels) {}

ImageCache::~ImageCache() {
  worker_.stop();
  for (auto& [name, entry] : entries_)
    if (entry.image.texture) SDL_DestroyTexture(entry.image.texture);
}

Image ImageCache::get(const std::string& name) {
  if (name.empty() || name.find("..") != std::string::npos) return Image{Image::State::Missing, nullptr, 0, 0};
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
  worker_.submit([this, name, relative, alive = liveness_.token()] {
    std::string path = resolve_ ? resolve_(relative) : std::string();
    if (path.empty()) path = assetsDir_ + "/" + relative;
    ImageFile file = loadImageFile(path, maxPixels_);
    if (!file.surface) spdlog::warn("image {} ({}) not shown: {}", name, path, file.problem);
    SDL_Surface* surface = file.surface;
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
  while (entries_.size() > maxEntries_) {
    auto victim = entries_.find(lru_.back());
    if (victim->second.image.state == Image::State::Loading) break;  // its decode is still coming back
    // Least recent first: once one was drawn by the last frame, so were all the others left.
    if (victim->second.usedInFrame == last) break;
    if (victim->second.image.texture) SDL_DestroyTexture(victim->second.image.texture);
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
    }
    SDL_FreeSurface(surface);
  }
}

// ---- [SECTION] SyncRunner ---------------------------------------------------------------
void SyncRunner::start(const std::string& nowIso) {
  if (status_.running) return;
  status_.lastAttempt = nowIso;
  if (!hook_) {
    status_.ok = false;
    status_.message.clear();
    return;
  }
  status_.running = true;
  worker_.submit([this, alive = liveness_.token()] {
    SyncOutcome outcome;
    try {
      outcome = hook_();
    } catch (const std::exception& error) {
      outcome = SyncOutcome{false, error.what()};
    }
    queue_.post(alive, [this, outcome] {
      status_.running = false;
      status_.ok = outcome.ok;
      status_.expired = outcome.expired;
      status_.message = outcome.message;
    });
  });
}

}  // namespace qtsc::kiosk
