// Registers std_shared_mutex_map with the target registry.
#include "targets/std_shared_mutex_map.h"
#include "targets/registry.h"

namespace contend {
CONTEND_REGISTER_MAP_TARGET("std_shared_mutex_map", StdSharedMutexMap, false,
                            "std::unordered_map + std::shared_mutex; readers shared, writers exclusive");
}  // namespace contend
