// PoolTarget: the contract every object-pool adapter satisfies, the pooled object layout, and the
// type-erased AnyPool the pool-churn workload drives (failure-modes.md section 3).
//
// Contract of a pool P (construct with P(object_size)):
//   acquire()    -> PoolObject*  an object nobody else holds, in the reset state (payload all
//                                zero). A reused object must be passed through reset_object()
//                                first; a new one comes from new_object() (already zero).
//   release(obj)                 returns an object its holder will no longer touch. May be called
//                                from a thread other than the one that acquired it.
//   stats()      -> PoolStats    counters, exact when quiescent, approximate while running.
//   ~P()                         frees every object the pool holds (held objects must have been
//                                released first).
// Pools touch the payload only through reset_object(); the header's `link` and `aux` fields are
// theirs (free-list links, bookkeeping). The `owner` field belongs to the harness (owner tag of
// the current holder) and `poisoned` to reset_object()/the harness's poisoning.
// kConcurrent says whether acquire/release may be called from several threads at once.
#pragma once

#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace contend {

// A pooled object: a 64-byte header followed by `size` payload bytes (64-byte aligned).
struct alignas(64) PoolObject {
  std::atomic<uint64_t> owner{0};     // harness: owner tag of the holder, 0 when released
  std::atomic<uint32_t> poisoned{0};  // 1 while the payload holds the release poison
  uint32_t size = 0;                  // payload bytes
  PoolObject* link = nullptr;         // pool-private (free-list link)
  uint64_t aux = 0;                   // pool-private
  unsigned char* payload() { return reinterpret_cast<unsigned char*>(this + 1); }
  const unsigned char* payload() const { return reinterpret_cast<const unsigned char*>(this + 1); }
};
static_assert(sizeof(PoolObject) == 64);

inline constexpr unsigned char kPoolPoisonByte = 0xA5;

// Allocates a zeroed object with `size` payload bytes (operator new; counts in pool_new_objects).
PoolObject* new_object(std::size_t size);
void delete_object(PoolObject* obj);
// Brings a released object back to the reset state: verifies the release poison is intact (a
// changed byte means someone wrote to it after release: counted in pool_poison_violations),
// unpoisons it for ASan, and zero-fills the payload. Pools call it on every reuse.
void reset_object(PoolObject* obj);

// Process-wide counters (relaxed atomics: statistics, no ordering implied).
struct PoolGlobalCounters {
  std::atomic<uint64_t> new_objects{0};        // new_object() calls
  std::atomic<uint64_t> deleted_objects{0};    // delete_object() calls
  std::atomic<uint64_t> poison_violations{0};  // reset_object() found a write after release
};
PoolGlobalCounters& pool_counters();

// ASan manual poisoning of a payload (no-ops without ASan). The harness poisons on release,
// reset_object() and the harness unpoison on reuse, so any touch in between is an ASan report.
void poison_payload(PoolObject* obj);
void unpoison_payload(PoolObject* obj);

struct PoolStats {
  uint64_t created = 0;   // objects this pool allocated
  uint64_t reused = 0;    // acquires served from objects already owned by the pool
  uint64_t retained = 0;  // objects the pool holds that nobody has acquired (free/cached)
  uint64_t freed = 0;     // objects the pool deleted (overflow)
};

template <class P>
concept PoolTarget = std::constructible_from<P, std::size_t> && requires(P& p, const P& cp, PoolObject* o) {
  { P::kConcurrent } -> std::convertible_to<bool>;
  { p.acquire() } -> std::same_as<PoolObject*>;
  { p.release(o) } -> std::same_as<void>;
  { cp.stats() } -> std::same_as<PoolStats>;
};

// Type-erased pool: one virtual call per operation. Thread-safety is the wrapped pool's.
class AnyPool {
 public:
  virtual ~AnyPool() = default;
  virtual PoolObject* acquire() = 0;
  virtual void release(PoolObject* o) = 0;
  virtual PoolStats stats() const = 0;
};

namespace detail {
template <PoolTarget P>
class PoolAdapter final : public AnyPool {
 public:
  explicit PoolAdapter(std::size_t size) : p_(size) {}
  PoolObject* acquire() override { return p_.acquire(); }
  void release(PoolObject* o) override { p_.release(o); }
  PoolStats stats() const override { return p_.stats(); }
  P& pool() { return p_; }  // the wrapped pool (tests use target-specific seams)

 private:
  P p_;
};
}  // namespace detail

template <PoolTarget P>
std::unique_ptr<AnyPool> make_any_pool(std::size_t object_size) {
  return std::make_unique<detail::PoolAdapter<P>>(object_size);
}

}  // namespace contend
