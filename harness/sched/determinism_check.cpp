// check_determinism: N replays of one schedule must agree with each other (and the recording).
#include "sched/determinism_check.h"

#include "sched/strategy_replay.h"

namespace contend::sched {
namespace {

std::string differs(const ExecResult& a, const ExecResult& b) {
  if (a.outcome != b.outcome) {
    return "outcome " + std::string(outcome_name(a.outcome)) + " vs " +
           std::string(outcome_name(b.outcome));
  }
  if (a.points != b.points) {
    return "points " + std::to_string(a.points) + " vs " + std::to_string(b.points);
  }
  if (a.switches != b.switches) {
    return "switches " + std::to_string(a.switches) + " vs " + std::to_string(b.switches);
  }
  if (a.trace_hash != b.trace_hash) return "trace hash differs";
  return {};
}

}  // namespace

DeterminismReport check_determinism(const std::function<ExecResult(Strategy&)>& run_once,
                                    const Schedule& schedule, int replays,
                                    const ExecResult* expected) {
  DeterminismReport rep;
  ReplayStrategy replay(schedule);
  ExecResult first;
  for (int i = 0; i < replays; ++i) {
    ExecResult r = run_once(replay);
    ++rep.runs;
    std::string why;
    if (replay.diverged()) {
      why = "replay diverged: " + replay.divergence();
    } else if (!replay.complete()) {
      why = "execution ended before using every recorded decision";
    } else if (expected != nullptr) {
      why = differs(*expected, r);
      if (!why.empty()) why = "vs recording: " + why;
    }
    if (why.empty() && i > 0) {
      why = differs(first, r);
      if (!why.empty()) why = "vs replay 1: " + why;
    }
    if (i == 0) {
      first = std::move(r);
      rep.trace_hash = first.trace_hash;
    }
    if (!why.empty()) {
      rep.deterministic = false;
      rep.divergence = "replay " + std::to_string(i + 1) + ": " + why;
      return rep;
    }
  }
  return rep;
}

}  // namespace contend::sched
