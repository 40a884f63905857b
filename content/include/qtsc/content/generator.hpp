// Sample content for demonstrations, tests and benchmarks. Every generated record is marked
// as a sample twice: `sample = true`, and a name that starts with "[Mẫu]" / "[Sample]".
// Sectors and themes (Category) are marked the same way. Sample company names are made of
// words that say they are made up, never of real brand names.
#pragma once

#include <cstdint>
#include <string>

#include "qtsc/content/model.hpp"

namespace qtsc::content {

struct SampleSpec {
  int tenants = 0;           // sample tenants, spread over the places of kind building/centre
  int exhibits = 0;          // sample STEAMZONE exhibits
  std::string demoDay;       // "YYYY-MM-DD": adds a sample delegation visit and its welcome that day; empty: none
  std::uint32_t seed = 2001; // the same seed gives the same samples
};

inline constexpr std::string_view kSamplePrefixVi = "[Mẫu] ";
inline constexpr std::string_view kSamplePrefixEn = "[Sample] ";

// Generates samples that refer to the places and sectors of `park` (the real content), and
// adds the sectors and themes they need when `park` lacks them. The result is meant to be
// imported on top of `park`.
ContentSet generateSamples(const ContentSet& park, const SampleSpec& spec);

}  // namespace qtsc::content
