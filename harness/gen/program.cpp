#include "gen/program.h"

#include <algorithm>

#include "gen/key_space.h"
#include "util/check.h"

namespace contend {

std::string describe_threads(const std::vector<std::vector<std::string>>& labels) {
  std::string out;
  for (std::size_t t = 0; t < labels.size(); ++t) {
    out += "  T" + std::to_string(t) + ":";
    for (const auto& l : labels[t]) out += " " + l + ";";
    out += "\n";
  }
  return out;
}

std::size_t Program::parallel_ops() const {
  std::size_t n = 0;
  for (const auto& t : ops) n += t.size();
  return n;
}

std::size_t Program::max_thread_ops() const {
  std::size_t n = 0;
  for (const auto& t : ops) n = std::max(n, t.size());
  return n;
}

void finish_program(Program& p) {
  p.labels.assign(p.ops.size(), {});
  for (std::size_t t = 0; t < p.ops.size(); ++t) {
    for (const Op& op : p.ops[t]) p.labels[t].push_back(op_label(op));
  }
  p.spec.threads = p.threads();
  p.spec.ops_per_thread = std::max<std::size_t>(1, p.max_thread_ops());
}

namespace {
std::string key_label(Key k) {
  if (is_counter_key(k)) return "counter#" + std::to_string(k & 0xffffffffu);
  if (is_private_key(k)) return "private T" + std::to_string(private_owner(k)) + "#" + std::to_string(private_index(k));
  return std::to_string(k);
}
}  // namespace

std::string op_label(const Op& op) {
  const std::string name(op_name(op.kind));
  switch (op.kind) {
    case OpKind::kInsert: return name + "(k=" + key_label(op.key) + ", v=" + std::to_string(op.arg) + ")";
    case OpKind::kAdd: return name + "(k=" + key_label(op.key) + ", +" + std::to_string(op.arg) + ")";
    case OpKind::kErase:
    case OpKind::kFind: return name + "(k=" + key_label(op.key) + ")";
    case OpKind::kIterate:
    case OpKind::kSize: return name + "()";
  }
  return name;
}

std::string describe_sequence(const std::vector<Op>& ops) {
  if (ops.empty()) return "(none)";
  std::string out;
  for (std::size_t i = 0; i < ops.size();) {
    const Op& a = ops[i];
    std::size_t j = i + 1;
    // A run of one kind over consecutive shared keys: insert(k=0..63).
    const bool keyed = a.kind != OpKind::kIterate && a.kind != OpKind::kSize;
    if (keyed && !is_counter_key(a.key) && !is_private_key(a.key)) {
      while (j < ops.size() && ops[j].kind == a.kind && ops[j].key == a.key + (j - i)) ++j;
    }
    if (!out.empty()) out += "; ";
    if (j - i > 1) {
      out += std::string(op_name(a.kind)) + "(k=" + std::to_string(a.key) + ".." + std::to_string(ops[j - 1].key) + ")";
    } else {
      // Repeats of one operation on one key: find(k=5) x12.
      while (j < ops.size() && ops[j].kind == a.kind && ops[j].key == a.key) ++j;
      out += j - i > 1 && a.kind == OpKind::kInsert ? std::string(op_name(a.kind)) + "(k=" + key_label(a.key) + ")"
             : j - i > 1 && a.kind == OpKind::kAdd  ? std::string(op_name(a.kind)) + "(k=" + key_label(a.key) + ")"
                                                    : op_label(a);
      if (j - i > 1) out += " x" + std::to_string(j - i);
    }
    i = j;
  }
  return out;
}

std::string describe_program(const Program& p) {
  std::string out;
  if (!p.init.empty()) out += "  init (" + std::to_string(p.init.size()) + " ops): " + describe_sequence(p.init) + "\n";
  out += describe_threads(p.labels);
  if (!p.post.empty()) out += "  post (" + std::to_string(p.post.size()) + " ops): " + describe_sequence(p.post) + "\n";
  return out;
}

Program make_program(const MapMixSpec& spec) {
  CONTEND_CHECK(spec.ops_per_thread > 0) << "a program needs an op budget";
  Program p;
  p.spec = spec;
  p.ops.resize(spec.threads);
  for (uint32_t t = 0; t < spec.threads; ++t) {
    OpStream stream(spec, t);
    for (uint64_t i = 0; i < spec.ops_per_thread; ++i) p.ops[t].push_back(stream.next());
  }
  finish_program(p);
  return p;
}

}  // namespace contend
