// PoisoningAllocator: a container allocator that fills memory with 0xa5 when it is deallocated
// and keeps the last kQuarantine blocks from reuse, for the canaries whose bug is a read of freed
// memory. With plain malloc what such a read sees depends on the heap's history (a tcache link, a
// reused node, stale but intact data), so one interleaving crashed in the fuzzer's process and
// passed in a fresh `contend replay`. Poisoned and quarantined, a stale node's pointers are
// 0xa5a5a5a5a5a5a5a5 (non-canonical): the same interleaving faults the same way in every process.
//
// Not thread-safe: the container's owner serializes every allocation and deallocation (the
// canaries hold their mutex around writes; only their buggy reads run unlocked, and reads never
// allocate). The Quarantine must outlive the container (declare it first).
#pragma once

#include <cstddef>
#include <cstring>
#include <new>
#include <vector>

namespace contend::detail {

class Quarantine {
 public:
  static constexpr std::size_t kQuarantine = 1024;  // blocks held back; older ones are freed
  Quarantine() { held_.reserve(kQuarantine); }
  ~Quarantine() {
    for (void* p : held_) ::operator delete(p);
  }
  Quarantine(const Quarantine&) = delete;
  Quarantine& operator=(const Quarantine&) = delete;

  void retire(void* p, std::size_t bytes) {
    std::memset(p, 0xa5, bytes);
    if (held_.size() == kQuarantine) {
      ::operator delete(held_[next_]);
      held_[next_] = p;
      next_ = (next_ + 1) % kQuarantine;
    } else {
      held_.push_back(p);
    }
  }

 private:
  std::vector<void*> held_;
  std::size_t next_ = 0;  // oldest entry once full
};

template <typename T>
class PoisoningAllocator {
 public:
  using value_type = T;
  explicit PoisoningAllocator(Quarantine* q) noexcept : q_(q) {}
  template <typename U>
  PoisoningAllocator(const PoisoningAllocator<U>& o) noexcept : q_(o.quarantine()) {}

  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { q_->retire(p, n * sizeof(T)); }
  Quarantine* quarantine() const noexcept { return q_; }

  template <typename U>
  bool operator==(const PoisoningAllocator<U>& o) const noexcept { return q_ == o.quarantine(); }

 private:
  Quarantine* q_;
};

}  // namespace contend::detail
