// Registers canary_lost_update_map with the target registry.
#include "targets/canary_lost_update_map.h"
#include "targets/registry.h"

namespace contend {
CONTEND_REGISTER_MAP_TARGET("canary_lost_update_map", CanaryLostUpdateMap, true,
                            "CANARY: add() reads and writes under separate lock acquisitions (lost updates)");
}  // namespace contend
