#include "targets/zoo/erase_check_then_act.h"

#include "targets/zoo/zoo.h"

namespace contend::zoo {
CONTEND_REGISTER_ZOO_BUG("erase_check_then_act", EraseCheckThenAct, "erase checks and removes under two lock acquisitions")
CONTEND_REGISTER_ZOO_FIXED("erase_check_then_act", EraseCheckThenAct, "erase under one lock acquisition")
}  // namespace contend::zoo
