// The park's bundled content checked against the source documents it was written from.
// Each expectation quotes its document; where the documents are at hand (../shared/seeds
// next to the checkout), the quotes themselves are checked to be in them.
//
// [SECTION] Helpers
// [SECTION] Figures, dates and the chain
// [SECTION] Corrections: wording the documents support
// [SECTION] What the documents say, shown
// [SECTION] Samples
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "qtsc/content/generator.hpp"
#include "qtsc/content/sources.hpp"
#include "qtsc/content/store.hpp"

using namespace qtsc::content;

// ============================================================================================
// [SECTION] Helpers
// ============================================================================================

namespace {

ContentStore& park() {
  static ContentStore store(QTSC_PARK_DB, ContentStore::Mode::ReadOnly);
  return store;
}

// The sources as written, without the samples the built database also holds.
const ContentSet& sources() {
  static const ContentSet content = readValidSources(QTSC_PARK_SOURCES);
  return content;
}

std::string fact(const std::string& id, const std::string& lang) {
  for (const auto& f : park().park().facts)
    if (f.id == id) return withYear(f.value.in(lang), f.asOf);
  return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The seed document whose name starts with `prefix` ("002"), or empty when not at hand.
std::string seed(const std::string& prefix) {
  const auto folder = std::filesystem::path(QTSC_SOURCE_DIR) / ".." / "shared" / "seeds";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) {
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      return text.str();
    }
  return {};
}

void quoted(const std::string& document, const std::string& quote) {
  const std::string text = seed(document);
  if (text.empty()) return;  // documents not at hand: the expectations below still hold
  INFO("document " << document << " should say: " << quote);
  CHECK(contains(text, quote));
}

// Every visible text of the real (non-sample) records of the sources, with where it is.
struct VisibleText {
  std::string where;
  std::string language;
  std::string text;
};

std::vector<VisibleText> visibleTexts() {
  std::vector<VisibleText> out;
  auto add = [&out](const std::string& where, const LocalizedText& text) {
    for (const auto& [language, value] : text.byLanguage) out.push_back({where, language, value});
  };
  const auto& c = sources();
  add("park name", c.park.name);
  add("park summary", c.park.summary);
  for (const auto& f : c.park.facts) {
    add("fact " + f.id, f.label);
    add("fact " + f.id, f.value);
  }
  for (const auto& m : c.park.chain) {
    add("chain " + m.id, m.name);
    add("chain " + m.id, m.location);
  }
  for (const auto& s : c.sectors) add("sector " + s.id, s.name);
  for (const auto& m : c.milestones) {
    add("milestone " + m.id, m.title);
    add("milestone " + m.id, m.body);
  }
  for (const auto& p : c.places) {
    add("place " + p.id, p.name);
    add("place " + p.id, p.description);
    for (const auto& q : p.quotes) {
      add("place " + p.id + " quote", q.text);
      add("place " + p.id + " quote", q.by);
    }
  }
  for (const auto& s : c.sources) {
    add("source " + s.id, s.publisher);
    add("source " + s.id, s.note);
  }
  for (const auto& t : c.tenants) {
    add("tenant " + t.id, t.name);
    add("tenant " + t.id, t.description);
  }
  for (const auto& i : c.itineraries) {
    for (const auto* text : {&i.delegation, &i.origin, &i.host, &i.alsoPresent, &i.summary}) add("itinerary " + i.id, *text);
    for (const auto& stop : i.stops) add("itinerary " + i.id + " stop", stop.activity);
  }
  for (const auto& w : c.welcomes) add("welcome " + w.id, w.text);
  return out;
}

// No visible text contains `phrase`.
void nowhere(const std::string& phrase) {
  for (const auto& t : visibleTexts()) {
    INFO(t.where << " (" << t.language << "): " << t.text);
    CHECK_FALSE(contains(t.text, phrase));
  }
}

// Every visible text holding `phrase` also holds `with` (a claim and its speaker).
void onlyWith(const std::string& phrase, const std::string& with) {
  int seen = 0;
  for (const auto& t : visibleTexts()) {
    if (!contains(t.text, phrase)) continue;
    ++seen;
    INFO(t.where << " (" << t.language << "): " << t.text);
    CHECK(contains(t.text, with));
  }
  CHECK(seen > 0);
}

const Tenant& sourceTenant(const std::string& id) {
  for (const auto& t : sources().tenants)
    if (t.id == id) return t;
  FAIL("no tenant " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

// ============================================================================================
// [SECTION] Figures, dates and the chain
// ============================================================================================

TEST_CASE("founding year, area and recognition", "[facts]") {
  quoted("001", "Established in 2001");
  CHECK(fact("founded", "en") == "2001");
  quoted("002", "tổng diện tích 43 hecta");
  CHECK(fact("area", "vi") == "43 hecta (2018)");
  CHECK(fact("area", "en") == "43 hectares (2018)");
  quoted("001", "April 2009 as Vietnam's first concentrated IT park");
  auto recognised = park().milestone("first-concentrated-it-park");
  REQUIRE(recognised);
  CHECK(recognised->date.iso() == "2009-04");
  CHECK(park().milestone("established")->date.iso() == "2001");
}

TEST_CASE("figures carry the year they were stated in", "[facts]") {
  quoted("002", "Sáng ngày 14/11/2018");
  quoted("000", "August 7th 2020");
  quoted("001", "December 21st, 2023");
  quoted("004", "16/03/2021");
  CHECK(contains(fact("largest", "vi"), "(2023)"));
  CHECK(contains(fact("largest", "en"), "(2023)"));
  CHECK(contains(fact("productivity", "en"), "(2020)"));
  CHECK(contains(fact("income-tax", "en"), "(2020)"));
  CHECK(contains(fact("zones", "vi"), "(2018)"));
  CHECK(contains(fact("chain-members", "vi"), "(2021)"));
  CHECK(fact("turnover-2019", "en") == "USD 510 million (2019)");
  // The year is kept apart from the figure's text, so it is written once and shown once.
  for (const auto& f : park().park().facts)
    for (const std::string lang : {"vi", "en"}) {
      INFO(f.id << " (" << lang << "): " << f.value.in(lang));
      if (f.asOf != 0) CHECK_FALSE(contains(f.value.in(lang), "(" + std::to_string(f.asOf) + ")"));
    }
}

TEST_CASE("a figure is shown with its year once, however its text was written", "[facts]") {
  CHECK(withYear("43 hecta", 2018) == "43 hecta (2018)");
  CHECK(withYear("43 hecta (2018)", 2018) == "43 hecta (2018)");  // text written before `as_of` existed
  CHECK(withYear("43 hecta (2018)", 2019) == "43 hecta (2018) (2019)");
  CHECK(withYear("2001", 0) == "2001");
  CHECK(withYear("", 2018).empty());
}

TEST_CASE("the income tax figure has no unit the document does not give", "[facts]") {
  quoted("000", "approximately 1,000 billion per year");
  for (const std::string lang : {"vi", "en"}) {
    const std::string value = fact("income-tax", lang);
    CHECK(contains(value, "1"));
    CHECK_FALSE(contains(value, "VND"));
    CHECK_FALSE(contains(value, "đồng"));
  }
  nowhere("tỷ đồng");
  nowhere("billion VND");
}

TEST_CASE("the four zones are shown as the start of a longer list", "[facts]") {
  quoted("002", "khu dịch vụ tiện ích,…");
  CHECK(contains(fact("zones", "vi"), "khu dịch vụ tiện ích,…"));
  CHECK(contains(fact("zones", "en"), "…"));
}

TEST_CASE("the chain: three members and seven planned localities, Can Tho both planned and a visitor", "[facts]") {
  quoted("004", "có 3 thành viên chính thức");
  quoted("004", "Tiền Giang, Bình Định, Cần Thơ, Bến Tre, Tây Ninh, Khánh Hòa, Bình Dương…");
  const auto chain = park().park().chain;
  std::vector<std::string> members, planned;
  for (const auto& m : chain) (m.official ? members : planned).push_back(m.location.in("vi"));
  CHECK(members == std::vector<std::string>{"TP. Hồ Chí Minh", "TP. Hồ Chí Minh", "Thừa Thiên Huế"});
  CHECK(planned == std::vector<std::string>{"Tiền Giang", "Bình Định", "Cần Thơ", "Bến Tre", "Tây Ninh", "Khánh Hòa",
                                            "Bình Dương"});
  REQUIRE(chain.size() == 10);
  CHECK(chain[0].name.in("en").find("QTSC") != std::string::npos);
  CHECK(chain[1].name.in("en").find("VNU-ITP") != std::string::npos);
  CHECK(chain[2].name.in("en").find("HueCIT") != std::string::npos);
  // Every member cites 004 and the year it lists the chain for; the names do not repeat it.
  for (const auto& m : chain) {
    INFO(m.id);
    CHECK(m.source == "004");
    CHECK(m.asOf == 2021);
    CHECK_FALSE(contains(m.name.in("vi"), "2021"));
    CHECK_FALSE(contains(m.name.in("en"), "2021"));
  }
  // 004 names the localities "such as ...…": the fact keeps the list open.
  CHECK(contains(fact("chain-planned", "vi"), "Bình Dương…"));
  CHECK(fact("chain-members", "en") == "3 official members (2021)");
  const auto citing004 = park().recordsCiting("004");
  CHECK(std::find(citing004.begin(), citing004.end(), "chain member planned-can-tho") != citing004.end());

  quoted("001", "With plans to establish a concentrated IT park in Cần Thơ");
  auto canTho = park().itinerary("2023-12-21-can-tho");
  REQUIRE(canTho);
  CHECK(contains(canTho->summary.in("en"), "QTSC chain planned to admit"));
  CHECK(contains(canTho->source, "001"));
  CHECK(contains(canTho->source, "004"));
}

TEST_CASE("every delegation visit is an itinerary on the documented date", "[facts]") {
  quoted("002", "Sáng ngày 14/11/2018");
  quoted("003", "date 2020-07-16");
  quoted("000", "evening of August 7th 2020");
  quoted("004", "Chiều 16/3");
  quoted("001", "afternoon of December 21st, 2023");
  const std::vector<std::tuple<std::string, std::string, DayPart>> visits{
      {"2018-11-14-vientiane", "2018-11-14", DayPart::Morning},
      {"2020-07-16-propaganda-commission", "2020-07", DayPart::Unknown},
      {"2020-08-07-district-12", "2020-08-07", DayPart::Evening},
      {"2021-03-16-twentieth-anniversary", "2021-03-16", DayPart::Afternoon},
      {"2023-12-21-can-tho", "2023-12-21", DayPart::Afternoon},
  };
  for (const auto& [id, date, part] : visits) {
    auto visit = park().itinerary(id);
    REQUIRE(visit);
    CHECK(visit->date == date);
    CHECK(visit->dayPart == part);
    CHECK_FALSE(visit->sample);
    CHECK_FALSE(visit->source.empty());
  }
  int real = 0;
  for (const auto& i : park().itineraries()) real += i.sample ? 0 : 1;
  CHECK(real == 5);
}

TEST_CASE("the 2020 commission visit is dated by its article, not given a day", "[facts]") {
  // 003 opens with its own date; the visit is "before this event", on no stated day.
  quoted("003", "date 2020-07-16 Before this event");
  for (const std::string id : {"smart-city-2020", "smart-city-pillars-2020"}) {
    auto m = park().milestone(id);
    REQUIRE(m);
    CHECK(m->date.iso() == "2020-07");
    // The report date is a field the screens show beside the date, not words in the title.
    CHECK_FALSE(contains(m->title.in("vi"), "16/7/2020"));
    CHECK(m->source == "003");
  }
  for (const std::string id : {"smart-city-2020", "smart-city-pillars-2020"}) {
    INFO(id);
    CHECK(park().milestone(id)->reportedOn.iso() == "2020-07-16");
  }
  auto visit = park().itinerary("2020-07-16-propaganda-commission");
  REQUIRE(visit);
  // Dated to its month, beside the day it was reported.
  CHECK(visit->date == "2020-07");
  CHECK(visit->reportedOn == "2020-07-16");
  // It visited the Biotechnology Center and QTSC in no stated order, and names no host.
  quoted("003", "visit the Biotechnology Center of HCMC and Quang Trung Software City");
  CHECK(visit->unordered);
  REQUIRE(visit->stops.size() == 1);
  CHECK(visit->stops[0].placeId == "biotech-center");
  CHECK(contains(visit->stops[0].activity.in("en"), "visited both the Center and Quang Trung Software City"));
  CHECK(visit->host.empty());
  CHECK(contains(visit->summary.in("en"), "Biotechnology Center of HCMC and Quang Trung Software City"));
}

TEST_CASE("visit routes follow the documents", "[facts]") {
  auto stopsOf = [](const std::string& id) {
    std::vector<std::string> places;
    for (const auto& stop : park().stopsOf(id)) places.push_back(stop.placeId);
    return places;
  };
  quoted("002", "lô số 13");
  CHECK(stopsOf("2018-11-14-vientiane") == std::vector<std::string>{"agri-coe", "tma-building"});
  CHECK(stopsOf("2020-08-07-district-12") == std::vector<std::string>{"ioc", "steamzone", "rd-labs"});
  CHECK(stopsOf("2021-03-16-twentieth-anniversary") ==
        std::vector<std::string>{"ioc", "telecom-centre", "museum", "steamzone", "tma-building"});
  CHECK(park().place("agri-coe")->name.in("en").find("lot 13") != std::string::npos);
  // Each document lists the places visited ("Finally, the delegation visited ...", "Ngoài ra,
  // đoàn còn tham quan ..."), none in a stated order: no visit numbers its stops.
  quoted("000", "Finally, the delegation visited the Integrated Operation Center");
  quoted("004", "Ngoài ra, đoàn còn tham quan Trung tâm đào tạo STEAMZONE");
  for (const auto& visit : park().itineraries()) {
    INFO(visit.id);
    if (!visit.sample) CHECK(visit.unordered);
  }
}

// ============================================================================================
// [SECTION] Corrections: wording the documents support
// ============================================================================================

TEST_CASE("the cyber-infrastructure claim is Mr Lam Nguyen Hai Long's, in his words", "[facts]") {
  quoted("000", "QTSC is a place of storing cyber-infrastructure and security of vital projects of HCMC");
  onlyWith("cyber-infrastructure", "Lam Nguyen Hai Long");
  onlyWith("hạ tầng không gian mạng", "Lâm Nguyễn Hải Long");
  nowhere("Home of the city's cyber-infrastructure");
  nowhere("Nơi đặt hạ tầng số");
  // The Telecom Centre is not said to hold either, nor to provide telecom infrastructure.
  const auto& telecom = sourceTenant("qtsc-telecom");
  for (const std::string lang : {"vi", "en"}) {
    const std::string text = telecom.description.in(lang);
    CHECK_FALSE(contains(text, "cyber"));
    CHECK_FALSE(contains(text, "infrastructure"));
    CHECK_FALSE(contains(text, "hạ tầng"));
  }
}

TEST_CASE("QTSC is at the forefront of the digital transformation plan, not its leader", "[facts]") {
  quoted("004", "đơn vị đi đầu trong kế hoạch chuyển đổi số");
  auto m = park().milestone("twentieth-anniversary");
  REQUIRE(m);
  CHECK(contains(m->body.in("vi"), "đi đầu trong kế hoạch chuyển đổi số"));
  CHECK(contains(m->body.in("en"), "at the forefront of the city's digital transformation plan"));
  nowhere("leads the city's digital transformation");
}

TEST_CASE("the 2023 experience was shared with the Can Tho delegation, over 22 years of running the park", "[facts]") {
  quoted("001", "With over 22 years of experience in managing and operating");
  nowhere("localities such as Can Tho");
  nowhere("các địa phương như Cần Thơ");
  nowhere("22 years of managing and operating a concentrated IT park");
  nowhere("22 năm quản lý và vận hành khu CNTT tập trung");
  auto m = park().milestone("twenty-two-years");
  REQUIRE(m);
  CHECK(m->date.iso() == "2023-12-21");
  CHECK(contains(m->body.in("en"), "Can Tho City delegation"));
  CHECK(contains(m->body.in("en"), "over 22 years of managing and operating the park"));
}

TEST_CASE("the Biotechnology Center is a partner institution, its pairing with QTSC a quote", "[facts]") {
  quoted("000", "The combination of QTSC and Biotechnology Center of HCMC would potentially promotes");
  auto biotech = park().place("biotech-center");
  REQUIRE(biotech);
  CHECK(biotech->kind == PlaceKind::Partner);
  CHECK_FALSE(biotech->onMap());  // no document places it: no pin, no road
  REQUIRE(biotech->quotes.size() == 1);
  const Quote& quote = biotech->quotes[0];
  CHECK(contains(quote.text.in("en"), "The combination of QTSC and Biotechnology Center of HCMC"));
  CHECK(contains(quote.by.in("en"), "Le Truong Hai Hieu, Chairman of the People's Committee of District 12"));
  CHECK(quote.date.iso() == "2020-08-07");
  CHECK(quote.source == "000");
  CHECK(contains(biotech->description.in("en"), "partner institution"));
  CHECK(contains(biotech->description.in("vi"), "Đơn vị đối tác"));
  CHECK(contains(biotech->description.in("en"), "Le Truong Hai Hieu"));
  nowhere("neighbour");
  nowhere("Láng giềng");
  nowhere("láng giềng");
}

TEST_CASE("the data centre is introduced at the Telecom Centre, not a place of its own", "[facts]") {
  quoted("004", "Trung tâm Viễn thông QTSC, qua đó giới thiệu Trung tâm dữ liệu, kho dữ liệu dùng chung");
  CHECK_FALSE(park().place("data-centre"));
  auto telecom = park().place("telecom-centre");
  REQUIRE(telecom);
  CHECK(contains(telecom->description.in("vi"), "Trung tâm dữ liệu và kho dữ liệu dùng chung"));
}

TEST_CASE("the directory says what each entry is: only TMA Solutions is a company", "[facts]") {
  quoted("002", "thăm công ty TMA Solutions");
  std::set<std::string> units, companies, groups;
  for (const auto& t : sources().tenants) {
    if (t.kind == TenantKind::QtscUnit) units.insert(t.id);
    if (t.kind == TenantKind::Company) companies.insert(t.id);
    if (t.kind == TenantKind::Group) groups.insert(t.id);
  }
  CHECK(units == std::set<std::string>{"qtsc-ioc", "qtsc-telecom", "steamzone", "agri-coe"});
  CHECK(companies == std::set<std::string>{"tma-solutions"});
  CHECK(groups == std::set<std::string>{"rd-labs-startups"});
  CHECK(contains(sourceTenant("rd-labs-startups").description.in("en"), "not one company"));
  // The kind is a field, not a sector standing in for it.
  for (const auto& s : sources().sectors) CHECK(s.id != "qtsc-unit");
  // The built database lists what the sources say.
  for (const auto& t : park().tenants({.sectorId = {}, .placeId = {}, .offset = 0, .limit = 1000}))
    if (!t.sample) CHECK(t.kind == sourceTenant(t.id).kind);
}

TEST_CASE("the IOC serves the smart city model under one name everywhere", "[facts]") {
  quoted("000", "single platform serving for QTSC's smart city model");
  quoted("004", "Trung tâm giám sát điều hành Công viên phần mềm Quang Trung (QTSC IOC)");
  const auto& ioc = sourceTenant("qtsc-ioc");
  CHECK(contains(ioc.description.in("en"), "serving QTSC's smart city model"));
  CHECK_FALSE(contains(ioc.description.in("en"), "Runs"));
  CHECK(ioc.name.in("vi") == "Trung tâm giám sát điều hành (QTSC IOC)");
  CHECK(park().place("ioc")->name.in("vi") == ioc.name.in("vi"));
  CHECK(park().place("ioc")->name.in("en") == ioc.name.in("en"));
  nowhere("điều hành tích hợp");
  nowhere("QTSC Integrated Operation Center");
}

TEST_CASE("the agriculture sector is IT in agriculture", "[facts]") {
  quoted("002", "khu thực nghiệm ứng dụng CNTT trong nông nghiệp");
  const auto& agri = sourceTenant("agri-coe");
  REQUIRE(agri.sectors.size() == 1);
  std::string name;
  for (const auto& s : sources().sectors)
    if (s.id == agri.sectors[0]) name = s.name.in("vi");
  CHECK(name == "Ứng dụng CNTT trong nông nghiệp");
  nowhere("Nông nghiệp công nghệ cao");
}

TEST_CASE("the Vientiane visit: the department's whole name, QTSC's host and the city's representative", "[facts]") {
  quoted("002", "Sở Bưu chính, Viễn thông và Truyền thông Thủ đô Viêng Chăn");
  quoted("002", "Đại diện QTSC đón tiếp đoàn là bà Phạm Thị Kim Phượng – Phó Giám đốc QTSC");
  quoted("002", "Về phía Sở Thông tin và Truyền thông TP.HCM có sự hiện diện của ông Lê Quốc Cường");
  auto visit = park().itinerary("2018-11-14-vientiane");
  REQUIRE(visit);
  CHECK(contains(visit->delegation.in("en"), "Posts, Telecommunications and Communications"));
  CHECK(visit->host.in("vi") == "Bà Phạm Thị Kim Phượng, Phó Giám đốc QTSC");
  CHECK_FALSE(contains(visit->host.in("en"), "Le Quoc Cuong"));
  CHECK(contains(visit->summary.in("vi"), "Về phía Sở Thông tin và Truyền thông TP.HCM có ông Lê Quốc Cường"));
  // Present for the city's department, beside the host, not as the host.
  CHECK(visit->alsoPresent.in("vi") == "Ông Lê Quốc Cường, Phó Giám đốc Sở Thông tin và Truyền thông TP.HCM");
  CHECK(contains(visit->alsoPresent.in("en"), "Lê Quốc Cường"));
  CHECK(contains(visit->alsoPresent.in("en"), "for the HCMC Department of Information and Communications"));
  CHECK(contains(visit->host.in("en"), "Phạm Thị Kim Phượng"));
  CHECK(contains(park().milestone("laos-delegation-2018")->title.in("en"), "Posts, Telecommunications and Communications"));
}

TEST_CASE("titles as the documents give them", "[facts]") {
  // 004, in Vietnamese, calls Mr Lam Nguyen Hai Long "Giám đốc"; no document says "Tổng Giám đốc".
  quoted("004", "ông Lâm Nguyễn Hải Long, Giám đốc Công ty Phát triển CVPM Quang Trung");
  nowhere("Tổng Giám đốc");
  auto district12 = park().itinerary("2020-08-07-district-12");
  REQUIRE(district12);
  CHECK(district12->host.in("vi") == "Ông Lâm Nguyễn Hải Long, Giám đốc QTSC; ông Hoang Minh Tri, Phó Giám đốc QTSC");
  CHECK(district12->host.in("en") == "Mr Lam Nguyen Hai Long, CEO of QTSC; Mr Hoang Minh Tri, Deputy CEO of QTSC");

  quoted("004", "đồng chí Nguyễn Văn Nên, Ủy viên Bộ Chính trị, Bí thư Thành ủy");
  quoted("004", "đồng chí Nguyễn Thiện Nhân, nguyên Ủy viên Bộ Chính trị, Trưởng đoàn đại biểu Quốc hội TP");
  auto anniversary = park().itinerary("2021-03-16-twentieth-anniversary");
  REQUIRE(anniversary);
  for (const auto* text : {&anniversary->delegation, &anniversary->summary}) {
    CHECK(contains(text->in("vi"), "Nguyễn Văn Nên, Ủy viên Bộ Chính trị, Bí thư Thành ủy"));
    CHECK(contains(text->in("vi"), "Nguyễn Thiện Nhân, nguyên Ủy viên Bộ Chính trị, Trưởng đoàn đại biểu Quốc hội TP"));
    CHECK(contains(text->in("en"), "former Member of the Politburo"));
  }
}

TEST_CASE("names the documents give without diacritics keep the document's form", "[facts]") {
  // Written only in English documents: any Vietnamese spelling would be a guess.
  const std::vector<std::pair<std::string, std::vector<std::string>>> names{
      {"Tran Hoang Danh", {"Trần Hoàng Danh"}},
      {"Tran Van Ut", {"Trần Văn Út"}},
      {"Le Truong Hai Hieu", {"Lê Trương Hải Hiếu"}},
      {"Hoang Minh Tri", {"Hoàng Minh Trí"}},
      {"Nguyen Kim Phuong", {"Nguyễn Kim Phượng", "Nguyễn Kim Phương"}},
      {"Tran Huu Dung", {"Trần Hữu Dũng"}},
      {"Nguyen Van Tuoi", {"Nguyễn Văn Tươi"}},
      {"Nguyen Thi Thu Hoai", {"Nguyễn Thị Thu Hoài"}},
      {"Duong Hoa Xo", {"Dương Hoa Xô"}},
  };
  const auto texts = visibleTexts();
  for (const auto& [written, guesses] : names) {
    const std::string document = seed(written == "Tran Huu Dung" || written == "Nguyen Van Tuoi" ? "001"
                                      : written == "Nguyen Thi Thu Hoai" || written == "Duong Hoa Xo" ? "003"
                                                                                                        : "000");
    if (!document.empty()) CHECK(contains(document, written));
    bool shownInVietnamese = false;
    for (const auto& t : texts) {
      if (t.language == "vi" && contains(t.text, written)) shownInVietnamese = true;
      for (const auto& guess : guesses) {
        INFO(t.where << ": " << t.text);
        CHECK_FALSE(contains(t.text, guess));
      }
    }
    INFO(written);
    CHECK(shownInVietnamese);
  }
}

TEST_CASE("every real record cites the documents it comes from", "[facts]") {
  const std::regex cited("^(00[0-4])(, 00[0-4])*$");
  auto check = [&](const std::string& what, const std::string& source) {
    INFO(what << " cites '" << source << "'");
    CHECK(std::regex_match(source, cited));
  };
  for (const auto& f : sources().park.facts) check("fact " + f.id, f.source);
  for (const auto& m : sources().milestones) check("milestone " + m.id, m.source);
  for (const auto& p : sources().places) check("place " + p.id, p.source);
  for (const auto& t : sources().tenants) check("tenant " + t.id, t.source);
  for (const auto& i : sources().itineraries) check("itinerary " + i.id, i.source);
}

TEST_CASE("the documents are records that every citation names, as each document describes itself", "[facts][sources]") {
  std::map<std::string, SourceDocument> documents;
  for (const auto& d : sources().sources) documents[d.id] = d;
  CHECK(documents.size() == 5);
  // Every cited id names one of them (the sources validate so; the built database agrees).
  for (const auto& m : park().milestones()) {
    INFO(m.id);
    CHECK(park().sourcesCitedBy(m.source).size() == citedSources(m.source).size());
  }
  quoted("004", "16/03/2021");
  quoted("004", "Phú Lữ - Báo Công an nhân dân");
  CHECK(documents["004"].date.iso() == "2021-03-16");
  CHECK(documents["004"].author == "Phú Lữ");
  CHECK(documents["004"].language == "vi");
  CHECK(contains(documents["004"].publisher.in("vi"), "Báo Công an nhân dân"));
  quoted("003", "By Tan Ba – Translated by Vien Hong");
  CHECK(documents["003"].date.iso() == "2020-07-16");
  CHECK(documents["003"].publisher.empty());  // it names none
  quoted("000", "Source: QTSC");
  quoted("002", "Nguồn: QTSC");
  for (const std::string id : {"000", "001", "002"}) {
    INFO(id);
    CHECK(documents[id].publisher.in("en") == "QTSC");
    CHECK(documents[id].date.year == 0);  // QTSC's news give no date of their own
  }
  quoted("000", "The delegation of People's Committee of District 12 visited QTSC");
  CHECK(documents["000"].title == "The delegation of People's Committee of District 12 visited QTSC");
  // No document gives a link.
  for (const auto& [id, d] : documents) CHECK(d.link.empty());
  // The names the documents give only without diacritics are marked unconfirmed, each in its document.
  const std::map<std::string, std::vector<std::string>> unconfirmed{
      {"000", {"Tran Hoang Danh", "Tran Van Ut", "Le Truong Hai Hieu", "Hoang Minh Tri", "Nguyen Kim Phuong"}},
      {"001", {"Nguyen Van Tuoi", "Tran Huu Dung"}},
      {"003", {"Nguyen Thi Thu Hoai", "Duong Hoa Xo", "Vo Minh Thanh"}},
  };
  for (const auto& [id, names] : unconfirmed) {
    CHECK(documents[id].unconfirmedNames == names);
    for (const auto& name : names) quoted(id, name);
  }
  // Databases made before the documents were records get the same documents on upgrade.
  ContentStore fresh(":memory:");
  CHECK(fresh.sourceDocuments() == sources().sources);
  CHECK(park().sourceDocuments() == sources().sources);
}

TEST_CASE("a figure carries the year the document states it for", "[facts]") {
  const std::regex year("\\((\\d{4})\\)$");
  for (const auto& f : sources().park.facts) {
    std::smatch found;
    const std::string value = f.value.in("en");
    INFO(f.id << ": " << value);
    if (std::regex_search(value, found, year)) CHECK(f.asOf == std::stoi(found[1]));
  }
  for (const auto& f : park().park().facts)
    if (f.id == "area") CHECK(f.asOf == 2018);
}

// ============================================================================================
// [SECTION] What the documents say, shown
// ============================================================================================

TEST_CASE("the smart-city pillars, the 2021-2025 plan and District 12's pilot are in the history", "[facts]") {
  quoted("003", "the construction of the four key pillars");
  quoted("003", "perfecting those four pillars from 2021-2025");
  auto pillars = park().milestone("smart-city-pillars-2020");
  REQUIRE(pillars);
  for (const std::string pillar : {"the common database and the open database ecosystem", "the smart city operation center",
                                   "the center to simulate and forecast socio-economic development",
                                   "the information security center", "from 2021 to 2025"})
    CHECK(contains(pillars->body.in("en"), pillar));
  CHECK(contains(pillars->body.in("vi"), "2021–2025"));

  quoted("000", "HCMC People's Committee assigned District 12 to pilot the smart city model");
  quoted("000", "GIS-based integrated infrastructure management system");
  auto pilot = park().milestone("district-12-smart-city-2020");
  REQUIRE(pilot);
  CHECK(contains(pilot->body.in("en"), "assigned District 12 to pilot the smart city model"));
  CHECK(contains(pilot->body.in("en"), "GIS-based integrated infrastructure management system"));
  CHECK(contains(pilot->body.in("en"), "citizen information management system"));
  CHECK(contains(pilot->body.in("en"), "Le Truong Hai Hieu"));
}

TEST_CASE("the one-stop service, the long-term goal and the STEAMZONE are shown", "[facts]") {
  quoted("002", "dịch vụ một cửa luôn đồng hành cùng doanh nghiệp");
  CHECK(contains(fact("one-stop-service", "vi"), "Dịch vụ một cửa luôn đồng hành cùng doanh nghiệp"));
  quoted("001", "long-term goal to become a leading enterprise in providing technology services");
  CHECK(contains(fact("long-term-goal", "en"), "leading enterprise in providing technology services"));
  CHECK(contains(fact("long-term-goal", "en"), "Southeast Asia"));
  quoted("000", "one of the most massive scale and modern STEAM centers in HCMC");
  CHECK(contains(park().place("steamzone")->description.in("en"), "largest and most modern STEAM centres"));
  CHECK(contains(sourceTenant("steamzone").description.in("en"), "largest and most modern STEAM centres"));
}

// ============================================================================================
// [SECTION] Samples
// ============================================================================================

namespace {

bool startsWith(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

bool markedName(const LocalizedText& name) {
  return startsWith(name.in("vi"), kSamplePrefixVi) && startsWith(name.in("en"), kSamplePrefixEn);
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// " a b " -> does `name` hold `token` as whole words (case-insensitive for ASCII)?
bool holdsWords(const std::string& name, const std::string& token) {
  const std::string text = " " + lower(name) + " ";
  const std::string word = lower(token);
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const auto edge = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0 && (c & 0x80) == 0; };
    if (edge(text[at - 1]) && edge(text[at + word.size()])) return true;
  }
  return false;
}

// Brand names a sample must not borrow: the real directory's names and the acronyms of the
// real content and of the documents (TMA, QTSC, STEAMZONE, VNU-ITP, HueCIT ...), and names
// of well-known Vietnamese companies that ordinary Vietnamese name words spell.
std::vector<std::string> brandTokens() {
  std::set<std::string> tokens;
  const std::regex acronym("[A-Za-z]*[A-Z]{2,}[A-Za-z]*(-[A-Z]+)?");
  auto acronymsOf = [&](const std::string& text) {
    for (std::sregex_iterator it(text.begin(), text.end(), acronym), end; it != end; ++it) tokens.insert(it->str());
  };
  for (const auto& t : sources().tenants) {
    tokens.insert(t.name.in("en"));
    acronymsOf(t.name.in("vi"));
    acronymsOf(t.name.in("en"));
  }
  for (const auto& m : sources().park.chain) acronymsOf(m.name.in("en"));
  acronymsOf(sources().park.shortName.in("en"));
  tokens.insert("Quang Trung");
  for (const std::string document : {"000", "001", "002", "003", "004"}) {
    const std::string text = seed(document);
    for (std::sregex_iterator it(text.begin(), text.end(), acronym), end; it != end; ++it)
      if (it->str().size() >= 3) tokens.insert(it->str());
  }
  for (const char* brand : {"Đại Việt", "Dai Viet", "Sông Hồng", "Song Hong", "Phương Nam", "Phuong Nam", "Hòa Bình",
                            "Hoa Binh", "Trường Sơn", "Truong Son", "Sao Mai", "Thành Công", "Thanh Cong", "Đông Á",
                            "Dong A", "Việt Tiến", "Viet Tien", "Hưng Thịnh", "Hung Thinh", "Thiên Long", "Thien Long",
                            "Lạc Hồng", "Lac Hong", "Cửu Long", "Cuu Long", "Tường An", "Tuong An", "Đất Phương",
                            "Dat Phuong", "Kỳ Lân", "Ky Lan", "Viettel", "FPT", "VNPT", "Vingroup", "Vinamilk", "Masan",
                            "MobiFone", "Bkav", "Misa", "CMC", "Hòa Phát", "Hoa Phat", "Trung Nguyên", "Trung Nguyen"})
    tokens.insert(brand);
  return {tokens.begin(), tokens.end()};
}

std::vector<std::pair<std::string, LocalizedText>> generatedNames(const ContentSet& s) {
  std::vector<std::pair<std::string, LocalizedText>> out;
  for (const auto& c : s.sectors) out.emplace_back("sector " + c.id, c.name);
  for (const auto& c : s.themes) out.emplace_back("theme " + c.id, c.name);
  for (const auto& p : s.places) out.emplace_back("place " + p.id, p.name);
  for (const auto& t : s.tenants) out.emplace_back("tenant " + t.id, t.name);
  for (const auto& e : s.exhibits) out.emplace_back("exhibit " + e.id, e.name);
  for (const auto& i : s.itineraries) {
    out.emplace_back("itinerary " + i.id, i.delegation);
    out.emplace_back("itinerary host " + i.id, i.host);
  }
  return out;
}

ContentSet generated() {
  return generateSamples(sources(), {.tenants = 400, .exhibits = 12, .demoDay = "2026-11-23", .seed = 5});
}

}  // namespace

TEST_CASE("every generated record is marked a sample, in its flag and its name", "[facts][samples]") {
  const ContentSet s = generated();
  REQUIRE(s.tenants.size() == 400);
  REQUIRE(s.itineraries.size() == 1);
  REQUIRE(s.welcomes.size() == 1);
  REQUIRE_FALSE(s.places.empty());
  REQUIRE_FALSE(s.sectors.empty());
  REQUIRE_FALSE(s.themes.empty());
  for (const auto& p : s.places) CHECK((p.sample && markedName(p.name)));
  for (const auto& t : s.tenants) CHECK((t.sample && markedName(t.name)));
  for (const auto& e : s.exhibits) CHECK((e.sample && markedName(e.name)));
  for (const auto& w : s.welcomes) CHECK((w.sample && markedName(w.text)));
  // Sectors and themes have no sample flag: their name is the mark.
  for (const auto& c : s.sectors) CHECK(markedName(c.name));
  for (const auto& c : s.themes) CHECK(markedName(c.name));

  // The demo visit uses real places at invented times: it is a sample, and so is its host.
  const auto& visit = s.itineraries.front();
  CHECK(visit.sample);
  CHECK(markedName(visit.delegation));
  CHECK_FALSE(visit.stops.empty());
  CHECK_FALSE(contains(visit.host.in("vi"), "Quang Trung"));
  CHECK_FALSE(contains(visit.host.in("en"), "Quang Trung"));
  CHECK(contains(visit.host.in("en"), "sample"));
}

TEST_CASE("generated names borrow no real brand", "[facts][samples]") {
  const auto tokens = brandTokens();
  // The derivation finds the real directory's brands, so the check below can catch one.
  for (const std::string expected : {"TMA", "QTSC", "STEAMZONE", "VNU-ITP", "HueCIT", "TMA Solutions"})
    CHECK(std::find(tokens.begin(), tokens.end(), expected) != tokens.end());
  CHECK(holdsWords("[Sample] Sao Mai Software 00001", "Sao Mai"));
  CHECK_FALSE(holdsWords("[Sample] Saomai", "Sao Mai"));

  for (const auto& [what, name] : generatedNames(generated()))
    for (const auto& [language, text] : name.byLanguage)
      for (const auto& token : tokens) {
        INFO(what << " (" << language << "): " << text << " holds '" << token << "'");
        CHECK_FALSE(holdsWords(text, token));
      }
}
