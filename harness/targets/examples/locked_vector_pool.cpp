// Example of an external pool target: a free list in a std::vector under a std::mutex, added to
// contend without editing harness code (beside the map example, locked_std_map.cpp):
//   cmake --preset release -DCONTEND_EXTRA_TARGETS="$PWD/harness/targets/examples/locked_vector_pool.cpp"
//   cmake --build --preset release --target contend contend-ctl
//   build/release/contend run --workload pool-churn --target example_locked_vector_pool
//   build/release/fuzzers/libfuzzer/fuzz_pool_controlled_example_locked_vector_pool -max_total_time=60
// ci/test.sh builds and runs exactly this to keep the extension path working.
#include <mutex>
#include <vector>

#include "targets/pool_registry.h"

namespace example {

// Contract: acquire and release may overlap from any threads (one mutex around the list).
class LockedVectorPool {
 public:
  static constexpr bool kConcurrent = true;

  explicit LockedVectorPool(std::size_t object_size) : size_(object_size) {}
  ~LockedVectorPool() {
    for (auto* o : free_) contend::delete_object(o);
  }
  LockedVectorPool(const LockedVectorPool&) = delete;
  LockedVectorPool& operator=(const LockedVectorPool&) = delete;

  contend::PoolObject* acquire() {
    std::unique_lock g(mu_);
    if (free_.empty()) {
      ++created_;
      g.unlock();
      return contend::new_object(size_);
    }
    contend::PoolObject* o = free_.back();
    free_.pop_back();
    ++reused_;
    g.unlock();
    contend::reset_object(o);
    return o;
  }
  void release(contend::PoolObject* o) {
    std::lock_guard g(mu_);
    free_.push_back(o);
  }
  contend::PoolStats stats() const {
    std::lock_guard g(mu_);
    return {created_, reused_, free_.size(), 0};
  }

 private:
  const std::size_t size_;
  mutable std::mutex mu_;
  std::vector<contend::PoolObject*> free_;  // guarded by mu_
  uint64_t created_ = 0, reused_ = 0;       // guarded by mu_
};

CONTEND_REGISTER_POOL_TARGET("example_locked_vector_pool", LockedVectorPool, false,
                             "EXAMPLE: free list in a std::vector under a std::mutex");

}  // namespace example
