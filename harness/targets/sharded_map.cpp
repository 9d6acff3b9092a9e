// Registers sharded_map with the target registry.
#include "targets/sharded_map.h"
#include "targets/registry.h"

namespace contend {
CONTEND_REGISTER_MAP_TARGET("sharded_map", ShardedMap, false,
                            "in-house: 16 unordered_map shards, each under a shared_mutex; weakly consistent iteration");
}  // namespace contend
