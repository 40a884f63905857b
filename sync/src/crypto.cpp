#include "qtsc/sync/crypto.hpp"

#include <openssl/evp.h>
#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <vector>

#include "files.hpp"
#include "qtsc/sync/errors.hpp"

namespace qtsc::sync {

static_assert(std::tuple_size_v<PublicKey> == crypto_sign_PUBLICKEYBYTES);
static_assert(std::tuple_size_v<SecretKey> == crypto_sign_SECRETKEYBYTES);

namespace {

void ensureSodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw SyncError("libsodium could not be initialised");
}

std::string hexOf(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

template <std::size_t N>
std::array<unsigned char, N> fromHex(std::string_view hexText, const char* what) {
  const std::string hex = trim(hexText);
  std::array<unsigned char, N> out{};
  std::size_t written = 0;
  const char* end = nullptr;
  if (hex.size() != N * 2 ||
      sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &written, &end) != 0 ||
      written != N)
    throw VerificationError(std::string("malformed ") + what + ": expected " + std::to_string(N * 2) +
                            " hex digits");
  return out;
}

}  // namespace

KeyPair generateKeyPair() {
  ensureSodium();
  KeyPair keys;
  crypto_sign_keypair(keys.publicKey.data(), keys.secretKey.data());
  return keys;
}

void saveKeyPair(const KeyPair& keys, const std::filesystem::path& secretPath) {
  std::filesystem::path publicPath = secretPath;
  publicPath += ".pub";
  for (const auto& p : {secretPath, publicPath})
    if (std::filesystem::exists(p)) throw StorageError("refusing to overwrite the key file '" + p.string() + "'");
  const std::string secretHex = hexOf(keys.secretKey.data(), keys.secretKey.size());
  writeFileDurably(secretPath, secretHex + "\n", 0600);
  writeFileDurably(publicPath, toHex(keys.publicKey) + "\n", 0644);
}

SecretKey loadSecretKey(const std::filesystem::path& path) {
  ensureSodium();
  return fromHex<64>(readWholeFile(path), "secret key file");
}

PublicKey loadPublicKey(const std::filesystem::path& path) { return parsePublicKey(readWholeFile(path)); }

PublicKey parsePublicKey(std::string_view hex) {
  ensureSodium();
  return fromHex<32>(hex, "public key");
}

PublicKey publicKeyOf(const SecretKey& secret) {
  ensureSodium();
  PublicKey key{};
  crypto_sign_ed25519_sk_to_pk(key.data(), secret.data());
  return key;
}

std::string toHex(const PublicKey& key) { return hexOf(key.data(), key.size()); }

std::string keyId(const PublicKey& key) {
  return sha256Hex(std::string_view(reinterpret_cast<const char*>(key.data()), key.size())).substr(0, 16);
}

std::string sign(std::string_view message, const SecretKey& secret) {
  ensureSodium();
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), secret.data());
  std::string out(sodium_base64_encoded_len(signature.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), signature.data(), signature.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

bool verify(std::string_view message, std::string_view signatureBase64, const PublicKey& key) {
  ensureSodium();
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  std::size_t length = 0;
  if (sodium_base642bin(signature.data(), signature.size(), signatureBase64.data(), signatureBase64.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != signature.size())
    return false;
  return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

struct Sha256::Context {
  EVP_MD_CTX* evp = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(evp); }
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
  if (context_->evp == nullptr) throw SyncError("cannot start a SHA-256 hash: out of memory");
  restart();
}

Sha256::~Sha256() = default;

void Sha256::restart() {
  if (EVP_DigestInit_ex(context_->evp, EVP_sha256(), nullptr) != 1) throw SyncError("cannot start a SHA-256 hash");
}

void Sha256::update(const void* data, std::size_t size) {
  if (size > 0 && EVP_DigestUpdate(context_->evp, data, size) != 1) throw SyncError("SHA-256 hashing failed");
}

std::string Sha256::finishHex() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context_->evp, digest.data(), &length) != 1 || length != 32)
    throw SyncError("SHA-256 hashing failed");
  restart();
  return hexOf(digest.data(), length);
}

std::string sha256Hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes.data(), bytes.size());
  return hash.finishHex();
}

std::string sha256FileHex(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw StorageError("cannot read '" + path.string() + "'");
  Sha256 hash;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got > 0) hash.update(buffer.data(), static_cast<std::size_t>(got));
  }
  if (in.bad()) throw StorageError("error while reading '" + path.string() + "'");
  return hash.finishHex();
}

bool isSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (const char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string randomHexId() {
  ensureSodium();
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return hexOf(bytes.data(), bytes.size());
}

unsigned int randomBelow(unsigned int upper) {
  ensureSodium();
  return upper == 0 ? 0 : randombytes_uniform(upper);
}

}  // namespace qtsc::sync
