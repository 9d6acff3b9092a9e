#include "targets/zoo/iter_relock.h"

#include "targets/zoo/zoo.h"

namespace contend::zoo {
CONTEND_REGISTER_ZOO_BUG("iter_relock", IterRelock, "iteration relocks between elements and resumes by position")
CONTEND_REGISTER_ZOO_FIXED("iter_relock", IterRelock, "iteration relocks between elements and resumes by key")
}  // namespace contend::zoo
