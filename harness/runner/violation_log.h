// ViolationLog: invariant violations found during a run, in fixed-size records that can live in
// shared memory (so a target that crashes after a violation does not lose it). The first
// kCapacity violations are kept in full; later ones are only counted.
// Thread-safety: add() may be called from any thread; a slot is claimed with a relaxed
// fetch_add and published by a release store of its `ready` flag; readers (the parent, after
// waitpid, or the child after join) acquire-load `ready` and skip unpublished slots.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace contend {

// A violation as reported: kind is a stable identifier (e.g. "private-mismatch"), detail is a
// sentence a person can act on, naming keys, values and the thread.
struct Violation {
  std::string kind;
  std::string detail;
  int64_t thread = -1;  // -1: found after the run (quiescent check)
  uint64_t key = 0;
  bool has_key = false;
};

class ViolationLog {
 public:
  static constexpr uint32_t kCapacity = 64;

  void add(std::string_view kind, int64_t thread, const uint64_t* key, std::string_view detail) noexcept;
  // Counts a violation without keeping its record (the caller already kept enough like it).
  void count_only() noexcept { total_.fetch_add(1, std::memory_order_relaxed); }
  // Forgets every violation (only the slots used are touched). Not concurrent with add().
  void reset() noexcept;
  uint64_t total() const noexcept { return total_.load(std::memory_order_acquire); }
  std::vector<Violation> snapshot() const;

 private:
  struct Slot {
    std::atomic<uint32_t> ready;
    uint32_t has_key;
    int64_t thread;
    uint64_t key;
    char kind[32];
    char detail[4096];  // room for a multi-line linearizability counterexample
  };
  std::atomic<uint64_t> total_;   // every violation, kept or only counted
  std::atomic<uint64_t> claimed_; // slots handed out (may exceed kCapacity)
  Slot slots_[kCapacity];
};

static_assert(std::is_standard_layout_v<ViolationLog>);
static_assert(std::atomic<uint32_t>::is_always_lock_free && std::atomic<uint64_t>::is_always_lock_free,
              "shared-memory atomics must be lock-free");

}  // namespace contend
