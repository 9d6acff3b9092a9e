// CanaryUnsafeIterMap (canary): std::mutex + std::unordered_map whose single-key operations
// are correctly locked, but for_each walks the table without the lock while writers run. A
// concurrent insert can rehash under the iterator: skipped or repeated elements, or a crash
// (failure mode 5). Everything else is correct. Freed nodes are poisoned and quarantined
// (detail/poisoning_allocator.h), so an iterator that walks onto one faults the same way in every
// process: a fuzzer's crash file replays as the same crash.
#pragma once

#include <mutex>
#include <unordered_map>

#include "targets/detail/poisoning_allocator.h"
#include "targets/map_target.h"

namespace contend {

class CanaryUnsafeIterMap {
 public:
  static constexpr MapContract kContract{};  // claims safe iteration under writes

  bool insert(Key k, Value v) {
    std::lock_guard g(mu_);
    return map_.try_emplace(k, v).second;
  }
  bool erase(Key k) {
    std::lock_guard g(mu_);
    return map_.erase(k) != 0;
  }
  std::optional<Value> find(Key k) const {
    std::lock_guard g(mu_);
    auto it = map_.find(k);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  Value add(Key k, Value d) {
    std::lock_guard g(mu_);
    return map_[k] += d;
  }
  void for_each(Visitor fn) const {
    for (const auto& [k, v] : map_) fn(k, v);  // the bug: no lock held
  }
  std::size_t size() const {
    std::lock_guard g(mu_);
    return map_.size();
  }

 private:
  using Alloc = detail::PoisoningAllocator<std::pair<const Key, Value>>;
  mutable std::mutex mu_;
  detail::Quarantine quarantine_;  // before map_: outlives it
  std::unordered_map<Key, Value, std::hash<Key>, std::equal_to<Key>, Alloc> map_{0, std::hash<Key>{},
                                                                                  std::equal_to<Key>{},
                                                                                  Alloc{&quarantine_}};
};

}  // namespace contend
