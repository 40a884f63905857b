// Pictures through the hub, on a real server on 127.0.0.1: each upload made into a full-screen
// size and a thumbnail (longest sides 1920 and 480, never enlarged), upright by its EXIF
// orientation, without metadata; hostile uploads refused naming what is wrong; and the page
// that tells staff a picture's sizes and the records that use it.
#include <catch2/catch.hpp>
#include <vips/vips8>

#include "qtsc/content/model.hpp"
#include "test_hub_support.hpp"

using namespace qtsc::testing;
using nlohmann::json;
using vips::VImage;

namespace {

void startVips() {
  static const bool started = VIPS_INIT("test_hub_pictures") == 0;
  REQUIRE(started);
}

std::string bytesOf(VipsBlob* blob) {
  std::size_t length = 0;
  const void* data = vips_blob_get(blob, &length);
  std::string out(static_cast<const char*>(data), length);
  vips_area_unref(VIPS_AREA(blob));
  return out;
}

// width × height, the left half red and the right half blue.
VImage twoColours(int width, int height) {
  startVips();
  const VImage red = VImage::black(width, height, VImage::option()->set("bands", 3)).new_from_image({255, 0, 0});
  const VImage blue = VImage::black(width - width / 2, height, VImage::option()->set("bands", 3)).new_from_image({0, 0, 255});
  return red.insert(blue, width / 2, 0).cast(VIPS_FORMAT_UCHAR);
}

std::string jpegOf(const VImage& image) { return bytesOf(image.jpegsave_buffer(VImage::option()->set("Q", 90))); }
std::string pngOf(const VImage& image) { return bytesOf(image.pngsave_buffer()); }

VImage decoded(const std::string& bytes) {
  startVips();
  return VImage::new_from_buffer(bytes.data(), bytes.size(), "").copy_memory();
}

bool hasField(const Reply& r, const std::string& field) {
  if (!r.body.is_object() || !r.body.contains("errors")) return false;
  for (const auto& e : r.body["errors"])
    if (e["field"] == field) return true;
  return false;
}

std::string messageOf(const Reply& r) {
  std::string all;
  if (r.body.is_object() && r.body.contains("errors"))
    for (const auto& e : r.body["errors"]) all += e.value("message", "") + "\n";
  return all;
}

// The channel of the pixel at (x, y) that is largest: 0 red, 2 blue.
int strongest(const VImage& image, int x, int y) {
  const auto pixel = const_cast<VImage&>(image).getpoint(x, y);
  return static_cast<int>(std::max_element(pixel.begin(), pixel.begin() + 3) - pixel.begin());
}

}  // namespace

TEST_CASE("an upload is kept in a full-screen size and a thumbnail, never enlarged", "[hub][pictures]") {
  TestHub hub;
  Staff chi(hub, "chi");
  struct Case { int width, height; bool png; int fullW, fullH, thumbW, thumbH; };
  for (const Case c : {Case{3000, 2000, false, 1920, 1280, 480, 320}, Case{1000, 3000, true, 640, 1920, 160, 480},
                       Case{200, 100, false, 200, 100, 200, 100}}) {
    INFO(c.width << " × " << c.height);
    const VImage source = twoColours(c.width, c.height);
    const Reply stored = chi.send("POST", "/api/v1/assets", c.png ? pngOf(source) : jpegOf(source), "image/jpeg");
    REQUIRE(stored.status == 201);
    const std::string name = stored.body["name"];
    CHECK(name.ends_with(c.png ? ".png" : ".jpg"));
    CHECK(stored.body["full"]["width"] == c.fullW);
    CHECK(stored.body["thumbnail"]["name"] == qtsc::content::thumbnailName(name));
    CHECK(stored.body["uploaded"]["width"] == c.width);

    const VImage full = decoded(chi.get("/api/v1/assets/" + name).text);
    CHECK(full.width() == c.fullW);
    CHECK(full.height() == c.fullH);
    const Reply thumbReply = chi.get("/api/v1/assets/" + qtsc::content::thumbnailName(name));
    REQUIRE(thumbReply.status == 200);
    const VImage thumb = decoded(thumbReply.text);
    CHECK(thumb.width() == c.thumbW);
    CHECK(thumb.height() == c.thumbH);
    CHECK(strongest(thumb, 2, thumb.height() / 2) == 0);                 // still red on the left
    CHECK(strongest(thumb, thumb.width() - 3, thumb.height() / 2) == 2);  // and blue on the right
  }
}

TEST_CASE("a JPEG turned by its EXIF orientation is stored upright and without EXIF", "[hub][pictures]") {
  TestHub hub;
  Staff chi(hub, "chi");
  // Stored 64 × 32, red left and blue right; orientation 6 says: turn a quarter clockwise
  // to show it, so upright it is 32 × 64, red above and blue below.
  VImage turned = twoColours(64, 32).copy();
  turned.set(VIPS_META_ORIENTATION, 6);
  const std::string upload = jpegOf(turned);
  REQUIRE(upload.find("Exif") != std::string::npos);
  REQUIRE(decoded(upload).get_int(VIPS_META_ORIENTATION) == 6);

  const Reply stored = chi.send("POST", "/api/v1/assets", upload, "image/jpeg");
  REQUIRE(stored.status == 201);
  CHECK(stored.body["width"] == 32);
  CHECK(stored.body["height"] == 64);
  for (const std::string& name : {stored.body["name"].get<std::string>(), stored.body["thumbnail"]["name"].get<std::string>()}) {
    const std::string kept = chi.get("/api/v1/assets/" + name).text;
    CHECK(kept.find("Exif") == std::string::npos);
    const VImage upright = decoded(kept);
    CHECK(upright.width() == 32);
    CHECK(upright.height() == 64);
    CHECK(upright.get_typeof(VIPS_META_EXIF_NAME) == 0);
    CHECK((upright.get_typeof(VIPS_META_ORIENTATION) == 0 || upright.get_int(VIPS_META_ORIENTATION) == 1));
    CHECK(strongest(upright, 16, 8) == 0);   // red above
    CHECK(strongest(upright, 16, 56) == 2);  // blue below
  }
}

TEST_CASE("a PNG's text chunks are not kept in either size", "[hub][pictures]") {
  TestHub hub;
  Staff chi(hub, "chi");
  const std::string plain = pngOf(twoColours(600, 300));
  // A tEXt chunk after IHDR (8 bytes of signature, 25 of IHDR), with its length and CRC.
  const std::string text = std::string("Location\0secret-location", 24);
  const std::string typed = "tEXt" + text;
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const char ch : typed) {
    crc ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  crc = ~crc;
  auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>((v >> 16) & 0xFF), static_cast<char>((v >> 8) & 0xFF),
                       static_cast<char>(v & 0xFF)};
  };
  const std::string upload = plain.substr(0, 33) + be32(static_cast<std::uint32_t>(text.size())) + typed + be32(crc) +
                             plain.substr(33);
  REQUIRE(decoded(upload).get_typeof("png-comment-0-Location") != 0);
  REQUIRE(upload.find("secret-location") != std::string::npos);
  const Reply stored = chi.send("POST", "/api/v1/assets", upload, "image/png");
  REQUIRE(stored.status == 201);
  for (const std::string& name : {stored.body["name"].get<std::string>(), stored.body["thumbnail"]["name"].get<std::string>()}) {
    const std::string kept = chi.get("/api/v1/assets/" + name).text;
    CHECK(kept.rfind("\x89PNG", 0) == 0);
    CHECK(kept.find("secret-location") == std::string::npos);
    CHECK(kept.find("tEXt") == std::string::npos);
  }
}

TEST_CASE("huge, truncated and false pictures are refused saying what is wrong", "[hub][pictures]") {
  TestHub hub;
  Staff chi(hub, "chi");
  auto upload = [&](const std::string& bytes) { return chi.send("POST", "/api/v1/assets", bytes, "image/png"); };

  const Reply wide = upload(pngOf(VImage::black(9000, 4)));  // past 8192 pixels a side
  CHECK(wide.status == 422);
  CHECK(hasField(wide, "file"));
  CHECK_THAT(messageOf(wide), Catch::Contains("9000 × 4"));

  const std::string jpeg = jpegOf(twoColours(400, 300));
  const Reply cut = upload(jpeg.substr(0, jpeg.size() / 2));
  CHECK(cut.status == 422);
  CHECK_THAT(messageOf(cut), Catch::Contains("cannot be decoded") || Catch::Contains("cannot be read"));

  const Reply text = upload("<svg xmlns='http://www.w3.org/2000/svg'/>");
  CHECK(text.status == 422);
  CHECK_THAT(messageOf(text), Catch::Contains("not a PNG or JPEG"));

  const Reply header = upload(std::string("\xFF\xD8\xFF", 3) + std::string(200, '\0'));
  CHECK(header.status == 422);
  CHECK(hasField(header, "file"));
}

TEST_CASE("staff see a picture's sizes and the records that use it", "[hub][pictures]") {
  TestHub hub;
  Staff chi(hub, "chi");
  const Reply stored = chi.send("POST", "/api/v1/assets", jpegOf(twoColours(2400, 1200)), "image/jpeg");
  REQUIRE(stored.status == 201);
  const std::string name = stored.body["name"];

  Reply info = chi.get("/api/v1/pictures/" + name);
  REQUIRE(info.status == 200);
  CHECK(info.body["full"]["width"] == 1920);
  CHECK(info.body["full"]["height"] == 960);
  CHECK(info.body["thumbnail"]["width"] == 480);
  CHECK(info.body["thumbnail"]["url"] == "/api/v1/assets/" + qtsc::content::thumbnailName(name));
  CHECK(info.body["usedBy"].empty());

  json place = chi.get("/api/v1/content/places").body.at(0);
  place["gallery"] = json::array({{{"caption", {{"vi", "Sẽ có"}}}},
                                  {{"image", name}, {"caption", {{"vi", "Ảnh mẫu"}, {"en", "Sample picture"}}}}});
  const std::string id = place["id"];
  REQUIRE(chi.json("PUT", "/api/v1/content/places/" + id, place).status == 200);
  info = chi.get("/api/v1/pictures/" + name);
  REQUIRE(info.body["usedBy"].size() == 1);
  CHECK(info.body["usedBy"][0]["kind"] == "place");
  CHECK(info.body["usedBy"][0]["id"] == id);
  CHECK(info.body["usedBy"][0]["field"] == "gallery[1]");
  CHECK(info.body["usedBy"][0]["caption"]["en"] == "Sample picture");

  CHECK(chi.get("/api/v1/pictures/" + std::string(64, 'f') + ".jpg").status == 404);
  CHECK(chi.get("/api/v1/pictures/..%2Fhub.db").status == 404);
}
