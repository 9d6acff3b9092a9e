// Registers canary_unsafe_iter_map with the target registry.
#include "targets/canary_unsafe_iter_map.h"
#include "targets/registry.h"

namespace contend {
CONTEND_REGISTER_MAP_TARGET("canary_unsafe_iter_map", CanaryUnsafeIterMap, true,
                            "CANARY: iterates without the lock while writers rehash (skips, repeats, crashes)");
}  // namespace contend
