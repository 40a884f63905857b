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
  std::string source;  // the documents it comes from (SourceDocument ids, "001, 004")
  int asOf = 0;        // the year the document states the figure for; 0: none stated
  bool operator==(const ParkFact&) const = default;
};

// A figure as shown: its text with the year it is stated for, "43 hecta (2018)". The year is
// kept in `asOf`, not typed into the text; text that already ends with "(year)" is kept as it is.
std::string withYear(std::string_view text, int year);

struct ChainMember {
  std::string id;
  LocalizedText name;
  LocalizedText location;
  bool official = true;  // false: a locality the chain plans to admit
  std::string source;    // the documents that list it (SourceDocument ids)
  int asOf = 0;          // the year the document lists it for; 0: none stated
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

// One picture of a record's gallery. `image` names the full-screen size the hub made from an
// upload ("<sha256>.jpg", a file under the published images/) or a bundled asset with a
// folder ("samples/place-1.png"); thumbnailName() names its thumbnail. A picture with a caption
// and no image yet is one the park means to upload: it is kept with its record and not shown.
struct Picture {
  std::string image;      // empty: not uploaded yet
  LocalizedText caption;  // what the picture shows
  LocalizedText credit;   // who took it or holds its rights
  bool operator==(const Picture&) const = default;
};
inline constexpr std::size_t kMaxGalleryPictures = 24;  // pictures in one record's gallery

// The thumbnail the hub makes beside each picture it publishes: "<stem>.thumb.<ext>" for
// "<stem>.<ext>" (an uploaded "ab12….jpg" has "ab12….thumb.jpg"); empty for an empty name.
std::string thumbnailName(std::string_view image);

// The pictures of `gallery` that have an image, in order: the ones a kiosk shows.
std::vector<const Picture*> shownPictures(const std::vector<Picture>& gallery);

struct Milestone {
  std::string id;
  PartialDate date;        // when it happened, as precisely as the document says
  PartialDate reportedOn;  // when a document reported it, where that is all it dates; year 0: none
  LocalizedText title;
  LocalizedText body;
  std::vector<Picture> gallery;
  std::string source;  // the document it comes from
  bool operator==(const Milestone&) const = default;
};

// A partner institution is outside the park and not on its map: no document places it.
enum class PlaceKind { Building, Centre, Lot, Zone, Partner };
std::string_view toString(PlaceKind kind);
std::optional<PlaceKind> placeKindFromString(std::string_view text);
std::vector<std::string_view> placeKindNames();  // every name toString gives, in declaration order

// Words a document attributes to someone, kept with who said them and when.
struct Quote {
  LocalizedText text;
  LocalizedText by;    // "Mr Le Truong Hai Hieu, Chairman of the People's Committee of District 12"
  PartialDate date;    // when it was said; year 0: not stated
  std::string source;  // the documents it comes from
  bool operator==(const Quote&) const = default;
};

struct Place {
  std::string id;
  PlaceKind kind = PlaceKind::Building;
  LocalizedText name;
  LocalizedText description;
  MapPoint position;  // ignored for a place that is not on the map (onMap())
  std::vector<Picture> gallery;
  std::string source;
  std::vector<Quote> quotes;
  bool sample = false;  // generated for demonstration, not a fact about the park
  // Whether the place is drawn on the park map and can be reached as a pin.
  [[nodiscard]] bool onMap() const { return kind != PlaceKind::Partner; }
  bool operator==(const Place&) const = default;
};

// A category with a localized name: tenant sectors and exhibit themes.
struct Category {
  std::string id;
  LocalizedText name;
  bool sample = false;  // invented for demonstration
  bool operator==(const Category&) const = default;
};

// What a directory entry is. Only what the documents name a company is a company.
enum class TenantKind { Company, QtscUnit, Group };
std::string_view toString(TenantKind kind);
std::optional<TenantKind> tenantKindFromString(std::string_view text);
std::vector<std::string_view> tenantKindNames();  // every name toString gives, in declaration order

struct Tenant {
  std::string id;
  TenantKind kind = TenantKind::Company;  // QtscUnit: one of QTSC's own units; Group: several companies
  LocalizedText name;
  std::vector<std::string> sectors;  // Category ids
  LocalizedText description;
  std::string placeId;  // the building it is in
  std::string floor;    // as signed in the building, "3", "G", empty when unknown
  std::string logo;  // one picture, the tenant's own mark: no gallery
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
  std::vector<Picture> gallery;
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
  std::string date;          // "YYYY-MM-DD", or "YYYY-MM" when the documents give only the month
  std::string reportedOn;    // "YYYY-MM-DD" a document reported the visit, where it gives no day; empty: none
  std::string start;         // "HH:MM" or empty
  std::string end;           // "HH:MM" or empty
  DayPart dayPart = DayPart::Unknown;
  LocalizedText host;
  LocalizedText alsoPresent;  // others the documents name as present, and for whom
  LocalizedText summary;
  std::vector<TourStop> stops;
  bool unordered = false;  // the documents list the stops without their order: not numbered, no route
  std::vector<Picture> gallery;  // pictures of the visit
  std::string source;
  bool sample = false;
  bool operator==(const Itinerary&) const = default;
};

// Shown in front on the Attract screen while its window is open.
// Whether a message for the kiosks `kiosks` (hub ids) and the groups `groups` reaches the
// kiosk `kioskId` whose profile is in `group`; with neither list it reaches every kiosk.
// Welcome messages and announcements both address kiosks this way.
bool reaches(const std::vector<std::string>& groups, const std::vector<std::string>& kiosks,
             std::string_view kioskId, std::string_view group);

struct WelcomeMessage {
  std::string id;
  std::string itineraryId;  // may be empty
  std::string startsAt;     // "YYYY-MM-DDTHH:MM" park time, inclusive
  std::string endsAt;       // "YYYY-MM-DDTHH:MM" park time, exclusive
  LocalizedText text;
  // Who it is for: with neither, every kiosk; otherwise the kiosks named (their hub ids) and
  // those whose profile is in a group named.
  std::vector<std::string> groups;
  std::vector<std::string> kiosks;
  bool sample = false;
  bool operator==(const WelcomeMessage&) const = default;
  [[nodiscard]] bool isFor(std::string_view kioskId, std::string_view group) const;
};

// A document the content cites (shared/seeds/): records name it by id in their `source`.
struct SourceDocument {
  std::string id;                 // "000"
  std::string title;              // as the document writes it, in its language; empty: it has none
  LocalizedText publisher;        // "QTSC", "Báo Công an nhân dân (cand.com.vn)"; empty: not named
  std::string author;             // as the document writes it; empty: not named
  PartialDate date;               // the document's own date; year 0: not dated
  std::string language;           // the document's language, "vi" or "en"
  std::string link;               // where it is published, when the document gives it
  LocalizedText note;             // what a reader should know of it ("gives no date for the visit")
  // Names the document gives only without diacritics: their Vietnamese spelling is not confirmed.
  std::vector<std::string> unconfirmedNames;
  bool operator==(const SourceDocument&) const = default;
};

// The ids a `source` field names, in order: "001, 004" -> {"001", "004"}.
std::vector<std::string> citedSources(std::string_view source);

// The park's walking paths: points on the map joined by segments that can be walked either
// way, and the map's scale. One network per park; the kiosk routes along it (wayfinding.hpp).
struct PathPoint {
  std::string id;
  MapPoint position;
  bool operator==(const PathPoint&) const = default;
};

struct PathSegment {
  std::string from;  // PathPoint id
  std::string to;    // PathPoint id
  bool operator==(const PathSegment&) const = default;
};

struct PathNetwork {
  int mapWidthMetres = 0;  // metres on the ground across the map's full width (kMapWidth units); 0: no scale yet
  std::vector<PathPoint> points;
  std::vector<PathSegment> segments;
  std::string source;
  bool sample = false;  // drawn for demonstration, not the park's surveyed paths
  [[nodiscard]] double metresPerUnit() const { return mapWidthMetres / kMapWidth; }
  [[nodiscard]] bool empty() const { return points.empty() && segments.empty(); }
  bool operator==(const PathNetwork&) const = default;
};

// The sections a kiosk can open on and Home can show, as profiles name them.
std::vector<std::string_view> kioskSectionNames();  // "home", "history", "directory", "tours", "exhibits", "map"
bool isKioskSection(std::string_view name);

// How one kiosk (or every kiosk of one location) is set up, delivered with the content. A
// kiosk's local config names its profile: [kiosk] profile = "museum".
struct KioskProfile {
  std::string id;
  LocalizedText name;
  std::string group;          // "museum", "lobby", "steamzone", ...: announcements and welcomes can target it
  MapPoint position;          // where the kiosk stands on the map ("You are here")
  int facing = 0;             // degrees clockwise from the top of the map: the way a visitor reading the screen looks
  std::string startSection;   // the section it opens on and returns to when idle; empty: "home"
  std::vector<std::string> homeSections;  // the sections Home shows, in order; empty: every section
  int idleTimeout = 0;        // seconds without a touch before the attract screen; 0: the kiosk's local default
  std::string opens;          // "HH:MM" park time the kiosk starts serving; empty (with closes): always
  std::string closes;         // "HH:MM" park time it stops; after opens
  std::vector<std::string> kiosks;  // the paired kiosks (their hub ids) that use it; a kiosk listed
                                    // nowhere uses the profile its local config names, if any
  bool sample = false;        // a position or setting invented for demonstration
  bool operator==(const KioskProfile&) const = default;
};

// Everything the park publishes, as the sources describe it and the store imports it.
struct ContentSet {
  Park park;
  std::vector<SourceDocument> sources;
  std::vector<Category> sectors;
  std::vector<Category> themes;
  std::vector<Milestone> milestones;
  std::vector<Place> places;
  std::vector<Tenant> tenants;
  std::vector<Exhibit> exhibits;
  std::vector<Itinerary> itineraries;
  std::vector<WelcomeMessage> welcomes;
  std::optional<PathNetwork> paths;  // nullopt: an import leaves the stored network as it is
  std::vector<KioskProfile> profiles;
};

// The kinds of record, as named in errors, search results and navigation requests.
enum class RecordKind { Park, Sector, Theme, Milestone, Place, Tenant, Exhibit, Itinerary, Welcome, Source, Paths, Profile };
std::string_view toString(RecordKind kind);
std::optional<RecordKind> recordKindFromString(std::string_view text);

// "HH:MM" with 00..23 and 00..59.
bool isClockTime(std::string_view text);
// "YYYY-MM-DD" naming a real day.
bool isIsoDate(std::string_view text);
// "YYYY-MM-DD", or "YYYY-MM" naming a month.
bool isIsoDateOrMonth(std::string_view text);
// "YYYY-MM-DDTHH:MM".
bool isIsoDateTime(std::string_view text);

}  // namespace qtsc::content
