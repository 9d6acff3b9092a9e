// Registers canary_racy_map with the target registry.
#include "targets/canary_racy_map.h"
#include "targets/registry.h"

namespace contend {
CONTEND_REGISTER_MAP_TARGET("canary_racy_map", CanaryRacyMap, true,
                            "CANARY: unordered_map with no lock (lost inserts, corrupted buckets, crashes)");
}  // namespace contend
