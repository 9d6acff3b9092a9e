// Registers tbb_unordered_map with the target registry.
#include "targets/tbb_unordered_map.h"
#include "targets/registry.h"

namespace contend {
CONTEND_REGISTER_MAP_TARGET("tbb_unordered_map", TbbUnorderedMap, false,
                            "oneTBB concurrent_unordered_map; lock-free insert/find/iterate; erase (unsafe_erase) only when quiescent");
}  // namespace contend
