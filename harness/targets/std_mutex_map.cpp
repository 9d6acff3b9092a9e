// Registers std_mutex_map with the target registry.
#include "targets/std_mutex_map.h"
#include "targets/registry.h"

namespace contend {
CONTEND_REGISTER_MAP_TARGET("std_mutex_map", StdMutexMap, false,
                            "std::unordered_map + std::mutex; every op locked, linearizable, snapshot iteration");
}  // namespace contend
