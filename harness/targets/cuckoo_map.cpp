// Registers cuckoo_map with the target registry.
#include "targets/cuckoo_map.h"
#include "targets/registry.h"

namespace contend {
CONTEND_REGISTER_MAP_TARGET("cuckoo_map", CuckooMap, false,
                            "libcuckoo cuckoohash_map; striped spinlocks; snapshot iteration via lock_table");
}  // namespace contend
