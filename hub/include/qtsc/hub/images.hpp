// Uploaded images as the hub stores them: decoded under a pixel limit and encoded anew, so
// what kiosks receive is exactly pixels (no appended bytes, no metadata) of a size every
// kiosk can decode. A file is judged by its content, never by its name or declared type.
#pragma once

#include <string>
#include <string_view>

namespace qtsc::hub {

struct ImageLimits {
  long long maxPixels = 40'000'000;  // width × height, pixels (40 megapixels)
  int maxSide = 8192;                // pixels on the longer side
};

struct StoredImage {
  std::string bytes;      // the re-encoded file
  std::string extension;  // "png" or "jpg"
  int width = 0;          // pixels
  int height = 0;         // pixels
};

// Checks the header against `limits` before decoding, decodes, and re-encodes: PNG stays
// PNG (lossless), JPEG stays JPEG (quality 90). Throws InvalidRequestError at the field
// "file" naming what is wrong (not an image, a type not accepted, too large, undecodable).
StoredImage normaliseImage(std::string_view bytes, const ImageLimits& limits);

}  // namespace qtsc::hub
