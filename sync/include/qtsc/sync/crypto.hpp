// Keys, signatures and hashes of the published form: Ed25519 signatures by libsodium,
// SHA-256 object names by OpenSSL's libcrypto (it uses the CPU's SHA extensions where
// present, several times faster than libsodium's portable SHA-256 on large assets). Keys
// travel as lowercase hex text files.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace qtsc::sync {

using PublicKey = std::array<unsigned char, 32>;
using SecretKey = std::array<unsigned char, 64>;  // libsodium's form: seed then public key

struct KeyPair {
  PublicKey publicKey{};
  SecretKey secretKey{};
};

KeyPair generateKeyPair();
// Writes `secretPath` (mode 0600) and `secretPath` + ".pub"; refuses to overwrite either.
void saveKeyPair(const KeyPair& keys, const std::filesystem::path& secretPath);
SecretKey loadSecretKey(const std::filesystem::path& path);
PublicKey loadPublicKey(const std::filesystem::path& path);
// 64 hex digits, surrounding whitespace ignored. Throws VerificationError when malformed.
PublicKey parsePublicKey(std::string_view hex);
PublicKey publicKeyOf(const SecretKey& secret);
std::string toHex(const PublicKey& key);
// A short, stable name for a key (first 8 bytes of its SHA-256, hex) so a signature says
// which key made it.
std::string keyId(const PublicKey& key);

// Detached Ed25519 signature of `message`, base64.
std::string sign(std::string_view message, const SecretKey& secret);
bool verify(std::string_view message, std::string_view signatureBase64, const PublicKey& key);

// SHA-256 fed piece by piece, so a download is checked as its bytes arrive.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  // Lowercase hex digest of everything fed since the start; the hash then starts over.
  std::string finishHex();
  void restart();  // drops everything fed so far

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

// Lowercase hex SHA-256.
std::string sha256Hex(std::string_view bytes);
std::string sha256FileHex(const std::filesystem::path& path);
// Exactly 64 lowercase hex digits: the only form an object name may take.
bool isSha256Hex(std::string_view text);

// 32 random hex digits (report ids, temp names).
std::string randomHexId();
// Uniform in [0, upper) from libsodium's generator.
unsigned int randomBelow(unsigned int upper);

}  // namespace qtsc::sync
