// Registers canary_dirty_pool.
#include "targets/pool_canary_dirty.h"
#include "targets/pool_registry.h"

namespace contend {
CONTEND_REGISTER_POOL_TARGET("canary_dirty_pool", CanaryDirtyPool, true,
                             "CANARY: reused objects handed out without reset (previous holder's state leaks)");
}  // namespace contend
