#include "authoring.hpp"

#include <spdlog/spdlog.h>

#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

namespace fs = std::filesystem;
namespace c = qtsc::content;

AuthoringContent::AuthoringContent(fs::path path, Opener open)
    : path_(std::move(path)),
      open_(open ? std::move(open) : Opener([](const fs::path& p) { return std::make_unique<c::ContentStore>(p.string()); })),
      store_(open_(path_)) {}

AuthoringContent::Lease AuthoringContent::lease() { return Lease(*this, std::unique_lock(mutex_)); }

std::optional<AuthoringContent::Lease> AuthoringContent::tryLease() {
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return std::nullopt;
  return Lease(*this, std::move(lock));
}

namespace {

// The drafts as they were, kept as a second name of the same file until the new drafts are
// open; put back if they never are.
class KeptDrafts {
 public:
  KeptDrafts(const fs::path& drafts, std::unique_ptr<c::ContentStore>& store, const AuthoringContent::Opener& open)
      : drafts_(drafts), kept_(drafts.string() + ".before-swap"), store_(store), open_(open) {
    std::error_code ignored;
    fs::remove(kept_, ignored);
    fs::create_hard_link(drafts_, kept_);
  }
  KeptDrafts(const KeptDrafts&) = delete;
  KeptDrafts& operator=(const KeptDrafts&) = delete;
  void commit() {
    committed_ = true;
    std::error_code ignored;
    fs::remove(kept_, ignored);
  }
  ~KeptDrafts() {
    if (committed_) return;
    try {
      store_.reset();
      // Renaming a file onto another name of itself does nothing, so when the move never
      // happened the second name is only removed.
      if (std::error_code ec; fs::equivalent(kept_, drafts_, ec)) fs::remove(kept_);
      else fs::rename(kept_, drafts_);
      store_ = open_(drafts_);
    } catch (const std::exception& e) {
      // Nothing is lost (the old drafts are still on disk), but nothing can be served either.
      spdlog::critical("the drafts could not be opened again after a failed replacement: {} (kept in {})", e.what(),
                       kept_.string());
    }
  }

 private:
  fs::path drafts_;
  fs::path kept_;
  std::unique_ptr<c::ContentStore>& store_;
  const AuthoringContent::Opener& open_;
  bool committed_ = false;
};

}  // namespace

void AuthoringContent::replaceWith(Lease& lease, const fs::path& staged) {
  if (lease.owner_ != this) throw HubError("a lease of other drafts");
  { auto check = open_(staged); }  // refuses a file it cannot open before anything changes
  // The old store is closed only so the file can be moved; if what follows throws, `kept`
  // puts it back and opens it again.
  KeptDrafts kept(path_, store_, open_);
  store_.reset();
  std::error_code ignored;
  fs::remove(path_.string() + "-wal", ignored);
  fs::remove(path_.string() + "-shm", ignored);
  fs::rename(staged, path_);
  store_ = open_(path_);
  kept.commit();
}

}  // namespace qtsc::hub
