#include "qtsc/hub/images.hpp"

#include <vips/vips8>

#include <climits>
#include <memory>
#include <mutex>

#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

namespace {

using vips::VImage;

// The problem in English and as a code with values for the admin page (hub/web/lang).
[[noreturn]] void refuse(const std::string& message, const std::string& code, FieldIssue::Params params = {}) {
  throw InvalidRequestError({FieldIssue{"file", message, code, std::move(params)}});
}

bool startsWith(std::string_view bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic;
}

// libvips is started once per process. Its operation cache is off: a cached load would keep
// a reference to an upload's buffer after the request is gone.
void startVips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("kiosk-hub") != 0) throw HubError(std::string("libvips cannot start: ") + vips_error_buffer());
    vips_cache_set_max(0);
    // One worker thread per decode. With several, a read error met by one worker (a file cut
    // short) is at times lost and the picture comes out with grey rows instead of a refusal;
    // uploads are decoded one at a time anyway (decodeMutex) and are at most a few megapixels.
    vips_concurrency_set(1);
  });
}

// What libvips said, on one line, without its trailing newline.
std::string vipsReason(const vips::VError& e) {
  std::string reason = e.what();
  vips_error_clear();
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
  for (auto& c : reason)
    if (c == '\n') c = ';';
  return reason;
}

// A buffer libvips reads without copying; it lives as long as the call that made it.
struct Blob {
  VipsBlob* blob;
  explicit Blob(std::string_view bytes) : blob(vips_blob_new(nullptr, bytes.data(), bytes.size())) {}
  ~Blob() { vips_area_unref(VIPS_AREA(blob)); }
  Blob(const Blob&) = delete;
  Blob& operator=(const Blob&) = delete;
};

std::string bytesOf(VipsBlob* saved) {
  std::size_t length = 0;
  const void* data = vips_blob_get(saved, &length);
  std::string out(static_cast<const char*>(data), length);
  vips_area_unref(VIPS_AREA(saved));
  return out;
}

// The accepted kinds, by their first bytes.
std::string extensionOf(std::string_view bytes) {
  if (startsWith(bytes, "\x89PNG\r\n\x1a\n")) return "png";
  if (startsWith(bytes, "\xFF\xD8\xFF")) return "jpg";
  if (bytes.size() > 12 && startsWith(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP")
    refuse("WebP images are not accepted; save the picture as PNG or JPEG", "image_webp");
  refuse("this is not a PNG or JPEG image", "image_kind");
}

// A PNG's size is the first two fields of its IHDR chunk: a header libvips refuses as too
// large is still named by its size.
void refuseHugePng(std::string_view bytes, const ImageLimits& limits) {
  if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR") return;
  auto field = [&](std::size_t at) {
    unsigned long long v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  if (field(16) > static_cast<unsigned long long>(limits.maxSide) ||
      field(20) > static_cast<unsigned long long>(limits.maxSide))
    refuse("the image is " + std::to_string(field(16)) + " × " + std::to_string(field(20)) + " pixels; at most " +
               std::to_string(limits.maxSide) + " pixels a side is accepted",
           "image_side", {{"width", std::to_string(field(16))}, {"height", std::to_string(field(20))}, {"max", std::to_string(limits.maxSide)}});
}

// Reads the header only (libvips decodes no pixel before they are asked for) and refuses an
// image over `limits`. Returns the upright size.
std::pair<int, int> checkHeader(std::string_view bytes, const std::string& extension, const ImageLimits& limits) {
  const char* kind = extension == "png" ? "PNG" : "JPEG";
  VImage header;
  try {
    header = VImage::new_from_buffer(bytes.data(), bytes.size(), "",
                                     VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL)->set("fail_on", VIPS_FAIL_ON_ERROR));
  } catch (const vips::VError& e) {
    const std::string reason = vipsReason(e);
    if (extension == "png") refuseHugePng(bytes, limits);
    refuse("the " + std::string(kind) + " header cannot be read (" + reason + ")", "image_header", {{"kind", kind}, {"reason", reason}});
  }
  const int width = header.width();
  const int height = header.height();
  if (width <= 0 || height <= 0) refuse("the " + std::string(kind) + " header states no size", "image_no_size", {{"kind", kind}});
  const std::string size = std::to_string(width) + " × " + std::to_string(height) + " pixels";
  const FieldIssue::Params sized{{"width", std::to_string(width)}, {"height", std::to_string(height)}};
  if (width > limits.maxSide || height > limits.maxSide) {
    FieldIssue::Params params = sized;
    params["max"] = std::to_string(limits.maxSide);
    refuse("the image is " + size + "; at most " + std::to_string(limits.maxSide) + " pixels a side is accepted", "image_side",
           params);
  }
  if (static_cast<long long>(width) * height > limits.maxPixels) {
    FieldIssue::Params params = sized;
    params["max"] = std::to_string(limits.maxPixels / 1'000'000);
    refuse("the image is " + size + "; at most " + params["max"] + " megapixels are accepted", "image_pixels", params);
  }
  // Orientations 5 to 8 turn the picture a quarter.
  int orientation = 1;
  if (header.get_typeof(VIPS_META_ORIENTATION) != 0) orientation = header.get_int(VIPS_META_ORIENTATION);
  if (orientation >= 5 && orientation <= 8) return {height, width};
  return {width, height};
}

// Decodes, turns upright by the EXIF orientation, shrinks to fit `side` × `side` (never
// enlarges), takes 16-bit pixels to 8 and encodes as `extension` without any metadata.
StoredImage encodeFitting(std::string_view bytes, const std::string& extension, int side, int jpegQuality) {
  StoredImage out;
  out.extension = extension;
  try {
    const Blob input(bytes);
    VImage image = VImage::thumbnail_buffer(input.blob, side,
                                            VImage::option()
                                                ->set("height", side)
                                                ->set("size", VIPS_SIZE_DOWN)
                                                ->set("fail_on", VIPS_FAIL_ON_ERROR)
                                                // the loader's own option: a cut file is an error, not grey rows
                                                ->set("option_string", "fail_on=error"));
    if (image.format() != VIPS_FORMAT_UCHAR)
      image = image.colourspace(image.bands() <= 2 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB)
                  .cast(VIPS_FORMAT_UCHAR);
    if (extension == "png") {
      out.bytes = bytesOf(image.pngsave_buffer(VImage::option()->set("strip", true)->set("compression", 6)));
    } else {
      // JPEG has no alpha: a picture that gained one is laid on white.
      if (image.has_alpha()) image = image.flatten(VImage::option()->set("background", std::vector<double>{255.0}));
      out.bytes = bytesOf(image.jpegsave_buffer(
          VImage::option()->set("Q", jpegQuality)->set("strip", true)->set("optimize_coding", true)));
    }
    out.width = image.width();
    out.height = image.height();
  } catch (const vips::VError& e) {
    refuse("the image cannot be decoded (" + vipsReason(e) + ")", "image_decode", {{"reason", vipsReason(e)}});
  }
  if (out.bytes.empty()) refuse("the image could not be encoded again", "image_encode");
  return out;
}

// A decode holds at most the rows it is working on (libvips streams), except a quarter turn,
// which holds the shrunk picture: one at a time keeps a burst of uploads from multiplying it.
std::mutex decodeMutex;

std::string checkedExtension(std::string_view bytes) {
  const std::string extension = extensionOf(bytes);
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) refuse("the image is too large", "image_too_large");
  return extension;
}

}  // namespace

StoredImage normaliseImage(std::string_view bytes, const ImageLimits& limits) {
  startVips();
  const std::string extension = checkedExtension(bytes);
  const auto [width, height] = checkHeader(bytes, extension, limits);
  std::lock_guard lock(decodeMutex);
  StoredImage out = encodeFitting(bytes, extension, std::max(width, height), 90);
  if (out.width != width || out.height != height) refuse("the image's header does not match its pixels", "image_header_pixels");
  return out;
}

StoredPicture makePicture(std::string_view bytes, const ImageLimits& limits, const PictureSizes& sizes) {
  startVips();
  const std::string extension = checkedExtension(bytes);
  StoredPicture out;
  std::tie(out.uploadedWidth, out.uploadedHeight) = checkHeader(bytes, extension, limits);
  std::lock_guard lock(decodeMutex);
  out.full = encodeFitting(bytes, extension, sizes.fullSide, sizes.jpegQuality);
  // The thumbnail is made from the full size: decoded already small, and the same pixels.
  out.thumbnail = encodeFitting(out.full.bytes, extension, sizes.thumbnailSide, sizes.jpegQuality);
  return out;
}

StoredImage makeThumbnail(std::string_view storedPicture, const PictureSizes& sizes) {
  startVips();
  const std::string extension = checkedExtension(storedPicture);
  std::lock_guard lock(decodeMutex);
  return encodeFitting(storedPicture, extension, sizes.thumbnailSide, sizes.jpegQuality);
}

std::pair<int, int> storedSize(std::string_view stored) {
  startVips();
  try {
    const VImage header = VImage::new_from_buffer(stored.data(), stored.size(), "");
    return {header.width(), header.height()};
  } catch (const vips::VError&) {
    vips_error_clear();
    return {0, 0};
  }
}

}  // namespace qtsc::hub
