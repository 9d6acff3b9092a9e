// ControlledPoolRunner: vthread bodies over the holding slots, then the quiescent checks.
#include "controlled/controlled_pool_run.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>

#include "sched/annotate.h"
#include "workloads/pool_checker.h"

namespace contend {

namespace {

static_assert(ControlledPoolRunner::kObjectSize == 64, "write/verify assume one 64-byte line: tag word + pattern");
constexpr std::size_t kTagBytes = 8;  // checked_acquire writes the owner tag into bytes 0..7

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

// One object a thread holds in a slot: its owner tag and the pattern it last wrote (0 = none,
// i.e. the payload after the tag must still be the reset zeros).
struct Held {
  PoolObject* obj = nullptr;
  uint64_t tag = 0;
  uint8_t pattern = 0;
};

// One program thread's operations. Only its own vthread touches it; the pool and the log are
// shared (the log is thread-safe, the pool is the target under test).
class ThreadDriver {
 public:
  ThreadDriver(AnyPool& pool, ViolationLog& log, uint32_t thread) : pool_(pool), log_(log), t_(thread) {}

  void run(const PoolOp& op) {
    switch (op.kind) {
      case PoolOpKind::kAcquire:
        release(slots_[op.slot]);
        acquire(slots_[op.slot]);
        break;
      case PoolOpKind::kRelease: release(slots_[op.slot]); break;
      case PoolOpKind::kWrite: write(slots_[op.slot], op.value); break;
      case PoolOpKind::kVerify: verify(slots_[op.slot]); break;
      case PoolOpKind::kCycle: {
        Held tmp;
        acquire(tmp);
        write(tmp, op.value);
        verify(tmp);
        release(tmp);
        break;
      }
    }
  }
  void release_all() {
    for (Held& h : slots_) release(h);
  }

 private:
  void acquire(Held& h) {
    h.tag = workloads::owner_tag(t_, ++seq_);
    h.pattern = 0;
    h.obj = workloads::checked_acquire(pool_, h.tag, t_, log_);  // nullptr: double hand-out
  }
  void release(Held& h) {
    if (!h.obj) return;
    workloads::checked_release(pool_, h.obj, h.tag, t_, log_);
    h.obj = nullptr;
  }
  void write(Held& h, uint8_t value) {
    if (!h.obj) return;
    h.pattern = static_cast<uint8_t>(0x10 * (t_ + 1) + value);  // never 0 or the poison 0xA5
    std::memset(h.obj->payload() + kTagBytes, h.pattern, ControlledPoolRunner::kObjectSize - kTagBytes);
  }
  void verify(const Held& h) {
    if (!h.obj) return;
    const unsigned char* p = h.obj->payload();
    uint64_t tag = 0;
    std::memcpy(&tag, p, sizeof tag);
    std::size_t bad = tag != h.tag ? 0 : kTagBytes;
    while (bad < ControlledPoolRunner::kObjectSize && p[bad] == h.pattern) ++bad;
    if (bad == ControlledPoolRunner::kObjectSize) return;
    const std::string what = bad < kTagBytes ? "its owner tag word is " + hex(tag) + ", expected " + hex(h.tag)
                                             : "byte " + std::to_string(bad) + " is " + hex(p[bad]) + ", expected " +
                                                   hex(h.pattern) + (h.pattern ? " (its last write)" : " (reset)");
    log_.add("ownership", t_, nullptr,
             "object " + hex(reinterpret_cast<uintptr_t>(h.obj)) + " held by thread " + std::to_string(t_) +
                 " (tag " + hex(h.tag) + ") changed during the hold: " + what);
  }

  AnyPool& pool_;
  ViolationLog& log_;
  const uint32_t t_;
  uint64_t seq_ = 0;
  std::array<Held, kPoolSlots> slots_{};
};

// Quiescent reuse probe (see the header): only meaningful, and only safe, on a pool that passed
// every check so far.
void check_reuse(AnyPool& pool, ViolationLog& log) {
  const PoolStats before = pool.stats();
  if (before.retained == 0) return;
  // relaxed: statistics; no other thread runs now (run_controlled has returned)
  const uint64_t new0 = pool_counters().new_objects.load(std::memory_order_relaxed);
  const uint64_t tag = workloads::owner_tag(kPoolProgramMaxThreads, 1);
  PoolObject* o = workloads::checked_acquire(pool, tag, -1, log);
  const uint64_t allocated = pool_counters().new_objects.load(std::memory_order_relaxed) - new0;
  if (allocated > 0) {
    log.add("no-reuse", -1, nullptr,
            "after the run the pool reports " + std::to_string(before.retained) + " free object(s) (created " +
                std::to_string(before.created) + ", reused " + std::to_string(before.reused) +
                ") yet a quiescent acquire allocated a new object: released objects are never handed out "
                "again, so retention grows with every acquire");
  }
  if (o) workloads::checked_release(pool, o, tag, -1, log);
}

}  // namespace

ControlledPoolRunner::ControlledPoolRunner(const PoolTargetInfo& target, ControlledRunOptions opts)
    : target_(target), opts_(opts), log_(std::make_unique<ViolationLog>()) {}

ControlledPoolRunner::~ControlledPoolRunner() = default;

ControlledRun ControlledPoolRunner::run(const PoolProgram& program, sched::Strategy& strategy) {
  ViolationLog& log = *log_;
  log.reset();
  // relaxed: a statistic read while no controlled execution runs
  const uint64_t poison0 = pool_counters().poison_violations.load(std::memory_order_relaxed);
  std::unique_ptr<AnyPool> pool = target_.make(kObjectSize);

  std::vector<ThreadDriver> drivers;
  drivers.reserve(program.threads);
  for (uint32_t t = 0; t < program.threads; ++t) drivers.emplace_back(*pool, log, t);
  std::vector<std::function<void()>> bodies;
  for (uint32_t t = 0; t < program.threads; ++t) {
    bodies.emplace_back([&, t] {
      for (std::size_t i = 0; i < program.ops[t].size(); ++i) {
        sched::annotate_op(program.labels[t][i]);
        drivers[t].run(program.ops[t][i]);
      }
      sched::annotate_op("release held objects at thread end");
      drivers[t].release_all();
      sched::clear_op();
    });
  }

  ControlledRun out;
  if (!run_bodies(out, bodies, strategy, opts_.exec, log)) {
    (void)pool.release();
    return out;
  }
  const uint64_t poisoned = pool_counters().poison_violations.load(std::memory_order_relaxed) - poison0;
  if (poisoned > 0) {
    log.add("use-after-release", -1, nullptr,
            std::to_string(poisoned) + " released object(s) were written after release (poison changed before reuse)");
  }
  if (log.total() == 0) check_reuse(*pool, log);
  out.violations = log.snapshot();
  if (log.total() > 0) {
    (void)pool.release();  // its free list may hold an object twice: never destroy it
    out.outcome = Outcome::kViolation;
    if (!out.violations.empty()) {
      out.detail = "[" + out.violations.front().kind + "] " + out.violations.front().detail;
    }
  }
  return out;
}

}  // namespace contend
