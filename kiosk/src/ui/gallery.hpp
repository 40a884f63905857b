// A record's gallery as a detail screen shows it: one picture at a time, fitted in its frame
// without cropping, its caption and credit in the visitor's language below it, and a swipe
// across the picture or the arrows beside the counter move to the next one. Pictures the park
// has not uploaded yet (a caption and no image) are not shown, and a record with no picture
// to show draws nothing at all, so its screen is laid out without an empty frame. A tap on the
// picture opens it full screen (the lightbox, ui/lightbox.hpp), where it zooms.
#pragma once

#include <string>
#include <vector>

#include "qtsc/content/model.hpp"
#include "ui/image.hpp"
#include "ui/ui.hpp"

namespace qtsc::kiosk::ui {

struct GalleryLook {
  float width = 0.f;          // screen pixels
  float aspect = 0.72f;       // the frame's height over its width
  float swipeDistance = 80;   // design pixels a finger moves across the picture to turn it
  std::string openLabel;      // the picture's name as a touch target ("See it full screen")
};

// The lightbox's words in the visitor's language.
struct LightboxText {
  std::string close;  // the button that closes it
  std::string hint;   // how to zoom
  std::string language;
};

// Draws the gallery at the cursor; returns false (and draws nothing) when it has no picture
// to show. `id` keeps the picture shown apart per record (ImGui's state storage).
bool drawGallery(Ui& u, ImageSource& images, const std::vector<content::Picture>& gallery,
                 const std::string& language, const GalleryLook& look, const char* id);

// Draws the open lightbox (u.lightbox) over the whole display, in a window of its own that
// takes every touch: the picture fitted, pinch or double-tap to zoom and a drag to look
// around it, a swipe (while seen whole) or the arrows to turn, its caption and credit, and a
// button to close. Call after the screen's window and before the idle notice. Nothing when
// it is closed.
void drawLightbox(Ui& u, ImageSource& images, const LightboxText& text);

}  // namespace qtsc::kiosk::ui
