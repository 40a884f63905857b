#include "test_support.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace qtsc::testing {

using namespace qtsc::content;

TempDir::TempDir() {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() / ("qtsc-test-" + std::to_string(random()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

ContentSet smallPark() {
  ContentSet set;
  set.park.name = LocalizedText("Công viên phần mềm Quang Trung", "Quang Trung Software City");
  set.park.facts.push_back({"area", LocalizedText("Diện tích", "Area"), LocalizedText("43 hecta", "43 ha"), "002"});
  set.sectors = {{"software", LocalizedText("Phần mềm", "Software")},
                 {"training", LocalizedText("Đào tạo", "Training")}};
  set.themes = {{"robotics", LocalizedText("Rô-bốt", "Robotics")}};

  Place museum;
  museum.id = "museum";
  museum.name = LocalizedText("Bảo tàng QTSC", "QTSC Museum");
  museum.position = {430, 300};
  Place lot;
  lot.id = "lot-13";
  lot.kind = PlaceKind::Lot;
  lot.name = LocalizedText("Lô 13", "Lot 13");
  lot.position = {760, 520};
  set.places = {museum, lot};

  Tenant tma;
  tma.id = "tma-solutions";
  tma.name = LocalizedText("TMA Solutions", "TMA Solutions");
  tma.sectors = {"software"};
  tma.description = LocalizedText("Công ty phần mềm hàng đầu", "A leading software company");
  tma.placeId = "museum";
  Tenant steam;
  steam.id = "steamzone";
  steam.name = LocalizedText("Trung tâm đào tạo STEAMZONE", "STEAMZONE training centre");
  steam.sectors = {"training"};
  steam.placeId = "lot-13";
  set.tenants = {tma, steam};

  Exhibit robot;
  robot.id = "robot-arm";
  robot.themeId = "robotics";
  robot.name = LocalizedText("Cánh tay rô-bốt", "Robot arm");
  robot.what = LocalizedText("Gắp khối màu", "Picks coloured blocks");
  robot.quiz.push_back({LocalizedText("Cái gì làm khớp quay?", "What turns the joints?"),
                        {LocalizedText("Động cơ", "Motors"), LocalizedText("Lò xo", "Springs")},
                        0,
                        LocalizedText("Động cơ servo", "Servo motors")});
  set.exhibits = {robot};

  Milestone founded;
  founded.id = "established";
  founded.date = *PartialDate::parse("2001");
  founded.title = LocalizedText("Thành lập", "Established");
  set.milestones = {founded};

  Itinerary visit;
  visit.id = "visit";
  visit.delegation = LocalizedText("Đoàn công tác Đà Nẵng", "Da Nang delegation");
  visit.date = "2026-11-23";
  visit.start = "09:00";
  visit.end = "11:00";
  visit.stops = {{"museum", "09:00", "09:45", LocalizedText("Tham quan bảo tàng", "Museum visit")},
                 {"lot-13", "10:00", "10:30", LocalizedText("Nông nghiệp", "Agriculture")}};
  set.itineraries = {visit};

  WelcomeMessage welcome;
  welcome.id = "visit";
  welcome.itineraryId = "visit";
  welcome.startsAt = "2026-11-23T08:00";
  welcome.endsAt = "2026-11-23T12:00";
  welcome.text = LocalizedText("Chào mừng Đoàn công tác Đà Nẵng", "Welcome, Da Nang delegation");
  set.welcomes = {welcome};
  return set;
}

void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

ProgramRun runProgram(const std::string& program, const std::string& args) {
  const std::string command = std::string(QTSC_BIN_DIR) + "/" + program + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  ProgramRun run;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) run.output += buffer.data();
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace qtsc::testing
