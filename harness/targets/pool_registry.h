// PoolRegistry: name -> factory for every pool target built into this binary (the pool
// counterpart of registry.h). Pools register with CONTEND_REGISTER_POOL_TARGET in their own
// .cpp, built into the contend_pool_targets OBJECT library so the registrars are never dropped.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "targets/pool_target.h"
#include "util/error.h"

namespace contend {

struct PoolTargetInfo {
  std::string name;         // CLI name, e.g. "mutex_pool"
  std::string description;  // one line: what it is and its concurrency contract
  bool canary = false;      // deliberately broken; never run by default
  bool concurrent = true;   // acquire/release may overlap
  std::function<std::unique_ptr<AnyPool>(std::size_t object_size)> make;
};

class PoolRegistry {
 public:
  static PoolRegistry& instance();
  void add(PoolTargetInfo info);
  const std::vector<PoolTargetInfo>& pools() const { return pools_; }  // sorted by name
  const PoolTargetInfo* find(std::string_view name) const;
  // find, or a usage error naming the closest registered pool.
  Result<const PoolTargetInfo*> lookup(std::string_view name) const;
  std::vector<std::string> default_names() const;  // non-canary pools

 private:
  std::vector<PoolTargetInfo> pools_;
};

namespace detail {
struct PoolRegistrar {
  explicit PoolRegistrar(PoolTargetInfo info) { PoolRegistry::instance().add(std::move(info)); }
};
}  // namespace detail

}  // namespace contend

#define CONTEND_REGISTER_POOL_TARGET(NAME, TYPE, CANARY, DESCRIPTION) \
  CONTEND_DETAIL_REGISTER_POOL(NAME, TYPE, CANARY, DESCRIPTION, __LINE__)
#define CONTEND_DETAIL_REGISTER_POOL(NAME, TYPE, CANARY, DESCRIPTION, LINE) \
  CONTEND_DETAIL_REGISTER_POOL2(NAME, TYPE, CANARY, DESCRIPTION, LINE)
#define CONTEND_DETAIL_REGISTER_POOL2(NAME, TYPE, CANARY, DESCRIPTION, LINE)                  \
  static const ::contend::detail::PoolRegistrar contend_pool_registrar_##LINE{                \
      ::contend::PoolTargetInfo{NAME, DESCRIPTION, CANARY, TYPE::kConcurrent,                 \
                                [](std::size_t size) { return ::contend::make_any_pool<TYPE>(size); }}}
