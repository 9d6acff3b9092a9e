// Invariant checks around a pool's acquire/release, applied on every operation by pool-churn and
// usable alone by tests (failure-modes.md section 3):
//   double-handout    acquire returned an object another holder still holds (owner tag CAS
//                     0 -> tag failed)
//   dirty-object      acquire returned an object whose payload is not in the reset state (the
//                     release poison or a previous holder's data is still there)
//   ownership         at release, the owner tag or the holder's data pattern was overwritten
//                     by someone else during the hold
//   use-after-release reset_object() found the release poison changed (pool_counters())
//   unbounded-retention the pool holds more free objects than any bounded pool would
// The holder "uses" an object by writing its tag into the first word of every 64-byte line of
// the payload (so every page is touched and a second holder's writes are visible), and at
// release fills the payload with kPoolPoisonByte and ASan-poisons it before handing it back.
// Thread-safety: the functions are reentrant; the ViolationLog is thread-safe.
#pragma once

#include <cstdint>

#include "runner/violation_log.h"
#include "targets/pool_target.h"

namespace contend::workloads {

// Owner tag for (thread, sequence number); never 0.
constexpr uint64_t owner_tag(uint32_t thread, uint64_t seq) { return (uint64_t{thread + 1} << 48) | (seq & 0xffff'ffff'ffffULL) | 1; }

// Acquires from `pool` and checks the object. Returns nullptr if the object is held by another
// holder (double hand-out: the caller must not touch or release it), else the object, now
// owned by `tag` and carrying the tag pattern.
PoolObject* checked_acquire(AnyPool& pool, uint64_t tag, int64_t thread, ViolationLog& log);
// Verifies the holder's tag and pattern, poisons the payload and releases it to `pool`.
void checked_release(AnyPool& pool, PoolObject* obj, uint64_t tag, int64_t thread, ViolationLog& log);

// The most free objects a correct bounded pool may retain when at most `max_held` objects were
// held at once: max(8192, 4 * max_held). The bundled pools keep at most 4096.
uint64_t retention_bound(uint64_t max_held);
// Adds an unbounded-retention violation when stats.retained exceeds retention_bound(max_held).
bool check_retention(const PoolStats& stats, uint64_t max_held, ViolationLog& log);

}  // namespace contend::workloads
