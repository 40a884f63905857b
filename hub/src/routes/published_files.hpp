// What kiosks download, under /content/: the signed timestamp and the objects it names.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace qtsc::hub {

class PublishedFiles {
 public:
  // `folder`: the published folder; `beforeTimestamp` runs before timestamp.json is served
  // (polls keep the timestamp signed).
  PublishedFiles(std::filesystem::path folder, std::function<void()> beforeTimestamp);
  // Answers GET /content/(.*) with match 1 the path inside the folder.
  void serve(const httplib::Request& req, httplib::Response& res);

 private:
  struct CachedFile {
    long long mtimeNs = -1;
    long long size = -1;
    std::string etag;
    std::string body;
  };
  std::filesystem::path folder_;
  std::function<void()> beforeTimestamp_;
  std::mutex cacheMutex_;
  std::map<std::string, std::shared_ptr<const CachedFile>> cache_;  // small published files
};

}  // namespace qtsc::hub
