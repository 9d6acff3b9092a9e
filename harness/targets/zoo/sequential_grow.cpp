#include "targets/zoo/sequential_grow.h"

#include "targets/zoo/zoo.h"

namespace contend::zoo {
CONTEND_REGISTER_ZOO_BUG("sequential_grow", SequentialGrow, "growth drops the last bucket's chain (sequential)")
CONTEND_REGISTER_ZOO_FIXED("sequential_grow", SequentialGrow, "growth rehashes every bucket")
}  // namespace contend::zoo
