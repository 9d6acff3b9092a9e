// Example of an external target: a std::map under a std::mutex, added to contend without
// editing harness code:
//   cmake --preset release -DCONTEND_EXTRA_TARGETS="$PWD/harness/targets/examples/locked_std_map.cpp"
//   cmake --build --preset release --target contend
//   build/release/contend run --target example_locked_std_map
// ci/test.sh builds and runs exactly this to keep the extension path working.
#include <map>
#include <mutex>

#include "targets/registry.h"

namespace example {

// Contract: every operation holds the mutex, so all may overlap; iteration is a snapshot.
class LockedStdMap {
 public:
  static constexpr contend::MapContract kContract{};

  bool insert(contend::Key k, contend::Value v) {
    std::lock_guard g(mu_);
    return map_.try_emplace(k, v).second;
  }
  bool erase(contend::Key k) {
    std::lock_guard g(mu_);
    return map_.erase(k) != 0;
  }
  std::optional<contend::Value> find(contend::Key k) const {
    std::lock_guard g(mu_);
    auto it = map_.find(k);
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  contend::Value add(contend::Key k, contend::Value d) {
    std::lock_guard g(mu_);
    return map_[k] += d;
  }
  void for_each(contend::Visitor fn) const {
    std::lock_guard g(mu_);
    for (const auto& [k, v] : map_) fn(k, v);
  }
  std::size_t size() const {
    std::lock_guard g(mu_);
    return map_.size();
  }

 private:
  mutable std::mutex mu_;
  std::map<contend::Key, contend::Value> map_;
};

}  // namespace example

CONTEND_REGISTER_MAP_TARGET("example_locked_std_map", example::LockedStdMap, false,
                            "example external target: std::map + std::mutex");
