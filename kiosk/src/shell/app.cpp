// [SECTION] Paths
// [SECTION] Start and stop
// [SECTION] The loop
// [SECTION] One frame
// [SECTION] The persistent bar
// [SECTION] Idle reset and the staff corner
// [SECTION] Content from sync
// [SECTION] Opening hours
// [SECTION] Screenshots
// [SECTION] The fleet: announcements and screenshots for the hub
#include "shell/app.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <malloc.h>
#include <limits>
#include <string>

#include "qtsc/content/store.hpp"
#include "ui/gallery.hpp"
#include <spdlog/spdlog.h>

namespace qtsc::kiosk {

namespace fs = std::filesystem;

// ---- [SECTION] Paths --------------------------------------------------------------------
namespace {
std::string besideProgram(const std::string& relative) {
  char* base = SDL_GetBasePath();  // ".../bin/"
  if (!base) return {};
  std::string path = std::string(base) + relative;
  SDL_free(base);
  return path;
}

// An installed kiosk reads its installed files (share/qtsc-kiosk/ beside bin/, whatever the
// prefix), even where a build tree is on the same machine; the build tree's files are read
// only by a kiosk that runs from that tree's bin/.
bool runningFromBuildTree() {
  const std::string base = besideProgram("");
  std::error_code error;
  return !base.empty() && fs::equivalent(base, QTSC_BUILD_TREE_BIN_DIR, error);
}
}  // namespace

std::string resolveDatabasePath(const std::string& configured) {
  if (!configured.empty()) return configured;
  const std::string installed = besideProgram("../share/qtsc-kiosk/park.db");
  if (!installed.empty() && fs::exists(installed)) return installed;
  return runningFromBuildTree() ? QTSC_PARK_DB_DEFAULT : installed;
}

std::string resolveAssetsDir(const std::string& configured) {
  if (!configured.empty()) return configured;
  const std::string installed = besideProgram("../share/qtsc-kiosk/assets");
  if (!installed.empty() && fs::exists(fs::path(installed) / "strings/ui.toml")) return installed;
  return runningFromBuildTree() ? QTSC_KIOSK_ASSETS_DEFAULT : installed;
}

namespace {
// One 8-bit channel of an ImGui colour, for SDL calls that take them apart.
Uint8 channel(ImU32 colour, unsigned shift) { return static_cast<Uint8>((colour >> shift) & 0xFFu); }
}  // namespace

// ---- [SECTION] Start and stop -----------------------------------------------------------
App::App(AppOptions options) : options_(std::move(options)) {
  // A decoded picture is megabytes (a 1920 x 1080 one is 8 MB) and lives briefly: on its way
  // to a texture, or made into a thumbnail. glibc raises its mmap threshold as such blocks are
  // freed and then keeps them in the heap, where they stay resident; a fixed threshold gives
  // every block over 1 MiB back to the system when it is freed.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  const KioskConfig& config = options_.config;
  policy_.idleTimeout = static_cast<double>(config.idleTimeout);
  policy_.framesAfterInput = config.framesAfterInput;
  session_.language = config.defaultLanguage;
  if (options_.frozenClock) clock_.freeze();
  if (!options_.now.empty() && !clock_.pinNow(options_.now))
    throw StartupError("--now: expected YYYY-MM-DDTHH:MM, got '" + options_.now + "'");

  // An explicit --content wins; then what sync installed, newest first; then the configured or
  // bundled file. A database that cannot be read is passed over, and the log says why.
  struct Candidate {
    std::string path;
    bool fromSync = false;
    long long version = 0;
  };
  std::vector<Candidate> candidates;
  const bool explicitContent = !options_.databasePath.empty();
  if (!explicitContent) {
    try {
      for (const auto& installed : installedVersions(config))
        candidates.push_back(Candidate{installed.database.string(), true, installed.version});
    } catch (const std::exception& error) {
      spdlog::error("the synced content cannot be listed ({}); using the bundled content", error.what());
    }
  }
  candidates.push_back(Candidate{resolveDatabasePath(explicitContent ? options_.databasePath : config.database), false, 0});
  options_.assetsDir = resolveAssetsDir(options_.assetsDir.empty() ? config.assets : options_.assetsDir);
  for (std::size_t i = 0; i < candidates.size() && !store_; ++i) {
    const Candidate& candidate = candidates[i];
    const std::string what =
        candidate.fromSync ? "installed content version " + std::to_string(candidate.version)
                           : std::string(explicitContent ? "the content database" : "the bundled content");
    try {
      auto store = std::make_unique<content::ContentStore>(candidate.path, content::ContentStore::Mode::ReadOnly);
      checkContentReadable(*store);
      store_ = std::move(store);
      options_.databasePath = candidate.path;
      contentFromSync_ = candidate.fromSync;
      syncedVersion_ = candidate.version;
      if (i > 0) spdlog::warn("showing {} ({})", what, candidate.path);
    } catch (const std::exception& error) {
      if (i + 1 == candidates.size()) throw StartupError("cannot open " + what + ": " + error.what());
      spdlog::error("{} cannot be shown ({}): {}; falling back to {}", what, candidate.path, error.what(),
                    candidates[i + 1].fromSync ? "version " + std::to_string(candidates[i + 1].version) : "the bundled content");
    }
  }
  applyProfile();
  try {
    i18n_.load((fs::path(options_.assetsDir) / "strings/ui.toml").string());
  } catch (const std::exception& error) {
    throw StartupError(error.what());
  }

  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  // Fingers are read as fingers (ui/touch.hpp): SDL does not also make a mouse of the first
  // one, and does not grab the mouse during a press (the pointer comes from events anyway).
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_AUTO_CAPTURE, "0");
  sdl_.emplace();
  // The software renderer presents through the video driver's own framebuffer: shared memory
  // on X11, plain memory offscreen. Left alone, SDL passes each frame through an OpenGL
  // texture instead, which without a GPU is Mesa's llvmpipe: some 60 MB of LLVM resident and
  // more time per frame on its threads than the drawing itself. Accelerated renderers never
  // take this path; Wayland has no framebuffer of its own and keeps SDL's default.
  if (const char* driver = SDL_GetCurrentVideoDriver();
      driver && (std::string(driver) == "x11" || std::string(driver) == "offscreen"))
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  Uint32 flags = SDL_WINDOW_SHOWN;
  int w = config.windowWidth, h = config.windowHeight;
  if (config.fullscreen && !options_.headless) {
    SDL_DisplayMode mode;
    if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
      w = mode.w;
      h = mode.h;
    }
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  }
  if (options_.headless) flags = SDL_WINDOW_HIDDEN;
  window_.reset(SDL_CreateWindow("QTSC", SDL_WINDOWPOS_CENTERED_DISPLAY(0), SDL_WINDOWPOS_CENTERED_DISPLAY(0), w, h, flags));
  if (!window_.get()) throw StartupError(std::string("cannot open a window: ") + SDL_GetError());
  if (!options_.headless) renderer_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
  if (!renderer_.get()) renderer_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_SOFTWARE));
  if (!renderer_.get()) throw StartupError(std::string("cannot create a renderer: ") + SDL_GetError());
  if (!config.fullscreen || options_.headless) SDL_ShowCursor(SDL_ENABLE); else SDL_ShowCursor(SDL_DISABLE);
  // In fullscreen a window manager's close (Alt+F4) must not end the kiosk: without this SDL
  // turns the last window's close into SDL_QUIT. SIGTERM from systemd still quits.
  SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, config.fullscreen ? "0" : "1");

  // Sizes: layout scales with the window height; touch targets follow the panel's DPI.
  SDL_GetWindowSize(window_.get(), &w, &h);
  // By the height, as designed for 1080 px, but never wider than the panel allows: a portrait
  // or 4:3 panel is laid out for its width (the design is 1920 wide; 25 % narrower still fits).
  ui_.scale = config.uiScale > 0.f ? config.uiScale
                                   : std::max(0.5f, std::min(static_cast<float>(h) / 1080.f, static_cast<float>(w) / 1920.f * 1.25f));
  float dpi = config.dpi;
  if (dpi <= 0.f) {
    float ddpi = 0.f, hdpi = 0.f, vdpi = 0.f;
    if (!options_.headless && SDL_GetDisplayDPI(0, &ddpi, &hdpi, &vdpi) == 0 && hdpi > 0.f) dpi = hdpi;
    else dpi = 96.f;
  }
  ui_.touchMin = std::ceil(config.minTouchMm / 25.4f * dpi);
  if (!options_.headless) {
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(renderer_.get(), &info);
    spdlog::info("{}x{} {} window, video driver {}, renderer {}", w, h,
                 (SDL_GetWindowFlags(window_.get()) & SDL_WINDOW_FULLSCREEN) ? "fullscreen" : "windowed",
                 SDL_GetCurrentVideoDriver(), info.name ? info.name : "?");
  }

  imgui_.emplace(window_.get(), renderer_.get());
  ui_.applyStyle();
  rebuildFontsIfNeeded();

  queue_ = std::make_unique<UiQueue>(SDL_RegisterEvents(1));
  if (config.syncConfigured() && !options_.startSync && !options_.syncHook)
    options_.syncHook = [] { return SyncNowResult{false, "this program only shows what is installed; it does not sync"}; };
  if (config.syncConfigured() && options_.startSync) {
    sync::SyncConfig syncConfig = syncConfigFrom(config);
    syncConfig.usageCounts = [this] { return usage_.take(); };  // runs on the sync thread
    contentSync_ = std::make_unique<ContentUpdater>(
        std::move(syncConfig), *queue_,
        [this](std::unique_ptr<content::ContentStore> store, long long version) { offerContent(std::move(store), version); },
        [this](const sync::LastResult& last) { recordLastResult(*sync_, last); });
    if (!options_.syncHook) options_.syncHook = [this] { return contentSync_->syncNow(); };
  }
  sync_ = std::make_unique<SyncNowRunner>(*queue_, options_.syncHook);
  if (config.syncConfigured() && !options_.startSync) {
    // The staff panel still tells what the kiosk's own sync last did.
    try {
      if (auto last = sync::readLastResult(config.syncStateDir)) recordLastResult(*sync_, *last);
    } catch (const std::exception& error) {
      spdlog::warn("the last sync result cannot be read: {}", error.what());
    }
  }
  if (auto fleetSettings = fleetLinkSettingsFrom(config); fleetSettings && options_.startSync) {
    FleetLink::Callbacks callbacks;
    callbacks.announcements = [this](const sync::fleet::AnnouncementsDocument& document, const std::string& kioskId) {
      announcements_ = document;
      pairedAs(kioskId);
    };
    callbacks.pairing = [this](const PairingView& view) {
      pairing_ = view;
      if (view.paired) pairedAs(view.kioskId);
    };
    callbacks.screenshotWanted = [this] { screenshotWanted_ = true; };
    // On the fleet thread: the same sync as the staff panel's, which blocks until it is done.
    callbacks.syncNow = [hook = options_.syncHook] {
      if (!hook) return spdlog::warn("the hub asked for a sync now, but sync is not configured");
      const SyncNowResult result = hook();
      spdlog::info("sync now from the hub: {}", result.message);
    };
    fleet_ = std::make_unique<FleetLink>(std::move(*fleetSettings), *queue_, std::move(callbacks));
  }
  makeContentServices();
  lastInput_ = clock_.seconds();
  closed_ = !isOpenAt(options_.config, clock_.nowIso());
  screen(ScreenId::Attract).enter(router_.current());
}

void App::makeContentServices() {
  const KioskConfig& config = options_.config;
  search_ = std::make_unique<SearchWorker>(options_.databasePath, *queue_);
  ImageCache::Resolver resolve;
  if (contentFromSync_) {
    resolve = [dataDir = std::filesystem::path(config.syncDataDir)](const std::string& name) {
      try {
        if (auto path = sync::assetPath(dataDir, name)) return path->string();
      } catch (const std::exception& error) {
        spdlog::warn("the installed asset list cannot be read for {}: {}", name, error.what());  // worker thread
      }
      return std::string();
    };
  }
  images_ = std::make_unique<ImageCache>(options_.assetsDir, renderer_.get(), *queue_, config.imageCacheEntries, config.maxImagePixels,
                                         static_cast<long long>(config.textureBudgetMb) << 20, std::move(resolve));
  context_ = std::make_unique<Context>(Context{options_.config, *store_, router_, i18n_, session_, ui_, *search_,
                                               *images_, clock_, usage_, *this, self_});
  screens_ = makeScreens(*context_);
}

App::~App() {
  // First phase: every worker stops, so nothing more is posted. The sync thread is asked
  // first: that releases a "sync now" the staff runner's worker is waiting in.
  if (fleet_) fleet_->stop();
  if (contentSync_) contentSync_->stop();
  if (sync_) sync_->stop();
  if (contentSync_) contentSync_->join();
  if (fleet_) fleet_->join();
  if (search_) search_->stop();
  if (images_) images_->stop();
  // Second phase: what they posted runs while everything it touches still exists.
  if (queue_) queue_->drain();
  // Third: destroy, users before what they use.
  screens_.clear();
  context_.reset();
  sync_.reset();
  fleet_.reset();
  contentSync_.reset();
  images_.reset();
  search_.reset();
  queue_.reset();
  // Then the platform members, in reverse: ImGui, the renderer, the window, SDL.
}

int App::width() const {
  int w = 0, h = 0;
  SDL_GetWindowSize(window_.get(), &w, &h);
  return w;
}

int App::height() const {
  int w = 0, h = 0;
  SDL_GetWindowSize(window_.get(), &w, &h);
  return h;
}

// ---- [SECTION] The loop -----------------------------------------------------------------
int App::run() { return Runner(policy_).run(*this); }

bool App::updateByTime() {
  const bool wasClosed = closed_;
  checkOpeningHours();
  const ScreenId before = currentScreen();
  ui_.input.expire(clock_.seconds());  // a contact that never lifts lets go (ui/touch.hpp)
  checkIdle();
  const bool countdownChanged = idleCountdown() != countdownDrawn_;
  const std::vector<std::string> drawn = announcementsDrawn_;
  bool announcementsChanged = false;
  if (!closed_) {
    std::vector<std::string> now;
    for (const auto& a : sync::fleet::showing(announcements_, self_.hubId, self_.group, clock_.unixSeconds()))
      now.push_back(a.text.value(session_.language, a.text.value("vi", std::string())));
    announcementsChanged = now != drawn;
  }
  // Past midnight "tomorrow" becomes "today": the closed notice is drawn again when it changes.
  const bool noticeChanged = closed_ && closedNotice() != closedDrawn_;
  return wasClosed != closed_ || currentScreen() != before || announcementsChanged || countdownChanged || noticeChanged;
}

double App::nextChangeAt() const {
  // The screen's own next change (Attract's next highlight); never while closed.
  return closed_ ? std::numeric_limits<double>::infinity() : screens_.get(currentScreen()).nextChangeAt();
}

double App::nextCheckAt() const {
  double at = std::numeric_limits<double>::infinity();
  if (currentScreen() != ScreenId::Attract && !closed_) {
    at = lastInput_ + policy_.idleTimeout + 0.01;
    // The countdown is drawn when it starts and again each time its whole seconds change.
    if (const double warning = idleWarningSeconds(); warning > 0) {
      const double starts = lastInput_ + policy_.idleTimeout - warning;
      const double now = clock_.seconds();
      if (now < starts) at = std::min(at, starts + 0.001);
      else at = std::min(at, now + std::fmod(lastInput_ + policy_.idleTimeout - now, 1.0) + 0.001);
    }
  }
  if (closed_ || options_.config.openMinute != 0 || options_.config.closeMinute != 24 * 60)
    at = std::min(at, clock_.seconds() + 30.0);  // opening and closing are checked to the half minute
  if (const auto expiry = ui_.input.nextExpiry()) at = std::min(at, *expiry);
  // An announcement appears and goes away by the park clock.
  const long long unixNow = clock_.unixSeconds();
  for (const auto& a : announcements_.announcements)
    for (const long long edge : {a.starts, a.ends})
      if (edge > unixNow) at = std::min(at, clock_.seconds() + static_cast<double>(edge - unixNow) + 0.5);
  return at;
}

bool App::wantsFrames() const {
  return options_.exitAfterFrames > 0 || router_.hasPending() || contentPending() || ui_.input.pending() || screenshotWanted_;
}

std::optional<int> App::afterFrame(int framesRendered) {
  if (options_.exitAfterFrames <= 0 || framesRendered < options_.exitAfterFrames) return std::nullopt;
  if (options_.screenshotPath.empty() || savePng(options_.screenshotPath)) return 0;
  std::fprintf(stderr, "kiosk: cannot save the frame to %s: %s\n", options_.screenshotPath.c_str(), SDL_GetError());
  return 1;
}

void App::handleEvent(const SDL_Event& event) {
  ImGui_ImplSDL2_ProcessEvent(&event);
  // The pointer ImGui sees comes from these events, not from the backend's polling (ui/touch.hpp).
  const ImVec2 window(static_cast<float>(width()), static_cast<float>(height()));
  if (ui_.input.handle(event, clock_.seconds(), window)) noteInput();
  switch (event.type) {
    case SDL_QUIT: quit_ = true; break;
    case SDL_WINDOWEVENT:
      if (event.window.event != SDL_WINDOWEVENT_CLOSE) break;
      if (options_.config.fullscreen) spdlog::info("the window was asked to close; a fullscreen kiosk stays (Exit in the staff panel, or stop the service)");
      else quit_ = true;
      break;
    case SDL_KEYDOWN:
    case SDL_TEXTINPUT: noteInput(); break;
    default: break;
  }
}

void App::noteInput() { lastInput_ = clock_.seconds(); }

bool App::drainWork() { return queue_->drain(); }

void App::waitForWorkers() {
  search_->waitIdle();
  images_->waitIdle();
  sync_->waitIdle();
  drainWork();
}

void App::setSyntheticPointer(std::optional<Pointer> pointer) {
  synthetic_ = pointer;
  noteInput();
}

// ---- [SECTION] One frame ----------------------------------------------------------------
void App::applyNavigation() {
  if (auto left = router_.applyPending()) {
    ui_.lightbox.close();  // a picture seen full screen belongs to the screen it was opened on
    screen(left->screen).onLeave();
    screen(currentScreen()).enter(router_.current());
    if (left->screen == ScreenId::Attract && currentScreen() != ScreenId::Staff && currentScreen() != ScreenId::Attract)
      usage_.sessionStarted();
    countOpened(router_.current());
  }
}

void App::countOpened(const Route& route) {
  switch (route.screen) {
    case ScreenId::Attract:
    case ScreenId::Staff: return;  // not a visitor's choice
    case ScreenId::Milestone:
    case ScreenId::Tenant:
    case ScreenId::Itinerary:
    case ScreenId::Exhibit:
    case ScreenId::Place:
      if (!route.arg.empty()) usage_.opened(std::string(screenName(route.screen)) + ":" + route.arg);
      break;
    default: break;
  }
  usage_.opened("screen:" + std::string(screenName(route.screen)));
}

void App::rebuildFontsIfNeeded() {
  if (builtTextSize_ == session_.textSize) return;
  session_.textSize = std::clamp(session_.textSize, 0, static_cast<int>(std::size(kTextScales)) - 1);
  ui_.textScale = kTextScales[session_.textSize];
  if (builtTextSize_ >= 0) ImGui_ImplSDLRenderer_DestroyFontsTexture();
  if (!ui_.buildFonts(options_.fontRegular, options_.fontBold)) {
    spdlog::warn("cannot load Noto Sans from {}; using the built-in font", options_.fontRegular);
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFont* fallback = io.Fonts->AddFontDefault();
    ui_.fonts = ui::Fonts{fallback, fallback, fallback, fallback, fallback, fallback};
    io.Fonts->Build();
  }
  // The renderer keeps its own copy of the atlas; ImGui's Alpha8 and RGBA32 copies are freed.
  // A text-size change rebuilds the atlas from the font files.
  ImGui_ImplSDLRenderer_CreateFontsTexture();
  ImGui::GetIO().Fonts->ClearTexData();
  builtTextSize_ = session_.textSize;
}

void App::buildFrame() {
  rebuildFontsIfNeeded();
  applyNavigation();
  fallBackIfUnreadable();
  switchContentIfSafe();
  images_->beginFrame();  // textures the last frame did not draw may go now, none mid-frame
  if (closed_) {
    // Nothing drawn: the frame is the black the present clears to.
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ui_.input.applyTo(ImGui::GetIO());
    ImGui::NewFrame();
    ui_.beginFrame(ImGui::GetIO().DeltaTime);
    drawClosedNotice();
    ImGui::Render();
    frameBuilt_ = true;
    return;
  }
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  ui_.input.applyTo(io);
  if (synthetic_) {
    io.MousePos = synthetic_->x < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(synthetic_->x, synthetic_->y);
    io.MouseDown[0] = synthetic_->down;
  }
  if (clock_.frozen()) io.DeltaTime = 1.f / 60.f;
  ImGui::NewFrame();
  ui_.beginFrame(io.DeltaTime);

  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
  // No background of its own: presentFrame() clears to the same paper colour, and a second
  // full-screen fill would double the software renderer's cheapest frame.
  ImGui::Begin("##kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                   ImGuiWindowFlags_NoBackground);
  ImGui::PopStyleVar();
  Screen& current = screen(currentScreen());
  if (current.showsBar()) drawBar();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {ui_.px(48), ui_.px(28)});
  ImGui::BeginChild("##screen", {0, 0}, false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  if (!current.readError().empty() && !current.drawsOwnReadError()) layout::drawReadError(*context_);
  else current.draw();
  ImGui::EndChild();
  drawAnnouncements();
  drawPairingNotice();
  detectStaffCorner();
  ImGui::End();
  ui::drawLightbox(ui_, *images_,
                   {i18n_.tr("viewer.close", session_.language), i18n_.tr("viewer.hint", session_.language), session_.language});
  drawIdleWarning();
  ImGui::Render();
  frameBuilt_ = true;
}

void App::presentFrame() {
  if (!frameBuilt_) return;
  if (closed_) SDL_SetRenderDrawColor(renderer_.get(), 0, 0, 0, 0xFF);
  else SDL_SetRenderDrawColor(renderer_.get(), channel(ui::colour::Paper, IM_COL32_R_SHIFT),
                              channel(ui::colour::Paper, IM_COL32_G_SHIFT), channel(ui::colour::Paper, IM_COL32_B_SHIFT), 0xFF);
  SDL_RenderClear(renderer_.get());
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  SDL_RenderPresent(renderer_.get());
  if (screenshotWanted_) sendScreenshot();
  updateFleetStatus();
}

// ---- [SECTION] The persistent bar --------------------------------------------------------
void App::drawBar() {
  const float barH = ui_.px(112);
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetIO().DisplaySize.x;
  list->AddRectFilled(origin, {origin.x + w, origin.y + barH}, ui::colour::Teal);
  list->AddRectFilled({origin.x, origin.y + barH - ui_.px(4)}, {origin.x + w, origin.y + barH}, ui::colour::Amber);
  auto tr = [&](const char* key) { return std::string(i18n_.tr(key, session_.language)); };
  const float pad = ui_.px(20);
  const float buttonH = barH - 2 * ui_.px(18);
  ImGui::SetCursorScreenPos({origin.x + pad, origin.y + ui_.px(16)});
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ui_.px(14), 0});
  if (ui_.button((tr("bar.home") + "##bar-home").c_str(), {0, buttonH}, ui::Look::Quiet, ui::Icon::Home)) {
    router_.home();
    noteInput();
  }
  ImGui::SameLine();
  const bool canBack = router_.canGoBack();
  if (ui_.button((tr("bar.back") + "##bar-back").c_str(), {0, buttonH}, canBack ? ui::Look::Quiet : ui::Look::Disabled, ui::Icon::Back) && canBack)
    router_.back();
  ImGui::SameLine();
  const float afterBack = ImGui::GetCursorScreenPos().x;

  // Right side: text size, then the languages (each named in its own language).
  const char* vi = "Tiếng Việt##lang-vi";
  const char* en = "English##lang-en";
  const char* smaller = "A–##text-smaller";
  const char* larger = "A+##text-larger";
  ImFont* bf = ui_.fonts.bold;
  auto labelW = [&](const char* label) {
    const std::string v = ui::visibleLabel(label);
    return std::max(bf->CalcTextSizeA(bf->FontSize, FLT_MAX, 0.f, v.c_str()).x + 2 * ui_.px(26), ui_.touchMin);
  };
  const float sizeW = std::max(buttonH, ui_.touchMin) * 1.25f;
  // The text size in use, as steps between A– and A+ ("2/4"): a limit shows as a dimmed button.
  const int sizes = static_cast<int>(std::size(kTextScales));
  const std::string step = std::to_string(session_.textSize + 1) + "/" + std::to_string(sizes);
  ImFont* sf = ui_.fonts.small;
  const float stepW = sf->CalcTextSizeA(sf->FontSize, FLT_MAX, 0.f, step.c_str()).x + ui_.px(8);
  const float total = labelW(vi) + labelW(en) + 2 * sizeW + stepW + 4 * ui_.px(14) + ui_.px(28);
  // Never over Home and Back: on a narrow panel the right side starts after them.
  const float rightX = std::max(afterBack + ui_.px(14), origin.x + w - pad - total);

  // The park's name between them, in a smaller font where the title font does not fit, left
  // out where nothing fits (a portrait panel's bar).
  const std::string& parkName = i18n_.tr("bar.park", session_.language);
  const float nameX = afterBack + ui_.px(24);
  const float room = rightX - ui_.px(24) - nameX;
  for (ImFont* font : {ui_.fonts.title, ui_.fonts.bold, ui_.fonts.small}) {
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, parkName.c_str());
    if (ts.x > room) continue;
    list->AddText(font, font->FontSize, {nameX, origin.y + (barH - ts.y) * 0.5f - ui_.px(2)}, ui::colour::White, parkName.c_str());
    break;
  }

  ImGui::SetCursorScreenPos({rightX, origin.y + ui_.px(16)});
  const bool canSmaller = session_.textSize > 0;
  const bool canLarger = session_.textSize + 1 < sizes;
  if (ui_.button(smaller, {sizeW, buttonH}, canSmaller ? ui::Look::Quiet : ui::Look::Disabled) && canSmaller) --session_.textSize;
  ImGui::SameLine();
  {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float th = sf->FontSize;
    list->AddText(sf, th, {at.x + ui_.px(4), at.y + (buttonH - th) * 0.5f}, ui::colour::White, step.c_str());
    ImGui::Dummy({stepW, buttonH});
  }
  ImGui::SameLine();
  if (ui_.button(larger, {sizeW, buttonH}, canLarger ? ui::Look::Quiet : ui::Look::Disabled) && canLarger)
    ++session_.textSize;
  ImGui::SameLine(0, ui_.px(42));
  if (ui_.button(vi, {0, buttonH}, session_.language == "vi" ? ui::Look::Secondary : ui::Look::OnDark)) session_.language = "vi";
  ImGui::SameLine();
  if (ui_.button(en, {0, buttonH}, session_.language == "en" ? ui::Look::Secondary : ui::Look::OnDark)) session_.language = "en";
  ImGui::PopStyleVar();
  ImGui::SetCursorScreenPos({origin.x, origin.y + barH});
  ImGui::Dummy({0, 0});
}

// ---- [SECTION] Idle reset and the staff corner ------------------------------------------
void App::checkIdle() {
  if (currentScreen() == ScreenId::Attract && !router_.hasPending()) return;
  if (clock_.seconds() - lastInput_ >= policy_.idleTimeout) resetToAttract();
}

double App::idleWarningSeconds() const {
  // Never more than half the timeout: a short timeout still leaves the visitor time to read.
  return std::clamp(static_cast<double>(options_.config.idleWarning), 0.0, policy_.idleTimeout / 2);
}

std::optional<int> App::idleCountdown() const {
  if (closed_ || currentScreen() == ScreenId::Attract || router_.hasPending()) return std::nullopt;
  const double warning = idleWarningSeconds();
  const double left = lastInput_ + policy_.idleTimeout - clock_.seconds();
  if (warning <= 0 || left > warning || left <= 0) return std::nullopt;
  return static_cast<int>(std::ceil(left));
}

void App::drawIdleWarning() {
  const std::optional<int> left = idleCountdown();
  countdownDrawn_ = left;
  if (!left) {
    // The touch that ended the countdown lands on the overlay, not on what lies under it.
    warningHeld_ = warningHeld_ && ImGui::IsMouseDown(ImGuiMouseButton_Left);
    if (!warningHeld_) return;
  } else {
    warningHeld_ = true;
  }
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0x10, 0x2a, 0x2e, 0xb0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
  ImGui::Begin("##idle-warning", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  ui_.coverTargets("idle-warning", {0, 0}, io.DisplaySize);
  if (left) {
    const std::string& lang = session_.language;
    const float width = std::min(io.DisplaySize.x - 2 * ui_.px(48), ui_.px(900));
    const float pad = ui_.px(48);
    const std::string countdown = *left == 1 ? std::string(i18n_.tr("idle.countdown_one", lang))
                                             : format(i18n_.tr("idle.countdown", lang), std::to_string(*left));
    ImFont* title = ui_.fonts.heading;
    ImFont* body = ui_.fonts.body;
    const float inner = width - 2 * pad;
    const float titleH = ui_.wrappedSize(title, i18n_.tr("idle.title", lang), inner).y;
    const float bodyH = ui_.wrappedSize(body, countdown, inner).y;
    const float buttonH = std::max(ui_.px(96), ui_.touchMin);
    const float height = pad + titleH + ui_.px(16) + bodyH + ui_.px(36) + buttonH + pad;
    const ImVec2 min((io.DisplaySize.x - width) * 0.5f, std::max(0.f, (io.DisplaySize.y - height) * 0.5f));
    // The card is drawn behind its contents once they are laid out, so it always holds them.
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->ChannelsSplit(2);
    list->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos({min.x + pad, min.y + pad});
    ImGui::BeginGroup();  // every line starts at the card's padding
    ui_.text(title, ui::colour::Ink, i18n_.tr("idle.title", lang), inner);
    ui_.spacer(16);
    ui_.text(body, ui::colour::Muted, countdown.c_str(), inner);
    ui_.spacer(36);
    if (ui_.button((std::string(i18n_.tr("idle.stay", lang)) + "##idle-stay").c_str(), {inner, buttonH})) noteInput();
    ImGui::EndGroup();
    list->ChannelsSetCurrent(0);
    ui::Ui::fillRounded(list, min, {min.x + width, ImGui::GetItemRectMax().y + pad}, ui::colour::Paper, ui_.px(28));
    list->ChannelsMerge();
  }
  ImGui::End();
}

std::vector<std::string> App::closedNotice() const {
  const std::string now = clock_.nowIso();
  const std::optional<std::string> opens = nextOpening(options_.config, now);
  std::vector<std::string> lines;
  for (const std::string language : {"vi", "en"}) {
    lines.emplace_back(i18n_.tr("closed.title", language));
    if (!opens) continue;
    const std::string time = opens->substr(11, 5), day = opens->substr(0, 10);
    const std::string today = now.substr(0, 10);
    const auto parsedToday = content::PartialDate::parse(today);
    std::string tomorrow;
    if (parsedToday) {
      using namespace std::chrono;
      const year_month_day next{sys_days{year{parsedToday->year} / month{static_cast<unsigned>(parsedToday->month)} /
                                         std::chrono::day{static_cast<unsigned>(parsedToday->day)}} + days{1}};
      char text[16];
      std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(next.year()), static_cast<unsigned>(next.month()),
                    static_cast<unsigned>(next.day()));
      tomorrow = text;
    }
    if (day == today) lines.push_back(format(i18n_.tr("closed.opens_today", language), time));
    else if (day == tomorrow) lines.push_back(format(i18n_.tr("closed.opens_tomorrow", language), time));
    else lines.push_back(format(i18n_.tr("closed.opens_on", language), time, layout::date(day, language)));
  }
  return lines;
}

void App::drawClosedNotice() {
  // A few lines of dim text on black: little light at night, and a frame the software renderer
  // draws in a moment. It is drawn again only when the half-minute check changes it.
  const std::vector<std::string> lines = closedNotice();
  closedDrawn_ = lines;
  ImDrawList* list = ImGui::GetBackgroundDrawList();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImFont* title = ui_.fonts.heading ? ui_.fonts.heading : ImGui::GetFont();
  ImFont* body = ui_.fonts.body ? ui_.fonts.body : ImGui::GetFont();
  const float wrap = display.x * 0.8f;
  std::vector<std::pair<ImFont*, float>> sized;
  float height = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    ImFont* font = i % 2 == 0 ? title : body;
    const float h = ui_.wrappedSize(font, lines[i], wrap).y;
    sized.emplace_back(font, h);
    height += h + ui_.px(i % 2 == 0 ? 8 : 40);
  }
  float y = (display.y - height) * 0.5f;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    ImFont* font = sized[i].first;
    const float w = ui_.wrappedSize(font, lines[i], wrap).x;
    const ImU32 ink = i % 2 == 0 ? IM_COL32(0x9a, 0xa6, 0xa8, 0xff) : IM_COL32(0x6e, 0x7a, 0x7c, 0xff);
    ui_.drawWrapped(list, font, {(display.x - w) * 0.5f, y}, ink, lines[i], wrap);
    y += sized[i].second + ui_.px(i % 2 == 0 ? 8 : 40);
  }
}

void App::syncNow() { sync_->start(clock_.nowIso()); }

void App::resetToAttract() {
  session_.language = options_.config.defaultLanguage;
  session_.textSize = 1;
  screens_.forEach([](Screen& s) { s.reset(); });
  ui_.resetScrolling();
  ui_.lightbox.close();
  ui_.input.cancelAll();  // a finger still down (or a ghost contact) does not carry over
  screen(currentScreen()).onLeave();
  router_.reset(Route{ScreenId::Attract, {}});
  router_.applyPending();
  screen(ScreenId::Attract).enter(router_.current());
  cornerTaps_.clear();
  warningHeld_ = false;
  countdownDrawn_.reset();
}

void App::detectStaffCorner() {
  // Five taps within three seconds in the bottom-right corner, where nothing else lives.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float size = std::max(ui_.px(120), ui_.touchMin * 2.f);
  const ImVec2 min(display.x - size, display.y - size);
  ui_.hiddenTarget("staff-corner", min, display);
  if (!ImGui::IsMouseClicked(ImGuiMouseButton_Left)) return;
  const ImVec2 p = ImGui::GetIO().MousePos;
  if (p.x < min.x || p.y < min.y) {
    cornerTaps_.clear();
    return;
  }
  const double now = clock_.seconds();
  cornerTaps_.push_back(now);
  std::erase_if(cornerTaps_, [&](double t) { return now - t > static_cast<double>(options_.config.staffTapWindow); });
  // Without a PIN there is no staff panel: the corner is as blank as it looks.
  if (options_.config.staffPin.empty()) return cornerTaps_.clear();
  if (static_cast<int>(cornerTaps_.size()) >= options_.config.staffTaps) {
    cornerTaps_.clear();
    if (currentScreen() != ScreenId::Staff) router_.open(Route{ScreenId::Staff, {}});
  }
}

// ---- [SECTION] Content from sync --------------------------------------------------------
void App::offerContent(std::unique_ptr<content::ContentStore> store, long long version) {
  spdlog::info("content version {} installed; shown from the next Attract screen", version);
  pendingStore_ = std::move(store);
  pendingFromSync_ = true;
  pendingVersion_ = version;
}

void App::fallBackIfUnreadable() {
  // Only installed content has something to fall back to; a newer install already waiting wins.
  if (!contentFromSync_ || pendingStore_ || screen(currentScreen()).readError().empty()) return;
  const std::string why = screen(currentScreen()).readError();
  std::vector<SyncedContent> older;
  try {
    for (auto& installed : installedVersions(options_.config))
      if (installed.version < syncedVersion_) older.push_back(std::move(installed));
  } catch (const std::exception& error) {
    spdlog::error("the installed versions cannot be listed: {}", error.what());
  }
  older.push_back(SyncedContent{resolveDatabasePath(options_.config.database), 0});
  for (const auto& candidate : older) {
    try {
      auto store = std::make_unique<content::ContentStore>(candidate.database.string(), content::ContentStore::Mode::ReadOnly);
      checkContentReadable(*store);
      spdlog::error("installed content version {} cannot be read ({}); showing {} from the Attract screen", syncedVersion_, why,
                    candidate.version > 0 ? "version " + std::to_string(candidate.version) : std::string("the bundled content"));
      pendingStore_ = std::move(store);
      pendingFromSync_ = candidate.version > 0;
      pendingVersion_ = candidate.version;
      resetToAttract();  // the visitor was looking at an error: start again on content that reads
      return;
    } catch (const std::exception& error) {
      spdlog::error("{} cannot be shown either: {}", candidate.database.string(), error.what());
    }
  }
  contentFromSync_ = false;  // nothing left to try: the screens keep saying so
}

void App::switchContentIfSafe() {
  // Only on Attract: no visitor is reading a record that could vanish under them.
  if (!pendingStore_ || currentScreen() != ScreenId::Attract || router_.hasPending()) return;
  // In two phases, as at shutdown: the workers on the old content stop and what they already
  // posted runs while the screens it answers still exist; then the screens and workers go.
  search_->stop();
  images_->stop();
  drainWork();
  screen(ScreenId::Attract).onLeave();
  screens_.clear();
  context_.reset();
  images_.reset();
  search_.reset();
  store_ = std::move(pendingStore_);
  options_.databasePath = store_->path();
  contentFromSync_ = pendingFromSync_;
  syncedVersion_ = pendingVersion_;
  applyProfile();
  makeContentServices();
  screen(ScreenId::Attract).enter(router_.current());
}

// ---- [SECTION] Opening hours ------------------------------------------------------------
void App::applyProfile() {
  KioskConfig& config = options_.config;
  if (!localDefaults_) localDefaults_ = LocalDefaults{config.idleTimeout, config.openMinute, config.closeMinute, config.profile};
  config.idleTimeout = localDefaults_->idleTimeout;
  config.openMinute = localDefaults_->openMinute;
  config.closeMinute = localDefaults_->closeMinute;
  config.profile = localDefaults_->profile;
  self_.group.clear();
  // A paired kiosk uses the profile that lists its hub id (set on the hub's fleet page); one
  // that no profile lists keeps the local config's.
  if (self_.hubId.empty() && !config.syncHubUrl.empty()) {
    try {
      if (auto identity = sync::FleetClient::loadIdentity(std::filesystem::path(config.syncStateDir) / "fleet"))
        self_.hubId = identity->kioskId;
    } catch (const std::exception& error) {
      spdlog::warn("the kiosk's pairing cannot be read: {}", error.what());
    }
  }
  if (!self_.hubId.empty()) {
    try {
      for (const auto& profile : store_->profiles())
        if (std::find(profile.kiosks.begin(), profile.kiosks.end(), self_.hubId) != profile.kiosks.end()) {
          if (profile.id != config.profile) spdlog::info("kiosk {} uses profile '{}', as the hub sets it", self_.hubId, profile.id);
          config.profile = profile.id;
          break;
        }
    } catch (const std::exception& error) {
      spdlog::error("the kiosk profiles cannot be read: {}", error.what());
    }
  }
  if (!config.profile.empty()) {
    std::optional<content::KioskProfile> profile;
    try {
      profile = store_->profile(config.profile);
    } catch (const std::exception& error) {
      spdlog::error("the kiosk profile '{}' cannot be read: {}", config.profile, error.what());
    }
    if (!profile) {
      spdlog::warn("the content has no kiosk profile '{}'; the local settings stand", config.profile);
    } else {
      self_.group = profile->group;
      if (profile->idleTimeout > 0) config.idleTimeout = static_cast<float>(profile->idleTimeout);
      const auto minutes = [](const std::string& hhmm) { return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2)); };
      if (content::isClockTime(profile->opens) && content::isClockTime(profile->closes)) {
        config.openMinute = minutes(profile->opens);
        config.closeMinute = minutes(profile->closes);
      }
    }
  }
  policy_.idleTimeout = static_cast<double>(config.idleTimeout);
}

// The kiosk learnt its hub id (just paired): its profile may be one the hub lists it in.
void App::pairedAs(const std::string& kioskId) {
  if (kioskId.empty() || kioskId == self_.hubId) return;
  self_.hubId = kioskId;
  if (contentSync_) contentSync_->wake();  // the pairing brought the publisher's key: sync now
  applyProfile();
  // Its profile, and the welcome addressed to it, may differ now.
  if (currentScreen() == ScreenId::Attract) screen(ScreenId::Attract).enter(router_.current());
}

void App::checkOpeningHours() {
  const bool closedNow = !isOpenAt(options_.config, clock_.nowIso());
  if (closedNow == closed_) return;
  closed_ = closedNow;
  // Closing drops the visitor's state; opening starts on Attract.
  resetToAttract();
  ui_.resetScrolling();
}

// ---- [SECTION] Screenshots --------------------------------------------------------------
namespace {
// The last built frame drawn again without presenting (the back buffer is only defined
// before a present) and read back; nullptr on failure (SDL_GetError()).
SDL_Surface* readFrame(SDL_Renderer* renderer, bool closed) {
  if (closed) SDL_SetRenderDrawColor(renderer, 0, 0, 0, 0xFF);
  else SDL_SetRenderDrawColor(renderer, channel(ui::colour::Paper, IM_COL32_R_SHIFT),
                              channel(ui::colour::Paper, IM_COL32_G_SHIFT), channel(ui::colour::Paper, IM_COL32_B_SHIFT), 0xFF);
  SDL_RenderClear(renderer);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  int w = 0, h = 0;
  if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0) return nullptr;
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!surface) return nullptr;
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ARGB8888, surface->pixels, surface->pitch) != 0) {
    SDL_FreeSurface(surface);
    return nullptr;
  }
  return surface;
}
}  // namespace

bool App::savePng(const std::string& path) {
  if (!frameBuilt_) return false;
  SDL_Surface* surface = readFrame(renderer_.get(), closed_);
  if (!surface) return false;
  const bool ok = IMG_SavePNG(surface, path.c_str()) == 0;
  SDL_FreeSurface(surface);
  return ok;
}

// ---- [SECTION] The fleet: announcements and screenshots for the hub ---------------------
void App::drawAnnouncements() {
  announcementsDrawn_.clear();
  if (announcements_.announcements.empty()) return;
  for (const auto& a : sync::fleet::showing(announcements_, self_.hubId, self_.group, clock_.unixSeconds()))
    announcementsDrawn_.push_back(a.text.value(session_.language, a.text.value("vi", std::string())));
  if (announcementsDrawn_.empty()) return;
  // A band along the bottom, over whatever the screen draws there, newest notice first.
  ImDrawList* list = ImGui::GetForegroundDrawList();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImFont* font = ui_.fonts.bold ? ui_.fonts.bold : ImGui::GetFont();
  const float pad = ui_.px(18), gap = ui_.px(8);
  const float wrap = display.x - 2 * pad - ui_.px(16);
  float height = pad;
  std::vector<float> heights;
  for (const auto& text : announcementsDrawn_) {
    heights.push_back(ui_.wrappedSize(font, text, wrap).y);
    height += heights.back() + gap;
  }
  height += pad - gap;
  const float top = display.y - height;
  list->AddRectFilled({0, top}, display, ui::colour::Amber);
  list->AddRectFilled({0, top}, {display.x, top + ui_.px(4)}, ui::colour::TealDark);
  float y = top + pad;
  for (std::size_t i = 0; i < announcementsDrawn_.size(); ++i) {
    list->AddRectFilled({pad, y + ui_.px(4)}, {pad + ui_.px(6), y + heights[i] - ui_.px(4)}, ui::colour::TealDark);
    ui_.drawWrapped(list, font, {pad + ui_.px(16), y}, ui::colour::Ink, announcementsDrawn_[i], wrap);
    y += heights[i] + gap;
  }
}

void App::drawPairingNotice() {
  if (!fleet_ || pairing_.paired || pairing_.code.empty() || currentScreen() != ScreenId::Attract) return;
  // A card on the Attract screen only, what a technician setting the kiosk up needs: on the
  // right of a landscape panel (beside the park's name and highlights), at the foot of a
  // portrait one (above "Touch to start").
  ImDrawList* list = ImGui::GetForegroundDrawList();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImFont* bold = ui_.fonts.bold ? ui_.fonts.bold : ImGui::GetFont();
  ImFont* big = ui_.fonts.heading ? ui_.fonts.heading : bold;
  ImFont* body = ui_.fonts.body ? ui_.fonts.body : ImGui::GetFont();
  const float pad = ui_.px(24);
  const bool landscape = display.x > display.y;
  const float width = landscape ? std::min(display.x * 0.34f, ui_.px(760)) : display.x - 2 * pad;
  const float wrap = width - 2 * pad;
  const std::string title = i18n_.tr("staff.pairing_title", session_.language);
  const std::string hint = format(i18n_.tr("staff.pairing_hint", session_.language), pairing_.hubUrl);
  const float titleH = ui_.wrappedSize(bold, title, wrap).y;
  const float codeH = ui_.wrappedSize(big, pairing_.code, wrap).y;
  const float hintH = ui_.wrappedSize(body, hint, wrap).y;
  const float height = pad + titleH + ui_.px(8) + codeH + ui_.px(8) + hintH + pad;
  const ImVec2 a = landscape ? ImVec2{display.x - width - 2 * pad, display.y * 0.22f}
                             : ImVec2{pad, display.y * 0.70f - height};
  const ImVec2 b{a.x + width, a.y + height};
  list->AddRectFilled(a, b, ui::colour::Card, ui_.px(16));
  list->AddRect(a, b, ui::colour::TealDark, ui_.px(16), 0, ui_.px(3));
  float y = a.y + pad;
  ui_.drawWrapped(list, bold, {a.x + pad, y}, ui::colour::Ink, title, wrap);
  y += titleH + ui_.px(8);
  ui_.drawWrapped(list, big, {a.x + pad, y}, ui::colour::TealDark, pairing_.code, wrap);
  y += codeH + ui_.px(8);
  ui_.drawWrapped(list, body, {a.x + pad, y}, ui::colour::Ink, hint, wrap);
}

void App::sendScreenshot() {
  screenshotWanted_ = false;
  if (!fleet_ || !frameBuilt_) return;
  SDL_Surface* frame = readFrame(renderer_.get(), closed_);
  if (!frame) return spdlog::warn("the screen cannot be read for the hub: {}", SDL_GetError());
  const int width = std::min(frame->w, sync::fleet::kScreenshotWidth);
  const int height = std::max(1, frame->h * width / std::max(1, frame->w));
  SDL_Surface* small = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
  std::string png(sync::fleet::kMaxScreenshotBytes, '\0');
  bool ok = small && SDL_BlitScaled(frame, nullptr, small, nullptr) == 0;
  if (ok) {
    SDL_RWops* out = SDL_RWFromMem(png.data(), static_cast<int>(png.size()));
    ok = out && IMG_SavePNG_RW(small, out, 0) == 0;
    if (ok) png.resize(static_cast<std::size_t>(SDL_RWtell(out)));
    if (out) SDL_RWclose(out);
  }
  if (!ok) spdlog::warn("the screenshot for the hub cannot be made: {}", SDL_GetError());
  else fleet_->uploadScreenshot(std::move(png));
  if (small) SDL_FreeSurface(small);
  SDL_FreeSurface(frame);
}

// ---- [SECTION] Status for the hub ---------------------------------------------------------
// What the fleet page shows on this kiosk's row; the fleet link sends it when it changes.
void App::updateFleetStatus() {
  if (!fleet_) return;
  // Per presented frame: compared without building anything; sent on when it changed.
  const Route& route = router_.current();
  if (statusRoute_ && *statusRoute_ == route && statusClosed_ == closed_ && statusGroup_ == self_.group &&
      statusProfile_ == options_.config.profile)
    return;
  statusRoute_ = route;
  statusClosed_ = closed_;
  statusGroup_ = self_.group;
  statusProfile_ = options_.config.profile;
  std::string screen = closed_ ? std::string("closed") : std::string(screenName(route.screen));
  if (!closed_ && !route.arg.empty()) screen += ":" + route.arg;
  fleet_->setStatus({{"softwareVersion", QTSC_SOFTWARE_VERSION},
                     {"group", self_.group},
                     {"profile", options_.config.profile},
                     {"screen", screen}});
}

}  // namespace qtsc::kiosk
