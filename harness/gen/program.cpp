#include "gen/program.h"

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

std::size_t Program::total_ops() const {
  std::size_t n = 0;
  for (const auto& t : ops) n += t.size();
  return n;
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

Program make_program(const MapMixSpec& spec) {
  CONTEND_CHECK(spec.ops_per_thread > 0) << "a program needs an op budget";
  Program p;
  p.spec = spec;
  p.ops.resize(spec.threads);
  p.labels.resize(spec.threads);
  for (uint32_t t = 0; t < spec.threads; ++t) {
    OpStream stream(spec, t);
    for (uint64_t i = 0; i < spec.ops_per_thread; ++i) {
      p.ops[t].push_back(stream.next());
      p.labels[t].push_back(op_label(p.ops[t].back()));
    }
  }
  return p;
}

}  // namespace contend
