// Non-template parts of the linearizability checker: verdict names and counterexample rendering.
#include "check/linearizability.h"

#include <algorithm>
#include <sstream>

namespace contend::check {

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kLinearizable:
      return "linearizable";
    case Verdict::kNotLinearizable:
      return "not linearizable";
    case Verdict::kUnknown:
      return "unknown";
  }
  return "?";
}

namespace {

std::string interval(const CounterexampleOp& op) {
  return "[" + std::to_string(op.call) + ", " +
         (op.ret == kPending ? std::string("no response") : std::to_string(op.ret)) + "]";
}

std::string line(const CounterexampleOp& op) {
  return "client " + std::to_string(op.client) + "  " + interval(op) + "  " + op.text;
}

}  // namespace

std::string format_counterexample(const Counterexample& c) {
  constexpr size_t kPrefixShown = 15;
  constexpr size_t kWindow = 12;  // ops shown either side of the blocked op
  std::ostringstream os;
  os << "  smallest failing partition: " << c.partition << " (" << c.ops.size()
     << " operations)\n";
  os << "  longest linearizable prefix: " << c.longest_prefix.size() << " of " << c.ops.size()
     << " operations, leaving state " << c.state_after_prefix << "\n";
  size_t first = c.longest_prefix.size() > kPrefixShown ? c.longest_prefix.size() - kPrefixShown : 0;
  if (first > 0) os << "    ... " << first << " earlier operations\n";
  for (size_t i = first; i < c.longest_prefix.size(); ++i) {
    os << "    " << (i + 1) << ". " << line(c.ops[c.longest_prefix[i]]) << "\n";
  }
  if (c.blocked < c.ops.size()) {
    os << "  could not place: " << line(c.ops[c.blocked]) << "\n";
  }
  os << "  why: " << c.reason << "\n";
  // The operations around the blocked one, by call stamp: the candidates the search tried.
  const size_t lo = c.blocked > kWindow ? c.blocked - kWindow : 0;
  const size_t hi = std::min(c.ops.size(), c.blocked + kWindow + 1);
  os << "  operations of the partition by call (" << (hi - lo) << " of " << c.ops.size()
     << " shown, '>' marks the blocked one):\n";
  if (lo > 0) os << "    ... " << lo << " earlier\n";
  for (size_t i = lo; i < hi; ++i) os << (i == c.blocked ? "  > " : "    ") << line(c.ops[i]) << "\n";
  if (hi < c.ops.size()) os << "    ... " << (c.ops.size() - hi) << " later\n";
  return os.str();
}

}  // namespace contend::check
