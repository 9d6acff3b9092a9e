// Registers canary_carried_state_map with the target registry.
#include "targets/canary_carried_state_map.h"
#include "targets/registry.h"

namespace contend {
CONTEND_REGISTER_MAP_TARGET("canary_carried_state_map", CanaryCarriedStateMap, true,
                            "CANARY: a thread_local slot from a global counter aliases after ~400 instances (state carried across executions)");
}  // namespace contend
