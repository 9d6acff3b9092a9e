// Scope: full traces and their printing (trace.h): a failing lost-update schedule replayed with
// record_trace shows per-thread folded blocks with the annotated operation, lock/unlock/block
// events and source locations symbolized from debug info.
#include "sched/trace.h"

#include <gtest/gtest.h>

#include "sched/strategy_pct.h"
#include "sched/strategy_replay.h"
#include "sched/testing/scenarios.h"

namespace contend::sched {
namespace {

using testing::Scenario;

// requirement: replay --trace output names threads, operations, events and source lines
TEST(Trace, LostUpdateIsReadable) {
  ExecResult failing;
  PctStrategy st(1);
  for (int i = 0; i < 200 && failing.schedule.decisions.empty(); ++i) {
    auto r = testing::run_scenario(Scenario::kLostUpdate, st, {});
    if (r.failed()) failing = r.exec;
  }
  ASSERT_FALSE(failing.schedule.decisions.empty()) << "lost update not found";
  ReplayStrategy replay(failing.schedule);
  const auto traced = testing::run_scenario(Scenario::kLostUpdate, replay, ExecOptions{.record_trace = true});
  ASSERT_TRUE(traced.violation);
  EXPECT_EQ(traced.exec.trace_hash, failing.trace_hash);  // tracing does not perturb the run
  ASSERT_FALSE(traced.exec.trace.events.empty());
  const std::string text = format_trace(traced.exec.trace);
  EXPECT_NE(text.find("--- T0 increment"), std::string::npos) << text;
  EXPECT_NE(text.find("--- T1 increment"), std::string::npos) << text;
  EXPECT_NE(text.find("lock mem#"), std::string::npos) << text;  // stable names, no raw addresses
  EXPECT_EQ(text.find(" 0x7"), std::string::npos) << text;
  EXPECT_NE(text.find("unlock"), std::string::npos) << text;
  EXPECT_NE(text.find("scenarios.cpp:"), std::string::npos) << text;  // symbolized
  // folding: fewer lines than events
  const auto lines = std::count(text.begin(), text.end(), '\n');
  EXPECT_LT(static_cast<size_t>(lines), traced.exec.trace.events.size() + 20);
  // The short form keeps the shared lock and the counter, and is shorter still.
  const std::string shorter = format_trace(traced.exec.trace, {.shared_only = true});
  EXPECT_NE(shorter.find("lock mem#"), std::string::npos) << shorter;
  EXPECT_LE(std::count(shorter.begin(), shorter.end(), '\n'), lines) << shorter;
}

// requirement: unsymbolized output still prints PCs, and max_events truncates
TEST(Trace, RawAndTruncated) {
  Trace t;
  t.ops = {"insert(k=1)"};
  for (int i = 0; i < 10; ++i) {
    t.events.push_back(TraceEvent{static_cast<uint64_t>(i), 0, static_cast<uint16_t>(i / 5),
                                  EventKind::kAtomicLoad, &t, 0x1234});
  }
  const std::string s =
      format_trace(t, TraceFormatOptions{.symbolize = false, .max_events = 7});
  EXPECT_NE(s.find("--- T0 insert(k=1)"), std::string::npos) << s;
  EXPECT_NE(s.find("(x5)"), std::string::npos) << s;
  EXPECT_NE(s.find("pc=0x1234"), std::string::npos) << s;
  EXPECT_NE(s.find("3 more events"), std::string::npos) << s;
}

}  // namespace
}  // namespace contend::sched
