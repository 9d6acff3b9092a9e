#include "runner/isolated_run.h"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <thread>

namespace contend {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;
void on_interrupt(int) { g_interrupted = 1; }

// Installs SIGINT/SIGTERM handlers for the parent's watch loop, restoring the old ones after.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupted = 0;
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

uint64_t total_ops(const StressArena& a) {
  uint64_t n = 0;
  for (uint32_t i = 0; i < a.header.threads; ++i) n += a.thread(i)->ops_done.load(std::memory_order_relaxed);
  return n;
}

// One line, rewritten in place on a terminal; a new line every 10 s otherwise (logs).
void print_progress(const StressArena& a, const IsolationOptions& o, double elapsed, bool tty) {
  const uint64_t ops = total_ops(a);
  double pct = -1;
  if (o.expected_ops > 0) pct = 100.0 * static_cast<double>(ops) / static_cast<double>(o.expected_ops);
  else if (o.duration_s > 0) pct = 100.0 * elapsed / o.duration_s;
  const auto phase = static_cast<RunPhase>(a.header.phase.load(std::memory_order_acquire));
  std::fprintf(stderr, "%s[contend] %s: %s%.0f%%  %llu ops  %.1f Mops/s  %.0fs elapsed%s", tty ? "\r" : "",
               o.label.c_str(),
               phase == RunPhase::kChecking ? "checking invariants  " : "", pct < 0 ? 0 : std::min(pct, 100.0),
               static_cast<unsigned long long>(ops), static_cast<double>(ops) / 1e6 / std::max(elapsed, 1e-9),
               elapsed, tty ? "\033[K" : "\n");
}

const char* phase_name(RunPhase p) {
  switch (p) {
    case RunPhase::kStarting: return "starting";
    case RunPhase::kRunning: return "running";
    case RunPhase::kChecking: return "checking";
    case RunPhase::kDone: return "done";
  }
  return "?";
}

ChildStatus classify(int status) {
  ChildStatus s;
  if (WIFSIGNALED(status)) {
    s.outcome = Outcome::kCrash;
    s.signal = WTERMSIG(status);
    s.detail = std::string("target crashed with signal ") + std::to_string(s.signal) + " (" +
               strsignal(s.signal) + ")";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    s.outcome = Outcome::kCrash;
    s.exit_status = WEXITSTATUS(status);
    s.detail = "run exited abnormally with status " + std::to_string(s.exit_status) +
               " (a sanitizer report or an uncaught exception above says why)";
  }
  return s;
}

ChildStatus run_inline(const std::function<void()>& body) {
  try {
    body();
  } catch (const std::exception& e) {
    return {Outcome::kCrash, 0, 1, std::string("target threw: ") + e.what()};
  }
  return {};
}

}  // namespace

ChildStatus run_isolated(const std::function<void()>& body, StressArena& arena, const IsolationOptions& opts) {
  if (!opts.isolate) return run_inline(body);
  std::fflush(nullptr);  // nothing buffered may be written twice
  const pid_t pid = ::fork();
  if (pid < 0) return {Outcome::kCrash, 0, 0, std::string("fork failed: ") + std::strerror(errno)};
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive an interrupted parent
    int code = 0;
    try {
      body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "contend: target threw: %s\n", e.what());
      code = 1;
    }
    std::fflush(nullptr);
    ::_exit(code);
  }
  InterruptGuard guard;
  const auto start = std::chrono::steady_clock::now();
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  const double progress_every = tty ? 1.0 : 10.0;
  double next_progress = 2.0;
  bool printed = false;
  uint64_t last_ops = 0;
  uint32_t last_phase = 0;
  double last_change = 0;
  ChildStatus killed_for;
  bool killed = false;
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (printed && tty) std::fputc('\n', stderr);
      if (killed) return killed_for;
      // Ctrl-C or a group SIGTERM reaches the child too, and the child may die of it before this
      // loop sees the flag: either way the run was cancelled, the target did not crash.
      const bool cancelled = WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGTERM);
      if (g_interrupted || cancelled) {
        return {Outcome::kInterrupted, 0, 0, "interrupted by a signal; partial results kept"};
      }
      return classify(status);
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const uint64_t ops = total_ops(arena);
    const uint32_t phase = arena.header.phase.load(std::memory_order_acquire);
    if (ops != last_ops || phase != last_phase) {
      last_ops = ops;
      last_phase = phase;
      last_change = elapsed;
    }
    if (!killed) {
      if (g_interrupted) {
        killed_for = {Outcome::kInterrupted, 0, 0, "interrupted by a signal; partial results kept"};
      } else if (opts.timeout_s > 0 && elapsed > opts.timeout_s) {
        killed_for = {Outcome::kTimeout, 0, 0,
                      "no result within the " + std::to_string(static_cast<int>(opts.timeout_s)) +
                          " s timeout (hang, deadlock or livelock in the target); killed"};
      } else if (opts.stall_timeout_s > 0 && elapsed - last_change > opts.stall_timeout_s) {
        killed_for = {Outcome::kTimeout, 0, 0,
                      "no progress for " + std::to_string(static_cast<int>(opts.stall_timeout_s)) + " s in phase '" +
                          std::string(phase_name(static_cast<RunPhase>(phase))) +
                          "' (hang, deadlock, livelock or a corrupted structure); killed"};
      } else if (arena.watchdog.exceeded()) {
        killed_for = {Outcome::kOom, 0, 0,
                      "RSS reached " + std::to_string(arena.watchdog.exceeded_rss_bytes() >> 20) +
                          " MiB, above --rss-limit-mb; killed"};
      }
      if (killed_for.outcome != Outcome::kOk) {
        ::kill(pid, SIGKILL);
        killed = true;
      }
    }
    if (opts.progress && elapsed >= next_progress) {
      print_progress(arena, opts, elapsed, tty);
      printed = true;
      next_progress += progress_every;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace contend
