#include "targets/zoo/promote.h"

#include "targets/zoo/zoo.h"

namespace contend::zoo {
CONTEND_REGISTER_ZOO_BUG("promote", Promote, "a key found 8 times moves cold -> hot with both locks dropped in between")
CONTEND_REGISTER_ZOO_FIXED("promote", Promote, "a key found 8 times moves cold -> hot under both locks")
}  // namespace contend::zoo
