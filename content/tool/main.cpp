// kiosk-content: builds, checks, searches and summarizes the park's content databases.
// Signing and publishing them is kiosk-publish's (sync/tool/publish.cpp).
#include <CLI/CLI.hpp>

#include <chrono>
#include <ctime>
#include <iostream>

#include "qtsc/content/generator.hpp"
#include "qtsc/content/sources.hpp"
#include "qtsc/content/store.hpp"

namespace {

using namespace qtsc::content;

std::string today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
  return buffer;
}

int build(const std::string& sources, const std::string& db, SampleSpec samples) {
  ContentSet park = readValidSources(sources);
  ContentStore store(db);
  store.import(park);
  if (samples.tenants > 0 || samples.exhibits > 0 || !samples.demoDay.empty())
    store.import(generateSamples(park, samples));
  std::cout << "built " << db << ": " << store.tenantCount({}) << " tenants, " << store.places().size()
            << " places, " << store.milestones().size() << " milestones, " << store.itineraries().size()
            << " itineraries, " << store.exhibits().size() << " exhibits\n";
  return 0;
}

int validate(const std::string& sources) {
  auto diagnostics = checkSources(sources);
  for (const auto& d : diagnostics) std::cerr << d.describe() << "\n";
  if (!diagnostics.empty()) {
    std::cerr << diagnostics.size() << " problem(s) in " << sources << "\n";
    return 1;
  }
  std::cout << sources << ": all content sources are valid\n";
  return 0;
}

int search(const std::string& db, const std::string& query, int limit, const std::string& lang) {
  ContentStore store(db, ContentStore::Mode::ReadOnly);
  auto hits = store.search(query, limit);
  if (hits.empty()) {
    std::cout << "no results for \"" << query << "\"\n";
    return 0;
  }
  for (const auto& hit : hits)
    std::cout << toString(hit.kind) << "\t" << hit.id << "\t" << hit.title.in(lang) << "\n";
  return 0;
}

int generate(const std::string& db, SampleSpec samples) {
  ContentStore store(db);
  store.import(generateSamples(store.exportAll(), samples));
  std::cout << db << ": now " << store.tenantCount({}) << " tenants and " << store.exhibits().size()
            << " exhibits\n";
  return 0;
}

int summary(const std::string& db, const std::string& lang) {
  ContentStore store(db, ContentStore::Mode::ReadOnly);
  const Park park = store.park();
  std::cout << park.name.in(lang) << "\n";
  if (!park.summary.empty()) std::cout << park.summary.in(lang) << "\n";
  std::cout << "\n";
  for (const auto& fact : park.facts) std::cout << "  " << fact.label.in(lang) << ": " << fact.value.in(lang) << "\n";
  std::cout << "\nschema version " << store.schemaVersion() << ", content version " << store.contentVersion() << "\n";
  std::cout << "tenants:     " << store.tenantCount({}) << "\n"
            << "places:      " << store.places().size() << "\n"
            << "milestones:  " << store.milestones().size() << "\n"
            << "exhibits:    " << store.exhibits().size() << "\n"
            << "itineraries: " << store.itineraries().size() << "\n";
  for (const auto& i : store.itineraries())
    std::cout << "  " << i.date << "  " << i.delegation.in(lang) << " (" << i.stops.size()
              << " stops)\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kiosk-content: the QTSC kiosk's content tool"};
  app.require_subcommand(1);
  std::string sources, db, query, lang = "en";
  SampleSpec samples;
  int limit = 20;

  auto* buildCmd = app.add_subcommand("build", "Build a content database from the TOML sources");
  buildCmd->add_option("SOURCES", sources, "Folder of content sources (content/park)")->required()->check(CLI::ExistingDirectory);
  buildCmd->add_option("DB", db, "Database file to create or update")->required();
  buildCmd->add_option("--sample-tenants", samples.tenants, "Sample tenants to add (marked as samples)")->check(CLI::NonNegativeNumber);
  buildCmd->add_option("--sample-exhibits", samples.exhibits, "Sample STEAMZONE exhibits to add")->check(CLI::NonNegativeNumber);
  buildCmd->add_option("--demo-day", samples.demoDay, "Add a sample delegation visit on this day (YYYY-MM-DD, 'today')");

  auto* validateCmd = app.add_subcommand("validate", "Check the content sources; problems name file and line");
  validateCmd->add_option("SOURCES", sources, "Folder of content sources")->required();

  auto* searchCmd = app.add_subcommand("search", "Search a content database as the kiosk does");
  searchCmd->add_option("DB", db, "Content database")->required()->check(CLI::ExistingFile);
  searchCmd->add_option("QUERY", query, "What a visitor types, e.g. \"cong vien\"")->required();
  searchCmd->add_option("--limit", limit, "Results at most")->check(CLI::PositiveNumber);
  searchCmd->add_option("--lang", lang, "Language of the titles printed (vi, en)");

  auto* generateCmd = app.add_subcommand("generate", "Add generated sample content to a database");
  generateCmd->add_option("DB", db, "Content database")->required();
  generateCmd->add_option("--tenants", samples.tenants, "Sample tenants")->check(CLI::NonNegativeNumber);
  generateCmd->add_option("--exhibits", samples.exhibits, "Sample exhibits")->check(CLI::NonNegativeNumber);
  generateCmd->add_option("--seed", samples.seed, "Random seed");

  auto* summaryCmd = app.add_subcommand("summary", "Print what a content database holds");
  summaryCmd->add_option("DB", db, "Content database")->required()->check(CLI::ExistingFile);
  summaryCmd->add_option("--lang", lang, "Language (vi, en)");

  CLI11_PARSE(app, argc, argv);
  if (samples.demoDay == "today") samples.demoDay = today();
  if (!samples.demoDay.empty() && !isIsoDate(samples.demoDay)) {
    std::cerr << "kiosk-content: --demo-day '" << samples.demoDay << "' is not a date YYYY-MM-DD\n";
    return 2;
  }
  try {
    if (*buildCmd) return build(sources, db, samples);
    if (*validateCmd) return validate(sources);
    if (*searchCmd) return search(db, query, limit, lang);
    if (*generateCmd) return generate(db, samples);
    if (*summaryCmd) return summary(db, lang);
  } catch (const std::exception& e) {
    std::cerr << "kiosk-content: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
