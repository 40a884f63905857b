#include "test_hub_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <thread>
#include <vector>

namespace qtsc::testing {

namespace {

const std::thread::id kTestThread = std::this_thread::get_id();  // static initialisation runs on the main thread
std::mutex laterMutex;
std::vector<std::string> later;  // problems found on other threads

// The admin page's catalogues (hub/web/lang), by language code, read once.
const std::map<std::string, nlohmann::json>& catalogues() {
  static std::once_flag once;
  static std::map<std::string, nlohmann::json> all;
  std::call_once(once, [] {
    const std::string folder = std::string(QTSC_SOURCE_DIR) + "/hub/web/lang/";
    std::ifstream index(folder + "languages.json");
    const nlohmann::json languages = nlohmann::json::parse(index);
    for (const auto& language : languages.at("languages")) {
      std::ifstream in(folder + language["code"].get<std::string>() + ".json");
      all[language["code"].get<std::string>()] = nlohmann::json::parse(in);
    }
    if (all.size() < 2) throw std::runtime_error("the admin page's catalogues are not in " + folder);
  });
  return all;
}

Reply toReply(const httplib::Result& r) {
  Reply reply;
  if (!r) return reply;
  reply.status = r->status;
  reply.text = r->body;
  reply.headers = r->headers;
  reply.body = nlohmann::json::parse(r->body, nullptr, false);
  checkSayable(reply);
  return reply;
}
}  // namespace

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
  std::vector<std::string> problems;
  {
    const std::lock_guard lock(laterMutex);
    problems.swap(later);
  }
  for (const auto& problem : problems) FAIL_CHECK(problem);
}


std::string unsayable(const Reply& reply) {
  if (reply.status < 400 || !reply.body.is_object()) return {};
  std::vector<nlohmann::json> messages;
  if (reply.body.contains("error")) messages.push_back(reply.body);
  if (reply.body.contains("errors") && reply.body["errors"].is_array())
    for (const auto& e : reply.body["errors"]) messages.push_back(e);
  static const std::regex placeholder(R"(\{([A-Za-z_]+)\})");
  for (const auto& m : messages) {
    const std::string where = "HTTP " + std::to_string(reply.status) + " " + m.dump() + ": ";
    if (!m.contains("code") || !m["code"].is_string() || m["code"] == "") return where + "no code";
    if (!m.contains("params") || !m["params"].is_object()) return where + "no params object";
    const std::string key = "server." + m["code"].get<std::string>();
    for (const auto& [language, catalogue] : catalogues()) {
      if (!catalogue.contains(key)) return where + "no " + key + " in " + language + ".json";
      const std::string text = catalogue[key].get<std::string>();
      for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder); it != std::sregex_iterator(); ++it)
        if (!m["params"].contains((*it)[1].str()))
          return where + language + ".json's " + key + " names {" + (*it)[1].str() + "}, which the answer lacks";
    }
  }
  return {};
}

void checkSayable(const Reply& reply) {
  const std::string problem = unsayable(reply);
  if (problem.empty()) return;
  // Catch2 asserts on the test's own thread only; answers read on other threads are kept
  // and reported when their TestHub ends.
  if (std::this_thread::get_id() == kTestThread) {
    FAIL_CHECK(problem);
  } else {
    const std::lock_guard lock(laterMutex);
    later.push_back(problem);
  }
}

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
