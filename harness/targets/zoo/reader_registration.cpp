#include "targets/zoo/reader_registration.h"

#include "targets/zoo/zoo.h"

namespace contend::zoo {
CONTEND_REGISTER_ZOO_BUG("reader_registration", ReaderRegistration, "copy-on-write reader loads the version before registering")
CONTEND_REGISTER_ZOO_FIXED("reader_registration", ReaderRegistration, "copy-on-write reader registers before loading the version")
}  // namespace contend::zoo
