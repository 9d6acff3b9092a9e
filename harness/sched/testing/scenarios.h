// Controlled test scenarios over the real libraries (oneTBB, libcuckoo, libstdc++), compiled with
// contend's instrumentation (contend_sched_scenarios). Each run builds fresh state, executes one
// controlled execution and checks the scenario's invariant on the calling thread afterwards.
// After a non-ok outcome or a violation the shared state is leaked, never destroyed (poisoned).
// Used by the sched tests and benchmark only; the real harness drives targets/ and workloads/.
#pragma once

#include <string>
#include <string_view>

#include "sched/executor.h"
#include "sched/strategy.h"

namespace contend::sched::testing {

enum class Scenario {
  // correct containers: never a violation, deadlock or livelock
  kTbbHashMap,      // tbb::concurrent_hash_map, mixed insert/find/erase
  kMutexMap,        // std::unordered_map + std::mutex
  kSharedMutexMap,  // std::unordered_map + std::shared_mutex (finds under shared lock)
  kCuckooMap,       // libcuckoo::cuckoohash_map (spinlocks without yield)
  // broken ones: a violation must be found
  kUnlockedMap,  // std::unordered_map without a lock, each thread inserts distinct keys
  kLostUpdate,   // check-then-act: read under the lock, write back under a second acquisition
  kAbba,         // lock-order inversion: deadlock
  kSpinForever,  // atomic spin on a flag nobody sets: livelock
  kPlainSpinForever,  // spin on a plain (volatile) int: step limit
  kNullDeref,         // thread 1 dereferences null mid-way: crash
};
std::string_view scenario_name(Scenario s);

struct ScenarioParams {
  int threads = 2;
  int ops = 16;  // operations per thread (map scenarios)
};

struct ScenarioRun {
  ExecResult exec;
  bool violation = false;  // invariant broken after an ok execution
  std::string detail;      // what was wrong
  bool failed() const { return violation || exec.outcome != Outcome::kOk; }
};

ScenarioRun run_scenario(Scenario s, Strategy& strategy, const ExecOptions& opts,
                         ScenarioParams p = {});

// Blocking-primitive scenarios (scenarios_primitives.cpp), each with its own invariant.
enum class Primitive {
  kCondvar,        // producer/consumer over std::condition_variable
  kCondvarTimeout, // wait_for that must time out in virtual time
  kSemaphore,      // std::counting_semaphore (futex via atomic::wait)
  kAtomicWait,     // std::atomic::wait / notify_one
  kLatch,          // std::latch
  kPosixSem,       // sem_t
  kPthreadBarrier, // pthread_barrier_t, two rounds
  kCallOnce,       // std::call_once with a slow initializer
  kStaticInit,     // contended function-local static
  kSpinlock,       // pthread_spin_lock
  kTimedMutex,     // std::timed_mutex::try_lock_for times out while the holder sleeps
  kSleepClock,     // sleep_for advances steady_clock by exactly the slept virtual time
};
std::string_view primitive_name(Primitive p);
ScenarioRun run_primitive(Primitive p, Strategy& strategy, const ExecOptions& opts);

}  // namespace contend::sched::testing
