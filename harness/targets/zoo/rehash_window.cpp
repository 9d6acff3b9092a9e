#include "targets/zoo/rehash_window.h"

#include "targets/zoo/zoo.h"

namespace contend::zoo {
CONTEND_REGISTER_ZOO_BUG("rehash_window", RehashWindow, "growth installs rehashed buckets after dropping and retaking the lock")
CONTEND_REGISTER_ZOO_FIXED("rehash_window", RehashWindow, "growth installs rehashed buckets under the lock")
}  // namespace contend::zoo
