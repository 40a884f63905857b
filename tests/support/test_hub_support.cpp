#include "test_hub_support.hpp"

#include <chrono>

namespace qtsc::testing {

TestHub::TestHub(hub::HubSettings extra) {
  hub::HubSettings s = std::move(extra);
  s.dataDir = dir / "data";
  s.host = "127.0.0.1";
  s.port = 0;
  s.passwordCost = {1, 8192};  // libsodium's minimum: tests hash many passwords
  if (s.loginDelayBase == std::chrono::milliseconds(2000)) s.loginDelayBase = std::chrono::milliseconds(1500);
  s.threads = 8;
  hub_ = std::make_unique<hub::Hub>(s);
  hub_->database().addAccount("ana", hub::Role::Admin, kTestPassword);
  hub_->database().addAccount("bao", hub::Role::Publisher, kTestPassword);
  hub_->database().addAccount("chi", hub::Role::Editor, kTestPassword);
  port = hub_->bind();
  thread_ = std::thread([this] { hub_->serve(); });
  httplib::Client probe("127.0.0.1", port);
  for (int i = 0; i < 200; ++i) {
    if (auto r = probe.Get("/api/v1/map")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TestHub::~TestHub() {
  hub_->stop();
  if (thread_.joinable()) thread_.join();
}

namespace {
Reply toReply(const httplib::Result& r) {
  Reply reply;
  if (!r) return reply;
  reply.status = r->status;
  reply.text = r->body;
  reply.headers = r->headers;
  reply.body = nlohmann::json::parse(r->body, nullptr, false);
  return reply;
}
}  // namespace

Reply raw(const std::string& url, const std::string& method, const std::string& path, const std::string& body,
          const httplib::Headers& headers, const std::string& type) {
  httplib::Client client(url);
  if (method == "GET") return toReply(client.Get(path.c_str(), headers));
  if (method == "POST") return toReply(client.Post(path.c_str(), headers, body, type.c_str()));
  if (method == "PUT") return toReply(client.Put(path.c_str(), headers, body, type.c_str()));
  if (method == "DELETE") return toReply(client.Delete(path.c_str(), headers, body, type.c_str()));
  return {};
}

Staff::Staff(const TestHub& hub, const std::string& name, const std::string& password) : Staff(hub.url(), name, password) {}

Staff::Staff(const std::string& url, const std::string& name, const std::string& password) : url_(url) {
  httplib::Client client(url_);
  auto r = client.Post("/api/v1/login", nlohmann::json{{"name", name}, {"password", password}}.dump(), "application/json");
  loginStatus = r ? r->status : 0;
  if (!r || r->status != 200) return;
  const std::string setCookie = r->get_header_value("Set-Cookie");
  cookie = setCookie.substr(0, setCookie.find(';'));
  csrf = nlohmann::json::parse(r->body)["csrfToken"];
}

Reply Staff::get(const std::string& path) { return raw(url_, "GET", path, "", {{"Cookie", cookie}}); }

Reply Staff::send(const std::string& method, const std::string& path, const std::string& body, const std::string& type,
                  bool withCsrf) {
  httplib::Headers headers{{"Cookie", cookie}};
  if (withCsrf) headers.emplace("X-CSRF-Token", csrf);
  return raw(url_, method, path, body, headers, type);
}

}  // namespace qtsc::testing
