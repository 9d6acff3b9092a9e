// Registration of a zoo bug and its fixed twin (see README.md beside this file): TEMPLATE<true>
// is registered as "zoo_NAME" (the seeded bug), TEMPLATE<false> as "zoo_NAME_fixed". Both are
// marked canary so that no default run (`--target all`) drives them.
#pragma once

#include "targets/registry.h"

#define CONTEND_REGISTER_ZOO_BUG(NAME, TEMPLATE, DESCRIPTION)                                        \
  CONTEND_REGISTER_MAP_TARGET("zoo_" NAME, TEMPLATE<true>, true, "ZOO BUG: " DESCRIPTION);
#define CONTEND_REGISTER_ZOO_FIXED(NAME, TEMPLATE, DESCRIPTION)                                      \
  CONTEND_REGISTER_MAP_TARGET("zoo_" NAME "_fixed", TEMPLATE<false>, true, "ZOO TWIN (fixed): " DESCRIPTION);
