#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "qtsc/content/generator.hpp"
#include "qtsc/content/search.hpp"
#include "qtsc/content/sources.hpp"
#include "qtsc/content/store.hpp"

using namespace qtsc::content;

namespace {

// The real park content, plus a few records that exercise Vietnamese text.
ContentStore& parkStore() {
  static ContentStore store = [] {
    ContentStore s(":memory:");
    s.import(readValidSources(QTSC_PARK_SOURCES));
    Place park;
    park.id = "cong-vien-cay-xanh";
    park.name = LocalizedText("Công viên cây xanh", "Green park");
    park.position = {100, 100};
    park.sample = true;
    s.addPlace(park);
    Place daNang;
    daNang.id = "da-nang-room";
    daNang.name = LocalizedText("Phòng Đà Nẵng", "Da Nang room");
    daNang.position = {120, 100};
    daNang.sample = true;
    s.addPlace(daNang);
    return s;
  }();
  return store;
}

bool finds(const std::string& query, const std::string& id) {
  auto hits = parkStore().search(query, 50);
  return std::any_of(hits.begin(), hits.end(), [&](const SearchHit& h) { return h.id == id; });
}

}  // namespace

TEST_CASE("the issue's examples", "[search]") {
  CHECK(finds("cong vien", "cong-vien-cay-xanh"));  // "cong vien" finds "Công viên"
  CHECK(finds("dao tao", "steamzone"));             // "dao tao" finds "đào tạo"
  CHECK(finds("da", "da-nang-room"));               // "Đà" is found by "da"
  CHECK(finds("TMA", "tma-solutions"));             // "TMA" finds "TMA Solutions"
  CHECK(finds("Công viên", "cong-vien-cay-xanh"));  // typed with diacritics
  CHECK(finds("đào tạo", "training-zone"));
}

TEST_CASE("diacritics and đ are ignored in both directions", "[search]") {
  CHECK(finds("Đà Nẵng", "da-nang-room"));
  CHECK(finds("da nang", "da-nang-room"));
  CHECK(finds("DA NANG", "da-nang-room"));
  CHECK(finds("đa", "da-nang-room"));               // đ typed where the text has Đ
  CHECK(finds("cÔng", "cong-vien-cay-xanh"));
  CHECK(finds("viêng chăn", "2018-11-14-vientiane"));  // stacked marks: ê, ă
  CHECK(finds("vieng chan", "2018-11-14-vientiane"));
  CHECK(finds("nong nghiep", "agri-coe"));          // nông nghiệp: ô, ệ
  CHECK(parkStore().search("thu duc").empty());     // nothing is invented
  CHECK(finds("bao tang", "museum"));               // bảo tàng
  CHECK(finds("Bảo Tàng", "museum"));
  CHECK(finds("vien thong", "telecom-centre"));     // viễn thông
  CHECK(finds("quan 12", "2020-08-07-district-12"));  // Quận 12
  CHECK(finds("hue", "twentieth-anniversary"));     // Thừa Thiên Huế
}

TEST_CASE("every word is a prefix and all must match", "[search]") {
  CHECK(finds("ag", "agri-coe"));
  CHECK(finds("agriculture center", "agri-coe"));
  CHECK_FALSE(finds("agriculture museum", "agri-coe"));
  CHECK(finds("steam", "steamzone"));
  CHECK(finds("lo 13", "agri-coe"));
}

TEST_CASE("search covers tenants, places, exhibits, milestones and itineraries in both languages", "[search]") {
  ContentStore store(":memory:");
  ContentSet park = readValidSources(QTSC_PARK_SOURCES);
  store.import(park);
  store.import(generateSamples(park, {.tenants = 0, .exhibits = 2, .demoDay = {}, .seed = 1}));
  auto kinds = [&](const std::string& q) {
    std::vector<RecordKind> out;
    for (const auto& hit : store.search(q, 50)) out.push_back(hit.kind);
    return out;
  };
  auto has = [](const std::vector<RecordKind>& list, RecordKind kind) {
    return std::find(list.begin(), list.end(), kind) != list.end();
  };
  CHECK(has(kinds("TMA"), RecordKind::Tenant));
  CHECK(has(kinds("museum"), RecordKind::Place));
  CHECK(has(kinds("bảo tàng"), RecordKind::Place));
  CHECK(has(kinds("robot"), RecordKind::Exhibit));
  CHECK(has(kinds("rô-bốt"), RecordKind::Exhibit));
  CHECK(has(kinds("anniversary"), RecordKind::Milestone));
  CHECK(has(kinds("kỷ niệm"), RecordKind::Milestone));
  CHECK(has(kinds("can tho"), RecordKind::Itinerary));
  CHECK(has(kinds("Cần Thơ"), RecordKind::Itinerary));
}

TEST_CASE("results are ranked, limited, and park content comes before samples", "[search]") {
  ContentStore store(":memory:");
  ContentSet park = readValidSources(QTSC_PARK_SOURCES);
  store.import(park);
  store.import(generateSamples(park, {.tenants = 300, .exhibits = 0, .demoDay = {}, .seed = 7}));
  auto hits = store.search("phan mem", 10);
  REQUIRE(hits.size() == 10);
  CHECK_FALSE(hits.front().sample);
  auto firstSample = std::find_if(hits.begin(), hits.end(), [](const SearchHit& h) { return h.sample; });
  CHECK(std::all_of(firstSample, hits.end(), [](const SearchHit& h) { return h.sample; }));

  // A title match outranks a match in the body only.
  auto tma = store.search("tma", 5);
  REQUIRE(tma.size() >= 2);
  CHECK(tma[0].title.in("en").find("TMA") != std::string::npos);
  CHECK(store.search("phan mem", 3).size() == 3);
}

TEST_CASE("typed punctuation and quotes cannot break the query", "[search]") {
  CHECK(toPrefixQuery("") == "");
  CHECK(toPrefixQuery("  ,.;  ") == "");
  CHECK(toPrefixQuery("cong vien") == "\"cong\"* \"vien\"*");
  CHECK(toPrefixQuery("Đà\"Nẵng") == "\"Dà\"* \"Nẵng\"*");
  CHECK(toPrefixQuery("NEAR(a b) OR *") == "\"NEAR\"* \"a\"* \"b\"* \"OR\"*");
  for (const char* nasty : {"\"", "a\"b", "*", "(", "OR", "AND NOT", "^x", "col:x", "-", "'"})
    CHECK_NOTHROW(parkStore().search(nasty));
  CHECK(parkStore().search("").empty());
  CHECK(parkStore().search("   ").empty());
}

TEST_CASE("foldForSearch folds only đ and Đ", "[search]") {
  CHECK(foldForSearch("Đường đi") == "Dường di");  // other marks stay for the tokenizer
  CHECK(foldForSearch("đào tạo") == "dào tạo");
  CHECK(foldForSearch("plain") == "plain");
}

// ============================================================================================
// What visitors type: spacing, spelling, other names, typing slips, precision and order.
// ============================================================================================

namespace {

// The park, 300 generated sample tenants, and a few records of its own kind each, so that every
// rule is seen on records written for it as well as on the park's real ones.
ContentStore& visitorStore() {
  static ContentStore store = [] {
    ContentStore s(":memory:");
    ContentSet park = readValidSources(QTSC_PARK_SOURCES);
    s.import(park);
    s.import(generateSamples(park, {.tenants = 300, .exhibits = 2, .demoDay = {}, .seed = 12}));
    auto place = [&](const std::string& id, LocalizedText name, LocalizedText description) {
      Place p;
      p.id = id;
      p.name = std::move(name);
      p.description = std::move(description);
      p.position = {300, 300};
      s.addPlace(p);
    };
    place("song-xanh-ops", LocalizedText("Trung tâm vận hành Sông Xanh", "Song Xanh Operation Centre"),
          LocalizedText("Nơi theo dõi mạng lưới.", "Where the network is watched."));
    place("kho-saigon", LocalizedText("Kho lưu trữ Bắc Hà", "Bac Ha archive"),
          LocalizedText("Văn phòng tại Sài Gòn.", "An office in Saigon."));
    place("kho-tphcm", LocalizedText("Kho lưu trữ Nam Hà", "Nam Ha archive"),
          LocalizedText("Văn phòng tại TP.HCM.", "An office in HCMC."));
    place("phrase-together", LocalizedText("Sông Lam Khoa học", "Song Lam Khoa science"), LocalizedText("", ""));
    place("phrase-apart", LocalizedText("Khoa Sông Lam học", "Khoa Song Lam science"), LocalizedText("", ""));
    place("ban-grave", LocalizedText("Bàn Sông Hương", "Huong river table"), LocalizedText("", ""));
    place("ban-dot", LocalizedText("Bạn Sông Hương", "Huong river friend"), LocalizedText("", ""));
    place("robotics-exact", LocalizedText("Xưởng Robotics Tây Hồ", "Tay Ho Robotics workshop"), LocalizedText("", ""));
    place("robotic-near", LocalizedText("Xưởng Robotic Tây Hồ", "Tay Ho Robotic workshop"), LocalizedText("", ""));
    return s;
  }();
  return store;
}

std::vector<std::string> ids(const std::string& query, int limit = 50) {
  std::vector<std::string> out;
  for (const auto& hit : visitorStore().search(query, limit)) out.push_back(hit.id);
  return out;
}

// Where `id` is in the results of `query`, or -1.
int rankOf(const std::string& query, const std::string& id) {
  const auto found = ids(query);
  const auto at = std::find(found.begin(), found.end(), id);
  return at == found.end() ? -1 : static_cast<int>(at - found.begin());
}

bool visitorFinds(const std::string& query, const std::string& id) { return rankOf(query, id) >= 0; }

}  // namespace

TEST_CASE("words typed apart find them written together, and the other way", "[search][visitors]") {
  for (const char* q : {"steam zone", "steamzone", "STEAM ZONE", "steam zo", "Steamzone"})
    CHECK(visitorFinds(q, "steamzone"));
  for (const char* q : {"cantho", "can tho", "Cần Thơ", "cần thơ", "CanTho", "canth"})
    CHECK(visitorFinds(q, "2023-12-21-can-tho"));
  for (const char* q : {"songxanh", "song xanh", "Sông Xanh", "sôngxanh", "trungtam van hanh", "vanhanh"})
    CHECK(visitorFinds(q, "song-xanh-ops"));
}

TEST_CASE("spelling variants of the table find each other, also inside a joined word", "[search][visitors]") {
  for (const char* q : {"operation centre", "operation center", "operationcenter", "operationcentre", "song xanh center",
                        "Operation Centre", "trung tâm vận hành"})
    CHECK(visitorFinds(q, "song-xanh-ops"));
  // The park's own "data centre", typed as visitors do.
  for (const char* q : {"data centre", "data center", "datacenter", "datacentre", "trung tâm dữ liệu"})
    CHECK(visitorFinds(q, "qtsc-telecom"));
}

TEST_CASE("abbreviations and other names find each other in both languages", "[search][visitors]") {
  for (const char* q : {"q12", "Q12", "quận 12", "quan 12", "district 12", "District 12", "quan12"})
    CHECK(visitorFinds(q, "2020-08-07-district-12"));
  // One record says Saigon, the other TP.HCM / HCMC: every name of the city finds both.
  for (const char* q : {"tphcm", "TP.HCM", "tp hcm", "HCMC", "hcm", "Saigon", "Sài Gòn", "sai gon", "Ho Chi Minh City",
                        "thành phố Hồ Chí Minh"}) {
    CHECK(visitorFinds(q, "kho-saigon"));
    CHECK(visitorFinds(q, "kho-tphcm"));
  }
  CHECK(visitorFinds("vientiane", "2018-11-14-vientiane"));
  CHECK(visitorFinds("viêng chăn", "2018-11-14-vientiane"));
}

TEST_CASE("typing slips are forgiven by word length, and rank below what was typed right", "[search][visitors]") {
  CHECK(rankOf("tmaa", "tma-solutions") == 0);  // a letter typed twice
  CHECK(rankOf("tma soluttions", "tma-solutions") <= 1);
  CHECK(rankOf("tma solutoins", "tma-solutions") <= 1);  // two letters swapped
  CHECK(visitorFinds("stem", "steamzone"));              // the better-known name, from the table
  CHECK(visitorFinds("agricultre", "agri-coe"));         // one left out
  CHECK(visitorFinds("agrcultre", "agri-coe"));          // two left out of a long word
  CHECK(visitorFinds("nông nghiêp", "agri-coe"));        // a mark left out is no slip at all
  CHECK(visitorFinds("vientaine", "2018-11-14-vientiane"));
  // Short words are taken as typed: one slip in four letters would match too much.
  CHECK_FALSE(visitorFinds("tnaa", "tma-solutions"));
  CHECK_FALSE(visitorFinds("solutns", "tma-solutions"));  // seven letters allow one slip, not two
  // The word as typed first, the slip after.
  const int exact = rankOf("robotics tay ho", "robotics-exact");
  const int slip = rankOf("robotics tay ho", "robotic-near");
  REQUIRE(exact >= 0);
  CHECK((slip < 0 || exact < slip));
  CHECK(rankOf("robotic tay ho", "robotic-near") < rankOf("robotic tay ho", "robotics-exact"));
}

TEST_CASE("a number is found next to its word, not anywhere in the text", "[search][visitors]") {
  CHECK(visitorFinds("quan 12", "2020-08-07-district-12"));
  CHECK_FALSE(visitorFinds("quan 12", "2023-12-21-can-tho"));  // "quản" and the date 12/2023
  CHECK_FALSE(visitorFinds("quản 12", "2023-12-21-can-tho"));
  CHECK(visitorFinds("lo 13", "agri-coe"));
  CHECK(visitorFinds("lot 13", "agri-coe"));
  CHECK(visitorFinds("lot13", "agri-coe"));  // a number typed onto its word
  CHECK_FALSE(visitorFinds("quan 13", "agri-coe"));
}

TEST_CASE("whole words before the start of longer words, phrases before scattered words", "[search][visitors]") {
  // "lao": Laos, not the labour ("lao động") of the turnover milestone.
  const int laos = rankOf("lao", "laos-delegation-2018");
  const int labour = rankOf("lao", "turnover-2019");
  REQUIRE(laos >= 0);
  CHECK(laos == 0);
  CHECK((labour < 0 || labour > rankOf("lao", "2018-11-14-vientiane")));
  CHECK(rankOf("Lào", "laos-delegation-2018") == 0);
  // "doan": every delegation ("Đoàn") before the turnover ("Doanh thu").
  const auto doan = ids("doan");
  const auto turnover = std::find(doan.begin(), doan.end(), "turnover-2019");
  for (const char* visit : {"2018-11-14-vientiane", "2020-08-07-district-12", "2023-12-21-can-tho"}) {
    const auto at = std::find(doan.begin(), doan.end(), visit);
    REQUIRE(at != doan.end());
    CHECK(at < turnover);
  }
  CHECK(rankOf("lam khoa", "phrase-together") < rankOf("lam khoa", "phrase-apart"));
  CHECK(rankOf("sông lam khoa", "phrase-together") < rankOf("sông lam khoa", "phrase-apart"));
  CHECK(rankOf("song lam khoa", "phrase-together") < rankOf("song lam khoa", "phrase-apart"));
}

TEST_CASE("the diacritics typed rank the text that has them first", "[search][visitors]") {
  CHECK(rankOf("bàn sông hương", "ban-grave") < rankOf("bàn sông hương", "ban-dot"));
  CHECK(rankOf("bạn sông hương", "ban-dot") < rankOf("bạn sông hương", "ban-grave"));
  CHECK(rankOf("bạn", "ban-dot") < rankOf("bạn", "ban-grave"));
  // Typed without them, both are found.
  CHECK(visitorFinds("ban song huong", "ban-dot"));
  CHECK(visitorFinds("ban song huong", "ban-grave"));
}

TEST_CASE("real records rank above samples whatever else they match", "[search][visitors]") {
  for (const char* q : {"software", "phần mềm", "phan mem", "tma", "soft", "training", "đào tạo", "centre"}) {
    const auto hits = visitorStore().search(q, 40);
    REQUIRE_FALSE(hits.empty());
    const auto firstSample = std::find_if(hits.begin(), hits.end(), [](const SearchHit& h) { return h.sample; });
    CHECK(std::all_of(firstSample, hits.end(), [](const SearchHit& h) { return h.sample; }));
  }
  CHECK(rankOf("software", "tma-solutions") >= 0);
  const auto software = visitorStore().search("software", 40);
  const auto tma = std::find_if(software.begin(), software.end(), [](const SearchHit& h) { return h.id == "tma-solutions"; });
  REQUIRE(tma != software.end());
  CHECK(std::none_of(software.begin(), tma, [](const SearchHit& h) { return h.sample; }));
}

TEST_CASE("edit distance to the start of a word", "[search][visitors]") {
  CHECK(prefixEditDistance("solut", "solutions", 1) == 0);
  CHECK(prefixEditDistance("solutt", "solutions", 1) == 1);
  CHECK(prefixEditDistance("soluttions", "solutions", 1) == 1);
  CHECK(prefixEditDistance("solutoins", "solutions", 1) == 1);  // a swap is one edit
  CHECK(prefixEditDistance("agrcultre", "agriculture", 2) == 2);
  CHECK(prefixEditDistance("agrcultre", "agriculture", 1) == 2);  // over the limit: limit + 1
  CHECK(prefixEditDistance("xyz", "solutions", 2) == 3);
  CHECK(typoEditsAllowed(4) == 0);
  CHECK(typoEditsAllowed(kTypoEditsFrom) == 1);
  CHECK(typoEditsAllowed(kLongWordLetters - 1) == 1);
  CHECK(typoEditsAllowed(kLongWordLetters) == 2);
}

TEST_CASE("the chain's members and planned members are found by name and place, as the park's", "[search][visitors]") {
  const ContentSet park = readValidSources(QTSC_PARK_SOURCES);
  REQUIRE_FALSE(park.park.chain.empty());
  for (const auto& member : park.park.chain)
    for (const char* language : {"vi", "en"}) {
      const std::string name = member.name.in(language);
      const auto hits = visitorStore().search(name, 50);
      CHECK(std::any_of(hits.begin(), hits.end(), [&](const SearchHit& h) {
        return h.kind == RecordKind::Park && h.id == member.id && !h.sample;
      }));
    }
  const auto planned = std::find_if(park.park.chain.begin(), park.park.chain.end(), [](const ChainMember& m) { return !m.official; });
  REQUIRE(planned != park.park.chain.end());
  CHECK(visitorFinds(planned->location.in("vi"), planned->id));
  CHECK(visitorFinds(planned->location.in("en"), planned->id));
}

// ============================================================================================
// A filter is part of the query: it narrows what is ranked and limited, and the count is true.
// ============================================================================================

namespace {

ContentStore& directoryAtScale() {
  static ContentStore store = [] {
    ContentStore s(":memory:");
    ContentSet park = readValidSources(QTSC_PARK_SOURCES);
    s.import(park);
    s.import(generateSamples(park, {.tenants = 10'000, .exhibits = 0, .demoDay = {}, .seed = 2001}));
    return s;
  }();
  return store;
}

std::set<std::string> tenantIds(const std::vector<SearchHit>& hits) {
  std::set<std::string> ids;
  for (const auto& hit : hits)
    if (hit.kind == RecordKind::Tenant) ids.insert(hit.id);
  return ids;
}

}  // namespace

TEST_CASE("a sector filter finds every match in the sector at 10,000 tenants", "[search][scope]") {
  ContentStore& store = directoryAtScale();
  const SearchScope fintech{.kind = {}, .sectorId = "fintech", .placeId = {}};
  constexpr int kEverything = 1'000'000;

  // What the unfiltered search finds with no limit, narrowed to the sector by hand.
  std::set<std::string> expected;
  for (const auto& id : tenantIds(store.search("an", kEverything))) {
    auto tenant = store.tenant(id);
    REQUIRE(tenant);
    if (std::find(tenant->sectors.begin(), tenant->sectors.end(), "fintech") != tenant->sectors.end()) expected.insert(id);
  }
  // More than one page of candidates (100): a filter applied after the limit found a handful.
  REQUIRE(expected.size() > 100);

  const auto filtered = store.search("an", kEverything, fintech);
  CHECK(tenantIds(filtered) == expected);
  CHECK(filtered.size() == expected.size());  // nothing but fintech tenants
  CHECK(store.searchCount("an", fintech, kEverything) == static_cast<int>(expected.size()));

  // A short list from a filtered query is still all in the sector, and the count behind it is true.
  const auto firstPage = store.search("an", 20, fintech);
  REQUIRE(firstPage.size() == 20);
  for (const auto& id : tenantIds(firstPage)) CHECK(expected.count(id) == 1);
  CHECK(store.searchCount("an", fintech, 100) == 100);  // a list shows "99+"
  CHECK(store.searchCount("an", fintech, 10) == 10);
}

TEST_CASE("a building filter and a kind are part of the query", "[search][scope]") {
  ContentStore& store = directoryAtScale();
  const auto any = store.search("an", 1'000'000);
  REQUIRE_FALSE(any.empty());
  // The building of some tenant found by "an".
  std::string building;
  for (const auto& hit : any)
    if (hit.kind == RecordKind::Tenant)
      if (auto tenant = store.tenant(hit.id); tenant && !tenant->placeId.empty()) {
        building = tenant->placeId;
        break;
      }
  REQUIRE_FALSE(building.empty());
  const SearchScope inBuilding{.kind = {}, .sectorId = {}, .placeId = building};
  const auto hits = store.search("an", 1'000'000, inBuilding);
  REQUIRE_FALSE(hits.empty());
  for (const auto& hit : hits) {
    REQUIRE(hit.kind == RecordKind::Tenant);
    CHECK(store.tenant(hit.id)->placeId == building);
  }
  CHECK(store.searchCount("an", inBuilding, 1'000'000) == static_cast<int>(hits.size()));

  const SearchScope places{.kind = RecordKind::Place, .sectorId = {}, .placeId = {}};
  for (const auto& hit : store.search("trung tam", 50, places)) CHECK(hit.kind == RecordKind::Place);
  CHECK_FALSE(store.search("trung tam", 50, places).empty());

  // Nothing typed, or a sector nobody is in: nothing found, and a count of 0.
  CHECK(store.searchCount("   ", inBuilding, 100) == 0);
  const SearchScope nowhere{.kind = {}, .sectorId = "no-such-sector", .placeId = {}};
  CHECK(store.search("an", 50, nowhere).empty());
  CHECK(store.searchCount("an", nowhere, 100) == 0);
  // Quotes and operators in a filter value are data, not SQL.
  const SearchScope hostile{.kind = {}, .sectorId = "x') OR 1=1 --", .placeId = "\"; DROP TABLE tenant; --"};
  CHECK(store.search("an", 50, hostile).empty());
  CHECK(store.tenantCount({}) > 10'000);
}

TEST_CASE("a short word after longer ones is looked for in what they find, with the same matches", "[search][scope]") {
  // At 10,000 tenants a one-letter word's list holds nearly every row ("m" starts "mẫu" in
  // every sample); search looks for it in the rows the other words find, the count reads the
  // index for every word. Both must see the same matches.
  ContentStore& store = directoryAtScale();
  constexpr int kEverything = 1'000'000;
  for (const std::string query : {"cong vien phan m", "an ninh m", "dao t", "Đà N", "trung tam d", "cong v", "tma s",
                                  "phan mem q", "an n", "vien thong q"}) {
    INFO(query);
    const auto all = store.search(query, kEverything);
    CHECK(static_cast<int>(all.size()) == store.searchCount(query, {}, kEverything));
    std::set<std::string> everyId;
    for (const auto& hit : all) everyId.insert(std::string(toString(hit.kind)) + ":" + hit.id);
    // A keystroke's short list is drawn from the same matches, real records first.
    const auto shortList = store.search(query, 20);
    CHECK(shortList.size() == std::min<std::size_t>(20, all.size()));
    bool sampleSeen = false;
    for (const auto& hit : shortList) {
      CHECK(everyId.count(std::string(toString(hit.kind)) + ":" + hit.id) == 1);
      if (hit.sample) sampleSeen = true;
      CHECK((!sampleSeen || hit.sample));
    }
  }
  // The one-letter word still has to be there: the park's own record for "công viên phần mềm"
  // is found by "cong vien phan m", not by "cong vien phan x".
  const auto park = store.search("cong vien phan m", 5);
  REQUIRE_FALSE(park.empty());
  CHECK_FALSE(park.front().sample);
  CHECK(store.search("cong vien phan xq", 5).empty());
  CHECK(store.searchCount("cong vien phan xq", {}, 100) == 0);
}

TEST_CASE("a filtered directory search at 10,000 tenants matches the unfiltered one narrowed by hand", "[search][scope]") {
  ContentStore& store = directoryAtScale();
  constexpr int kEverything = 1'000'000;
  const SearchScope tenants{.kind = RecordKind::Tenant, .sectorId = {}, .placeId = {}};
  for (const std::string query : {"a", "cong vien phan m", "tma", "dao t", "hung thinhh softwre"}) {
    INFO(query);
    std::set<std::string> expected = tenantIds(store.search(query, kEverything));
    const auto filtered = store.search(query, kEverything, tenants);
    CHECK(tenantIds(filtered) == expected);
    CHECK(filtered.size() == expected.size());
    CHECK(store.searchCount(query, tenants, kEverything) == static_cast<int>(expected.size()));
  }
}
