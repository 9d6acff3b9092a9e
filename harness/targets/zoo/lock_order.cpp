#include "targets/zoo/lock_order.h"

#include "targets/zoo/zoo.h"

namespace contend::zoo {
CONTEND_REGISTER_ZOO_BUG("lock_order", LockOrder, "a spilling insert locks its shard, then the neighbour (iteration: 0, then 1)")
CONTEND_REGISTER_ZOO_FIXED("lock_order", LockOrder, "a spilling insert takes both shard locks in order")
}  // namespace contend::zoo
