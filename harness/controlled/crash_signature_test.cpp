//! \brief Crash signatures deduplicate failures by outcome, violation kind and the target's own
//! frames: harness, adapter, runtime and standard-library frames never enter the key, and the
//! same failing input gives the same key every time. Scope: controlled/crash_signature.
#include "controlled/crash_signature.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "controlled/fuzz_input.h"

namespace contend {
namespace {

//! requirement: a frame of the target (or of a library it wraps) is kept without template
//! arguments or parameters; frames of the harness, the AnyMap adapter, the std library and
//! unsymbolized ones are dropped.
TEST(CrashSignature, KeepsOnlyTargetFrames) {
  EXPECT_EQ(signature_frame("contend::CanaryRacyMap::insert(unsigned long, long) at targets/canary_racy_map.h:20"),
            "contend::CanaryRacyMap::insert");
  EXPECT_EQ(signature_frame("tbb::detail::d2::concurrent_hash_map<unsigned long, long>::lookup(bool) at "
                            "tbb/concurrent_hash_map.h:1100"),
            "tbb::detail::d2::concurrent_hash_map::lookup");
  EXPECT_EQ(signature_frame("contend::collect_elements(contend::AnyMap const&) at runner/map_invariants.cpp:35"), "");
  EXPECT_EQ(signature_frame("contend::detail::MapAdapter<contend::X>::add(unsigned long, long) at targets/map_target.h:70"),
            "");
  EXPECT_EQ(signature_frame("contend::workloads::checked_release(void*) at workloads/pool_churn.cpp:12"), "");
  EXPECT_EQ(signature_frame("std::_Hashtable<unsigned long>::_M_find_before_node(unsigned long) const at "
                            "bits/hashtable.h:1"),
            "");
  EXPECT_EQ(signature_frame("decltype (::new ((void*)(0)) int()) std::construct_at<int>(int*) at "
                            "bits/stl_construct.h:97"),
            "");
  EXPECT_EQ(signature_frame("?? at ??:0"), "");
}

std::vector<uint8_t> read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

//! requirement: the same failing input gives the same key on every run, keyed by the outcome and
//! violation kind and naming the canary's own function, not the harness.
TEST(CrashSignature, StableForTheSameFailure) {
  const auto bytes = read_bytes(std::string(CONTEND_CORPORA) +
                                "/fuzz_map_controlled_canary_lost_update_map/regression/minimized-lost-update");
  const auto& t = *TargetRegistry::instance().find_map("canary_lost_update_map");
  ControlledRunOptions opts;
  opts.exec.record_trace = true;
  const std::string key = crash_signature(run_fuzz_input(t, bytes, opts).run).key();
  EXPECT_TRUE(key.starts_with("violation/lost-update/")) << key;
  EXPECT_EQ(key.find("collect_elements"), std::string::npos) << key;
  EXPECT_EQ(key.find("MapAdapter"), std::string::npos) << key;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(crash_signature(run_fuzz_input(t, bytes, opts).run).key(), key);
}

}  // namespace
}  // namespace contend
