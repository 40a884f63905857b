// Every screen class. Each lives in its own file (attract_screen.cpp, ...); makeScreens()
// in screen.cpp lists them in ScreenId order.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "screens/screen.hpp"
#include "screens/whereabouts.hpp"
#include "ui/qr.hpp"

namespace qtsc::kiosk {

// At start and after the idle timeout: the park, rotating highlights, today's welcome.
// A still picture between highlight changes, so an idle kiosk renders one frame per highlight.
class AttractScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Attract; }
  void onEnter(const Route& route) override;
  void draw() override;
  // The next highlight, or the next minute (a welcome may start or end).
  [[nodiscard]] double nextChangeAt() const override;
  [[nodiscard]] bool showsBar() const override { return false; }
  [[nodiscard]] bool drawsOwnReadError() const override { return true; }
  [[nodiscard]] const std::optional<content::WelcomeMessage>& welcome() const { return welcome_; }
  [[nodiscard]] std::size_t highlightCount() const { return highlights_.size(); }
  // Past twelve highlights, where the rotation is ("13 / 20") as last drawn; else empty.
  [[nodiscard]] const std::string& rotationCount() const { return rotationCount_; }
  // The picture drawn behind the highlight in the last frame; empty: none.
  [[nodiscard]] const std::string& shownPicture() const { return shownPicture_; }

 private:
  struct Highlight {
    std::string kindKey;  // interface string naming the kind
    content::LocalizedText title;
    content::LocalizedText body;
    std::string picture;  // the record's first picture, drawn behind the card; empty: none
  };
  void load();
  [[nodiscard]] double highlightPeriod() const;  // seconds each highlight stays
  content::HomeData home_;
  std::optional<content::WelcomeMessage> welcome_;
  std::vector<Highlight> highlights_;
  std::string rotationCount_;  // "13 / 20" under the highlight, past twelve highlights
  std::string shownPicture_;
  std::string loadedAt_;  // the minute the welcome was looked up for
  double enteredAt_ = 0.0;
  ScreenId start_ = ScreenId::Home;  // where a touch leads: the kiosk profile's start section
};

// Five large tiles and the park's figures.
class HomeScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Home; }
  void onEnter(const Route& route) override;
  void draw() override;
  // The History tile's line: how many milestones, since the year of the earliest.
  [[nodiscard]] std::string historySubtitle() const;

 private:
  content::HomeData home_;
  int milestoneCount_ = 0;
  int firstMilestoneYear_ = 0;  // 0: no dated milestone
  std::vector<std::string> sections_;  // the kiosk profile's homeSections; empty: every section
};

// The milestones on a horizontal timeline the visitor swipes.
class HistoryScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::History; }
  void onEnter(const Route& route) override;
  void draw() override;

 private:
  std::vector<content::Milestone> milestones_;
};

// One milestone's story, with the previous and next ones a tap away.
class MilestoneScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Milestone; }
  void onEnter(const Route& route) override;
  void draw() override;

 private:
  std::vector<content::Milestone> milestones_;
  int index_ = -1;
};

// Search with the on-screen keyboard, filters by sector and building, results as you type.
class DirectoryScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Directory; }
  void onEnter(const Route& route) override;
  void onLeave() override { countSearchOutcome(); }
  void draw() override;
  void reset() override;
  [[nodiscard]] const std::string& query() const { return query_.text; }
  [[nodiscard]] const std::vector<DirectoryRow>& rows() const { return rows_; }
  [[nodiscard]] std::string status() const;  // the line above the results, in the current language

 private:
  void requestResults();
  void requestMore();         // the untyped listing's next page, appended to rows_
  void countSearchOutcome();  // a typed search the visitor left with no results counts once
  std::string counted_;       // the search last counted
  DirectoryQuery query_;
  DirectoryQuery shown_;  // the query `rows_` answer
  bool waiting_ = false;
  std::vector<DirectoryRow> rows_;
  int total_ = 0;
  bool totalCapped_ = false;
  std::string error_;
  std::vector<content::Category> sectors_;
  std::vector<content::Place> buildings_;
  std::map<std::string, content::LocalizedText> sectorNames_;
  std::map<std::string, content::LocalizedText> placeNames_;
};

// One search across everything, from Home: units and companies, places, milestones, visits,
// exhibits and the chain's members, ranked together, each opening its own screen.
class SearchScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Search; }
  void onEnter(const Route& route) override;
  void onLeave() override { countSearchOutcome(); }
  void draw() override;
  void reset() override;
  [[nodiscard]] const std::string& query() const { return text_; }
  [[nodiscard]] const std::vector<content::SearchHit>& hits() const { return result_.hits; }
  [[nodiscard]] std::string status() const;  // the line above the results, in the current language
  // The line under a hit's title: its kind, then its place, theme, origin or date.
  [[nodiscard]] std::string detailOf(const content::SearchHit& hit) const;
  // Where a hit leads: the screen that shows its record.
  [[nodiscard]] static Route routeOf(const content::SearchHit& hit);

 private:
  void requestResults();
  void requestMore();         // the untyped listing's next page, appended to rows_
  void countSearchOutcome();  // a typed search the visitor left with no results counts once
  std::string text_;
  std::string counted_;
  bool waiting_ = false;
  EverythingResult result_;  // answers result_.text
};

// The QTSC chain: its official members, and apart from them, marked as planned, the localities
// it plans to admit, each with the visits of delegations from that locality.
class ChainScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Chain; }
  void onEnter(const Route& route) override;  // route.arg: a member to mark (from a search)
  void draw() override;
  struct Entry {
    content::ChainMember member;
    std::vector<content::Itinerary> visits;  // real visits whose delegation comes from its locality
  };
  [[nodiscard]] const std::vector<Entry>& members() const { return members_; }
  [[nodiscard]] const std::vector<Entry>& planned() const { return planned_; }

 private:
  void drawEntry(const Entry& entry, float width, bool planned);
  std::vector<Entry> members_, planned_;
  std::string marked_;
};

// A tenant: what it does, where it is (its building on the map), its website as a QR code.
class TenantScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Tenant; }
  void onEnter(const Route& route) override;
  void draw() override;

 private:
  std::optional<content::Tenant> tenant_;
  std::vector<content::Place> places_;
  std::map<std::string, content::LocalizedText> sectorNames_;
  ui::QrCode qr_;
  Whereabouts where_;
};

// Delegation visits: today's and upcoming first, then past ones.
class ToursScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Tours; }
  void onEnter(const Route& route) override;
  void draw() override;

 private:
  std::vector<content::Itinerary> today_, upcoming_, past_;
};

// One visit: its stops as a timeline, its route on the map, a QR code to take it along.
class ItineraryScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Itinerary; }
  void onEnter(const Route& route) override;
  void draw() override;
  [[nodiscard]] const ui::QrCode& qr() const { return qr_; }

 private:
  std::string plainText() const;
  void drawRouteMap(float width);  // the stops on the park map and the button to the full route
  std::optional<content::Itinerary> itinerary_;
  std::vector<content::Place> places_;
  ui::QrCode qr_;
  std::string qrLanguage_;
  Whereabouts where_;
  std::vector<content::MapPoint> walk_;  // the visit's route along the paths; empty: straight legs
};

// STEAMZONE: exhibits by theme.
class SteamScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Steam; }
  void onEnter(const Route& route) override;
  void draw() override;
  void reset() override { theme_.clear(); }

 private:
  std::vector<content::Category> themes_;
  std::vector<content::Exhibit> exhibits_;
  std::string theme_;  // empty: every theme
};

// One exhibit: what it is, how it works, how to try it.
class ExhibitScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Exhibit; }
  void onEnter(const Route& route) override;
  void draw() override;

 private:
  std::optional<content::Exhibit> exhibit_;
  content::LocalizedText themeName_;
  bool canGuide_ = false;  // directions to the STEAMZONE centre, where the exhibits are
};

// A short quiz on an exhibit, with a score and every right answer explained.
class QuizScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Quiz; }
  void onEnter(const Route& route) override;
  void draw() override;
  void reset() override;
  [[nodiscard]] int score() const;
  [[nodiscard]] bool finished() const { return finished_; }
  [[nodiscard]] int questionIndex() const { return index_; }

 private:
  void drawResults();
  std::optional<content::Exhibit> exhibit_;
  std::vector<int> answers_;  // chosen choice per question, -1 when not yet answered
  int index_ = 0;
  bool finished_ = false;
};

// The schematic park map; with "itinerary:<id>" it shows that visit's route along the paths,
// with "directions:<place id>" the walk from this kiosk to the place, its distance and
// minutes, and a QR code that carries the directions to a phone.
class MapScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Map; }
  void onEnter(const Route& route) override;
  void draw() override;
  [[nodiscard]] const content::WalkingRoute& walk() const { return walk_; }
  [[nodiscard]] const ui::QrCode& qr() const { return qr_; }
  // The map's pinch zoom (--shots zooms it in; tests read it). Every visit opens it whole.
  ui::ZoomView& zoom() { return zoom_; }

 private:
  void drawDirections(float width);
  ui::ZoomView zoom_;
  std::vector<content::Place> places_;
  std::optional<content::Itinerary> itinerary_;
  std::optional<content::Place> destination_;
  content::WalkingRoute walk_;
  ui::QrCode qr_;
  Whereabouts where_;
};

// A place: what it is and who is in it.
class PlaceScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Place; }
  void onEnter(const Route& route) override;
  void draw() override;

 private:
  std::optional<content::Place> place_;
  std::vector<content::Place> places_;
  std::vector<content::TenantSummary> tenants_;
  Whereabouts where_;
};

// Hidden staff panel, behind the PIN from the config.
class StaffScreen final : public Screen {
 public:
  using Screen::Screen;
  [[nodiscard]] ScreenId id() const override { return ScreenId::Staff; }
  [[nodiscard]] bool drawsOwnReadError() const override { return true; }
  void onEnter(const Route& route) override;
  void onLeave() override { reset(); }
  void draw() override;
  // Leaving or an idle reset locks the panel; the count of wrong PINs and a lockout stay.
  void reset() override { unlocked_ = false; entered_.clear(); wrongPin_ = false; confirmingExit_ = false; }
  [[nodiscard]] bool unlocked() const { return unlocked_; }
  // While locked out after wrong PINs: redrawn each second for the countdown.
  [[nodiscard]] double nextChangeAt() const override;
  [[nodiscard]] double lockedFor() const;  // seconds left of the lockout; 0 when the keypad works

  static constexpr int kFreeTries = 3;            // wrong PINs before the first lockout
  static constexpr double kFirstLockout = 30.0;   // seconds; doubled by each further wrong PIN
  static constexpr double kLongestLockout = 900.0;

 private:
  void drawKeypad();
  void drawPanel();
  void checkPin();
  bool unlocked_ = false;
  bool wrongPin_ = false;
  bool confirmingExit_ = false;
  int failures_ = 0;          // wrong PINs since the last right one
  double lockedUntil_ = 0.0;  // clock seconds
  std::string entered_;
  long long contentVersion_ = 0;
  int tenantCount_ = 0;
};

// Shared helpers for screens.
namespace text {
// At most `maxBytes` of `text`, cut at a word boundary, with "…" when shortened.
std::string excerpt(const std::string& text, std::size_t maxBytes);
}

}  // namespace qtsc::kiosk
