// TargetRegistry: name -> factory for every target built into this binary. Adapters register
// themselves with CONTEND_REGISTER_MAP_TARGET in their own .cpp (built as an OBJECT library so
// the static registrars are never dropped by the linker), which is also how users add targets
// from outside the tree: cmake -DCONTEND_EXTRA_TARGETS="my_map.cpp".
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "targets/map_target.h"
#include "util/error.h"

namespace contend {

struct MapTargetInfo {
  std::string name;         // CLI name, e.g. "tbb_hash_map"
  std::string description;  // one line: what it is and its concurrency contract
  bool canary = false;      // deliberately broken; never run by default
  MapContract contract;
  std::function<std::unique_ptr<AnyMap>()> make;
};

class TargetRegistry {
 public:
  static TargetRegistry& instance();
  void add(MapTargetInfo info);
  // Sorted by name; canaries included.
  const std::vector<MapTargetInfo>& maps() const { return maps_; }
  const MapTargetInfo* find_map(std::string_view name) const;
  // find_map, or a usage error naming the closest registered name.
  Result<const MapTargetInfo*> lookup_map(std::string_view name) const;
  // Names of non-canary map targets (the default set for `run --target all`).
  std::vector<std::string> default_map_names() const;

 private:
  std::vector<MapTargetInfo> maps_;
};

namespace detail {
struct MapRegistrar {
  MapRegistrar(MapTargetInfo info) { TargetRegistry::instance().add(std::move(info)); }
};
}  // namespace detail

}  // namespace contend

// Registers adapter TYPE (a MapTarget) under NAME (a string literal). CANARY is true for
// deliberately broken targets. Use once, at namespace scope, in the adapter's .cpp.
#define CONTEND_REGISTER_MAP_TARGET(NAME, TYPE, CANARY, DESCRIPTION) \
  CONTEND_DETAIL_REGISTER_MAP(NAME, TYPE, CANARY, DESCRIPTION, __LINE__)
#define CONTEND_DETAIL_REGISTER_MAP(NAME, TYPE, CANARY, DESCRIPTION, LINE) \
  CONTEND_DETAIL_REGISTER_MAP2(NAME, TYPE, CANARY, DESCRIPTION, LINE)
#define CONTEND_DETAIL_REGISTER_MAP2(NAME, TYPE, CANARY, DESCRIPTION, LINE)             \
  static const ::contend::detail::MapRegistrar contend_map_registrar_##LINE{            \
      ::contend::MapTargetInfo{NAME, DESCRIPTION, CANARY, TYPE::kContract,              \
                               [] { return ::contend::make_any_map<TYPE>(); }}}
