// The hub's HTTP layer against hostile and broken requests, sent over raw TCP where
// cpp-httplib's client would refuse to send them: invalid UTF-8, floods of ranges and
// headers, chunked and compressed bodies past the caps, slow and idle clients. After each,
// the hub must still answer.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "core/safe_text.hpp"
#include "test_hub_support.hpp"

using namespace qtsc::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// One TCP connection to the hub, for requests httplib::Client would not send.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  [[nodiscard]] bool connected() const { return connected_; }

  // Sends what it can; stops early (false) when the hub answered or closed meanwhile.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      pollfd p{fd_, POLLOUT | POLLIN, 0};
      if (::poll(&p, 1, 10000) <= 0) return false;
      if (p.revents & (POLLIN | POLLHUP | POLLERR)) return false;
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Everything until the hub closes, or the first whole answer (headers + Content-Length).
  std::string receive(std::chrono::seconds patience = std::chrono::seconds(30)) {
    std::string in;
    const auto until = std::chrono::steady_clock::now() + patience;
    char buffer[16 * 1024];
    while (std::chrono::steady_clock::now() < until) {
      if (answerComplete(in)) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 200) <= 0) continue;
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      in.append(buffer, static_cast<std::size_t>(n));
    }
    return in;
  }

 private:
  static bool answerComplete(const std::string& in) {
    const auto end = in.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const auto at = in.find("Content-Length: ");
    if (at == std::string::npos || at > end) return false;
    const auto length = std::stoull(in.substr(at + 16));
    return in.size() >= end + 4 + length;
  }

  int fd_ = -1;
  bool connected_ = false;
};

struct RawAnswer {
  int status = 0;
  std::string head;
  std::string body;
  json bodyJson;
};

RawAnswer parse(const std::string& text) {
  RawAnswer a;
  if (text.rfind("HTTP/1.1 ", 0) != 0) return a;
  a.status = std::stoi(text.substr(9, 3));
  const auto end = text.find("\r\n\r\n");
  a.head = text.substr(0, end);
  if (end != std::string::npos) a.body = text.substr(end + 4);
  a.bodyJson = json::parse(a.body, nullptr, false);
  return a;
}

RawAnswer ask(int port, const std::string& request) {
  RawConnection c(port);
  REQUIRE(c.connected());
  c.send(request);
  return parse(c.receive());
}

// The hub still serves an ordinary request on a fresh connection.
bool stillServes(const TestHub& hub) {
  httplib::Client client(hub.url());
  client.set_read_timeout(30, 0);
  const auto r = client.Get("/api/v1/map");
  return r && r->status == 401 && json::parse(r->body, nullptr, false).contains("error");
}

int headerCount(const std::string& head, const std::string& name) {
  int count = 0;
  for (auto at = head.find("\r\n" + name + ":"); at != std::string::npos; at = head.find("\r\n" + name + ":", at + 1)) ++count;
  return count;
}

bool hasField(const Reply& r, const std::string& field) {
  if (!r.body.contains("errors")) return false;
  for (const auto& e : r.body["errors"])
    if (e["field"] == field) return true;
  return false;
}

std::string gzip(const std::string& data) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string cookieRequest(const std::string& method, const std::string& path, const Staff& who,
                          const std::string& extra = "") {
  return method + " " + path + " HTTP/1.1\r\nHost: hub\r\nCookie: " + who.cookie + "\r\nX-CSRF-Token: " + who.csrf +
         "\r\n" + extra + "Content-Length: 0\r\n\r\n";
}

}  // namespace

TEST_CASE("request text is quoted for logs and messages bounded, escaped and valid UTF-8", "[hub][http]") {
  using namespace qtsc::hub;
  CHECK(logQuote("eve\nforged line") == "\"eve\\nforged line\"");
  CHECK(logQuote("\xff") == "\"\\ufffd\"");
  CHECK(logQuote(std::string(60000, 'a')).size() < 120);
  CHECK(logQuote(std::string(60000, 'a')).find("60000 bytes") != std::string::npos);
  CHECK(safeText("a\r\nb\xff") == "a  b\xEF\xBF\xBD");
  CHECK(safeText(std::string(1000, 'x'), 50).size() <= 53);
  CHECK_FALSE(firstInvalidUtf8("Công ty"));
  CHECK(firstInvalidUtf8("ab\xC0\xAF") == 2u);      // overlong '/'
  CHECK(firstInvalidUtf8("\xED\xA0\x80") == 0u);    // a UTF-16 surrogate
  CHECK(firstInvalidUtf8("ok\xF4\x90\x80\x80") == 2u);  // past U+10FFFF
  CHECK(firstInvalidUtf8("\xE2\x82") == 0u);        // cut short
}

TEST_CASE("paths and ids with invalid UTF-8 answer JSON errors and the hub lives on", "[hub][http]") {
  TestHub hub;
  const RawAnswer plain = ask(hub.port, "GET /%ff HTTP/1.1\r\nHost: hub\r\n\r\n");
  CHECK(plain.status == 404);
  CHECK(plain.bodyJson.contains("error"));
  CHECK(plain.head.find("EXCEPTION_WHAT") == std::string::npos);

  Staff ana(hub, "ana");
  REQUIRE(ana.loginStatus == 200);
  for (const std::string path : {"/api/v1/content/tenants/%ff%fe", "/api/v1/content/places/%C0%AF",
                                 "/api/v1/preview/tenant/%ff", "/api/v1/assets/%ff.png", "/content/%ff",
                                 "/api/v1/accounts/%ff", "/api/v1/%ff%00x", "/api/v1/audit?before=%ff"}) {
    for (const std::string method : {"GET", "PUT", "DELETE"}) {
      INFO(method << " " << path);
      const RawAnswer a = ask(hub.port, cookieRequest(method, path, ana));
      CHECK(a.status >= 400);
      CHECK(a.status < 500);
      CHECK(!a.bodyJson.is_discarded());
      CHECK(a.head.find("EXCEPTION_WHAT") == std::string::npos);
      CHECK(headerCount(a.head, "Content-Length") == 1);  // a kept-alive client can tell where it ends
    }
  }
  // Two requests on one connection: the unrouted 404 is framed, the next one is answered.
  RawConnection kept(hub.port);
  kept.send("GET /api/v1/%ff HTTP/1.1\r\nHost: hub\r\n\r\n");
  CHECK(parse(kept.receive()).status == 404);
  kept.send("GET /api/v1/map HTTP/1.1\r\nHost: hub\r\n\r\n");
  CHECK(parse(kept.receive()).status == 401);
  // A long id is quoted, not echoed whole.
  const RawAnswer longId = ask(hub.port, cookieRequest("GET", "/api/v1/content/tenants/" + std::string(6000, 'a'), ana));
  CHECK(longId.status == 404);
  CHECK(longId.body.size() < 1000);
  CHECK(stillServes(hub));
}

TEST_CASE("a JSON body the parser cannot hold answers 422 at its field, never 500", "[hub][http]") {
  TestHub hub;
  Staff chi(hub, "chi");
  REQUIRE(chi.loginStatus == 200);
  const Reply huge = chi.send("POST", "/api/v1/content/tenants", R"({"id":"x","name":1e999})");
  CHECK(huge.status == 422);
  CHECK(hasField(huge, "name"));
  const Reply badText = chi.send("POST", "/api/v1/content/tenants", "{\"id\":\"x\",\"name\":{\"vi\":\"\xff\xfe\"}}");
  CHECK(badText.status == 422);
  CHECK(!badText.body.is_discarded());
  const Reply badKey = chi.send("PUT", "/api/v1/me/password", "{\"\xc3\x28\":1}");
  CHECK(badKey.status == 422);
  CHECK(!badKey.body.is_discarded());
  const Reply wrongType = chi.send("PUT", "/api/v1/content/park", R"({"name":[1,2,3],"tagline":{"vi":7}})");
  CHECK(wrongType.status == 422);
  // A login name of many unknown fields is answered with a bounded list.
  json many = json::object();
  for (int i = 0; i < 5000; ++i) many["field" + std::to_string(i)] = i;
  const Reply fields = raw(hub.url(), "POST", "/api/v1/login", many.dump(), {});
  CHECK(fields.status == 422);
  CHECK(fields.body["errors"].size() <= 101);
  CHECK(stillServes(hub));
}

TEST_CASE("compressed request bodies are refused with 415 before anything reads them", "[hub][http]") {
  TestHub hub;
  // 64 MiB of zeros in about 64 KiB: inflated, it would pass every cap in memory.
  const std::string bomb = gzip(std::string(64u * 1024 * 1024, '\0'));
  REQUIRE(bomb.size() < 256 * 1024);
  for (const std::string coding : {"gzip", "deflate", "br", "GZip", "identity, gzip"}) {
    INFO(coding);
    const std::string head = "POST /api/v1/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                             "Content-Encoding: " + coding + "\r\nContent-Length: " + std::to_string(bomb.size()) + "\r\n\r\n";
    RawConnection c(hub.port);
    c.send(head + bomb);
    const RawAnswer a = parse(c.receive());
    CHECK(a.status == 415);
    CHECK(a.bodyJson.contains("error"));
  }
  // Chunked and compressed fares no better, nor an unknown transfer coding.
  RawConnection chunked(hub.port);
  chunked.send("POST /api/v1/reports HTTP/1.1\r\nHost: hub\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n");
  CHECK(parse(chunked.receive()).status == 415);
  CHECK(ask(hub.port, "POST /api/v1/login HTTP/1.1\r\nHost: hub\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").status == 501);
  CHECK(stillServes(hub));
}

TEST_CASE("bodies past the cap answer 413 whether chunked, unannounced or announced", "[hub][http]") {
  qtsc::hub::HubSettings settings;
  settings.maxBodyBytes = 64 * 1024;
  TestHub hub(settings);
  const std::string chunk = std::string(16 * 1024, 'a');
  std::ostringstream hex;
  hex << std::hex << chunk.size();
  {
    RawConnection c(hub.port);
    c.send("POST /api/v1/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 256 && c.send(hex.str() + "\r\n" + chunk + "\r\n"); ++i) {}  // 4 MiB unless stopped
    const RawAnswer a = parse(c.receive());
    CHECK(a.status == 413);
    CHECK(a.bodyJson.contains("error"));
  }
  {
    // Tiny chunks: the framing counts too.
    RawConnection c(hub.port);
    c.send("POST /api/v1/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    std::string tiny;
    for (int i = 0; i < 4096; ++i) tiny += "1\r\na\r\n";
    for (int i = 0; i < 64 && c.send(tiny); ++i) {}
    CHECK(parse(c.receive()).status == 413);
  }
  {
    RawConnection c(hub.port);
    c.send("POST /api/v1/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n");
    CHECK(parse(c.receive()).status == 413);
  }
  CHECK(ask(hub.port, "POST /api/v1/login HTTP/1.1\r\nHost: hub\r\nContent-Length: -5\r\n\r\n").status == 400);
  // A body within the cap, chunked, is read as usual.
  const std::string login = json{{"name", "ana"}, {"password", kTestPassword}}.dump();
  std::ostringstream size;
  size << std::hex << login.size();
  const RawAnswer ok = ask(hub.port, "POST /api/v1/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                                          "Transfer-Encoding: chunked\r\n\r\n" + size.str() + "\r\n" + login + "\r\n0\r\n\r\n");
  CHECK(ok.status == 200);
  CHECK(stillServes(hub));
}

TEST_CASE("a POST or PUT with neither Content-Length nor Transfer-Encoding has an empty body, answered at once",
          "[hub][http]") {
  // curl -X POST without -d sends such a request; the body is empty (RFC 9112 6.3), so the hub
  // answers without waiting for the read timeout and the connection serves the next request.
  qtsc::hub::HubSettings settings;
  settings.readTimeout = std::chrono::seconds(60);
  settings.bodyTimeout = std::chrono::seconds(60);
  TestHub hub(settings);
  RawConnection c(hub.port);
  REQUIRE(c.connected());
  c.send("POST /api/v1/login HTTP/1.1\r\nHost: hub\r\n\r\n");
  const RawAnswer bare = parse(c.receive(std::chrono::seconds(20)));
  CHECK(bare.status == 422);
  CHECK(bare.bodyJson["errors"][0]["code"] == "json_content_type");
  c.send("POST /api/v1/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n\r\n");
  const RawAnswer typed = parse(c.receive(std::chrono::seconds(20)));
  CHECK(typed.status == 422);
  CHECK(typed.bodyJson["errors"][0]["code"] == "json_invalid");
  c.send("PUT /api/v1/me/language HTTP/1.1\r\nHost: hub\r\n\r\n");
  CHECK(parse(c.receive(std::chrono::seconds(20))).status == 401);
  c.send("GET /api/v1/map HTTP/1.1\r\nHost: hub\r\n\r\n");
  CHECK(parse(c.receive(std::chrono::seconds(20))).status == 401);
  for (const RawAnswer& a : {bare, typed}) {
    Reply reply;
    reply.status = a.status;
    reply.body = a.bodyJson;
    checkSayable(reply);
  }
}

TEST_CASE("too many or too large headers answer 431", "[hub][http]") {
  TestHub hub;
  std::string flood = "GET /api/v1/map HTTP/1.1\r\nHost: hub\r\n";
  for (int i = 0; i < 10000; ++i) flood += "X-H" + std::to_string(i) + ": v\r\n";
  {
    RawConnection c(hub.port);
    c.send(flood + "\r\n");
    CHECK(parse(c.receive()).status == 431);
  }
  std::string many = "GET /api/v1/map HTTP/1.1\r\nHost: hub\r\n";
  for (int i = 0; i < 150; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  CHECK(ask(hub.port, many + "\r\n").status == 431);
  CHECK(ask(hub.port, "GET / HTTP/1.1\r\nHost: hub\r\nX-Big: " + std::string(8000, 'b') + "\r\n" +
                               "X-Big2: " + std::string(8000, 'b') + "\r\n\r\n").status == 200);
  CHECK(stillServes(hub));
}

TEST_CASE("many ranges are answered with the whole file; one range as asked", "[hub][http]") {
  TestHub hub;
  Staff bao(hub, "bao");
  REQUIRE(bao.json("POST", "/api/v1/publish", {{"note", "ranges"}}).status == 201);
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 999; ++i) ranges += ",0-";
  for (const std::string path : {"/index.html", "/content/timestamp.json"}) {
    INFO(path);
    const RawAnswer whole = ask(hub.port, "GET " + path + " HTTP/1.1\r\nHost: hub\r\n\r\n");
    REQUIRE(whole.status == 200);
    const RawAnswer flood = ask(hub.port, "GET " + path + " HTTP/1.1\r\nHost: hub\r\nRange: " + ranges + "\r\n\r\n");
    CHECK(flood.status == 200);
    CHECK(flood.body == whole.body);
    const RawAnswer two = ask(hub.port, "GET " + path + " HTTP/1.1\r\nHost: hub\r\nRange: bytes=0-1,5-9\r\n\r\n");
    CHECK(two.body.size() <= whole.body.size());
    const RawAnswer one = ask(hub.port, "GET " + path + " HTTP/1.1\r\nHost: hub\r\nRange: bytes=2-5\r\n\r\n");
    CHECK(one.status == 206);
    CHECK(one.body == whole.body.substr(2, 4));
    const RawAnswer past = ask(hub.port, "GET " + path + " HTTP/1.1\r\nHost: hub\r\nRange: bytes=99999999-\r\n\r\n");
    CHECK((past.status == 416 || past.status == 200));
  }
  CHECK(stillServes(hub));
}

TEST_CASE("slow clients are cut off at the header deadline; others are served meanwhile", "[hub][http]") {
  qtsc::hub::HubSettings settings;
  settings.headerTimeout = std::chrono::seconds(2);
  TestHub hub(settings);  // 8 worker threads
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 12; ++i) {
    slow.push_back(std::make_unique<RawConnection>(hub.port));
    slow.back()->send("GET /api/v1/map HTTP/1.1\r\n");
  }
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    // One header byte per slow client every 200 ms: each read arrives well within the
    // read timeout, so only a deadline on the whole header stops them.
    for (int tick = 0; tick < 300 && !done; ++tick) {
      for (auto& c : slow) c->send("X");
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  const bool served = stillServes(hub);
  done = true;
  trickle.join();
  CHECK(served);
  int cutOff = 0;
  for (auto& c : slow)
    if (parse(c->receive(std::chrono::seconds(15))).status == 408) ++cutOff;
  CHECK(cutOff > 0);
}

TEST_CASE("idle keep-alive connections give way to clients waiting for a thread", "[hub][http]") {
  qtsc::hub::HubSettings settings;
  settings.keepAliveTimeout = std::chrono::seconds(120);  // idle connections alone would hold for minutes
  TestHub hub(settings);  // 8 worker threads
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 10; ++i) {
    idle.push_back(std::make_unique<RawConnection>(hub.port));
    idle.back()->send("GET /api/v1/map HTTP/1.1\r\nHost: hub\r\n\r\n");
    CHECK(parse(idle.back()->receive()).status == 401);  // answered; the connection stays open
  }
  CHECK(stillServes(hub));
  CHECK(stillServes(hub));
}

TEST_CASE("the tenant CSV neutralises formula cells on export and reads its own export back", "[hub][http][csv]") {
  TestHub hub;
  Staff chi(hub, "chi");
  REQUIRE(chi.loginStatus == 200);
  const Reply exported = chi.get("/api/v1/tenants.csv");
  REQUIRE(exported.status == 200);
  // The first tenant, renamed to cells a spreadsheet would run.
  const std::string header = exported.text.substr(0, exported.text.find("\r\n") + 2);
  const Reply first = chi.get("/api/v1/content/tenants");
  REQUIRE(first.status == 200);
  const std::string id = first.body[0]["id"];
  json tenant = chi.get("/api/v1/content/tenants/" + id).body;
  tenant["name"]["vi"] = "=HYPERLINK(\"http://evil.example\",\"x\")";
  tenant["name"]["en"] = "@SUM(A1)";
  tenant["contact"] = "+84 28 3715 5999";
  tenant["website"] = "";
  tenant["description"]["vi"] = "'=already quoted";
  tenant["description"]["en"] = "-1";
  REQUIRE(chi.json("PUT", "/api/v1/content/tenants/" + id, tenant).status == 200);

  const Reply again = chi.get("/api/v1/tenants.csv");
  REQUIRE(again.status == 200);
  CHECK(again.text.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"") != std::string::npos);
  CHECK(again.text.find(",'@SUM(A1),") != std::string::npos);
  CHECK(again.text.find(",'+84 28 3715 5999,") != std::string::npos);
  CHECK(again.text.find(",''=already quoted,") != std::string::npos);
  CHECK(again.text.find(",'-1,") != std::string::npos);
  // No cell of the file starts with a formula character.
  CHECK(again.text.find(",=") == std::string::npos);
  CHECK(again.text.find(",@") == std::string::npos);
  CHECK(again.text.find(",+") == std::string::npos);

  // Read back, the export gives the same text.
  REQUIRE(chi.send("POST", "/api/v1/tenants.csv", again.text, "text/csv").status == 200);
  const json back = chi.get("/api/v1/content/tenants/" + id).body;
  CHECK(back["name"]["vi"] == tenant["name"]["vi"]);
  CHECK(back["name"]["en"] == "@SUM(A1)");
  CHECK(back["contact"] == "+84 28 3715 5999");
  CHECK(back["description"]["vi"] == "'=already quoted");
  CHECK(back["description"]["en"] == "-1");

  // A cell that is not UTF-8 is refused at its line and column; nothing changes.
  const std::string bad = header + id + ",Tên\xff\xfe,,,,,,,,,\r\n";
  const Reply refused = chi.send("POST", "/api/v1/tenants.csv", bad, "text/csv");
  CHECK(refused.status == 422);
  CHECK(hasField(refused, "line 2, column 2 (name_vi)"));
  CHECK(chi.get("/api/v1/content/tenants/" + id).body["name"]["vi"] == tenant["name"]["vi"]);
  CHECK(stillServes(hub));
}

TEST_CASE("request text reaches the log escaped and bounded", "[hub][http][log]") {
  TestHub hub;
  std::ostringstream captured;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  spdlog::default_logger()->sinks().push_back(sink);
  raw(hub.url(), "POST", "/api/v1/login", json{{"name", "eve\nkiosk-hub: forged"}, {"password", "wrong-password"}}.dump(), {});
  raw(hub.url(), "POST", "/api/v1/login", "{\"name\":\"" + std::string(60000, 'n') + "\",\"password\":\"x\"}", {});
  ask(hub.port, "GET /" + std::string(3000, 'p') + "%0a%0dforged HTTP/1.1\r\nHost: hub\r\n\r\n");
  spdlog::default_logger()->sinks().pop_back();
  const std::string log = captured.str();
  CHECK(log.find("eve\\nkiosk-hub: forged") != std::string::npos);  // logged, escaped
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    INFO(line.substr(0, 200));
    CHECK((line.find("forged") == std::string::npos || line.find("eve\\nkiosk-hub: forged") != std::string::npos));
    CHECK(line.size() < 1000);
  }
}

TEST_CASE("session cookies are Secure when the TLS proxy says the sign-in came over HTTPS", "[hub][http]") {
  TestHub hub;
  const std::string login = json{{"name", "chi"}, {"password", kTestPassword}}.dump();
  const Reply plain = raw(hub.url(), "POST", "/api/v1/login", login, {});
  REQUIRE(plain.status == 200);
  CHECK(plain.headers.find("Set-Cookie")->second.find("Secure") == std::string::npos);
  const Reply viaTls = raw(hub.url(), "POST", "/api/v1/login", login, {{"X-Forwarded-Proto", "https"}});
  REQUIRE(viaTls.status == 200);
  CHECK(viaTls.headers.find("Set-Cookie")->second.find("; Secure") != std::string::npos);
}

TEST_CASE("the preview renderer is stopped at its timeout, one at a time, without the hub's sockets", "[hub][http][preview]") {
  TempDir tools;
  const fs::path fds = tools / "fds.txt";
  const fs::path started = tools / "started";
  const fs::path renderer = tools / "renderer.sh";
  // Lists where its open files lead, says it started, then hangs.
  writeFile(renderer, "#!/bin/sh\nfor f in /proc/$$/fd/*; do readlink \"$f\"; done > '" + fds.string() + "'\n"
                      "touch '" + started.string() + "'\nexec sleep 60\n");
  fs::permissions(renderer, fs::perms::owner_all);
  qtsc::hub::HubSettings settings;
  settings.kioskBinary = renderer;
  settings.previewTimeout = std::chrono::seconds(3);
  settings.previewConcurrency = 1;
  TestHub hub(settings);
  Staff chi(hub, "chi");
  REQUIRE(chi.loginStatus == 200);

  Reply first;
  std::thread drawing([&] { first = chi.get("/api/v1/preview/tenant/one"); });
  for (int i = 0; i < 1000 && !fs::exists(started); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const Reply second = chi.get("/api/v1/preview/tenant/two");
  drawing.join();
  CHECK(second.status == 503);
  CHECK(second.text.find("busy") != std::string::npos);
  CHECK(first.status == 503);
  CHECK(first.text.find("too long") != std::string::npos);

  REQUIRE(fs::exists(fds));
  std::ifstream in(fds);
  int open = 0;
  for (std::string target; std::getline(in, target); ++open) {
    INFO(target);
    CHECK(target.rfind("socket:", 0) != 0);
    CHECK(target.find(".db") == std::string::npos);
  }
  CHECK(open >= 3);
  CHECK(stillServes(hub));
}
