#include <imgui.h>

#include <algorithm>

#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

void QuizScreen::onEnter(const Route& route) {
  if (exhibit_ && exhibit_->id == route.arg && !finished_) return;  // back from elsewhere: keep going
  exhibit_.reset();
  try {
    exhibit_ = ctx_.store.exhibit(route.arg);
  } catch (const std::exception& error) {
    noteReadError(error);
    exhibit_.reset();
  }
  index_ = 0;
  finished_ = false;
  answers_.assign(exhibit_ ? exhibit_->quiz.size() : 0, -1);
}

void QuizScreen::reset() {
  exhibit_.reset();
  answers_.clear();
  index_ = 0;
  finished_ = false;
}

int QuizScreen::score() const {
  if (!exhibit_) return 0;
  int right = 0;
  for (std::size_t i = 0; i < answers_.size() && i < exhibit_->quiz.size(); ++i)
    if (answers_[i] == exhibit_->quiz[i].answer) ++right;
  return right;
}

void QuizScreen::draw() {
  auto& u = ui();
  if (!exhibit_ || exhibit_->quiz.empty()) {
    layout::screenTitle(ctx_, ctx_.tr("common.not_found"));
    u.placeholder({ImGui::GetContentRegionAvail().x, u.px(400)}, ctx_.tr("common.not_found_hint"));
    return;
  }
  if (finished_) {
    drawResults();
    return;
  }
  const auto& quiz = exhibit_->quiz;
  const auto& q = quiz[static_cast<std::size_t>(index_)];
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float w = std::min(avail.x, u.px(1300));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - w) * 0.5f);
  ImGui::BeginGroup();
  u.text(u.fonts.bold, ui::colour::TileSteam, (ctx_.text(exhibit_->name) + " · " +
                                               format(ctx_.tr("quiz.progress"), std::to_string(index_ + 1), std::to_string(quiz.size()))).c_str(), w);
  const int chosen = answers_[static_cast<std::size_t>(index_)];
  // Progress bar: the questions answered so far (empty before the first answer).
  {
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy({w, u.px(10)});
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddRectFilled(a, {a.x + w, a.y + u.px(10)}, ui::colour::Line, u.px(5));
    const float done = static_cast<float>(index_ + (chosen >= 0 ? 1 : 0)) / static_cast<float>(quiz.size());
    list->AddRectFilled(a, {a.x + w * done, a.y + u.px(10)}, ui::colour::TileSteam, u.px(5));
  }
  u.spacer(16);
  // The question, its answers and the explanation scroll; "Next" stays on screen below them
  // at any text size.
  const float actionH = u.px(96);
  // Below the body: the item spacing, a spacer, the spacing again and the button.
  const float below = 2 * ImGui::GetStyle().ItemSpacing.y + u.px(16) + std::max(actionH, u.touchMin);
  const float bodyH = std::max(u.px(160), ImGui::GetContentRegionAvail().y - below);
  u.beginScroll("##quiz-body", {w, bodyH});
  u.text(u.fonts.heading, ui::colour::Ink, ctx_.text(q.question).c_str(), w);
  u.spacer(16);
  for (std::size_t c = 0; c < q.choices.size(); ++c) {
    const std::string letter(1, static_cast<char>('A' + static_cast<int>(c)));
    const std::string label = letter + ". " + ctx_.text(q.choices[c]) + "##choice-" + std::to_string(c);
    ui::Look look = ui::Look::Secondary;
    ui::Icon icon = ui::Icon::None;
    if (chosen >= 0) {
      if (static_cast<int>(c) == q.answer) { look = ui::Look::Primary; icon = ui::Icon::Check; }
      else if (static_cast<int>(c) == chosen) { look = ui::Look::Danger; icon = ui::Icon::Cross; }
    }
    if (u.button(label.c_str(), {w, u.px(96)}, look, icon) && chosen < 0) answers_[static_cast<std::size_t>(index_)] = static_cast<int>(c);
  }
  if (chosen >= 0) {
    u.spacer(12);
    const bool right = chosen == q.answer;
    u.text(u.fonts.title, right ? ui::colour::Green : ui::colour::Red, ctx_.tr(right ? "quiz.right" : "quiz.wrong"));
    u.text(u.fonts.body, ui::colour::Ink, ctx_.text(q.explanation).c_str(), w);
  }
  u.endScroll();
  u.spacer(16);
  if (chosen >= 0) {
    const bool last = index_ + 1 >= static_cast<int>(quiz.size());
    if (u.button((std::string(ctx_.tr(last ? "quiz.results" : "quiz.next")) + "##quiz-next").c_str(), {u.px(420), actionH})) {
      if (last) finished_ = true;
      else ++index_;
    }
  }
  ImGui::EndGroup();
}

void QuizScreen::drawResults() {
  auto& u = ui();
  const auto& quiz = exhibit_->quiz;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int right = score();
  const int total = static_cast<int>(quiz.size());
  ImGui::BeginGroup();
  u.text(u.fonts.display, ui::colour::TileSteam, (std::to_string(right) + " / " + std::to_string(total)).c_str());
  u.text(u.fonts.title, ui::colour::Ink, ctx_.tr(right == total ? "quiz.perfect" : right * 2 >= total ? "quiz.good" : "quiz.keep_trying"), u.px(460));
  u.spacer(24);
  if (u.button((std::string(ctx_.tr("quiz.again")) + "##quiz-again").c_str(), {u.px(420), u.px(96)})) {
    answers_.assign(quiz.size(), -1);
    index_ = 0;
    finished_ = false;
  }
  if (u.button((std::string(ctx_.tr("quiz.back_to_exhibit")) + "##quiz-exhibit").c_str(), {u.px(420), u.px(96)}, ui::Look::Secondary))
    ctx_.router.back();
  ImGui::EndGroup();
  ImGui::SameLine(0, u.px(64));
  const float listW = avail.x - u.px(484) - u.px(64);
  u.beginScroll("##review", {listW, avail.y});
  const float wrap = listW - u.px(40);
  u.text(u.fonts.title, ui::colour::Ink, ctx_.tr("quiz.review"));
  for (std::size_t i = 0; i < quiz.size(); ++i) {
    const auto& q = quiz[i];
    const bool ok = answers_[i] == q.answer;
    const ImVec2 a = ImGui::GetCursorScreenPos();
    u.drawIcon(ImGui::GetWindowDrawList(), ok ? ui::Icon::Check : ui::Icon::Cross, {a.x + u.px(18), a.y + u.px(20)}, u.px(30),
               ok ? ui::colour::Green : ui::colour::Red);
    ImGui::SetCursorScreenPos({a.x + u.px(52), a.y});
    ImGui::BeginGroup();
    u.text(u.fonts.bold, ui::colour::Ink, ctx_.text(q.question).c_str(), wrap - u.px(52));
    const std::string answer = std::string(ctx_.tr("quiz.answer")) + " " +
                               (q.answer >= 0 && static_cast<std::size_t>(q.answer) < q.choices.size() ? ctx_.text(q.choices[static_cast<std::size_t>(q.answer)]) : std::string());
    u.text(u.fonts.body, ui::colour::Green, answer.c_str(), wrap - u.px(52));
    u.text(u.fonts.body, ui::colour::Muted, ctx_.text(q.explanation).c_str(), wrap - u.px(52));
    ImGui::EndGroup();
    u.spacer(14);
  }
  u.endScroll();
}

}  // namespace qtsc::kiosk
