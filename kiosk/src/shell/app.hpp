// The kiosk's shell: it owns the platform (SDL, the window and renderer, Dear ImGui), the
// content store, the services and the screens, draws the persistent bar and the staff corner,
// and switches content. The loop itself is the Runner's (runtime/runner.hpp); the App is its
// LoopClient.
//
// Outside the opening hours ([hours]) the screen is black but for a dim notice of when it opens, and the loop only wakes to check the
// time.
//
// Content: the database sync installed when there is one, else the bundled one. A version
// installed while running is opened on the sync thread and switched in on the Attract screen.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "services/content_updater.hpp"
#include "services/fleet_link.hpp"
#include "core/i18n.hpp"
#include "runtime/platform.hpp"
#include "runtime/runner.hpp"
#include "core/router.hpp"
#include "services/image_cache.hpp"
#include "services/search_worker.hpp"
#include "services/sync_now.hpp"
#include "screens/screen.hpp"
#include "ui/ui.hpp"

struct SDL_Window;
struct SDL_Renderer;
union SDL_Event;

namespace qtsc::kiosk {

struct AppOptions {
  KioskConfig config;
  std::string databasePath;  // resolved by resolveDatabasePath() when empty
  std::string assetsDir;     // resolved by resolveAssetsDir() when empty
  bool headless = false;     // software renderer, hidden window: tests, benchmarks, shots
  std::string now;           // "YYYY-MM-DDTHH:MM": pins park time; empty: the wall clock
  bool frozenClock = false;  // monotonic time moves only through Clock::advance (tests)
  SyncHook syncHook;         // the staff panel's "sync now"; empty: the [sync] section's, or "not configured"
  bool startSync = true;     // with [sync] set: poll the publisher; false shows what is installed and never syncs
  std::string screenshotPath;  // with exitAfterFrames: the last frame of the window, as PNG
  int exitAfterFrames = 0;     // frames to render before exiting; 0 = run until told to quit
  std::string fontRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
  std::string fontBold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
};

// Where the bundled content and assets are: the paths baked in at build time, else next to
// the program (../share/park.db, ../share/kiosk/).
std::string resolveDatabasePath(const std::string& configured);
std::string resolveAssetsDir(const std::string& configured);


class App final : public LoopClient, private StaffActions {
 public:
  explicit App(AppOptions options);  // throws StartupError with a message for a person
  ~App() override;
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  int run();  // the event loop, until exit from the staff panel or the window closes

  // ---- frame-level control (the loop, the test harness, shots and benchmarks) ----------
  void buildFrame();    // NewFrame .. Render: the UI for one frame, no pixels
  void presentFrame();  // draws the last built frame and presents it
  void renderFrame() override { buildFrame(); presentFrame(); }
  void handleEvent(const SDL_Event& event) override;
  bool drainWork() override;  // runs posted results; true when any
  void waitForWorkers();   // blocks until searches, images and sync are done
  void checkIdle();        // Attract and a reset after the idle timeout
  // The whole seconds left of the "Still there?" countdown before the idle reset; nullopt
  // while the visitor is active (or on Attract, or closed). A touch ends it and keeps the visit.
  [[nodiscard]] std::optional<int> idleCountdown() const;
  void resetToAttract();
  // UI thread: new content, switched in on the Attract screen (now, or when it next shows).
  void offerContent(std::unique_ptr<content::ContentStore> store, long long version);
  [[nodiscard]] bool contentPending() const { return pendingStore_ != nullptr; }
  // Opening hours: true while closed (a black screen with a dim notice). Checked each pass of the loop.
  [[nodiscard]] bool closed() const { return closed_; }
  // What the dimmed closed screen says, in Vietnamese then English: that it is closed and when it opens.
  [[nodiscard]] std::vector<std::string> closedNotice() const;
  void checkOpeningHours();
  // The kiosk profile the local config names sets the idle timeout and opening hours over
  // the local ones (kept in localDefaults_); run whenever the content is (re)opened.
  void applyProfile();
  void pairedAs(const std::string& kioskId);
  bool savePng(const std::string& path);  // the last presented frame
  // The fleet link (nullptr without sync.hub_url), the announcements the last frame drew (in
  // the visitor's language) and the pairing state the staff panel shows.
  FleetLink* fleet() { return fleet_.get(); }
  [[nodiscard]] const std::vector<std::string>& announcementsDrawn() const { return announcementsDrawn_; }
  [[nodiscard]] const PairingView* pairing() const override { return fleet_ ? &pairing_ : nullptr; }
  // A pointer the harness drives instead of the real mouse (nullopt: the real one).
  struct Pointer { float x = -1.f, y = -1.f; bool down = false; };
  void setSyntheticPointer(std::optional<Pointer> pointer);
  void noteInput();

  // ---- state --------------------------------------------------------------------------
  [[nodiscard]] ScreenId currentScreen() const { return router_.current().screen; }
  [[nodiscard]] const Route& currentRoute() const { return router_.current(); }
  Router& router() { return router_; }
  [[nodiscard]] const KioskConfig& config() const { return options_.config; }
  VisitorSession& session() { return session_; }
  ui::Ui& ui() { return ui_; }
  Clock& clock() { return clock_; }
  SyncNowRunner& sync() { return *sync_; }
  UsageCounter& usage() { return usage_; }
  ImageCache& images() { return *images_; }
  content::ContentStore& store() { return *store_; }
  Screen& screen(ScreenId id) { return screens_.get(id); }
  [[nodiscard]] const LoopPolicy& policy() const { return policy_; }
  [[nodiscard]] const I18n& i18n() const { return i18n_; }
  [[nodiscard]] bool quitRequested() const override { return quit_; }
  [[nodiscard]] int width() const;
  [[nodiscard]] int height() const;

 private:
  // LoopClient, for the runner.
  [[nodiscard]] double seconds() const override { return clock_.seconds(); }
  bool updateByTime() override;
  [[nodiscard]] double nextChangeAt() const override;
  [[nodiscard]] double nextCheckAt() const override;
  [[nodiscard]] bool animating() const override { return !closed_ && ui_.wantsAnimation(); }
  [[nodiscard]] bool acceptsInput() const override { return !closed_; }
  [[nodiscard]] bool wantsFrames() const override;
  std::optional<int> afterFrame(int framesRendered) override;

  // StaffActions, for the staff panel.
  [[nodiscard]] const SyncStatus& syncStatus() const override { return sync_->status(); }
  void syncNow() override;
  void exitKiosk() override { quit_ = true; }

  void applyNavigation();
  void rebuildFontsIfNeeded();
  void drawBar();
  void drawAnnouncements();  // the band over every screen
  void drawIdleWarning();    // "Still there?" over every screen, with its countdown
  void drawClosedNotice();   // outside opening hours: dim text on black, when the kiosk opens
  [[nodiscard]] double idleWarningSeconds() const;
  void sendScreenshot();     // after a present, when the hub asked
  void updateFleetStatus();
  void drawPairingNotice();  // Attract, while not paired: the code and where to type it  // after a present: what the hub's fleet page shows of this kiosk
  void detectStaffCorner();
  void switchContentIfSafe();
  void fallBackIfUnreadable();  // a screen could not read installed content: an older version, then the bundled one
  void makeContentServices();  // search, images, screens on the current store
  void countOpened(const Route& route);

  AppOptions options_;
  LoopPolicy policy_;
  // The platform, first so that it goes last (platform.hpp).
  std::optional<SdlLibrary> sdl_;
  WindowHandle window_;
  RendererHandle renderer_;
  std::optional<ImGuiSession> imgui_;
  Clock clock_;
  I18n i18n_;
  VisitorSession session_;
  Router router_;
  ui::Ui ui_;
  std::unique_ptr<content::ContentStore> store_;
  std::unique_ptr<content::ContentStore> pendingStore_;  // installed by sync (or fallen back to), not yet shown
  bool pendingFromSync_ = false;
  long long pendingVersion_ = 0;
  bool contentFromSync_ = false;  // images resolve through the sync data folder
  long long syncedVersion_ = 0;   // the installed version shown, when contentFromSync_
  UsageCounter usage_;
  std::unique_ptr<ContentUpdater> contentSync_;
  std::unique_ptr<UiQueue> queue_;
  std::unique_ptr<SearchWorker> search_;
  std::unique_ptr<ImageCache> images_;
  std::unique_ptr<SyncNowRunner> sync_;
  std::unique_ptr<FleetLink> fleet_;
  sync::fleet::AnnouncementsDocument announcements_;  // the verified ones held, from the fleet link
  KioskIdentity self_;                                // the id it was paired as, its profile's group
  std::vector<std::string> announcementsDrawn_;
  PairingView pairing_;
  bool screenshotWanted_ = false;
  std::unique_ptr<Context> context_;
  ScreenRegistry screens_;
  std::optional<Pointer> synthetic_;
  bool quit_ = false;
  std::vector<std::string> closedDrawn_;  // what the last closed frame said
  std::optional<int> countdownDrawn_;  // what the last frame's idle warning said
  bool warningHeld_ = false;           // the finger that ended the warning is still down: the overlay stays till it lifts
  double lastInput_ = 0.0;  // Clock::seconds() of the latest input
  int builtTextSize_ = -1;  // VisitorSession::textSize the font atlas was built for
  std::vector<double> cornerTaps_;  // Clock::seconds() of recent taps in the staff corner
  bool frameBuilt_ = false;
  bool closed_ = false;  // outside the opening hours
  struct LocalDefaults {
    float idleTimeout;
    int openMinute;
    int closeMinute;
    std::string profile;
  };
  std::optional<LocalDefaults> localDefaults_;  // the local config's own, before a profile
  // What the status last given to the fleet link said.
  std::optional<Route> statusRoute_;
  bool statusClosed_ = false;
  std::string statusGroup_;
  std::string statusProfile_;
};

}  // namespace qtsc::kiosk
