#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

namespace {
// Whether `origin` names `locality` in either language ("TP. Cần Thơ" names "Cần Thơ").
bool namesLocality(const content::LocalizedText& origin, const content::LocalizedText& locality) {
  for (const auto& [language, place] : locality.byLanguage) {
    if (place.empty()) continue;
    const std::string& from = origin.in(language);
    if (from.find(place) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

void ChainScreen::onEnter(const Route& route) {
  marked_ = route.arg;
  members_.clear();
  planned_.clear();
  try {
    const auto chain = ctx_.store.park().chain;
    const auto visits = ctx_.store.itineraries();
    for (const auto& member : chain) {
      Entry entry{member, {}};
      // A locality the chain plans to admit may have sent a delegation of its own (Can Tho
      // in 2023): the visit is shown with it, as a visit, not as a step towards joining.
      if (!member.official)
        for (const auto& visit : visits)
          if (!visit.sample && namesLocality(visit.origin, member.location)) entry.visits.push_back(visit);
      (member.official ? members_ : planned_).push_back(std::move(entry));
    }
  } catch (const std::exception& error) {
    noteReadError(error);
  }
}

void ChainScreen::drawEntry(const Entry& entry, float width, bool planned) {
  auto& u = ui();
  const content::ChainMember& m = entry.member;
  const bool marked = !marked_.empty() && m.id == marked_;
  const float pad = u.px(24);
  const float wrap = width - 2 * pad - u.px(8);
  const std::string& name = ctx_.text(m.name);
  const std::string& where = ctx_.text(m.location);
  // The tag says the year the document lists the chain for: "Dự kiến (2021)".
  const std::string tagText = content::withYear(planned ? ctx_.tr("chain.planned_tag") : ctx_.tr("chain.member_tag"), m.asOf);
  const char* tag = tagText.c_str();
  ImFont* nameFont = u.fonts.title;
  ImFont* small = u.fonts.small;
  const float nameH = u.wrappedSize(nameFont, name, wrap).y;
  const float lineH = small->FontSize * 1.3f;
  const float h = pad + lineH + u.px(8) + nameH + u.px(6) + (where.empty() ? 0.f : lineH) + pad;

  const ImVec2 a = ImGui::GetCursorScreenPos();
  ImGui::Dummy({width, h});
  const ImVec2 b(a.x + width, a.y + h);
  ImDrawList* list = ImGui::GetWindowDrawList();
  // Members are solid cards; planned members are outlined, on the page colour, with an amber tag.
  if (planned) {
    ui::Ui::fillRounded(list, a, b, ui::colour::Paper, u.px(18));
    list->AddRect(a, b, marked ? ui::colour::Teal : ui::colour::Line, u.px(18), 0, u.px(marked ? 4 : 2));
  } else {
    ui::Ui::fillRounded(list, a, b, ui::colour::Card, u.px(18));
    list->AddRectFilled(a, {a.x + u.px(8), b.y}, ui::colour::Teal, u.px(18), ImDrawFlags_RoundCornersLeft);
    if (marked) list->AddRect(a, b, ui::colour::Teal, u.px(18), 0, u.px(4));
  }
  float y = a.y + pad;
  const ImVec2 tagSize = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0.f, tag);
  const ImU32 tagFill = planned ? ui::colour::AmberSoft : ui::colour::TealSoft;
  list->AddRectFilled({a.x + pad, y - u.px(2)}, {a.x + pad + tagSize.x + u.px(20), y + tagSize.y + u.px(2)}, tagFill, u.px(8));
  list->AddText(small, small->FontSize, {a.x + pad + u.px(10), y}, planned ? ui::colour::Ink : ui::colour::TealDark, tag);
  y += lineH + u.px(8);
  u.drawWrapped(list, nameFont, {a.x + pad, y}, ui::colour::Ink, name, wrap);
  y += nameH + u.px(6);
  if (!where.empty()) u.drawWrapped(list, small, {a.x + pad, y}, ui::colour::Muted, where, wrap);

  for (const auto& visit : entry.visits) {
    const std::string label = format(ctx_.tr("chain.visit"), layout::reportedDate(ctx_, visit.date, visit.reportedOn)) +
                              "##chain-visit-" + visit.id;
    u.spacer(6);
    if (u.button(label.c_str(), {width, 0}, ui::Look::Secondary, ui::Icon::Tours))
      ctx_.router.open(Route{ScreenId::Itinerary, visit.id});
  }
}

void ChainScreen::draw() {
  auto& u = ui();
  layout::screenTitle(ctx_, ctx_.tr("chain.title"), ctx_.tr("chain.subtitle"));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  u.beginScroll("##chain", avail);
  const float w = avail.x - u.px(24);
  const float gap = u.px(24);
  const int columns = std::max(1, static_cast<int>((w + gap) / (u.px(520) + gap)));
  const float cardW = (w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  auto section = [&](const std::vector<Entry>& entries, const char* titleKey, const char* noteKey, bool planned) {
    u.spacer(8);
    u.text(u.fonts.title, ui::colour::Ink, format(ctx_.tr(titleKey), std::to_string(entries.size())).c_str());
    if (noteKey) u.text(u.fonts.body, ui::colour::Muted, ctx_.tr(noteKey), w);
    u.spacer(8);
    for (std::size_t i = 0; i < entries.size(); i += static_cast<std::size_t>(columns)) {
      for (std::size_t c = 0; c < static_cast<std::size_t>(columns) && i + c < entries.size(); ++c) {
        if (c) ImGui::SameLine(0, gap);
        ImGui::PushID(entries[i + c].member.id.c_str());
        ImGui::BeginGroup();
        drawEntry(entries[i + c], cardW, planned);
        ImGui::EndGroup();
        ImGui::PopID();
      }
      u.spacer(12);
    }
    // One "Nguồn / Source" line for the section: the documents its members cite, each once.
    std::string cited;
    for (const auto& entry : entries)
      for (const auto& id : content::citedSources(entry.member.source))
        if (const auto ids = content::citedSources(cited); std::find(ids.begin(), ids.end(), id) == ids.end())
          cited += (cited.empty() ? "" : ", ") + id;
    layout::drawSourceLine(ctx_, cited, w);
  };
  if (members_.empty() && planned_.empty()) u.text(u.fonts.body, ui::colour::Muted, ctx_.tr("common.empty"), w);
  if (!members_.empty()) section(members_, "chain.members", nullptr, false);
  if (!planned_.empty()) section(planned_, "chain.planned", "chain.planned_note", true);
  u.spacer(24);
  u.endScroll();
}

}  // namespace qtsc::kiosk
