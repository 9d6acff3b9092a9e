// Clean processes for executions whose effects must not leak: a target that corrupts the heap
// (an unsynchronized rehash), or carries state from one execution to the next (thread_local
// slots from a global counter, function-local statics), makes every later execution in the same
// process unlike a fresh one, so a failure found after many executions may not replay in the
// fresh process of `contend replay`.
//
//   run_in_child   one execution in a forked child (fork-per-execution): the caller's process
//                  state is the child's starting state, and nothing the execution does comes back
//                  except its serialized result. A child that dies before reporting (heap
//                  corruption caught by malloc outside the controlled part, an exit) is a kCrash.
//   CleanWorker    a process forked before the first execution (AFL++'s fork server idea): it
//                  serves jobs (JSON in, JSON out) from that clean state, and forks per execution
//                  inside a job, so it stays clean however many jobs it serves.
//
// Thread-safety: one CleanWorker call at a time. Uses fork(): the scheduler runtime resets its
// thread pool in the child (pthread_atfork in sched/executor.cpp).
#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "controlled/controlled_map_run.h"
#include "util/error.h"
#include "util/function_ref.h"

namespace contend {

// The parts of a ControlledRun that cross a process boundary (no trace).
nlohmann::json to_json(const ControlledRun& r);
ControlledRun controlled_run_from_json(const nlohmann::json& j);

// Runs `run` in a forked child and returns what it returned. `timeout_s`: the child is killed
// after that long and the result is a kLivelock saying so.
ControlledRun run_in_child(FunctionRef<ControlledRun()> run, double timeout_s = 120);

// The general form: `body` returns {"run": to_json(ControlledRun), ...anything else}; a child that
// dies or times out yields {"run": <the kCrash or kLivelock run describing it>}.
nlohmann::json run_json_in_child(FunctionRef<nlohmann::json()> body, double timeout_s = 120);

class CleanWorker {
 public:
  using Handler = std::function<nlohmann::json(const nlohmann::json& job)>;
  // Forks the worker now; it runs `handler` for each job. nullptr if fork failed.
  static std::unique_ptr<CleanWorker> start(Handler handler);
  ~CleanWorker();  // ends the worker (EOF on its socket) and reaps it
  // Sends a job and waits for its reply; an io error if the worker died or took longer than
  // `timeout_s` (it is then killed).
  Result<nlohmann::json> call(const nlohmann::json& job, double timeout_s);

 private:
  CleanWorker(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
  pid_t pid_;
  int fd_;
};

}  // namespace contend
