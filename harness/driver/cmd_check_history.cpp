// `contend check-history`: linearizability verdicts for recorded histories.
#include <iostream>

#include "driver/commands.h"

namespace contend {

int cmd_check_history(const Options&, const std::vector<std::string>&) {
  return report_error(usage_error("check-history is not wired into this build yet"));
}

}  // namespace contend
