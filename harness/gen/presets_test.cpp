//! \brief Embedded presets: every shipped preset parses and validates; lookups fail clearly.
//! Scope: gen/presets.h and workloads/*/*.json.
#include "gen/presets.h"

#include <gtest/gtest.h>

namespace contend {
namespace {

//! requirement: each file under workloads/map-mix is embedded, parses and is a valid spec.
TEST(Presets, AllEmbeddedPresetsAreValid) {
  int map_mix = 0;
  for (const auto& p : embedded_presets()) {
    if (p.workload != "map-mix") continue;
    ++map_mix;
    auto spec = load_map_mix("map-mix", p.name);
    ASSERT_TRUE(spec.ok()) << p.name << ": " << spec.error().message;
    EXPECT_TRUE(validate(*spec).ok()) << p.name;
    EXPECT_FALSE(preset_description(p).empty()) << p.name << " has no description";
  }
  EXPECT_GE(map_mix, 5);
  EXPECT_TRUE(load_map_mix("map-mix", "default").ok());
}

//! error_guessing: unknown workload/preset names are usage errors with a suggestion;
//! a missing file is an io error.
TEST(Presets, UnknownNamesSuggest) {
  auto w = load_map_mix("map-mixx", "default");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, ExitCode::kUsage);
  EXPECT_NE(w.error().hint.find("map-mix"), std::string::npos);
  auto p = load_map_mix("map-mix", "read_heavy");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().hint.find("read-heavy"), std::string::npos);
  auto f = load_map_mix("map-mix", "/nonexistent/preset.json");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, ExitCode::kIoError);
}

}  // namespace
}  // namespace contend
