// The park's content model: plain value types shared by the store, the sources, search,
// sync and the screens. Nothing here knows about SQLite, HTTP or ImGui.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qtsc::content {

// Languages are BCP 47 codes ("vi", "en", "lo", ...). Adding one needs content only, no
// schema change: every visible text is a LocalizedText keyed by language code.
inline constexpr std::string_view kDefaultLanguage = "vi";  // required on every visible text

// A visible text in every language it has been written in.
struct LocalizedText {
  std::map<std::string, std::string, std::less<>> byLanguage;

  LocalizedText() = default;
  LocalizedText(std::string vi, std::string en);

  // The text in `language`, else in the first language of `fallbacks` that has it, else in
  // the default language, else any; empty when there is none at all.
  [[nodiscard]] const std::string& in(std::string_view language,
                                      const std::vector<std::string>& fallbacks = {}) const;
  [[nodiscard]] bool has(std::string_view language) const;
  [[nodiscard]] bool empty() const;
  void set(std::string language, std::string text);

  bool operator==(const LocalizedText&) const = default;
};

// The schematic park map's coordinate system (assets/map/park.svg uses the same viewBox).
struct MapPoint {
  double x = 0.0;  // map units from the left edge, 0 .. kMapWidth
  double y = 0.0;  // map units from the top edge, 0 .. kMapHeight
  bool operator==(const MapPoint&) const = default;
};
inline constexpr double kMapWidth = 1000.0;
inline constexpr double kMapHeight = 700.0;

// A figure or fact about the park ("Area" = "43 ha"), in display order.
struct ParkFact {
  std::string id;
  LocalizedText label;
  LocalizedText value;
  std::string source;  // the document it comes from
  bool operator==(const ParkFact&) const = default;
};

struct ChainMember {
  std::string id;
  LocalizedText name;
  LocalizedText location;
  bool official = true;  // false: a locality the chain plans to admit
  bool operator==(const ChainMember&) const = default;
};

struct Park {
  LocalizedText name;
  LocalizedText shortName;
  LocalizedText summary;
  std::vector<ParkFact> facts;
  std::vector<ChainMember> chain;
  bool operator==(const Park&) const = default;
};

// A date known to the year, the month or the day: "2001", "2009-04", "2020-08-07".
struct PartialDate {
  int year = 0;
  int month = 0;  // 1..12, 0 when only the year is known
  int day = 0;    // 1..31, 0 when only the month is known

  // Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD"; nullopt on anything else or an impossible date.
  static std::optional<PartialDate> parse(std::string_view text);
  [[nodiscard]] std::string iso() const;
  bool operator==(const PartialDate&) const = default;
  auto operator<=>(const PartialDate&) const = default;
};

struct Milestone {
  std::string id;
  PartialDate date;
  LocalizedText title;
  LocalizedText body;
  std::string image;   // asset name, empty for none
  std::string source;  // the document it comes from
  bool operator==(const Milestone&) const = default;
};

enum class PlaceKind { Building, Centre, Lot, Zone, Neighbour };
std::string_view toString(PlaceKind kind);
std::optional<PlaceKind> placeKindFromString(std::string_view text);
std::vector<std::string_view> placeKindNames();  // every name toString gives, in declaration order

struct Place {
  std::string id;
  PlaceKind kind = PlaceKind::Building;
  LocalizedText name;
  LocalizedText description;
  MapPoint position;
  std::string image;
  std::string source;
  bool sample = false;  // generated for demonstration, not a fact about the park
  bool operator==(const Place&) const = default;
};

// A category with a localized name: tenant sectors and exhibit themes.
struct Category {
  std::string id;
  LocalizedText name;
  bool operator==(const Category&) const = default;
};

struct Tenant {
  std::string id;
  LocalizedText name;
  std::vector<std::string> sectors;  // Category ids
  LocalizedText description;
  std::string placeId;  // the building it is in
  std::string floor;    // as signed in the building, "3", "G", empty when unknown
  std::string logo;
  std::string website;
  std::string contact;
  std::string source;
  bool sample = false;
  bool operator==(const Tenant&) const = default;
};

struct QuizQuestion {
  LocalizedText question;
  std::vector<LocalizedText> choices;
  int answer = -1;  // index into choices; -1 until one is chosen
  LocalizedText explanation;
  bool operator==(const QuizQuestion&) const = default;
};

struct Exhibit {
  std::string id;
  std::string themeId;  // Category id
  LocalizedText name;
  int ageMin = 6;   // years
  int ageMax = 99;  // years
  LocalizedText what;
  LocalizedText how;
  std::vector<LocalizedText> steps;  // try-it steps, in order
  std::vector<QuizQuestion> quiz;
  std::string image;
  bool sample = false;
  bool operator==(const Exhibit&) const = default;
};

// A stop on a tour. Times are "HH:MM" in park time; a visit the documents describe without
// a clock time keeps its stops in order with empty times.
struct TourStop {
  std::string placeId;
  std::string start;
  std::string end;
  LocalizedText activity;
  bool operator==(const TourStop&) const = default;
};

enum class DayPart { Unknown, Morning, Afternoon, Evening };
std::string_view toString(DayPart part);
std::optional<DayPart> dayPartFromString(std::string_view text);
std::vector<std::string_view> dayPartNames();  // the named parts; Unknown is written as no value

struct Itinerary {
  std::string id;
  LocalizedText delegation;  // "the delegation of People's Committee of District 12"
  LocalizedText origin;      // where it comes from
  std::string date;          // "YYYY-MM-DD"
  std::string start;         // "HH:MM" or empty
  std::string end;           // "HH:MM" or empty
  DayPart dayPart = DayPart::Unknown;
  LocalizedText host;
  LocalizedText summary;
  std::vector<TourStop> stops;
  std::string source;
  bool sample = false;
  bool operator==(const Itinerary&) const = default;
};

// Shown in front on the Attract screen while its window is open.
struct WelcomeMessage {
  std::string id;
  std::string itineraryId;  // may be empty
  std::string startsAt;     // "YYYY-MM-DDTHH:MM" park time, inclusive
  std::string endsAt;       // "YYYY-MM-DDTHH:MM" park time, exclusive
  LocalizedText text;
  bool sample = false;
  bool operator==(const WelcomeMessage&) const = default;
};

// Everything the park publishes, as the sources describe it and the store imports it.
struct ContentSet {
  Park park;
  std::vector<Category> sectors;
  std::vector<Category> themes;
  std::vector<Milestone> milestones;
  std::vector<Place> places;
  std::vector<Tenant> tenants;
  std::vector<Exhibit> exhibits;
  std::vector<Itinerary> itineraries;
  std::vector<WelcomeMessage> welcomes;
};

// The kinds of record, as named in errors, search results and navigation requests.
enum class RecordKind { Park, Sector, Theme, Milestone, Place, Tenant, Exhibit, Itinerary, Welcome };
std::string_view toString(RecordKind kind);
std::optional<RecordKind> recordKindFromString(std::string_view text);

// "HH:MM" with 00..23 and 00..59.
bool isClockTime(std::string_view text);
// "YYYY-MM-DD" naming a real day.
bool isIsoDate(std::string_view text);
// "YYYY-MM-DDTHH:MM".
bool isIsoDateTime(std::string_view text);

}  // namespace qtsc::content
