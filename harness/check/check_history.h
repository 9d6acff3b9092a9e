// check_history_files: the library behind `contend check-history --format F [--budget-s S]
// FILE...`. Prints one verdict line per file to `out`:
//   FILE: linearizable | not linearizable | unknown
// followed, for failures, by the counterexample (and for contend histories, iteration
// violations). Parse and I/O errors go to `err` as "error: FILE:LINE: expected ...".
// Exit code: kOk if every file is linearizable (and has no iteration violation); else kIoError if
// a file was unreadable, else kBadInput if one was malformed, else kViolation (a violation or an
// unknown verdict). All files are processed either way.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"
#include "util/exit_codes.h"

namespace contend::check {

enum class HistoryFormat : uint8_t { kPorcupineKv, kJepsenEtcd, kContend };

// "porcupine-kv", "jepsen-etcd", "contend"; anything else is a usage error naming the choices.
Result<HistoryFormat> parse_history_format(std::string_view name);
std::string_view history_format_name(HistoryFormat f);

struct CheckHistoryRequest {
  HistoryFormat format = HistoryFormat::kContend;
  std::vector<std::string> files;
  double budget_s = 60;  // per file; when exhausted the verdict is `unknown`
  // contend format only: the target's contract forbids iteration concurrent with writes
  bool iteration_allowed_under_writes = true;
};

ExitCode check_history_files(const CheckHistoryRequest& request, std::ostream& out,
                             std::ostream& err);

}  // namespace contend::check
