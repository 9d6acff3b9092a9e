// `contend check-history`: linearizability verdicts for recorded histories (check/check_history.h).
#include <iostream>

#include "check/check_history.h"
#include "driver/commands.h"

namespace contend {

int cmd_check_history(const Options& o, const std::vector<std::string>& files) {
  auto format = check::parse_history_format(o.format);
  if (!format.ok()) return report_error(format.error());
  if (!(o.budget_s > 0)) {
    return report_error(usage_error("--budget-s " + std::to_string(o.budget_s) + " must be > 0"));
  }
  check::CheckHistoryRequest req{*format, files, o.budget_s};
  return to_int(check::check_history_files(req, std::cout, std::cerr));
}

}  // namespace contend
