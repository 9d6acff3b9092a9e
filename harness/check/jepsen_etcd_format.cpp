// Jepsen etcd log parser. Fields are split on any whitespace (tabs in etcd_000-099, aligned
// spaces in etcd_100-102); the outcome rules are in the header.
#include "check/jepsen_etcd_format.h"

#include <optional>
#include <string>
#include <unordered_map>

#include "check/detail/parse_util.h"

namespace contend::check {
namespace {

using detail::parse_error;

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > b) out.push_back(line.substr(b, i - b));
  }
  return out;
}

enum class Val { kNil, kInt, kPair, kTimedOut, kBad };
struct Parsed {
  Val kind = Val::kBad;
  int64_t a = 0, b = 0;
};

// The value columns: "nil", "3", "[1 2]" (two fields), ":timed-out".
Parsed parse_value(const std::vector<std::string_view>& f, size_t from) {
  Parsed p;
  const size_t n = f.size() - from;
  if (n == 1 && f[from] == "nil") p.kind = Val::kNil;
  else if (n == 1 && f[from] == ":timed-out") p.kind = Val::kTimedOut;
  else if (n == 1 && detail::parse_int(f[from], p.a)) p.kind = Val::kInt;
  else if (n == 2 && f[from].size() > 1 && f[from].front() == '[' && f[from + 1].size() > 1 &&
           f[from + 1].back() == ']' && detail::parse_int(f[from].substr(1), p.a) &&
           detail::parse_int(f[from + 1].substr(0, f[from + 1].size() - 1), p.b))
    p.kind = Val::kPair;
  return p;
}

}  // namespace

Result<std::vector<ModelOp<RegisterModel>>> parse_jepsen_etcd(std::string_view text,
                                                             std::string_view file) {
  using Op = ModelOp<RegisterModel>;
  using Kind = RegisterModel::Kind;
  std::vector<std::optional<Op>> ops;
  std::unordered_map<int64_t, std::pair<size_t, size_t>> pending;  // process -> (op, line)
  const auto lines = detail::split_lines(text);
  for (size_t li = 0; li < lines.size(); ++li) {
    const size_t lineno = li + 1;
    const std::string_view line = lines[li];
    if (detail::is_blank(line)) continue;
    const auto f = fields(line);
    if (f.size() < 7 || f[0] != "INFO" || f[1] != "jepsen.util" || f[2] != "-") {
      return parse_error(file, lineno,
                         "'INFO  jepsen.util - <process> :<type> :<f> <value>'", line);
    }
    int64_t p = 0;
    if (!detail::parse_int(f[3], p)) return parse_error(file, lineno, "a process id", f[3]);
    Kind kind;
    if (f[5] == ":read") kind = Kind::kRead;
    else if (f[5] == ":write") kind = Kind::kWrite;
    else if (f[5] == ":cas") kind = Kind::kCas;
    else return parse_error(file, lineno, ":read, :write or :cas", f[5]);
    const Parsed v = parse_value(f, 6);
    if (v.kind == Val::kBad) {
      return parse_error(file, lineno, "a value: nil, an integer, [a b] or :timed-out", f[6]);
    }
    const std::string_view type = f[4];
    if (type == ":invoke") {
      if (auto it = pending.find(p); it != pending.end()) {
        return parse_error(file, lineno,
                           "no new :invoke from process " + std::to_string(p) +
                               " while its operation from line " +
                               std::to_string(it->second.second) + " is pending",
                           line);
      }
      Op op;
      op.client = static_cast<uint32_t>(p);
      op.call = li;
      op.input.kind = kind;
      if (kind == Kind::kRead && v.kind != Val::kNil)
        return parse_error(file, lineno, "':invoke :read nil'", line);
      if (kind == Kind::kWrite && v.kind != Val::kInt)
        return parse_error(file, lineno, "an integer to write", line);
      if (kind == Kind::kCas && v.kind != Val::kPair)
        return parse_error(file, lineno, "[expected new] for :cas", line);
      op.input.a = v.a;
      op.input.b = v.b;
      pending[p] = {ops.size(), lineno};
      ops.emplace_back(op);
      continue;
    }
    if (type != ":ok" && type != ":fail" && type != ":info") {
      return parse_error(file, lineno, ":invoke, :ok, :fail or :info", type);
    }
    auto it = pending.find(p);
    if (it == pending.end()) {
      return parse_error(file, lineno,
                         "a completion only for a pending :invoke of process " + std::to_string(p),
                         line);
    }
    Op& op = *ops[it->second.first];
    if (op.input.kind != kind) {
      return parse_error(file, lineno,
                         "the completion to repeat :f of its invoke on line " +
                             std::to_string(it->second.second),
                         line);
    }
    if (type == ":ok") {
      op.ret = li;
      if (kind == Kind::kRead) {
        if (v.kind != Val::kNil && v.kind != Val::kInt)
          return parse_error(file, lineno, "the value read: nil or an integer", line);
        op.output.nil = v.kind == Val::kNil;
        op.output.value = v.a;
      } else {
        op.output.ok = true;
      }
    } else if (type == ":fail") {
      if (kind == Kind::kCas) {
        op.ret = li;
        op.output.ok = false;
      } else if (kind == Kind::kWrite) {
        ops[it->second.first].reset();
      }  // a failed read has an unknown result: leave it pending, the checker drops it
    }  // :info: pending for ever
    pending.erase(it);
  }
  std::vector<Op> out;
  out.reserve(ops.size());
  for (auto& o : ops) {
    if (o) out.push_back(*o);
  }
  return out;
}

}  // namespace contend::check
