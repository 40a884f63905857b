// What every screen shares: the services it may use (Context) and its life cycle (Screen).
// A screen reads content when it opens (onEnter) or when a query changes, never per frame,
// and asks the router to move on; it never talks to another screen.
#pragma once

#include <array>
#include <limits>
#include <stdexcept>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/i18n.hpp"
#include "core/router.hpp"
#include "core/visitor_session.hpp"
#include "services/services.hpp"
#include "qtsc/content/store.hpp"
#include "services/fleet_link.hpp"
#include "ui/image.hpp"
#include "ui/ui.hpp"

namespace qtsc::kiosk {


// What the shell does for the staff panel: sync status, "sync now" and leaving the kiosk.
class StaffActions {
 public:
  virtual ~StaffActions() = default;
  [[nodiscard]] virtual const SyncStatus& syncStatus() const = 0;
  virtual void syncNow() = 0;
  virtual void exitKiosk() = 0;
  // The pairing with the hub (its code while not paired); nullptr when no hub is configured.
  [[nodiscard]] virtual const PairingView* pairing() const = 0;
};

// Which kiosk this is, for what the content addresses to some kiosks only (welcomes): its
// hub id (empty until paired) and its profile's group (empty without a profile).
struct KioskIdentity {
  std::string hubId;
  std::string group;
};

// What a screen may use. Content is read-only; services are behind small interfaces; the
// screen changes nothing but its own state, the visitor's session and the route.
struct Context {
  const KioskConfig& config;
  const content::ContentStore& store;
  Router& router;
  const I18n& i18n;
  VisitorSession& session;
  ui::Ui& ui;
  DirectorySearch& search;
  ImageSource& images;
  const Clock& clock;
  UsageLog& usage;
  StaffActions& staff;
  const KioskIdentity& self;

  [[nodiscard]] const char* tr(const std::string& key) const { return i18n.tr(key, session.language); }
  [[nodiscard]] const std::string& lang() const { return session.language; }
  [[nodiscard]] const std::string& text(const content::LocalizedText& t) const { return t.in(session.language); }
};

class Screen {
 public:
  explicit Screen(Context& context) : ctx_(context) {}
  virtual ~Screen() = default;
  Screen(const Screen&) = delete;
  Screen& operator=(const Screen&) = delete;

  [[nodiscard]] virtual ScreenId id() const = 0;
  // Opens the screen: forgets the last read failure, then onEnter().
  void enter(const Route& route) {
    readError_.clear();
    onEnter(route);
  }
  virtual void onEnter(const Route& /*route*/) {}
  virtual void onLeave() {}
  // Draws the screen into the current window region (below the bar when it has one).
  virtual void draw() = 0;
  // Clock::seconds() at which the screen next looks different by itself (a highlight turning,
  // a welcome starting); infinity when only input or posted work changes it. The loop sleeps
  // until then and renders one frame.
  [[nodiscard]] virtual double nextChangeAt() const { return std::numeric_limits<double>::infinity(); }
  // Forget what the visitor did here (idle reset).
  virtual void reset() {}
  [[nodiscard]] virtual bool showsBar() const { return true; }
  // Why the content could not be read when the screen opened; empty when it could. The app
  // then shows a friendly error instead of an empty screen (drawReadError).
  [[nodiscard]] const std::string& readError() const { return readError_; }
  // Whether the screen draws its own read error (the staff panel, which must stay usable).
  [[nodiscard]] virtual bool drawsOwnReadError() const { return false; }

 protected:
  // In a screen's catch block: logs the failure with the screen's name and keeps it.
  void noteReadError(const std::exception& error);
  Context& ctx_;
  std::string readError_;
  ui::Ui& ui() { return ctx_.ui; }

 private:
  std::string lastLoggedError_;  // logged once until the cause changes
};

// The screens by their ScreenId. Each screen registers under the id it reports, once; the
// shell looks screens up by id, so the list's order means nothing.
class ScreenRegistry {
 public:
  // Throws std::logic_error when a screen with the same id is already there.
  void add(std::unique_ptr<Screen> screen);
  // Throws std::logic_error when no screen has `id` (a programmer error: makeScreens misses one).
  [[nodiscard]] Screen& get(ScreenId id) const;
  [[nodiscard]] bool has(ScreenId id) const;
  // Every screen, for what applies to all (the idle reset).
  template <typename Visit>
  void forEach(Visit&& visit) const {
    for (const auto& screen : screens_)
      if (screen) visit(*screen);
  }
  void clear() { screens_ = {}; }

 private:
  std::array<std::unique_ptr<Screen>, kScreenCount> screens_;
};

// Every screen: the one place screens are listed. The registry holds a screen for every
// ScreenId (throws std::logic_error otherwise).
ScreenRegistry makeScreens(Context& context);

// Shared pieces of screen layout.
namespace layout {
// A heading with an optional line under it, at the top of a screen.
void screenTitle(Context& ctx, const char* title, const char* subtitle = nullptr);
// What a visitor sees when the screen's content cannot be read: a calm card in both
// languages that points to the staff; the cause is in the log.
void drawReadError(Context& ctx);
// "Tuesday 14/11/2018" style date for "YYYY-MM-DD", localized; the input when malformed.
std::string date(const std::string& isoDate, const std::string& language);
std::string partialDate(const content::PartialDate& date, const std::string& language);
// A date with the day a document reported it, where that is all the document dates:
// "Tháng 7/2020 (tin ngày 16/7/2020)" / "July 2020 (reported 16 July 2020)"; the date alone
// when there is no report date.
std::string reportedDate(Context& ctx, const std::string& isoDate, const std::string& reportedIso);
std::string reportedDate(Context& ctx, const content::PartialDate& date, const content::PartialDate& reported);
// "Nguồn: QTSC (tiếng Anh); Báo Công an nhân dân (cand.com.vn), 16/3/2021", naming the documents
// a record's `source` cites, with a note of the names a document gives without diacritics;
// empty when it cites none.
std::string sourceLine(Context& ctx, const std::string& source);
// "1 kết quả", "12 kết quả", or, when more match than are listed, how many match ("200+" when
// the count stopped at its cap) and how many are listed, with how to narrow them.
std::string resultCount(Context& ctx, int total, bool capped, std::size_t listed);
// Draws sourceLine() in small muted text wrapped at `wrap`; nothing when it is empty.
void drawSourceLine(Context& ctx, const std::string& source, float wrap);
// How a screen with a search field splits the panel: the field and its keyboard beside the
// results on a wide panel, above them (the field the panel's width) on a tall one.
struct SearchColumns {
  bool stacked = false;
  float fieldW = 0.f;
  float resultsW = 0.f;
  float gap = 0.f;
};
SearchColumns searchColumns(Context& ctx, ImVec2 avail);
// After the field's group: beside it, or below it.
void nextColumn(Context& ctx, const SearchColumns& columns);
// What the visitor types: the field (`placeholder` while empty) over the on-screen keyboard,
// `width` wide. True when the text changed.
bool searchField(Context& ctx, std::string& text, const char* placeholder, float width);
}  // namespace layout

}  // namespace qtsc::kiosk
