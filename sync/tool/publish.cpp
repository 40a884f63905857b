// kiosk-publish: the publisher's side of sync from the command line. keygen makes the
// signing key pair; publish signs a content database and its assets as the next version
// of a published folder, which a plain web server then serves to every kiosk.
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <string>

#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/publisher.hpp"

namespace {

int keygen(const std::string& keyFile) {
  qtsc::sync::saveKeyPair(qtsc::sync::generateKeyPair(), keyFile);
  std::cout << "wrote the secret key " << keyFile << " (keep it on the publishing server only) and the public key "
            << keyFile << ".pub (goes into every kiosk's config)\n";
  return 0;
}

int publish(const std::string& db, const std::string& assets, const std::string& outDir, const std::string& keyFile,
            const std::string& note, long long lifetimeHours) {
  qtsc::sync::PublisherSettings settings;
  settings.timestampLifetime = std::chrono::hours(lifetimeHours);
  qtsc::sync::Publisher publisher(outDir, qtsc::sync::loadSecretKey(keyFile), settings);
  const auto result = publisher.publish(db, assets, note);
  std::cout << "published content version " << result.version << " into " << outDir << ": snapshot "
            << result.snapshotBytes << " bytes, "
            << (result.changesetBytes > 0 ? "changeset " + std::to_string(result.changesetBytes) + " bytes"
                                          : std::string("no changeset"))
            << ", " << result.assets << " assets, " << result.objectsWritten << " new objects\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kiosk-publish: sign and publish the kiosk's content"};
  app.require_subcommand(1);
  std::string db, keyFile, assetsDir, outDir, note;
  long long lifetimeHours = 24 * 14;  // hours the signed timestamp stays valid (two weeks)

  auto* keygenCmd = app.add_subcommand("keygen", "Make a publishing key pair: KEY (secret) and KEY.pub");
  keygenCmd->add_option("KEY", keyFile, "Secret key file to create")->required();

  auto* publishCmd = app.add_subcommand("publish", "Publish a database and its assets as the next version");
  publishCmd->add_option("DB", db, "Content database")->required()->check(CLI::ExistingFile);
  publishCmd->add_option("ASSETS", assetsDir, "Assets folder (images and other files)")->required()->check(CLI::ExistingDirectory);
  publishCmd->add_option("OUTDIR", outDir, "Published folder, served as it is by the web server")->required();
  publishCmd->add_option("--key", keyFile, "Secret key file from keygen")->required()->check(CLI::ExistingFile);
  publishCmd->add_option("--note", note, "What changed, for staff");
  publishCmd->add_option("--expires-hours", lifetimeHours, "Hours the timestamp stays valid")->check(CLI::PositiveNumber);

  CLI11_PARSE(app, argc, argv);
  try {
    if (*keygenCmd) return keygen(keyFile);
    if (*publishCmd) return publish(db, assetsDir, outDir, keyFile, note, lifetimeHours);
  } catch (const std::exception& e) {
    std::cerr << "kiosk-publish: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
