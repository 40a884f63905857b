// The authoring content database (the drafts): one store, one request, publish or rollback
// at a time, and a replacement that never leaves the hub without an open store.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "qtsc/content/store.hpp"

namespace qtsc::hub {

class AuthoringContent {
 public:
  // Opens the store at a path; tests pass one that fails to show what a failed swap keeps.
  using Opener = std::function<std::unique_ptr<content::ContentStore>(const std::filesystem::path&)>;

  // Opens (creating if missing) the drafts at `path`. Throws what ContentStore throws.
  explicit AuthoringContent(std::filesystem::path path, Opener open = {});

  // Holds the drafts for one piece of work; the store stays the same while it is held.
  class Lease {
   public:
    content::ContentStore& operator*() const { return *owner_->store_; }
    content::ContentStore* operator->() const { return owner_->store_.get(); }

   private:
    friend class AuthoringContent;
    Lease(AuthoringContent& owner, std::unique_lock<std::mutex> lock) : owner_(&owner), lock_(std::move(lock)) {}
    AuthoringContent* owner_;
    std::unique_lock<std::mutex> lock_;
  };
  Lease lease();
  // A lease when no other work holds the drafts; nullopt when one does.
  std::optional<Lease> tryLease();

  // Replaces the drafts with the database file `staged` (moved into place). The file is
  // opened before anything changes, and if moving or opening the new one fails, the old
  // drafts are put back and opened again before the error goes on: later requests always
  // find an open store, and nothing stored is lost.
  void replaceWith(Lease& lease, const std::filesystem::path& staged);

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  Opener open_;
  std::mutex mutex_;
  std::unique_ptr<content::ContentStore> store_;
};

}  // namespace qtsc::hub
