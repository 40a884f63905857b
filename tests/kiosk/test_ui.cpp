// The kiosk's drawing helpers: colours mixed over the page, and rounded fills built so that
// SDL's software renderer draws their body as plain rectangles.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "ui/ui.hpp"

using namespace qtsc::kiosk::ui;

namespace {

unsigned channel(ImU32 c, int shift) { return (c >> shift) & 0xFF; }

// An ImGui context with a built font atlas, and an empty draw list ready for primitives.
struct DrawListFixture {
  DrawListFixture() {
    context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    list = std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData());
    list->_ResetForNewFrame();
    list->PushClipRectFullScreen();
    list->PushTextureID(io.Fonts->TexID);
  }
  ~DrawListFixture() {
    list.reset();
    ImGui::DestroyContext(context);
  }
  DrawListFixture(const DrawListFixture&) = delete;
  DrawListFixture& operator=(const DrawListFixture&) = delete;

  // The quads among the triangles: pairs of triangles that make an axis-aligned rectangle,
  // which is what the software renderer fills directly. Returns their total area.
  [[nodiscard]] float rectangleArea() const {
    float area = 0.f;
    const auto& v = list->VtxBuffer;
    const auto& idx = list->IdxBuffer;
    for (int i = 0; i + 5 < idx.Size; i += 6) {
      ImVec2 lo = v[idx[i]].pos, hi = lo;
      bool axisAligned = true;
      for (int k = 0; k < 6; ++k) {
        const ImVec2 p = v[idx[i + k]].pos;
        lo = {std::min(lo.x, p.x), std::min(lo.y, p.y)};
        hi = {std::max(hi.x, p.x), std::max(hi.y, p.y)};
      }
      for (int k = 0; k < 6; ++k) {
        const ImVec2 p = v[idx[i + k]].pos;
        axisAligned = axisAligned && (p.x == lo.x || p.x == hi.x) && (p.y == lo.y || p.y == hi.y);
      }
      if (axisAligned && v[idx[i]].col == v[idx[i + 5]].col) area += (hi.x - lo.x) * (hi.y - lo.y);
    }
    return area;
  }

  ImGuiContext* context = nullptr;
  std::unique_ptr<ImDrawList> list;
};

}  // namespace

TEST_CASE("a translucent colour over the page gives the opaque colour seen there", "[kiosk][ui]") {
  using namespace colour;
  CHECK(over(rgb(10, 20, 30), Paper) == rgb(10, 20, 30));     // opaque: itself
  CHECK(over(rgb(10, 20, 30, 0), Paper) == Paper);            // clear: the page
  const ImU32 shadow = over(rgb(0, 0, 0, 22), Paper);         // a card's drop shadow
  CHECK(channel(shadow, 24) == 255);
  CHECK(channel(shadow, 0) == (0xF6 * 233 + 127) / 255);
  CHECK(channel(shadow, 8) == (0xF3 * 233 + 127) / 255);
  CHECK(channel(shadow, 16) == (0xEC * 233 + 127) / 255);
  const ImU32 half = over(rgb(255, 255, 255, 128), rgb(0, 0, 0));
  CHECK(channel(half, 0) == 128);
}

TEST_CASE("a rounded fill is rectangles and four small corners, inside its bounds", "[kiosk][ui]") {
  DrawListFixture draw;
  const ImVec2 a(100.4f, 50.6f), b(700.f, 450.f);
  const float r = 24.f;
  Ui::fillRounded(draw.list.get(), a, b, colour::Card, r);
  const auto& v = draw.list->VtxBuffer;
  REQUIRE(v.Size > 0);
  // Snapped to whole pixels, nothing outside the card.
  for (const auto& vertex : v) {
    CHECK(vertex.pos.x >= 100.f);
    CHECK(vertex.pos.y >= 51.f);
    CHECK(vertex.pos.x <= 700.f);
    CHECK(vertex.pos.y <= 450.f);
  }
  // All but the corners is plain rectangles: at least the card less its four r x r corners.
  const float card = (700.f - 100.f) * (450.f - 51.f);
  CHECK(draw.rectangleArea() >= card - 4 * r * r);
  // The corners fade out exactly at the arc: every clear vertex lies at distance r from its
  // corner's centre, so the edge of a corner meets the rectangles' edges.
  const ImVec2 centres[4] = {{100.f + r, 51.f + r}, {700.f - r, 51.f + r}, {700.f - r, 450.f - r}, {100.f + r, 450.f - r}};
  int clear = 0;
  for (const auto& vertex : v) {
    if ((vertex.col & IM_COL32_A_MASK) != 0) continue;
    ++clear;
    float nearest = 1e9f;
    for (const auto& c : centres) nearest = std::min(nearest, std::hypot(vertex.pos.x - c.x, vertex.pos.y - c.y));
    CHECK(nearest == Approx(r).margin(0.01));
  }
  CHECK(clear >= 4 * 5);

  // Too small to round: one rectangle. Nothing to draw: nothing.
  DrawListFixture small;
  Ui::fillRounded(small.list.get(), {0, 0}, {10, 10}, colour::Card, 0.4f);
  CHECK(small.list->VtxBuffer.Size == 4);
  DrawListFixture none;
  Ui::fillRounded(none.list.get(), {0, 0}, {10, 10}, colour::rgb(1, 2, 3, 0), 8.f);
  Ui::fillRounded(none.list.get(), {10, 10}, {0, 0}, colour::Card, 8.f);
  CHECK(none.list->VtxBuffer.Size == 0);
}
