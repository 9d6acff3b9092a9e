#include "controlled/minimize_scenario.h"

#include <chrono>
#include <optional>

#include "controlled/clean_process.h"
#include "controlled/crash_signature.h"
#include "gen/key_space.h"
#include "sched/strategy_pct.h"
#include "sched/strategy_random.h"
#include "sched/strategy_replay.h"

namespace contend {

namespace {

struct Case {
  Program program;
  sched::Schedule schedule;
  ControlledRun run;
};

class Minimizer {
 public:
  Minimizer(const MapTargetInfo& target, const std::string& kind, const ScenarioMinimizeOptions& opts)
      : target_(target), kind_(kind), opts_(opts), start_(std::chrono::steady_clock::now()) {}

  bool out_of_budget() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() > opts_.budget_s;
  }

  // The candidate fails as kind_ under `hint` (leniently replayed) or one of the search
  // interleavings: returns it with that execution's recorded decisions. With fork_each the
  // whole test of a candidate runs in one forked child.
  // Only executions with at most max_preemptions preemptions count, so that a smaller scenario is
  // never bought with a busier schedule.
  std::optional<Case> fails(Program p, const sched::Schedule& hint, uint64_t max_preemptions = UINT64_MAX) {
    cap_ = max_preemptions;
    finish_program(p);
    ControlledMapRunner runner(target_, p, opts_.run);
    const uint64_t round = ++round_;
    uint64_t tried = 0;
    const auto test = [&]() -> ControlledRun {
      sched::Schedule h = hint;
      h.nthreads = p.threads();
      sched::ReplayStrategy replay(h);
      ControlledRun r = runner.run(replay);
      ++tried;
      if (matches(r)) return r;
      // Fewer preemptions first: PCT depth 2 (at most one), then depth d, then random.
      sched::PctStrategy pct2(derive_seed(opts_.seed, 3 * round), sched::PctOptions{.depth = 2});
      sched::PctStrategy pct(derive_seed(opts_.seed, 3 * round + 1), sched::PctOptions{.depth = opts_.depth});
      sched::RandomStrategy random(derive_seed(opts_.seed, 3 * round + 2), 4);
      for (uint32_t i = 0; i < opts_.search && !out_of_budget(); ++i) {
        sched::Strategy* s = &random;
        if (i < opts_.search / 3) {
          pct2.set_execution_index(i);
          s = &pct2;
        } else if (i < 2 * opts_.search / 3) {
          pct.set_execution_index(i);
          s = &pct;
        } else {
          random.set_execution_index(i);
        }
        r = runner.run(*s);
        ++tried;
        if (matches(r)) return r;
      }
      return ControlledRun{};
    };
    ControlledRun r;
    if (opts_.fork_each) {
      const auto j = run_json_in_child([&] {
        const ControlledRun c = test();
        return nlohmann::json{{"run", to_json(c)}, {"tried", tried}};
      });
      r = controlled_run_from_json(j["run"]);
      executions += j.value("tried", uint64_t{1});
    } else {
      r = test();
      executions += tried;
    }
    if (!matches(r)) return std::nullopt;
    sched::Schedule recorded = r.exec.schedule;
    return Case{std::move(p), std::move(recorded), std::move(r)};
  }

  uint64_t executions = 0;

 private:
  bool matches(const ControlledRun& r) const {
    return r.outcome != Outcome::kOk && r.exec.preemptions <= cap_ && failure_kind(r) == kind_;
  }

  const MapTargetInfo& target_;
  const std::string& kind_;
  const ScenarioMinimizeOptions& opts_;
  std::chrono::steady_clock::time_point start_;
  uint64_t round_ = 0;
  uint64_t cap_ = UINT64_MAX;
};

// Drops thread `drop`: its private keys' owners renumbered, its decisions dropped.
Program without_thread(const Program& p, std::size_t drop) {
  Program out = p;
  out.ops.clear();
  for (std::size_t t = 0; t < p.ops.size(); ++t) {
    if (t == drop) continue;
    auto thread = p.ops[t];
    for (Op& op : thread) {
      if (is_private_key(op.key)) op.key = private_key(static_cast<uint32_t>(out.ops.size()), private_index(op.key));
    }
    out.ops.push_back(std::move(thread));
  }
  return out;
}

sched::Schedule schedule_without_thread(const sched::Schedule& s, uint32_t drop) {
  sched::Schedule out = s;
  out.decisions.clear();
  for (const auto& d : s.decisions) {
    if (d.thread == drop) continue;
    out.decisions.push_back({d.thread > drop ? d.thread - 1 : d.thread, d.budget});
  }
  return out;
}

// Program reductions may keep a schedule with this many preemptions even if the current one has
// fewer (the failure may need another interleaving once an operation is gone), never more.
constexpr uint64_t kPreemptionAllowance = 2;
constexpr uint32_t kPolishFactor = 8;

// The decisions of `c` for the program without operation i of thread t: thread t's budgets lose
// the points it spent inside that operation, and a decision whose whole run fell inside it is
// dropped, so the other decisions keep preempting where they did (an exact replay whenever the
// operation did not influence the others). Without op_steps for t, the decisions as they are.
sched::Schedule without_op_points(const Case& c, uint32_t t, std::size_t i) {
  const auto& steps = c.run.op_steps;
  if (t >= steps.size() || i + 1 >= steps[t].size()) return c.schedule;
  const uint64_t from = steps[t][i], to = steps[t][i + 1];
  const auto& d = c.schedule.decisions;
  sched::Schedule out = c.schedule;
  out.decisions.clear();
  for (std::size_t j = 0; j < d.size(); ++j) {
    sched::Decision x = d[j];
    const uint64_t seg_end = j + 1 < d.size() ? d[j + 1].at_step : c.run.exec.points;
    if (x.thread == t) {
      const uint64_t lo = std::max(from, x.at_step), hi = std::min(to, seg_end);
      const uint64_t overlap = hi > lo ? hi - lo : 0;
      if (x.budget != sched::kNoPreemption && overlap > 0) {
        if (overlap >= x.budget) continue;
        x.budget -= overlap;
      }
    }
    out.decisions.push_back(x);
  }
  return out;
}

// One pass of every reduction; true if anything shrank.
bool pass(Minimizer& m, Case& cur) {
  bool progress = false;
  const auto cap = [&] { return std::max<uint64_t>(kPreemptionAllowance, cur.run.exec.preemptions); };
  const auto take = [&](std::optional<Case> c) {
    if (!c) return false;
    cur = std::move(*c);
    progress = true;
    return true;
  };
  const std::size_t floor = std::max<std::size_t>(1, cur.program.init.size() / 64);
  for (std::size_t chunk = std::max<std::size_t>(1, cur.program.init.size() / 2); !cur.program.init.empty();) {
    for (std::size_t at = cur.program.init.size(); at > 0 && !m.out_of_budget();) {
      const std::size_t from = at > chunk ? at - chunk : 0;
      Program p = cur.program;
      p.init.erase(p.init.begin() + static_cast<std::ptrdiff_t>(from), p.init.begin() + static_cast<std::ptrdiff_t>(at));
      take(m.fails(std::move(p), cur.schedule, cap()));
      at = std::min(from, cur.program.init.size());
    }
    if (chunk <= floor) break;
    chunk = std::max(floor, chunk / 2);
  }
  for (std::size_t t = cur.program.ops.size(); t-- > 0 && cur.program.ops.size() > 1 && !m.out_of_budget();) {
    take(m.fails(without_thread(cur.program, t), schedule_without_thread(cur.schedule, static_cast<uint32_t>(t)), cap()));
  }
  for (std::size_t t = 0; t < cur.program.ops.size(); ++t) {
    for (std::size_t i = cur.program.ops[t].size(); i-- > 0 && cur.program.ops[t].size() > 1 && !m.out_of_budget();) {
      Program p = cur.program;
      p.ops[t].erase(p.ops[t].begin() + static_cast<std::ptrdiff_t>(i));
      take(m.fails(std::move(p), without_op_points(cur, static_cast<uint32_t>(t), i), cap()));
    }
  }
  // Hoist a thread's first operation to the end of init, or sink its last to the start of post:
  // the scenario keeps its operations but fewer of them run concurrently.
  for (std::size_t t = 0; t < cur.program.ops.size(); ++t) {
    while (cur.program.ops[t].size() > 1 && !m.out_of_budget()) {
      Program p = cur.program;
      p.init.push_back(p.ops[t].front());
      p.ops[t].erase(p.ops[t].begin());
      if (!take(m.fails(std::move(p), without_op_points(cur, static_cast<uint32_t>(t), 0), cap()))) break;
    }
    while (cur.program.ops[t].size() > 1 && !m.out_of_budget()) {
      Program p = cur.program;
      p.post.insert(p.post.begin(), p.ops[t].back());
      p.ops[t].pop_back();
      const std::size_t last = cur.program.ops[t].size() - 1;
      if (!take(m.fails(std::move(p), without_op_points(cur, static_cast<uint32_t>(t), last), cap()))) break;
    }
  }
  for (std::size_t i = cur.program.post.size(); i-- > 0 && !m.out_of_budget();) {
    Program p = cur.program;
    p.post.erase(p.post.begin() + static_cast<std::ptrdiff_t>(i));
    take(m.fails(std::move(p), cur.schedule, cap()));
  }
  // Preemptions, with the program fixed: shortest failing prefix, then each decision's budget.
  for (std::size_t keep = 0; keep < cur.schedule.decisions.size() && !m.out_of_budget(); ++keep) {
    sched::Schedule s = cur.schedule;
    s.decisions.resize(keep);
    auto c = m.fails(cur.program, s);
    if (c && c->run.exec.preemptions < cur.run.exec.preemptions) {
      take(std::move(c));
      break;
    }
  }
  for (std::size_t j = cur.schedule.decisions.size(); j-- > 0 && !m.out_of_budget();) {
    if (cur.schedule.decisions[j].budget == sched::kNoPreemption || j >= cur.schedule.decisions.size()) continue;
    sched::Schedule s = cur.schedule;
    s.decisions[j].budget = sched::kNoPreemption;
    auto c = m.fails(cur.program, s);
    if (c && c->run.exec.preemptions < cur.run.exec.preemptions) take(std::move(c));
  }
  return progress;
}

}  // namespace

ScheduleArtifact minimized_artifact(ScheduleArtifact a, const ScenarioMinimizeResult& m) {
  a.program = m.program;
  a.spec = m.program.spec;
  a.schedule = sched::encode_token(m.schedule);
  a.detail = m.run.detail.substr(0, 600);
  a.minimized = true;
  return a;
}

ScenarioMinimizeResult minimize_scenario(const MapTargetInfo& target, const Program& program,
                                         const sched::Schedule& schedule, const std::string& kind,
                                         const ScenarioMinimizeOptions& opts) {
  ScenarioMinimizeOptions o = opts;
  o.search = 0;  // the input itself must fail under its own decisions
  o.run.record_op_steps = true;
  Minimizer first(target, kind, o);
  ScenarioMinimizeResult res;
  res.kind = kind;
  auto c = first.fails(program, schedule);
  res.executions = first.executions;
  if (!c) {
    res.program = program;
    res.schedule = schedule;
    return res;
  }
  res.failed = true;
  ScenarioMinimizeOptions with_steps = opts;
  with_steps.run.record_op_steps = true;
  Minimizer m(target, kind, with_steps);
  Case cur = std::move(*c);
  while (!m.out_of_budget() && pass(m, cur)) {
  }
  // Polish: what no candidate reached under `search` interleavings may under many more (each
  // candidate is small by now, so this is cheap).
  ScenarioMinimizeOptions wide = with_steps;
  wide.search = opts.search * kPolishFactor;
  Minimizer polish(target, kind, wide);
  while (!m.out_of_budget() && pass(polish, cur)) {
  }
  m.executions += polish.executions;
  res.budget_spent = m.out_of_budget();
  res.executions += m.executions;
  res.program = std::move(cur.program);
  res.schedule = std::move(cur.schedule);
  res.run = std::move(cur.run);
  return res;
}

}  // namespace contend
