// PoolProgram labels and construction.
#include "gen/pool_program.h"

#include "gen/program.h"
#include "util/check.h"

namespace contend {

std::string pool_op_label(const PoolOp& op) {
  const std::string s = " s" + std::to_string(op.slot);
  switch (op.kind) {
    case PoolOpKind::kAcquire: return "acquire" + s;
    case PoolOpKind::kRelease: return "release" + s;
    case PoolOpKind::kWrite: return "write" + s + "=" + std::to_string(op.value);
    case PoolOpKind::kVerify: return "verify" + s;
    case PoolOpKind::kCycle: return "cycle=" + std::to_string(op.value);
  }
  return "?";
}

PoolProgram pool_program_from_ops(std::vector<std::vector<PoolOp>> ops) {
  CONTEND_CHECK(!ops.empty() && ops.size() <= kPoolProgramMaxThreads && !ops[0].empty() &&
                ops[0].size() <= kPoolProgramMaxOps)
      << "a pool program has 1.." << kPoolProgramMaxThreads << " threads of 1.." << kPoolProgramMaxOps << " ops";
  PoolProgram p;
  p.threads = static_cast<uint32_t>(ops.size());
  p.ops_per_thread = static_cast<uint32_t>(ops[0].size());
  for (const auto& thread_ops : ops) {
    CONTEND_CHECK(thread_ops.size() == p.ops_per_thread) << "every thread runs the same number of ops";
    auto& labels = p.labels.emplace_back();
    for (const PoolOp& op : thread_ops) {
      CONTEND_CHECK(op.slot < kPoolSlots && op.value < 8) << pool_op_label(op);
      labels.push_back(pool_op_label(op));
    }
  }
  p.ops = std::move(ops);
  return p;
}

std::string describe(const PoolProgram& p) { return describe_threads(p.labels); }

}  // namespace contend
