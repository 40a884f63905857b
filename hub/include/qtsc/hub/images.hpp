// Uploaded images as the hub stores them, made with libvips: the header is checked against
// a pixel limit before any pixel is decoded, the picture is turned upright by its EXIF
// orientation and encoded anew without metadata, so what kiosks receive is exactly pixels
// (no appended bytes, no EXIF, no text chunks) of a size every kiosk can decode. A file is
// judged by its content, never by its name or declared type.
//
// A picture for the content is made in the sizes kiosks show: a full-screen size whose
// longest side is at most PictureSizes::fullSide (1920 pixels covers a 1920 × 1080 panel in
// either orientation, and a 4K panel at half resolution) and a thumbnail whose longest side
// is at most PictureSizes::thumbnailSide, for galleries and lists. Neither is ever enlarged.
// Kiosks never decode a camera original: the hub does not keep it.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace qtsc::hub {

struct ImageLimits {
  long long maxPixels = 40'000'000;  // width × height, pixels (40 megapixels)
  int maxSide = 8192;                // pixels on the longer side
};

struct PictureSizes {
  int fullSide = 1920;       // pixels on the longer side of the full-screen size
  int thumbnailSide = 480;   // pixels on the longer side of the thumbnail
  int jpegQuality = 85;      // libvips Q, 1..100, for both sizes of a JPEG
};

struct StoredImage {
  std::string bytes;      // the re-encoded file
  std::string extension;  // "png" or "jpg"
  int width = 0;          // pixels, upright
  int height = 0;         // pixels, upright
};

// One upload as the content uses it: both sizes share the extension of the upload (PNG
// stays PNG, lossless; JPEG stays JPEG).
struct StoredPicture {
  StoredImage full;
  StoredImage thumbnail;
  int uploadedWidth = 0;   // pixels of the upload, upright
  int uploadedHeight = 0;  // pixels
};

// Checks the header against `limits` before decoding, decodes, turns upright and re-encodes
// at the same size: PNG stays PNG (lossless), JPEG stays JPEG (quality 90). Throws
// InvalidRequestError at the field "file" naming what is wrong (not an image, a type not
// accepted, too large, truncated, undecodable).
StoredImage normaliseImage(std::string_view bytes, const ImageLimits& limits);

// As normaliseImage, in the two sizes of `sizes`.
StoredPicture makePicture(std::string_view bytes, const ImageLimits& limits, const PictureSizes& sizes = {});

// The thumbnail of a picture the hub already stored (one stored before thumbnails were made).
StoredImage makeThumbnail(std::string_view storedPicture, const PictureSizes& sizes = {});

// The width and height of a stored picture, from its header; {0, 0} when it cannot be read.
std::pair<int, int> storedSize(std::string_view stored);

}  // namespace qtsc::hub
