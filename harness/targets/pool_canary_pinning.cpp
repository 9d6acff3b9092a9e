// Registers canary_pinning_pool.
#include "targets/pool_canary_pinning.h"
#include "targets/pool_registry.h"

namespace contend {
CONTEND_REGISTER_POOL_TARGET("canary_pinning_pool", CanaryPinningPool, true,
                             "CANARY: keeps every object ever created, reuses none (unbounded retention)");
}  // namespace contend
