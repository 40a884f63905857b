#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include <spdlog/spdlog.h>

#include "screens/all_screens.hpp"

namespace qtsc::kiosk {

void StaffScreen::onEnter(const Route&) {
  reset();
  try {
    contentVersion_ = ctx_.store.contentVersion();
    tenantCount_ = ctx_.store.tenantCount({});
  } catch (const std::exception& error) {
    noteReadError(error);
  }
}

void StaffScreen::draw() {
  layout::screenTitle(ctx_, ctx_.tr("staff.title"));
  if (unlocked_) drawPanel();
  else drawKeypad();
}

double StaffScreen::lockedFor() const { return std::max(0.0, lockedUntil_ - ctx_.clock.seconds()); }

double StaffScreen::nextChangeAt() const {
  const double left = lockedFor();
  if (left <= 0) return std::numeric_limits<double>::infinity();
  return ctx_.clock.seconds() + (std::fmod(left, 1.0) > 0 ? std::fmod(left, 1.0) : 1.0);
}

void StaffScreen::checkPin() {
  unlocked_ = entered_ == ctx_.config.staffPin;
  wrongPin_ = !unlocked_;
  entered_.clear();
  if (unlocked_) {
    failures_ = 0;
    return;
  }
  // Each wrong PIN past the free tries locks the keypad for twice as long as the last.
  if (++failures_ >= kFreeTries) {
    const double lockout = std::min(kLongestLockout, kFirstLockout * std::pow(2.0, failures_ - kFreeTries));
    lockedUntil_ = ctx_.clock.seconds() + lockout;
    spdlog::warn("staff panel: {} wrong PINs in a row; the keypad is locked for {:.0f} s", failures_, lockout);
  }
}

void StaffScreen::drawKeypad() {
  auto& u = ui();
  // Without a PIN there is no panel, and nothing here says how to turn one on.
  if (ctx_.config.staffPin.empty()) return;
  if (const double left = lockedFor(); left > 0) {
    u.text(u.fonts.bold, ui::colour::Red, format(ctx_.tr("staff.locked"), std::to_string(static_cast<int>(std::ceil(left)))).c_str(),
           u.px(900));
    return;
  }
  u.text(u.fonts.body, ui::colour::Muted, ctx_.tr("staff.enter_pin"));
  // Dots for the digits typed so far.
  const ImVec2 a = ImGui::GetCursorScreenPos();
  ImGui::Dummy({u.px(400), u.px(60)});
  for (std::size_t i = 0; i < std::max<std::size_t>(entered_.size(), 4); ++i)
    ImGui::GetWindowDrawList()->AddCircleFilled({a.x + u.px(20) + static_cast<float>(i) * u.px(44), a.y + u.px(30)}, u.px(12),
                                                i < entered_.size() ? ui::colour::Teal : ui::colour::Line, 20);
  if (wrongPin_) u.text(u.fonts.bold, ui::colour::Red, ctx_.tr("staff.wrong_pin"));
  const float key = std::max(u.px(110), u.touchMin);
  const char* digits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {u.px(14), u.px(14)});
  for (int i = 0; i < 9; ++i) {
    if (i % 3) ImGui::SameLine();
    if (u.button((std::string(digits[i]) + "##pin").c_str(), {key, key}, ui::Look::Key) && entered_.size() < 12) {
      entered_ += digits[i];
      wrongPin_ = false;
    }
  }
  if (u.iconButton((std::string(ctx_.tr("keyboard.delete")) + "##pin-del").c_str(), ui::Icon::Backspace, {key, key}, ui::Look::Quiet) &&
      !entered_.empty())
    entered_.pop_back();
  ImGui::SameLine();
  if (u.button("0##pin", {key, key}, ui::Look::Key) && entered_.size() < 12) entered_ += "0";
  ImGui::SameLine();
  if (u.button((std::string(ctx_.tr("staff.ok")) + "##pin-ok").c_str(), {key, key}, ui::Look::Primary)) checkPin();
  ImGui::PopStyleVar();
}

void StaffScreen::drawPanel() {
  auto& u = ui();
  const SyncStatus& sync = ctx_.staff.syncStatus();
  const float w = u.px(1100);
  auto line = [&](const char* key, const std::string& value) {
    u.text(u.fonts.small, ui::colour::Muted, ctx_.tr(key));
    u.text(u.fonts.bold, ui::colour::Ink, value.c_str(), w);
    u.spacer(4);
  };
  line("staff.content_version", std::to_string(contentVersion_) +
                                    (sync.installedVersion > 0 ? " (sync v" + std::to_string(sync.installedVersion) + ")" : std::string()));
  line("staff.database", ctx_.store.path());
  if (!readError_.empty()) line("staff.read_error", readError_);
  line("staff.tenants", formatCount(tenantCount_, ctx_.lang()));
  line("staff.now", ctx_.clock.nowIso());
  std::string result;
  if (!sync.configured) result = ctx_.tr("staff.sync_not_configured");
  else if (sync.running) result = ctx_.tr("staff.sync_running");
  else if (sync.lastAttempt.empty()) result = ctx_.tr("staff.sync_never");
  else if (sync.expired) result = std::string(ctx_.tr("staff.sync_expired")) + (sync.message.empty() ? "" : ": " + sync.message);
  else result = std::string(ctx_.tr(sync.ok ? "staff.sync_ok" : "staff.sync_failed")) + (sync.message.empty() ? "" : ": " + sync.message);
  line("staff.last_sync", sync.lastAttempt.empty() ? std::string("—") : sync.lastAttempt);
  line("staff.sync_result", result);
  if (const PairingView* pairing = ctx_.staff.pairing()) {
    if (pairing->paired) {
      line("staff.hub", format(ctx_.tr("staff.paired"), pairing->hubUrl, pairing->kioskId));
    } else if (!pairing->code.empty()) {
      u.text(u.fonts.small, ui::colour::Muted, ctx_.tr("staff.pairing_code"));
      u.text(u.fonts.title, ui::colour::TealDark, pairing->code.c_str(), w);
      u.text(u.fonts.body, ui::colour::Ink, format(ctx_.tr("staff.pairing_hint"), pairing->hubUrl).c_str(), w);
      u.spacer(4);
    } else if (!pairing->problem.empty()) {
      line("staff.hub", format(ctx_.tr("staff.pairing_problem"), pairing->hubUrl, pairing->problem));
    } else {
      line("staff.hub", format(ctx_.tr("staff.pairing_wait"), pairing->hubUrl));
    }
  }
  u.spacer(16);
  if (u.button((std::string(ctx_.tr("staff.sync_now")) + "##sync").c_str(), {u.px(360), 0}, ui::Look::Primary)) ctx_.staff.syncNow();
  ImGui::SameLine();
  if (u.button((std::string(ctx_.tr("staff.lock")) + "##lock").c_str(), {u.px(260), 0}, ui::Look::Secondary)) reset();
  ImGui::SameLine();
  if (u.button((std::string(ctx_.tr("staff.exit")) + "##exit").c_str(), {u.px(360), 0}, ui::Look::Danger)) confirmingExit_ = true;
  if (!confirmingExit_) return;
  // Exit leaves the panel dark until someone restarts the kiosk: it is asked twice.
  u.spacer(24);
  u.text(u.fonts.bold, ui::colour::Red, ctx_.tr("staff.exit_confirm"), w);
  u.spacer(8);
  if (u.button((std::string(ctx_.tr("staff.exit_yes")) + "##exit-yes").c_str(), {u.px(360), 0}, ui::Look::Danger)) ctx_.staff.exitKiosk();
  ImGui::SameLine();
  if (u.button((std::string(ctx_.tr("staff.exit_no")) + "##exit-no").c_str(), {u.px(260), 0}, ui::Look::Secondary)) confirmingExit_ = false;
}

}  // namespace qtsc::kiosk
