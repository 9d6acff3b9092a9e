#include "targets/zoo/insert_check_then_act.h"

#include "targets/zoo/zoo.h"

namespace contend::zoo {
CONTEND_REGISTER_ZOO_BUG("insert_check_then_act", InsertCheckThenAct, "insert checks and stores under two lock acquisitions")
CONTEND_REGISTER_ZOO_FIXED("insert_check_then_act", InsertCheckThenAct, "insert under one lock acquisition")
}  // namespace contend::zoo
