#include "qtsc/hub/images.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <climits>
#include <memory>
#include <mutex>

#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

namespace {

[[noreturn]] void refuse(const std::string& message) { throw InvalidRequestError({FieldIssue{"file", message}}); }

bool startsWith(std::string_view bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic;
}

void appendTo(void* context, void* data, int size) {
  if (size > 0) static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

struct PixelsFree {
  void operator()(stbi_uc* pixels) const { stbi_image_free(pixels); }
};

// A decode holds up to 4 bytes per allowed pixel (160 MB at the default limit): one at a
// time keeps a burst of uploads from multiplying that.
std::mutex decodeMutex;

}  // namespace

StoredImage normaliseImage(std::string_view bytes, const ImageLimits& limits) {
  StoredImage out;
  if (startsWith(bytes, "\x89PNG\r\n\x1a\n")) out.extension = "png";
  else if (startsWith(bytes, "\xFF\xD8\xFF")) out.extension = "jpg";
  else if (bytes.size() > 12 && startsWith(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP")
    refuse("WebP images are not accepted; save the picture as PNG or JPEG");
  else
    refuse("this is not a PNG or JPEG image");
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) refuse("the image is too large");

  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  const int length = static_cast<int>(bytes.size());
  int width = 0, height = 0, channels = 0;
  if (!stbi_info_from_memory(data, length, &width, &height, &channels) || width <= 0 || height <= 0) {
    // stb_image refuses a header past its own limit (a gigabyte of pixels) with no size:
    // a PNG's size is the first two fields of its IHDR chunk, so the message can name it.
    const char* reason = stbi_failure_reason();
    if (out.extension == "png" && bytes.size() >= 24 && bytes.substr(12, 4) == "IHDR") {
      auto field = [&](std::size_t at) {
        unsigned long long v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
        return v;
      };
      if (field(16) > static_cast<unsigned long long>(limits.maxSide) ||
          field(20) > static_cast<unsigned long long>(limits.maxSide))
        refuse("the image is " + std::to_string(field(16)) + " × " + std::to_string(field(20)) + " pixels; at most " +
               std::to_string(limits.maxSide) + " pixels a side is accepted");
    }
    refuse("the " + std::string(out.extension == "png" ? "PNG" : "JPEG") + " header cannot be read" +
           (reason ? std::string(" (") + reason + ")" : std::string()));
  }
  const std::string size = std::to_string(width) + " × " + std::to_string(height) + " pixels";
  if (width > limits.maxSide || height > limits.maxSide)
    refuse("the image is " + size + "; at most " + std::to_string(limits.maxSide) + " pixels a side is accepted");
  if (static_cast<long long>(width) * height > limits.maxPixels)
    refuse("the image is " + size + "; at most " + std::to_string(limits.maxPixels / 1'000'000) +
           " megapixels are accepted");

  std::lock_guard lock(decodeMutex);
  int decodedWidth = 0, decodedHeight = 0, decodedChannels = 0;
  const std::unique_ptr<stbi_uc, PixelsFree> pixels(
      stbi_load_from_memory(data, length, &decodedWidth, &decodedHeight, &decodedChannels, 0));
  if (!pixels) {
    const char* reason = stbi_failure_reason();
    refuse("the image cannot be decoded" + (reason ? std::string(" (") + reason + ")" : std::string()));
  }
  if (decodedWidth != width || decodedHeight != height) refuse("the image's header does not match its pixels");
  out.width = width;
  out.height = height;
  int written = 0;
  if (out.extension == "png") {
    written = stbi_write_png_to_func(appendTo, &out.bytes, width, height, decodedChannels, pixels.get(),
                                     width * decodedChannels);
  } else {
    // JPEG has no alpha: a grey or colour picture is written as it came.
    written = stbi_write_jpg_to_func(appendTo, &out.bytes, width, height, decodedChannels, pixels.get(), 90);
  }
  if (!written || out.bytes.empty()) refuse("the image could not be encoded again");
  return out;
}

}  // namespace qtsc::hub
