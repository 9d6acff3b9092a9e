#include "targets/zoo/lazy_init.h"

#include "targets/zoo/zoo.h"

namespace contend::zoo {
CONTEND_REGISTER_ZOO_BUG("lazy_init", LazyInit, "the lazily allocated table is published before its shards exist")
CONTEND_REGISTER_ZOO_FIXED("lazy_init", LazyInit, "the lazily allocated table is published once initialized")
}  // namespace contend::zoo
