// check_history_files: parse each file in the requested format, check it, print the verdict.
#include "check/check_history.h"

#include <algorithm>
#include <ostream>

#include "check/contend_history_format.h"
#include "check/jepsen_etcd_format.h"
#include "check/linearizability.h"
#include "check/map_history_check.h"
#include "check/porcupine_kv_format.h"
#include "util/atomic_file.h"

namespace contend::check {
namespace {


template <Model M>
ExitCode report_generic(const std::string& file, const std::vector<ModelOp<M>>& ops,
                        double budget_s, std::ostream& out) {
  CheckOptions co;
  co.budget_s = budget_s;
  CheckResult r = check_linearizability<M>(ops, co);
  out << file << ": " << verdict_name(r.verdict) << "\n";
  for (const Counterexample& c : r.failures) out << format_counterexample(c);
  if (r.verdict == Verdict::kUnknown) {
    out << "  budget of " << budget_s << " s exhausted after " << r.steps << " search steps\n";
  }
  if (r.verdict == Verdict::kUnknown) return ExitCode::kUnknown;
  return r.verdict == Verdict::kLinearizable ? ExitCode::kOk : ExitCode::kViolation;
}

ExitCode check_one(const CheckHistoryRequest& req, const std::string& file, std::ostream& out,
                   std::ostream& err) {
  Result<std::string> text = read_file(file);
  if (!text) {
    err << "error: " << text.error().message << "\n";
    return text.error().code;
  }
  auto bad = [&](const Error& e) {
    print_error(err, e);
    return e.code;
  };
  switch (req.format) {
    case HistoryFormat::kPorcupineKv: {
      auto ops = parse_porcupine_kv(*text, file);
      if (!ops) return bad(ops.error());
      return report_generic<KvModel>(file, *ops, req.budget_s, out);
    }
    case HistoryFormat::kJepsenEtcd: {
      auto ops = parse_jepsen_etcd(*text, file);
      if (!ops) return bad(ops.error());
      return report_generic<RegisterModel>(file, *ops, req.budget_s, out);
    }
    case HistoryFormat::kContend: {
      auto h = parse_contend_history(*text, file);
      if (!h) return bad(h.error());
      MapCheckOptions mo;
      mo.budget_s = req.budget_s;
      mo.iteration_allowed_under_writes = req.iteration_allowed_under_writes;
      MapCheckReport r = check_map_history(*h, mo);
      out << file << ": " << verdict_name(r.verdict) << "\n";
      if (r.truncated) out << "  note: the history was truncated by its recorder\n";
      for (const Violation& v : r.violations) {
        if (v.kind == ViolationKind::kNotLinearizable) {
          out << v.detail;
        } else {
          out << "  " << violation_kind_name(v.kind) << ": " << v.detail << "\n";
        }
      }
      const bool only_unknown = std::all_of(r.violations.begin(), r.violations.end(),
                                            [](const Violation& v) { return v.kind == ViolationKind::kUnknown; });
      if (r.violations.empty()) return ExitCode::kOk;
      return only_unknown ? ExitCode::kUnknown : ExitCode::kViolation;
    }
  }
  return ExitCode::kInternal;
}

int severity(ExitCode c) {
  switch (c) {
    case ExitCode::kOk: return 0;
    case ExitCode::kUnknown: return 1;
    case ExitCode::kViolation: return 2;
    case ExitCode::kBadInput: return 3;
    case ExitCode::kIoError: return 4;
    default: return 5;
  }
}

}  // namespace

Result<HistoryFormat> parse_history_format(std::string_view name) {
  if (name == "porcupine-kv") return HistoryFormat::kPorcupineKv;
  if (name == "jepsen-etcd") return HistoryFormat::kJepsenEtcd;
  if (name == "contend") return HistoryFormat::kContend;
  return usage_error("unknown history format '" + std::string(name) + "'",
                     "use one of: porcupine-kv, jepsen-etcd, contend");
}

std::string_view history_format_name(HistoryFormat f) {
  switch (f) {
    case HistoryFormat::kPorcupineKv: return "porcupine-kv";
    case HistoryFormat::kJepsenEtcd: return "jepsen-etcd";
    case HistoryFormat::kContend: return "contend";
  }
  return "?";
}

ExitCode check_history_files(const CheckHistoryRequest& request, std::ostream& out,
                             std::ostream& err) {
  ExitCode worst = ExitCode::kOk;
  for (const std::string& file : request.files) {
    ExitCode c = check_one(request, file, out, err);
    if (severity(c) > severity(worst)) worst = c;
  }
  return worst;
}

}  // namespace contend::check
