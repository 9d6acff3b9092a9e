// Registers tbb_hash_map with the target registry.
#include "targets/tbb_hash_map.h"
#include "targets/registry.h"

namespace contend {
CONTEND_REGISTER_MAP_TARGET("tbb_hash_map", TbbHashMap, false,
                            "oneTBB concurrent_hash_map; element locks via accessors; no iteration under writes");
}  // namespace contend
