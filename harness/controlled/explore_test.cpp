//! \brief Controlled exploration end to end on the real (instrumented) targets: no false
//! failures on correct targets, every canary found from fixed seeds and replayed exactly, and
//! replays deterministic. Scope: harness/controlled with harness/sched; label dsched.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "controlled/explore.h"
#include "controlled/replay.h"
#include "controlled/schedule_artifact.h"
#include "gen/presets.h"
#include "runner/contract_plan.h"
#include "sched/determinism_check.h"
#include "sched/schedule.h"
#include "sched/strategy_pct.h"
#include "sched/strategy_replay.h"

namespace contend {
namespace {

std::string failures_dir() {
  return (std::filesystem::temp_directory_path() / ("contend_explore_" + std::to_string(::getpid()))).string();
}

MapMixSpec spec_for(const std::string& preset, const MapTargetInfo& t, uint64_t seed) {
  MapMixSpec s = *load_map_mix("map-mix", preset);
  s.seed = seed;
  return plan_for_contract(s, t, /*controlled=*/true)->spec;
}

const MapTargetInfo& target(const std::string& name) { return *TargetRegistry::instance().find_map(name); }

ExploreOptions quiet(uint64_t runs, uint64_t seed) {
  ExploreOptions o;
  o.runs = runs;
  o.seed = seed;
  o.progress = false;
  o.failures_dir = failures_dir();
  return o;
}

class CorrectTargets : public ::testing::TestWithParam<std::string> {};

//! requirement: no false positives: 10,000 PCT executions over generated scenarios (init,
//! parallel and post parts) end ok on every correct target (cuckoo_map: 100, since each fresh
//! table allocates 64k locks; longer runs belong in ci/bug-zoo.sh).
TEST_P(CorrectTargets, TenThousandExecutionsWithoutFailure) {
  const auto& t = target(GetParam());
  const uint64_t runs = GetParam() == "cuckoo_map" ? 100 : 10000;
  auto r = explore(t, spec_for("controlled", t, 1), quiet(runs, 1), "");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->outcome, Outcome::kOk) << r->outcome_detail;
  EXPECT_EQ(r->controlled["executions"], runs);
  EXPECT_GT(r->controlled["points_per_execution"].get<double>(), 100);  // the container is instrumented
}

//! requirement: determinism: 20 replays of one recorded schedule give identical outcome, point
//! count and trace hash.
TEST_P(CorrectTargets, TwentyReplaysIdentical) {
  const auto& t = target(GetParam());
  const Program program = make_program(spec_for("controlled", t, 3));
  ControlledMapRunner runner(t, program, {});
  sched::PctStrategy pct(3);
  const ControlledRun first = runner.run(pct);
  ASSERT_EQ(first.outcome, Outcome::kOk) << first.detail;
  const auto report = sched::check_determinism([&](sched::Strategy& s) { return runner.run(s).exec; },
                                               first.exec.schedule, 20, &first.exec);
  EXPECT_TRUE(report.deterministic) << report.divergence;
  EXPECT_EQ(report.runs, 20);
}

INSTANTIATE_TEST_SUITE_P(All, CorrectTargets, ::testing::ValuesIn(TargetRegistry::instance().default_map_names()),
                         [](const auto& info) { return info.param; });

struct CanaryCase {
  const char* target;
  const char* preset;
  uint64_t seed;
  uint64_t within;  // executions: measured first-failure index is well below this
};

class Canaries : public ::testing::TestWithParam<CanaryCase> {};

//! requirement: every canary is found from a fixed seed within a stated number of executions,
//! its artifact replays to the same outcome (in-process and through the replay command path),
//! and the replay is deterministic.
TEST_P(Canaries, FoundWithinBudgetAndReplayed) {
  const CanaryCase c = GetParam();
  const auto& t = target(c.target);
  auto r = explore(t, spec_for(c.preset, t, c.seed), quiet(c.within, c.seed), "");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_NE(r->outcome, Outcome::kOk) << c.target << " not found within " << c.within << " executions";
  ASSERT_EQ(r->controlled["failures"].size(), 1u);
  const std::string artifact = r->controlled["failures"][0]["artifact"];
  auto a = read_schedule_artifact(artifact);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->outcome, r->outcome);
  EXPECT_LT(std::filesystem::file_size(artifact), 2048u);
  std::ostringstream out, err;
  const ExitCode code = replay_artifact(artifact, {.trace = true, .check_determinism = true}, out, err);
  EXPECT_EQ(code, exit_code_for(r->outcome)) << out.str() << err.str();
  EXPECT_NE(out.str().find("determinism: 2 more replays identical"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("--- T"), std::string::npos) << "no trace printed";
}

INSTANTIATE_TEST_SUITE_P(All, Canaries,
                         ::testing::Values(CanaryCase{"canary_racy_map", "controlled", 1, 200},
                                           CanaryCase{"canary_lost_update_map", "controlled", 2, 500},
                                           CanaryCase{"canary_unsafe_iter_map", "controlled-iterate", 1, 500}),
                         [](const auto& info) { return std::string(info.param.target); });

//! error_guessing: an artifact from another build is refused with both build ids named; a
//! corrupt artifact is bad input.
TEST(Replay, RefusesForeignBuildAndCorruptFiles) {
  const auto& t = target("std_mutex_map");
  ScheduleArtifact a;
  a.build_id = "0123";
  a.target = t.name;
  a.spec = spec_for("controlled", t, 1);
  a.program = make_program(a.spec);
  a.strategy = "pct";
  a.schedule = sched::encode_token(sched::Schedule{2, false, 1, {}});
  auto path = write_schedule_artifact(failures_dir(), a);
  ASSERT_TRUE(path.ok());
  std::ostringstream out, err;
  EXPECT_EQ(replay_artifact(*path, {}, out, err), ExitCode::kBadInput);
  EXPECT_NE(err.str().find("recorded by build 0123"), std::string::npos) << err.str();
  const std::string bad = failures_dir() + "/corrupt.sched";
  std::ofstream(bad) << "{\"format\": \"contend-schedule\", \"version\": 1, ";
  std::ostringstream out2, err2;
  EXPECT_EQ(replay_artifact(bad, {}, out2, err2), ExitCode::kBadInput);
}

//! requirement: state carried across executions is detected: canary_carried_state_map's
//! thread_local slot from a global counter makes a failure appear only after a few hundred
//! executions in one process; explore re-checks it in a clean process, says plainly that the
//! target carries state, goes on with a fresh process per execution, and does not report the
//! unreplayable failure as a replayable one.
TEST(CarriedState, DetectedAndExploredForkPerExecution) {
  const auto& t = target("canary_carried_state_map");
  auto r = explore(t, spec_for("controlled", t, 1), quiet(3000, 1), "");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->controlled.contains("carried_state")) << r->controlled.dump(1);
  EXPECT_EQ(r->controlled["carried_state"]["fresh_process"], "ok");
  EXPECT_TRUE(r->controlled["fork_per_execution"].get<bool>());
  ASSERT_FALSE(r->notes.empty());
  EXPECT_NE(r->notes.front().find("carries state from one execution to the next"), std::string::npos) << r->notes.front();
  EXPECT_EQ(r->outcome, Outcome::kOk) << r->outcome_detail;
  EXPECT_EQ(r->controlled["executions"], 3000u);
}

struct ZooCase {
  const char* bug;
  uint64_t within;  // executions; the first failure from seed 1 comes well before (measured)
};

class ZooBugs : public ::testing::TestWithParam<ZooCase> {};

//! requirement: default explore (generated scenarios, pct, seed 1) finds every seeded zoo bug
//! within a stated number of executions, minimizes it to at most 6 parallel operations and 2
//! preemptions, and the written artifact replays to the same failure in this process.
TEST_P(ZooBugs, FoundMinimizedAndReplayed) {
  const ZooCase c = GetParam();
  const auto& t = target(std::string("zoo_") + c.bug);
  ExploreOptions o = quiet(c.within, 1);
  o.minimize_budget_s = 120;
  auto r = explore(t, spec_for("controlled", t, 1), o, "");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_NE(r->outcome, Outcome::kOk) << c.bug << " not found within " << c.within << " executions";
  const auto& f = r->controlled["failures"][0];
  ASSERT_TRUE(f.contains("minimized")) << f.dump(1);
  EXPECT_LE(f["minimized"]["size"]["parallel_ops"].get<uint64_t>(), 6u) << f["scenario_text"];
  EXPECT_LE(f["minimized"]["preemptions"].get<uint64_t>(), 2u) << f["scenario_text"];
  std::ostringstream out, err;
  EXPECT_EQ(replay_artifact(f["artifact"], {}, out, err), exit_code_for(r->outcome)) << out.str() << err.str();
}

INSTANTIATE_TEST_SUITE_P(All, ZooBugs,
                         // Measured first failures (seed 1): 485, 21, 620, 5481, 496, 2880, 475, 21, 396.
                         ::testing::Values(ZooCase{"erase_check_then_act", 5000}, ZooCase{"insert_check_then_act", 5000},
                                           ZooCase{"lazy_init", 5000}, ZooCase{"promote", 20000},
                                           ZooCase{"rehash_window", 5000}, ZooCase{"sequential_grow", 10000},
                                           ZooCase{"iter_relock", 5000}, ZooCase{"reader_registration", 5000},
                                           ZooCase{"lock_order", 5000}),
                         [](const auto& info) { return std::string(info.param.bug); });

class ZooTwins : public ::testing::TestWithParam<std::string> {};

//! requirement: every fixed twin (the zoo bug's code with the bug removed) passes 3,000
//! executions of default explore: the zoo's failures are the bugs, not the harness.
TEST_P(ZooTwins, FixedTwinPasses) {
  const auto& t = target("zoo_" + GetParam() + "_fixed");
  auto r = explore(t, spec_for("controlled", t, 1), quiet(3000, 1), "");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->outcome, Outcome::kOk) << r->outcome_detail;
  EXPECT_EQ(r->controlled["executions"], 3000u);
}

INSTANTIATE_TEST_SUITE_P(All, ZooTwins,
                         ::testing::Values("erase_check_then_act", "insert_check_then_act", "lazy_init", "promote",
                                           "rehash_window", "sequential_grow", "iter_relock", "reader_registration",
                                           "lock_order"),
                         [](const auto& info) { return info.param; });

//! error_guessing: a .sched that does not parse as a version-2 artifact is bad input (exit 3)
//! naming the problem, never replayed as raw fuzzer bytes: empty, truncated, version 1, wrong
//! field types, an unknown operation and a key outside the spec's layout.
TEST(Replay, BadArtifactsAreBadInputNotRawInputs) {
  const auto& t = target("std_mutex_map");
  ScheduleArtifact a;
  a.build_id = "x";
  a.target = t.name;
  a.spec = spec_for("controlled", t, 1);
  a.program = make_program(a.spec);
  a.strategy = "pct";
  a.schedule = sched::encode_token(sched::Schedule{2, false, 1, {}});
  const nlohmann::json good = to_json(a);
  const auto with = [&](auto edit) {
    nlohmann::json j = good;
    edit(j);
    return j.dump();
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "empty file"},
      {good.dump().substr(0, good.dump().size() / 2), "truncated"},
      {with([](auto& j) { j["version"] = 1; }), "version 1"},
      {with([](auto& j) { j["version"] = "2"; }), "'version' must be"},
      {with([](auto& j) { j["seed"] = -3; }), "'seed' must be"},
      {with([](auto& j) { j["scenario"]["threads"][0][0][0] = "frobnicate"; }), "unknown operation"},
      {with([](auto& j) { j["scenario"]["threads"][0][0][1] = 1ULL << 40; }), "key layout"},
      {with([](auto& j) { j["scenario"]["init"] = 5; }), "must be an array"},
  };
  {
    //! error_guessing: --target naming another target than the artifact's is a usage error.
    const std::string path = failures_dir() + "/good.sched";
    std::filesystem::create_directories(failures_dir());
    std::ofstream(path, std::ios::trunc) << good.dump();
    std::ostringstream out, err;
    EXPECT_EQ(replay_file(path, "tbb_hash_map", {}, out, err), ExitCode::kUsage) << err.str();
    EXPECT_NE(err.str().find("does not match"), std::string::npos) << err.str();
  }
  for (const auto& [text, expect] : cases) {
    const std::string path = failures_dir() + "/bad.sched";
    std::filesystem::create_directories(failures_dir());
    std::ofstream(path, std::ios::trunc) << text;
    std::ostringstream out, err;
    EXPECT_EQ(replay_file(path, "all", {}, out, err), ExitCode::kBadInput) << expect << ": " << err.str();
    EXPECT_NE(err.str().find(expect), std::string::npos) << expect << ": " << err.str();
  }
}

}  // namespace
}  // namespace contend
