// A gallery's picture seen full screen (the lightbox): which pictures, which one is shown, and
// its zoom. The gallery opens it with a tap on a picture; the kiosk draws it over the screen
// (drawLightbox in ui/gallery.hpp) until the visitor closes it, leaves for another screen or
// the idle reset comes.
#pragma once

#include <vector>

#include "qtsc/content/model.hpp"
#include "ui/zoom.hpp"

namespace qtsc::kiosk::ui {

class Lightbox {
 public:
  // Opens on `pictures[index]`; an empty list leaves it closed.
  void open(std::vector<content::Picture> pictures, int index);
  void close();
  [[nodiscard]] bool isOpen() const { return !pictures_.empty(); }
  [[nodiscard]] int index() const { return index_; }
  [[nodiscard]] int count() const { return static_cast<int>(pictures_.size()); }
  // The picture shown; only while open.
  [[nodiscard]] const content::Picture& picture() const { return pictures_[static_cast<std::size_t>(index_)]; }
  // The next (`by` = 1) or previous (-1) picture, round the end, seen whole again.
  void turn(int by);

  ZoomView zoom;

 private:
  std::vector<content::Picture> pictures_;
  int index_ = 0;
};

}  // namespace qtsc::kiosk::ui
