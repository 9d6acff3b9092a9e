// Map and canary scenarios for the sched tests (see scenarios.h). Compiled instrumented.
#include "sched/testing/scenarios.h"

#include <tbb/concurrent_hash_map.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <libcuckoo/cuckoohash_map.hh>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "sched/annotate.h"

namespace contend::sched::testing {
namespace {

void label(const char* op, long k) { annotate_op(op, k); }

// The mixed map program. Per thread t and op i:
//   i%4==0 insert own key 1000*(t+1)+i        i%4==1 find a key of the next thread
//   i%4==2 insert-if-absent shared key i/4%4  i%4==3 erase own key inserted at i-3
// Whatever the interleaving, every own key of a complete group is erased again, so the final map
// holds the shared keys reached plus the own key of a trailing partial group.
struct MapOps {
  std::function<bool(long, long)> insert;  // false if present
  std::function<bool(long)> find;
  std::function<bool(long)> erase;
  std::function<size_t()> size;
  std::function<bool(long)> contains;
};

std::vector<std::function<void()>> map_bodies(const MapOps& m, const ScenarioParams& p) {
  std::vector<std::function<void()>> bodies;
  for (int t = 0; t < p.threads; ++t) {
    bodies.emplace_back([&m, t, p] {
      for (int i = 0; i < p.ops; ++i) {
        const long own = 1000L * (t + 1) + (i - i % 4);
        switch (i % 4) {
          case 0: label("insert", own); m.insert(own, t); break;
          case 1: {
            const long k = 1000L * ((t + 1) % p.threads + 1) + (i - i % 4);
            label("find", k);
            m.find(k);
            break;
          }
          case 2: label("insert", i / 4 % 4); m.insert(i / 4 % 4, t); break;
          default: label("erase", own); m.erase(own); break;
        }
      }
      clear_op();
    });
  }
  return bodies;
}

ScenarioRun check_map(ExecResult exec, const MapOps& m, const ScenarioParams& p) {
  ScenarioRun run{std::move(exec), false, {}};
  if (run.exec.outcome != Outcome::kOk) return run;
  // shared keys 0..3 (one per group reaching i%4==2); a trailing partial group keeps its own key
  size_t expected = static_cast<size_t>(std::min(4, (p.ops + 1) / 4));
  if (p.ops % 4 != 0) expected += static_cast<size_t>(p.threads);
  if (m.size() != expected) {
    run.violation = true;
    run.detail = "size " + std::to_string(m.size()) + ", expected " + std::to_string(expected);
  }
  for (long k = 0; k < 4 && !run.violation && k < (p.ops + 1) / 4; ++k) {
    if (!m.contains(k)) run.violation = true, run.detail = "shared key " + std::to_string(k) + " lost";
  }
  return run;
}

template <class State>
ScenarioRun finish(State* s, ScenarioRun run) {
  if (!run.failed()) delete s;  // else leaked: poisoned by an abandoned or broken execution
  return run;
}

ScenarioRun run_tbb(Strategy& st, const ExecOptions& o, const ScenarioParams& p) {
  using Map = tbb::concurrent_hash_map<long, long>;
  auto* map = new Map;
  MapOps m{[map](long k, long v) { return map->insert({k, v}); },
           [map](long k) { Map::const_accessor a; return map->find(a, k); },
           [map](long k) { return map->erase(k); },
           [map] { return map->size(); },
           [map](long k) { return map->count(k) == 1; }};
  const auto bodies = map_bodies(m, p);
  return finish(map, check_map(run_controlled(bodies, st, o), m, p));
}

struct LockedMap {
  std::mutex mu;
  std::shared_mutex smu;
  std::unordered_map<long, long> map;
};

ScenarioRun run_locked(Strategy& st, const ExecOptions& o, const ScenarioParams& p, bool shared) {
  auto* s = new LockedMap;
  MapOps m;
  if (shared) {
    m = {[s](long k, long v) { std::unique_lock l(s->smu); return s->map.emplace(k, v).second; },
         [s](long k) { std::shared_lock l(s->smu); return s->map.count(k) == 1; },
         [s](long k) { std::unique_lock l(s->smu); return s->map.erase(k) == 1; },
         [s] { return s->map.size(); }, [s](long k) { return s->map.count(k) == 1; }};
  } else {
    m = {[s](long k, long v) { std::lock_guard l(s->mu); return s->map.emplace(k, v).second; },
         [s](long k) { std::lock_guard l(s->mu); return s->map.count(k) == 1; },
         [s](long k) { std::lock_guard l(s->mu); return s->map.erase(k) == 1; },
         [s] { return s->map.size(); }, [s](long k) { return s->map.count(k) == 1; }};
  }
  const auto bodies = map_bodies(m, p);
  return finish(s, check_map(run_controlled(bodies, st, o), m, p));
}

ScenarioRun run_cuckoo(Strategy& st, const ExecOptions& o, const ScenarioParams& p) {
  using Map = libcuckoo::cuckoohash_map<long, long>;
  auto* map = new Map(4);  // tiny: inserts trigger resizes (all-locks path)
  MapOps m{[map](long k, long v) { return map->insert(k, v); },
           [map](long k) { return map->contains(k); },
           [map](long k) { return map->erase(k); },
           [map] { return map->size(); },
           [map](long k) { return map->contains(k); }};
  const auto bodies = map_bodies(m, p);
  return finish(map, check_map(run_controlled(bodies, st, o), m, p));
}

ScenarioRun run_unlocked(Strategy& st, const ExecOptions& o, const ScenarioParams& p) {
  auto* map = new std::unordered_map<long, long>;
  std::vector<std::function<void()>> bodies;
  const int n = p.ops / 2;  // 2 threads x 8 inserts for the default 16
  for (int t = 0; t < p.threads; ++t) {
    bodies.emplace_back([map, t, n] {
      for (int i = 0; i < n; ++i) {
        label("insert", 100L * t + i);
        map->emplace(100L * t + i, i);
      }
    });
  }
  ScenarioRun run{run_controlled(bodies, st, o), false, {}};
  const size_t want = static_cast<size_t>(p.threads * n);
  if (run.exec.outcome == Outcome::kOk && map->size() != want) {
    run.violation = true;
    run.detail = "lost inserts: size " + std::to_string(map->size()) + ", expected " +
                 std::to_string(want);
  }
  return run;  // map leaked even when intact-looking: racing inserts may corrupt its buckets
}

struct Counter {
  std::mutex mu;
  long value = 0;
};

ScenarioRun run_lost_update(Strategy& st, const ExecOptions& o, const ScenarioParams& p) {
  auto* c = new Counter;
  std::vector<std::function<void()>> bodies;
  for (int t = 0; t < p.threads; ++t) {
    bodies.emplace_back([c] {
      for (int i = 0; i < 2; ++i) {
        annotate_op("increment");
        long v;
        {
          std::lock_guard l(c->mu);
          v = c->value;
        }
        std::lock_guard l(c->mu);
        c->value = v + 1;
      }
    });
  }
  ScenarioRun run{run_controlled(bodies, st, o), false, {}};
  if (run.exec.outcome == Outcome::kOk && c->value != 2L * p.threads) {
    run.violation = true;
    run.detail = "lost update: counter " + std::to_string(c->value) + ", expected " +
                 std::to_string(2 * p.threads);
  }
  return finish(c, std::move(run));
}

ScenarioRun run_abba(Strategy& st, const ExecOptions& o) {
  auto* mus = new std::mutex[2];
  std::vector<std::function<void()>> bodies;
  for (int t = 0; t < 2; ++t) {
    bodies.emplace_back([mus, t] {
      annotate_op(t == 0 ? "transfer(A->B)" : "transfer(B->A)");
      std::lock_guard first(mus[t]);
      std::lock_guard second(mus[1 - t]);
    });
  }
  ScenarioRun run{run_controlled(bodies, st, o), false, {}};
  if (!run.failed()) delete[] mus;
  return run;
}

ScenarioRun run_spin(Strategy& st, const ExecOptions& o, bool plain) {
  auto* flag = new std::atomic<int>(0);
  auto* pflag = new volatile int(0);
  std::vector<std::function<void()>> bodies;
  bodies.emplace_back([flag, pflag, plain] {
    annotate_op("wait_for_flag");
    if (plain) {
      while (*pflag == 0) {
      }
    } else {
      while (flag->load(std::memory_order_acquire) == 0) {
      }
    }
  });
  bodies.emplace_back([flag] { annotate_op("idle"); (void)flag->load(); });
  return ScenarioRun{run_controlled(bodies, st, o), false, {}};  // flags leaked on purpose
}

ScenarioRun run_null_deref(Strategy& st, const ExecOptions& o) {
  auto* counter = new std::atomic<long>(0);
  std::vector<std::function<void()>> bodies;
  for (int t = 0; t < 2; ++t) {
    bodies.emplace_back([counter, t] {
      for (int i = 0; i < 4; ++i) counter->fetch_add(1);
      if (t == 1) {
        annotate_op("deref(null)");
        volatile long* volatile p = nullptr;
        *p = 1;
      }
    });
  }
  return ScenarioRun{run_controlled(bodies, st, o), false, {}};
}

}  // namespace

std::string_view scenario_name(Scenario s) {
  switch (s) {
    case Scenario::kTbbHashMap: return "tbb_hash_map";
    case Scenario::kMutexMap: return "std_mutex_map";
    case Scenario::kSharedMutexMap: return "std_shared_mutex_map";
    case Scenario::kCuckooMap: return "cuckoo_map";
    case Scenario::kUnlockedMap: return "unlocked_map";
    case Scenario::kLostUpdate: return "lost_update";
    case Scenario::kAbba: return "abba";
    case Scenario::kSpinForever: return "spin_forever";
    case Scenario::kPlainSpinForever: return "plain_spin_forever";
    case Scenario::kNullDeref: return "null_deref";
  }
  return "?";
}

ScenarioRun run_scenario(Scenario s, Strategy& st, const ExecOptions& o, ScenarioParams p) {
  switch (s) {
    case Scenario::kTbbHashMap: return run_tbb(st, o, p);
    case Scenario::kMutexMap: return run_locked(st, o, p, false);
    case Scenario::kSharedMutexMap: return run_locked(st, o, p, true);
    case Scenario::kCuckooMap: return run_cuckoo(st, o, p);
    case Scenario::kUnlockedMap: return run_unlocked(st, o, p);
    case Scenario::kLostUpdate: return run_lost_update(st, o, p);
    case Scenario::kAbba: return run_abba(st, o);
    case Scenario::kSpinForever: return run_spin(st, o, false);
    case Scenario::kPlainSpinForever: return run_spin(st, o, true);
    case Scenario::kNullDeref: return run_null_deref(st, o);
  }
  return {};
}

}  // namespace contend::sched::testing
