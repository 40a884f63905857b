#include "tools/shots.hpp"

#include <filesystem>
#include <functional>
#include <stdexcept>

#include "qtsc/content/store.hpp"
#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

namespace {
constexpr const char* kShotPin = "2468";  // used only when the config sets none
}

const std::vector<PanelShape>& panelShapes() {
  static const std::vector<PanelShape> kShapes{{1920, 1080}, {1366, 768}, {3840, 2160}, {1920, 1200},
                                               {1280, 1024}, {1024, 768},  {1080, 1920}};
  return kShapes;
}

void forEachShot(Harness& harness, const std::string& language, int textSize,
                 const std::function<void(const std::string& name)>& ready) {
  App& app = harness.app();
  auto& store = app.store();
  const std::string pin = app.config().staffPin;

  // The records the detail shots show: real ones before samples.
  std::string milestoneId, tenantId, itineraryId, exhibitId, placeId, searchText;
  if (auto ms = store.milestones(); !ms.empty()) milestoneId = ms.front().id;
  // A tenant with a website shows its QR code: real ones first, then samples.
  int best = -1;
  for (const auto& summary : store.tenants({"", "", 0, 1000})) {
    const auto t = store.tenant(summary.id);
    if (!t) continue;
    const int rank = (t->website.empty() ? 0 : 2) + (t->sample ? 0 : 1);
    if (rank > best) {
      best = rank;
      tenantId = t->id;
    }
  }
  if (auto tenant = store.tenant(tenantId); tenant && !tenant->placeId.empty()) placeId = tenant->placeId;
  // The search shot looks for a company as a visitor would: the first real tenant housed in a
  // building (else the tenant above), typed as the first part of its id (ids are lowercase
  // ASCII, which the on-screen keyboard has), so the search finds at least that tenant.
  std::string searched = tenantId;
  for (const auto& summary : store.tenants({"", "", 0, 1000})) {
    const auto place = summary.sample ? std::nullopt : store.place(summary.placeId);
    if (place && place->kind == content::PlaceKind::Building) {
      searched = summary.id;
      break;
    }
  }
  searchText = searched.substr(0, searched.find('-'));
  if (!store.place(placeId) && !store.places().empty()) placeId = store.places().front().id;
  for (const auto& it : store.itineraries())
    if (itineraryId.empty() || it.id == "2018-11-14-vientiane") itineraryId = it.id;
  for (const auto& e : store.exhibits())
    if (exhibitId.empty() || (!e.sample && !e.quiz.empty() && store.exhibit(exhibitId)->sample)) exhibitId = e.id;

  struct Shot {
    std::string name;
    Route route;
    std::function<void()> then;  // what the visitor does before the picture
  };
  // A picture seen full screen, where the content has a milestone with one (the bundled park
  // content has no photographs yet).
  std::string picturedMilestone;
  for (const auto& m : store.milestones())
    if (picturedMilestone.empty() && !content::shownPictures(m.gallery).empty()) picturedMilestone = m.id;
  std::vector<Shot> shots = {
      {"attract", {ScreenId::Attract, {}}, {}},
      {"home", {ScreenId::Home, {}}, {}},
      {"history", {ScreenId::History, {}}, {}},
      {"idle_warning", {ScreenId::History, {}},
       [&] { harness.advance(app.policy().idleTimeout - 2.5); }},  // untouched: the countdown's last 3 seconds
      {"milestone", {ScreenId::Milestone, milestoneId}, {}},
      {"directory", {ScreenId::Directory, {}}, {}},
      {"directory_search", {ScreenId::Directory, {}}, [&] { harness.typeOnKeyboard(searchText); }},
      {"tenant", {ScreenId::Tenant, tenantId}, {}},
      {"tours", {ScreenId::Tours, {}}, {}},
      {"itinerary", {ScreenId::Itinerary, itineraryId}, {}},
      {"steamzone", {ScreenId::Steam, {}}, {}},
      {"exhibit", {ScreenId::Exhibit, exhibitId}, {}},
      {"quiz", {ScreenId::Quiz, exhibitId}, [&] { harness.tapPrefix("B. "); }},
      {"quiz_results", {ScreenId::Quiz, exhibitId},
       [&] {
         for (int i = 0; i < 10 && !static_cast<QuizScreen&>(app.screen(ScreenId::Quiz)).finished(); ++i) {
           harness.tapPrefix("A. ");
           if (!harness.tapLabel(app.i18n().tr("quiz.next", app.session().language)))
             harness.tapLabel(app.i18n().tr("quiz.results", app.session().language));
         }
       }},
      {"map", {ScreenId::Map, {}}, {}},
      {"map_route", {ScreenId::Map, "itinerary:" + itineraryId}, {}},
      {"map_zoomed", {ScreenId::Map, {}}, [&] { static_cast<MapScreen&>(app.screen(ScreenId::Map)).zoom().zoomTo(2.5f); }},
      {"place", {ScreenId::Place, placeId}, {}},
      {"chain", {ScreenId::Chain, {}}, {}},
      {"search", {ScreenId::Search, {}}, [&] { harness.typeOnKeyboard(searchText); }},
      {"staff", {ScreenId::Staff, {}}, {}},
      {"staff_panel", {ScreenId::Staff, {}},
       [&] {
         for (char digit : pin) harness.tapLabel(std::string(1, digit));
         harness.tapLabel(app.i18n().tr("staff.ok", app.session().language));
       }},
  };
  if (!picturedMilestone.empty())
    shots.push_back({"lightbox", {ScreenId::Milestone, picturedMilestone},
                     [&] { harness.tapLabel(app.i18n().tr("viewer.open", app.session().language)); }});

  for (const auto& shot : shots) {
      app.resetToAttract();
      app.noteInput();  // each picture starts from a fresh touch, whatever the last one waited for
      app.session().language = language;
      app.session().textSize = textSize;
      if (shot.route.screen != ScreenId::Attract) {
        app.router().reset(Route{ScreenId::Home, {}});
        if (shot.route.screen != ScreenId::Home) {
          harness.pump(1);
          app.router().open(shot.route);
        }
      }
      harness.settle();
      if (shot.then) shot.then();
      harness.settle();
      ready(shot.name);
  }
}

std::vector<std::string> renderShots(HarnessOptions options, const std::string& directory) {
  if (options.config.staffPin.empty()) options.config.staffPin = kShotPin;
  Harness harness(std::move(options));
  std::filesystem::create_directories(directory);
  std::vector<std::string> written;
  for (const std::string language : {"vi", "en"})
    forEachShot(harness, language, 1, [&](const std::string& name) {
      const std::string path = (std::filesystem::path(directory) / (name + "_" + language + ".png")).string();
      if (harness.app().savePng(path)) written.push_back(path);
    });
  return written;
}

std::vector<std::string> renderShapeShots(HarnessOptions options, const std::string& directory) {
  std::vector<std::string> written;
  for (const auto& shape : panelShapes()) {
    HarnessOptions at = options;
    at.config.windowWidth = shape.width;
    at.config.windowHeight = shape.height;
    const auto files = renderShots(std::move(at), (std::filesystem::path(directory) / shape.name()).string());
    written.insert(written.end(), files.begin(), files.end());
  }
  return written;
}

void renderPreview(HarnessOptions options, const std::string& record, const std::string& language,
                   const std::string& outPng) {
  const auto slash = record.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == record.size())
    throw std::invalid_argument("--preview: expected KIND/ID, like tenant/tma-solutions, got '" + record + "'");
  const std::string kind = record.substr(0, slash), id = record.substr(slash + 1);
  if (language != "vi" && language != "en") throw std::invalid_argument("--lang: expected vi or en, got '" + language + "'");
  Harness harness(std::move(options));
  App& app = harness.app();
  const auto& store = app.store();
  ScreenId screen = ScreenId::Attract;
  bool found = false;
  if (kind == "tenant") screen = ScreenId::Tenant, found = store.tenant(id).has_value();
  else if (kind == "place") screen = ScreenId::Place, found = store.place(id).has_value();
  else if (kind == "milestone") screen = ScreenId::Milestone, found = store.milestone(id).has_value();
  else if (kind == "itinerary") screen = ScreenId::Itinerary, found = store.itinerary(id).has_value();
  else if (kind == "exhibit") screen = ScreenId::Exhibit, found = store.exhibit(id).has_value();
  else throw std::invalid_argument("--preview: no preview for records of kind '" + kind + "' (tenant, place, milestone, itinerary, exhibit)");
  if (!found) throw std::invalid_argument("--preview: no " + kind + " '" + id + "' in the content");

  app.session().language = language;
  app.router().reset(Route{ScreenId::Home, {}});
  harness.pump(1);
  app.router().open(Route{screen, id});
  harness.settle();
  if (!app.savePng(outPng)) throw std::runtime_error("cannot write the preview to " + outPng);
}

}  // namespace qtsc::kiosk
