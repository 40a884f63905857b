// The kiosk's settings (kiosk.toml): defaults, values, and bad or hostile files refused by name.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "core/config.hpp"

using namespace qtsc::kiosk;

TEST_CASE("an empty config gives the documented defaults", "[kiosk][config]") {
  const KioskConfig config = parseConfig("");
  CHECK(config.fullscreen);
  CHECK(config.idleTimeout == 60.f);
  CHECK(config.minTouchMm == 9.f);
  CHECK(config.defaultLanguage == "vi");
  CHECK(config.staffPin.empty());
}

TEST_CASE("config values are read from their sections", "[kiosk][config]") {
  const KioskConfig config = parseConfig(R"(
[display]
fullscreen = false
dpi = 141.5
[idle]
timeout = 90
[language]
default = "en"
[staff]
pin = "4321"
)");
  CHECK_FALSE(config.fullscreen);
  CHECK(config.dpi == Approx(141.5));
  CHECK(config.idleTimeout == 90.f);
  CHECK(config.defaultLanguage == "en");
  CHECK(config.staffPin == "4321");
}

TEST_CASE("a bad config value is refused naming the field and the line", "[kiosk][config]") {
  const std::string text = "[display]\nfullscreen = true\n[idle]\ntimeout = -5\n";
  try {
    parseConfig(text, "kiosk.toml");
    FAIL("accepted a negative idle timeout");
  } catch (const ConfigError& error) {
    CHECK(error.field == "idle.timeout");
    CHECK(error.line == 4);
    CHECK_THAT(error.what(), Catch::Contains("idle.timeout") && Catch::Contains("line 4"));
  }
  CHECK_THROWS_AS(parseConfig("[idle]\ntimeout = \"soon\"\n"), ConfigError);
  CHECK_THROWS_AS(parseConfig("[language]\ndefault = \"fr\"\n"), ConfigError);
  CHECK_THROWS_AS(parseConfig("[staff]\npin = \"12ab\"\n"), ConfigError);
  // A PIN of fewer than 4 digits is refused, naming the setting; empty turns the panel off.
  CHECK_THROWS_WITH(parseConfig("[staff]\npin = \"123\"\n"), Catch::Contains("staff.pin") && Catch::Contains("4 to 12 digits"));
  CHECK_THROWS_AS(parseConfig("[staff]\npin = \"1\"\n"), ConfigError);
  CHECK(parseConfig("[staff]\npin = \"1234\"\n").staffPin == "1234");
  CHECK(parseConfig("[staff]\npin = \"\"\n").staffPin.empty());
  try {
    parseConfig("[idle]\ntimout = 30\n");
    FAIL("accepted a misspelt setting");
  } catch (const ConfigError& error) {
    CHECK(error.field == "idle.timout");
  }
}

TEST_CASE("the texture budget is a number of MiB between 8 and 2048, 64 by default", "[kiosk][config][images]") {
  CHECK(parseConfig("").textureBudgetMb == 24);
  CHECK(parseConfig("[images]\ntexture_budget_mb = 128\n").textureBudgetMb == 128);
  for (const char* bad : {"4", "4096", "\"64MB\"", "6.5"}) {
    INFO(bad);
    try {
      parseConfig(std::string("[images]\ntexture_budget_mb = ") + bad + "\n");
      FAIL("accepted a texture budget of " << bad);
    } catch (const ConfigError& error) {
      CHECK(error.field == "images.texture_budget_mb");
    }
  }
}

TEST_CASE("the kiosk program stops on a bad config value and names it", "[kiosk][config]") {
  const std::string path = "/tmp/qtsc-kiosk-bad-config.toml";
  std::ofstream(path) << "[display]\nmin_touch_mm = 2\n";
  const std::string command = std::string(QTSC_BIN_DIR) + "/kiosk --config " + path + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string output;
  std::array<char, 256> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe.get())) output += buffer.data();
  const int status = pclose(pipe.release());
  CHECK(status != 0);
  CHECK_THAT(output, Catch::Contains("display.min_touch_mm") && Catch::Contains("line 2"));
  std::remove(path.c_str());
}

namespace {
// What the kiosk program prints and its exit status, for `arguments`.
std::pair<int, std::string> runKiosk(const std::string& arguments) {
  const std::string command = "SDL_VIDEODRIVER=offscreen " + std::string(QTSC_BIN_DIR) + "/kiosk " + arguments + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string output;
  std::array<char, 4096> buffer{};
  std::size_t got = 0;
  while ((got = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) output.append(buffer.data(), got);
  return {pclose(pipe.release()), output};
}

// The message a config text is refused with; empty when accepted.
std::string refusal(std::string_view text) {
  try {
    parseConfig(text, "kiosk.toml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return {};
}
}  // namespace

TEST_CASE("a config path that is a folder, a device or too large is an error, not the defaults", "[kiosk][config]") {
  const std::string folder = "/tmp/qtsc-kiosk-config-folder.toml";
  std::filesystem::create_directories(folder);
  CHECK_THROWS_WITH(loadConfig(folder), Catch::Contains("is a folder"));
  const auto [status, output] = runKiosk("--sync-once --config " + folder);
  CHECK(status != 0);
  CHECK_THAT(output, Catch::Contains("is a folder"));
  std::filesystem::remove(folder);
  CHECK_THROWS_WITH(loadConfig("/dev/zero"), Catch::Contains("larger than"));  // never ends: read with a bound
  CHECK_THROWS_WITH(loadConfig("/nonexistent/kiosk.toml"), Catch::Contains("cannot read"));
}

TEST_CASE("a config message quotes a short prefix of a hostile value, never the whole", "[kiosk][config]") {
  const std::string huge(10 * 1024 * 1024, '7');
  for (const std::string& text : {"[staff]\npin = \"" + huge + "x\"\n", "[language]\ndefault = \"" + huge + "\"\n",
                                  "[" + huge + "]\nkey = 1\n", "[idle]\n" + huge + "a = 1\n", "[hours]\nopen = \"" + huge + "\"\n"}) {
    const std::string message = refusal(text);
    CHECK_FALSE(message.empty());
    CHECK(message.size() < 400);
    CHECK_THAT(message, Catch::Contains("bytes)"));
  }
  // Through the program as the journal would get it.
  const std::string path = "/tmp/qtsc-kiosk-huge-config.toml";
  std::ofstream(path) << "[staff]\npin = \"" << huge << "x\"\n";
  const auto [status, output] = runKiosk("--sync-once --config " + path);
  CHECK(status != 0);
  CHECK_THAT(output, Catch::Contains("staff.pin"));
  CHECK(output.size() < 1000);
  std::remove(path.c_str());
  // A newline or a control character in a value cannot start a line of its own.
  const std::string forged = refusal("[language]\ndefault = \"x\\n<3>kiosk: all fine\\u0007\"\n");
  CHECK(forged.find('\n') == std::string::npos);
  CHECK(forged.find('\a') == std::string::npos);
  CHECK_THAT(forged, Catch::Contains("x?<3>kiosk: all fine?"));
}

TEST_CASE("hostile config files are refused with a ConfigError and nothing else", "[kiosk][config]") {
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) & 0xFF);
  const std::vector<std::string> texts = {
      binary,
      std::string("[display]\nfullscreen = true\0\nx", 30),
      "[language]\ndefault = \"\xC3\x28\"\n",                      // invalid UTF-8
      "[display]\nwindow_width = 99999999999999999999999\n",          // past 64 bits
      "[display]\nwindow_width = 9223372036854775807\n",
      "[display]\ndpi = 1e999\n",
      "[display]\ndpi = nan\n",
      "[idle]\ntimeout = -inf\n",
      "[display.fullscreen]\nvalue = true\n",                          // a table where a value is expected
      "[display]\nfullscreen = { on = true }\n",
      "[hours]\ndays = [[1, 2], [3]]\n",
      "[hours]\ndays = [1, 99999999999]\n",
      "display = 5\n",
      "[[display]]\nfullscreen = true\n",
      "[display]\nfullscreen = " + std::string(5000, '[') + "\n",       // nesting past the parser's bound
      "[sync]\nurl = \"http://x\"\n",                                 // url without a key
      "[staff]\npin = \"\U0001F600\"\n",
  };
  for (const auto& text : texts) {
    INFO(quoteForMessage(text, 80));
    CHECK_THROWS_AS(parseConfig(text), ConfigError);
  }
  CHECK(quoteForMessage("Tiếng Việt") == "Tiếng Việt");
  CHECK(quoteForMessage("\xFF\xC0\xAF") == "???");
  CHECK(quoteForMessage("ệệệ", 5) == "ệ… (9 bytes)");  // cut on a whole code point
}
