// Helpers shared by the sync tests: a free port, Debian's nginx serving a folder on
// 127.0.0.1, and a publisher plus a kiosk in temporary folders.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "qtsc/sync/client.hpp"
#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/publisher.hpp"
#include "test_support.hpp"

namespace qtsc::testing {

int freePort();
// Waits until something accepts connections on 127.0.0.1:port (gives up after ~10 s).
bool waitForPort(int port);

// nginx as the current user, with its own prefix and config in a temp folder, in the
// foreground (daemon off) so the test owns the process and stops it.
class Nginx {
 public:
  // Serves `root` as Debian's nginx.conf has it (sendfile on), or with nginx's own default.
  explicit Nginx(const std::filesystem::path& root, bool sendfile = true);
  ~Nginx();
  Nginx(const Nginx&) = delete;
  Nginx& operator=(const Nginx&) = delete;
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  TempDir prefix_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// The park's content database, an assets folder, a key pair and a published folder; and
// the folders of one kiosk.
struct SyncPark {
  SyncPark();
  TempDir dir;
  sync::KeyPair keys;
  std::filesystem::path db, assets, out;
  std::string tenantId;  // the tenant editTenant() changes

  sync::PublishResult publish(const std::string& note, sync::PublisherSettings settings = {});
  // Sets the tenant's English description (a one-tenant text edit).
  void editTenant(const std::string& description);
  // The tenant's English description in a content database.
  [[nodiscard]] std::string tenantText(const std::filesystem::path& database) const;
  void writeAsset(const std::string& name, const std::string& bytes);
  [[nodiscard]] sync::SyncConfig kiosk(const std::string& url, const std::string& name = "kiosk") const;
};

}  // namespace qtsc::testing
