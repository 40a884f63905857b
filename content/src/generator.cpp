#include "qtsc/content/generator.hpp"

#include <array>
#include <cstdio>
#include <random>

namespace qtsc::content {

namespace {

struct Words {
  const char* vi;
  const char* en;
};

// Name parts for sample companies: Vietnamese words that say the name is made up ("hư cấu",
// fictional; "giả lập", simulated; ...), with and without diacritics so that generated data
// exercises the diacritic-insensitive search. Ordinary name words (Đại Việt, Sao Mai, Thiên
// Long ...) are avoided: nearly every one is the name of a real Vietnamese company, and a
// sample must never read as one.
constexpr std::array<Words, 12> kNames{{
    {"Hư Cấu", "Hu Cau"},         {"Giả Lập", "Gia Lap"},       {"Tưởng Tượng", "Tuong Tuong"},
    {"Ví Dụ", "Vi Du"},           {"Minh Họa", "Minh Hoa"},     {"Mô Phỏng", "Mo Phong"},
    {"Thử Nghiệm", "Thu Nghiem"}, {"Trình Diễn", "Trinh Dien"}, {"Giả Tưởng", "Gia Tuong"},
    {"Thí Dụ", "Thi Du"},         {"Dựng Sẵn", "Dung San"},     {"Không Có Thật", "Khong Co That"},
}};

struct SectorWords {
  const char* id;
  const char* vi;
  const char* en;
  const char* companyVi;
  const char* companyEn;
};

constexpr std::array<SectorWords, 8> kSectors{{
    {"software", "Phần mềm", "Software", "Phần mềm", "Software"},
    {"data", "Dữ liệu và điện toán đám mây", "Data and cloud", "Dữ liệu", "Data"},
    {"security", "An ninh mạng", "Cybersecurity", "An ninh mạng", "Cybersecurity"},
    {"training", "Đào tạo", "Training", "Đào tạo", "Training"},
    {"design", "Thiết kế số", "Digital design", "Thiết kế", "Design"},
    {"telecom", "Viễn thông", "Telecommunications", "Viễn thông", "Telecom"},
    {"iot", "Internet vạn vật", "Internet of Things", "Giải pháp IoT", "IoT Solutions"},
    {"fintech", "Công nghệ tài chính", "Financial technology", "Công nghệ tài chính", "Fintech"},
}};

struct ExhibitWords {
  const char* theme;
  Words name;
  Words what;
  Words how;
  std::array<Words, 3> steps;
  Words question;
  std::array<Words, 3> choices;
  int answer;
  Words explanation;
};

constexpr std::array<Words, 4> kThemes{{
    {"Rô-bốt", "Robotics"}, {"Điện tử", "Electronics"}, {"Lập trình", "Coding"}, {"Khoa học", "Science"}}};
constexpr std::array<const char*, 4> kThemeIds{{"robotics", "electronics", "coding", "science"}};

constexpr std::array<ExhibitWords, 6> kExhibits{{
    {"robotics",
     {"Rô-bốt dò đường", "Line-following robot"},
     {"Một rô-bốt nhỏ tự chạy theo vạch đen trên sàn.", "A small robot that follows a black line on the floor by itself."},
     {"Hai cảm biến hồng ngoại đo độ sáng của sàn; bộ điều khiển rẽ về phía vạch tối.",
      "Two infrared sensors measure how bright the floor is; the controller steers towards the dark line."},
     {{{"Đặt rô-bốt lên vạch đen.", "Put the robot on the black line."},
       {"Nhấn nút xanh để khởi động.", "Press the green button to start."},
       {"Vẽ thêm một khúc cua và xem rô-bốt xử lý.", "Draw a new bend and watch the robot handle it."}}},
     {"Rô-bốt biết vạch ở đâu nhờ gì?", "How does the robot know where the line is?"},
     {{{"Cảm biến hồng ngoại", "Infrared sensors"}, {"Micrô", "A microphone"}, {"GPS", "GPS"}}},
     0,
     {"Vạch đen phản xạ ít ánh sáng hồng ngoại hơn sàn trắng.", "The black line reflects less infrared light than the white floor."}},
    {"electronics",
     {"Mạch đèn giao thông", "Traffic light circuit"},
     {"Một mạch điện nhỏ điều khiển ba đèn xanh, vàng, đỏ.", "A small circuit that drives a green, an amber and a red light."},
     {"Vi điều khiển bật từng đèn theo thời gian đã lập trình.", "A microcontroller switches each light on for a programmed time."},
     {{{"Nối dây theo sơ đồ màu.", "Connect the wires by the colour chart."},
       {"Bật công tắc nguồn.", "Switch the power on."},
       {"Đổi thời gian đèn đỏ bằng núm vặn.", "Change the red light's time with the knob."}}},
     {"Đèn nào báo xe phải dừng?", "Which light tells cars to stop?"},
     {{{"Xanh", "Green"}, {"Đỏ", "Red"}, {"Vàng", "Amber"}}},
     1,
     {"Đèn đỏ nghĩa là dừng lại.", "Red means stop."}},
    {"coding",
     {"Lập trình bằng khối lệnh", "Coding with blocks"},
     {"Ghép các khối lệnh để nhân vật đi qua mê cung.", "Snap command blocks together to walk a character through a maze."},
     {"Mỗi khối là một lệnh; máy tính thực hiện các lệnh lần lượt từ trên xuống.",
      "Each block is one command; the computer runs them one after another from the top."},
     {{{"Chọn một mê cung.", "Pick a maze."},
       {"Kéo các khối Đi tới và Rẽ vào chương trình.", "Drag Forward and Turn blocks into the program."},
       {"Nhấn Chạy và sửa nếu nhân vật đi sai.", "Press Run and fix the program if the character goes wrong."}}},
     {"Máy tính thực hiện các khối lệnh theo thứ tự nào?", "In what order does the computer run the blocks?"},
     {{{"Ngẫu nhiên", "At random"}, {"Từ dưới lên", "From the bottom up"}, {"Từ trên xuống", "From the top down"}}},
     2,
     {"Chương trình chạy tuần tự, từ khối đầu tiên đến khối cuối cùng.", "A program runs in sequence, from the first block to the last."}},
    {"science",
     {"Năng lượng mặt trời", "Solar power"},
     {"Tấm pin mặt trời làm quay một chiếc quạt nhỏ.", "A solar panel turns a small fan."},
     {"Ánh sáng chiếu vào tấm pin tạo ra dòng điện chạy động cơ.", "Light falling on the panel makes a current that drives the motor."},
     {{{"Bật đèn chiếu vào tấm pin.", "Shine the lamp on the panel."},
       {"Che một nửa tấm pin bằng tay.", "Cover half of the panel with your hand."},
       {"Quan sát tốc độ quạt thay đổi.", "Watch how the fan's speed changes."}}},
     {"Khi che bớt tấm pin, quạt quay thế nào?", "When you cover part of the panel, how does the fan turn?"},
     {{{"Nhanh hơn", "Faster"}, {"Chậm hơn", "Slower"}, {"Không đổi", "The same"}}},
     1,
     {"Ít ánh sáng hơn thì dòng điện nhỏ hơn.", "Less light makes a smaller current."}},
    {"robotics",
     {"Cánh tay rô-bốt", "Robot arm"},
     {"Một cánh tay rô-bốt gắp và xếp các khối màu.", "A robot arm that picks up and stacks coloured blocks."},
     {"Mỗi khớp có một động cơ servo quay đến góc được ra lệnh.", "Each joint has a servo motor that turns to the angle it is told."},
     {{{"Dùng cần điều khiển để di chuyển cánh tay.", "Move the arm with the joystick."},
       {"Mở và đóng kẹp để gắp khối.", "Open and close the gripper to pick a block."},
       {"Xếp ba khối thành tháp.", "Stack three blocks into a tower."}}},
     {"Bộ phận nào làm khớp rô-bốt quay?", "What turns the robot's joints?"},
     {{{"Động cơ servo", "Servo motors"}, {"Lò xo", "Springs"}, {"Nam châm", "Magnets"}}},
     0,
     {"Động cơ servo quay đến đúng góc được yêu cầu.", "A servo motor turns to exactly the angle it is asked for."}},
    {"electronics",
     {"Cảm biến nhiệt độ", "Temperature sensor"},
     {"Một cảm biến đo nhiệt độ bàn tay và hiện lên màn hình.", "A sensor that measures the warmth of your hand and shows it on a screen."},
     {"Điện trở của cảm biến thay đổi theo nhiệt độ; vi mạch đổi nó thành độ C.",
      "The sensor's resistance changes with temperature; the chip turns it into degrees Celsius."},
     {{{"Đặt ngón tay lên cảm biến.", "Put a finger on the sensor."},
       {"Đọc nhiệt độ trên màn hình.", "Read the temperature on the screen."},
       {"Thổi nhẹ vào cảm biến và so sánh.", "Blow on the sensor gently and compare."}}},
     {"Cảm biến đổi nhiệt độ thành gì?", "What does the sensor turn temperature into?"},
     {{{"Âm thanh", "Sound"}, {"Tín hiệu điện", "An electrical signal"}, {"Ánh sáng", "Light"}}},
     1,
     {"Mọi cảm biến điện tử đều đổi một đại lượng thành tín hiệu điện.", "Every electronic sensor turns something it measures into an electrical signal."}},
}};

struct QuestionWords {
  Words question;
  std::array<Words, 3> choices;
  int answer;
  Words explanation;
};

// Two more questions for each exhibit of kExhibits, in the same order, so a quiz has three.
constexpr std::array<std::array<QuestionWords, 2>, 6> kMoreQuestions{{
    {{{{"Rô-bốt làm gì khi cả hai cảm biến đều thấy sàn trắng?", "What does the robot do when both sensors see white floor?"},
       {{{"Đi thẳng", "It goes straight on"}, {"Dừng hẳn", "It stops for good"}, {"Phát nhạc", "It plays music"}}},
       0,
       {"Vạch nằm giữa hai cảm biến, nên rô-bốt cứ đi thẳng.", "The line is between the two sensors, so the robot keeps going straight."}},
      {{"Nếu vạch cong sang trái, rô-bốt phải làm gì?", "If the line bends left, what must the robot do?"},
       {{{"Rẽ phải", "Turn right"}, {"Rẽ trái", "Turn left"}, {"Lùi lại", "Back up"}}},
       1,
       {"Cảm biến bên trái thấy vạch tối trước, nên rô-bốt rẽ trái theo vạch.", "The left sensor sees the dark line first, so the robot turns left to follow it."}}}},
    {{{{"Đèn vàng báo điều gì?", "What does the amber light tell drivers?"},
       {{{"Đi nhanh hơn", "Speed up"}, {"Chuẩn bị dừng", "Get ready to stop"}, {"Quay đầu", "Turn around"}}},
       1,
       {"Đèn vàng báo đèn đỏ sắp bật.", "Amber warns that red is about to come on."}},
      {{"Bộ phận nào quyết định khi nào đổi đèn?", "Which part decides when the lights change?"},
       {{{"Vi điều khiển", "The microcontroller"}, {"Dây điện", "The wires"}, {"Bóng đèn", "The bulbs"}}},
       0,
       {"Vi điều khiển chạy chương trình đếm thời gian cho từng đèn.", "The microcontroller runs a program that times each light."}}}},
    {{{{"Khi nhân vật đi sai đường, ta nên làm gì?", "When the character goes the wrong way, what should you do?"},
       {{{"Bỏ cuộc", "Give up"}, {"Tìm khối lệnh sai và sửa", "Find the wrong block and fix it"}, {"Tắt máy", "Switch off the computer"}}},
       1,
       {"Tìm và sửa lỗi trong chương trình gọi là gỡ lỗi.", "Finding and fixing a mistake in a program is called debugging."}},
      {{"Khối lặp lại giúp gì?", "What does a repeat block do?"},
       {{{"Chạy một nhóm lệnh nhiều lần", "Runs a group of commands several times"}, {"Xóa chương trình", "Deletes the program"}, {"Đổi màu nhân vật", "Changes the character's colour"}}},
       0,
       {"Vòng lặp giúp chương trình ngắn gọn hơn.", "A loop keeps a program short."}}}},
    {{{{"Tấm pin mặt trời biến ánh sáng thành gì?", "What does a solar panel turn light into?"},
       {{{"Nhiệt", "Heat"}, {"Âm thanh", "Sound"}, {"Điện", "Electricity"}}},
       2,
       {"Pin mặt trời biến năng lượng ánh sáng thành điện năng.", "A solar cell turns the energy of light into electrical energy."}},
      {{"Vì sao năng lượng mặt trời là năng lượng sạch?", "Why is solar power called clean energy?"},
       {{{"Không thải khói khi tạo ra điện", "It makes electricity without smoke"}, {"Vì tấm pin luôn sạch", "Because the panels are always clean"}, {"Vì chỉ dùng ban đêm", "Because it only works at night"}}},
       0,
       {"Tạo ra điện từ ánh sáng không đốt nhiên liệu.", "Making electricity from light burns no fuel."}}}},
    {{{{"Kẹp của cánh tay rô-bốt dùng để làm gì?", "What is the robot arm's gripper for?"},
       {{{"Gắp và thả vật", "Picking things up and letting go"}, {"Đo nhiệt độ", "Measuring temperature"}, {"Chiếu sáng", "Giving light"}}},
       0,
       {"Kẹp mở ra, đóng lại để giữ vật.", "The gripper opens and closes to hold things."}},
      {{"Cánh tay rô-bốt trong nhà máy thường làm việc gì?", "What do robot arms in factories often do?"},
       {{{"Ngủ", "Sleep"}, {"Lắp ráp và xếp sản phẩm", "Assemble and stack products"}, {"Nấu ăn cho công nhân", "Cook for the workers"}}},
       1,
       {"Rô-bốt làm tốt những việc lặp lại cần chính xác.", "Robots are good at precise, repeated work."}}}},
    {{{{"Nhiệt độ cơ thể người khỏe mạnh khoảng bao nhiêu?", "About how warm is a healthy person's body?"},
       {{{"37 °C", "37 °C"}, {"20 °C", "20 °C"}, {"60 °C", "60 °C"}}},
       0,
       {"Thân nhiệt bình thường khoảng 37 °C.", "Normal body temperature is about 37 °C."}},
      {{"Khi thổi vào cảm biến, nhiệt độ hiển thị thường thế nào?", "When you blow on the sensor, what usually happens to the reading?"},
       {{{"Không đổi", "It stays the same"}, {"Thay đổi theo hơi thở", "It changes with your breath"}, {"Màn hình tắt", "The screen goes off"}}},
       1,
       {"Hơi thở có nhiệt độ khác bàn tay, nên cảm biến đo được sự thay đổi.", "Your breath is a different temperature from your hand, so the sensor picks up the change."}}}},
}};

LocalizedText sampleText(const Words& words, bool prefixed) {
  LocalizedText text;
  text.set("vi", (prefixed ? std::string(kSamplePrefixVi) : std::string()) + words.vi);
  text.set("en", (prefixed ? std::string(kSamplePrefixEn) : std::string()) + words.en);
  return text;
}

QuizQuestion sampleQuestion(const QuestionWords& words) {
  QuizQuestion q;
  q.question = sampleText(words.question, false);
  for (const auto& choice : words.choices) q.choices.push_back(sampleText(choice, false));
  q.answer = words.answer;
  q.explanation = sampleText(words.explanation, false);
  return q;
}

std::string numbered(int n) {
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%05d", n);
  return buffer.data();
}

template <typename T>
bool hasId(const std::vector<T>& records, const std::string& id) {
  for (const auto& r : records)
    if (r.id == id) return true;
  return false;
}

}  // namespace

ContentSet generateSamples(const ContentSet& park, const SampleSpec& spec) {
  ContentSet out;
  out.park = park.park;
  std::mt19937 random(spec.seed);

  // Sample tenants get sample buildings of their own: placing invented companies in a real
  // building (or a real company's offices) would read as a fact about that building.
  std::vector<std::string> buildings;
  if (spec.tenants > 0) {
    constexpr std::array<std::pair<const char*, MapPoint>, 4> kBuildings{{
        {"A", {470.0, 480.0}}, {"B", {610.0, 570.0}}, {"C", {720.0, 400.0}}, {"D", {840.0, 300.0}}}};
    for (const auto& [letter, position] : kBuildings) {
      Place place;
      place.id = std::string("sample-building-") + static_cast<char>(letter[0] - 'A' + 'a');
      if (hasId(park.places, place.id)) {
        buildings.push_back(place.id);
        continue;
      }
      place.kind = PlaceKind::Building;
      place.name = sampleText({(std::string("Tòa nhà mẫu ") + letter).c_str(), (std::string("Sample building ") + letter).c_str()}, true);
      place.description = sampleText({"Tòa nhà mẫu cho các doanh nghiệp mẫu; không phải tòa nhà có thật.",
                                      "A sample building for the sample companies; not a real building."},
                                     false);
      place.position = position;
      place.sample = true;
      out.places.push_back(place);
      buildings.push_back(place.id);
    }
  }

  // An invented sector or theme is marked twice too: its flag and its name.
  for (const auto& s : kSectors)
    if (!hasId(park.sectors, s.id)) out.sectors.push_back({s.id, sampleText({s.vi, s.en}, true), true});

  for (int n = 1; n <= spec.tenants; ++n) {
    const auto& first = kNames[random() % kNames.size()];
    const auto& second = kNames[random() % kNames.size()];
    const auto& sector = kSectors[random() % kSectors.size()];
    Tenant t;
    t.id = "sample-tenant-" + numbered(n);
    t.name.set("vi", std::string(kSamplePrefixVi) + sector.companyVi + " " + first.vi + " " + second.vi + " " + numbered(n));
    t.name.set("en", std::string(kSamplePrefixEn) + first.en + " " + second.en + " " + sector.companyEn + " " + numbered(n));
    t.sectors = {sector.id};
    if (random() % 4 == 0) {
      const auto& extra = kSectors[random() % kSectors.size()];
      if (extra.id != std::string(sector.id)) t.sectors.emplace_back(extra.id);
    }
    t.description.set("vi", std::string("Doanh nghiệp mẫu trong lĩnh vực ") + sector.vi +
                                ", dùng để trình diễn; không phải doanh nghiệp có thật tại QTSC.");
    t.description.set("en", std::string("A sample company in ") + sector.en +
                                ", for demonstration; not a real QTSC tenant.");
    t.placeId = buildings[random() % buildings.size()];
    t.floor = std::to_string(1 + random() % 9);
    t.website = "https://example.com/sample-" + numbered(n);
    t.sample = true;
    out.tenants.push_back(std::move(t));
  }

  for (std::size_t i = 0; i < kThemes.size(); ++i)
    if (!hasId(park.themes, kThemeIds[i])) out.themes.push_back({kThemeIds[i], sampleText(kThemes[i], true), true});

  for (int n = 0; n < spec.exhibits; ++n) {
    const auto& base = kExhibits[static_cast<std::size_t>(n) % kExhibits.size()];
    const int round = n / static_cast<int>(kExhibits.size());
    Exhibit e;
    e.id = "sample-exhibit-" + numbered(n + 1);
    e.themeId = base.theme;
    e.name = sampleText(base.name, true);
    if (round > 0)
      for (auto& [lang, text] : e.name.byLanguage) text += " " + std::to_string(round + 1);
    e.ageMin = 6 + 2 * (n % 3);
    e.ageMax = 15 + 3 * (n % 2);
    e.what = sampleText(base.what, false);
    e.how = sampleText(base.how, false);
    for (const auto& step : base.steps) e.steps.push_back(sampleText(step, false));
    e.quiz.push_back(sampleQuestion({base.question, base.choices, base.answer, base.explanation}));
    for (const auto& more : kMoreQuestions[static_cast<std::size_t>(n) % kMoreQuestions.size()])
      e.quiz.push_back(sampleQuestion(more));
    e.sample = true;
    out.exhibits.push_back(std::move(e));
  }

  if (!spec.demoDay.empty() && !park.places.empty()) {
    Itinerary visit;
    visit.id = "sample-visit-" + spec.demoDay;
    visit.delegation = sampleText({"Đoàn khách tham quan mẫu", "sample visiting delegation"}, true);
    visit.origin = sampleText({"Dữ liệu mẫu để trình diễn", "Sample data for demonstration"}, false);
    visit.date = spec.demoDay;
    visit.start = "09:00";
    visit.end = "11:30";
    visit.dayPart = DayPart::Morning;
    // Invented times at real places: the visit, its host and its welcome are all samples.
    visit.host = sampleText({"Người đón tiếp mẫu, không phải người có thật", "A sample host, not a real person"}, false);
    visit.summary = sampleText({"Lịch trình mẫu cho một đoàn khách; không phải chuyến thăm có thật.",
                                "A sample itinerary for a delegation; not a real visit."},
                               false);
    const std::array<std::pair<const char*, const char*>, 4> times{
        {{"09:00", "09:30"}, {"09:40", "10:20"}, {"10:30", "11:00"}, {"11:05", "11:30"}}};
    for (std::size_t i = 0; i < times.size() && i < park.places.size(); ++i) {
      TourStop stop;
      stop.placeId = park.places[i].id;
      stop.start = times[i].first;
      stop.end = times[i].second;
      stop.activity = sampleText({"Tham quan và nghe giới thiệu", "Visit and introduction"}, false);
      visit.stops.push_back(std::move(stop));
    }
    visit.sample = true;
    WelcomeMessage welcome;
    welcome.id = "sample-welcome-" + spec.demoDay;
    welcome.itineraryId = visit.id;
    welcome.startsAt = spec.demoDay + "T00:00";
    welcome.endsAt = spec.demoDay + "T23:59";
    welcome.text = sampleText({"Chào mừng Đoàn khách tham quan mẫu đến với Công viên phần mềm Quang Trung",
                               "Welcome, sample visiting delegation, to Quang Trung Software City"},
                              true);
    welcome.sample = true;
    out.itineraries.push_back(std::move(visit));
    out.welcomes.push_back(std::move(welcome));
  }
  return out;
}

}  // namespace qtsc::content
