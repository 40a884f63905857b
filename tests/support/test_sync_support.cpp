#include "test_sync_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "qtsc/content/store.hpp"

namespace qtsc::testing {

namespace fs = std::filesystem;

int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

bool waitForPort(int port) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    if (connected) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

Nginx::Nginx(const fs::path& root, bool sendfile) {
  port_ = freePort();
  const fs::path p = prefix_.path();
  fs::create_directories(p / "logs");
  fs::create_directories(p / "tmp");
  const std::string tmp = (p / "tmp").string();
  std::string conf = "daemon off;\nworker_processes 1;\n";
  // Run as the current user: as root, nginx would otherwise drop its workers to nobody.
  if (::geteuid() == 0) conf += "user root;\n";
  conf += "pid " + (p / "nginx.pid").string() + ";\nerror_log " + (p / "logs/error.log").string() + ";\n" +
          "events { worker_connections 64; }\nhttp {\n  access_log " + (p / "logs/access.log").string() + ";\n" +
          "  client_body_temp_path " + tmp + "; proxy_temp_path " + tmp + "; fastcgi_temp_path " + tmp +
          "; uwsgi_temp_path " + tmp + "; scgi_temp_path " + tmp + ";\n" + "  default_type application/octet-stream;\n" +
          (sendfile ? "  sendfile on;\n  tcp_nopush on;\n" : "") +
          "  server { listen 127.0.0.1:" + std::to_string(port_) + "; root " + fs::absolute(root).string() + "; }\n}\n";
  writeFile(p / "nginx.conf", conf);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::execlp("nginx", "nginx", "-p", p.c_str(), "-c", (p / "nginx.conf").c_str(), "-e",
             (p / "logs/error.log").c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  if (!waitForPort(port_)) throw std::runtime_error("nginx did not start; see " + (p / "logs/error.log").string());
}

Nginx::~Nginx() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

SyncPark::SyncPark() {
  keys = sync::generateKeyPair();
  db = dir / "park.db";
  assets = dir / "assets";
  out = dir / "published";
  fs::copy_file(QTSC_PARK_DB, db);
  fs::create_directories(assets / "images");
  writeAsset("images/map.png", std::string(30000, 'm'));
  writeAsset("images/logo.png", std::string(5000, 'l'));
  writeAsset("strings/ui.json", R"({"hello": "Xin chào"})");
  content::ContentStore store(db.string());
  tenantId = store.tenants({}).front().id;
}

sync::PublishResult SyncPark::publish(const std::string& note, sync::PublisherSettings settings) {
  return sync::Publisher(out, keys.secretKey, settings).publish(db, assets, note);
}

void SyncPark::editTenant(const std::string& description) {
  content::ContentStore store(db.string());
  auto tenant = *store.tenant(tenantId);
  tenant.description.set("en", description);
  store.updateTenant(tenant);
}

std::string SyncPark::tenantText(const fs::path& database) const {
  content::ContentStore store(database.string(), content::ContentStore::Mode::ReadOnly);
  return store.tenant(tenantId)->description.in("en");
}

void SyncPark::writeAsset(const std::string& name, const std::string& bytes) {
  fs::create_directories((assets / name).parent_path());
  writeFile(assets / name, bytes);
}

sync::SyncConfig SyncPark::kiosk(const std::string& url, const std::string& name) const {
  sync::SyncConfig config;
  config.baseUrl = url;
  config.publicKeyHex = sync::toHex(keys.publicKey);
  config.dataDir = dir / (name + "-data");
  config.stateDir = dir / (name + "-state");
  config.kioskId = name;
  config.connectTimeoutSeconds = 5;
  config.stallTimeoutSeconds = 10;
  return config;
}

}  // namespace qtsc::testing
