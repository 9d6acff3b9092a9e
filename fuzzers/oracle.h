// oracle_linearizable: the brute-force reference for fuzz_checker. Per key (linearizability is
// local), depth-first over every order that respects real time: completed ops must all be
// placed, pending ops may be placed (after everything that precedes them) or left out. Only for
// tiny histories (<= 8 ops: at most 8! orders).
#pragma once

#include <cstdint>
#include <vector>

#include "check/map_model.h"
#include "check/model.h"

namespace contend::fuzz {

namespace detail {
template <class M>
bool search(const std::vector<check::ModelOp<M>>& ops, uint32_t placed, const typename M::State& s) {
  bool done = true;
  for (std::size_t i = 0; i < ops.size(); ++i) done &= (placed >> i & 1) || ops[i].pending();
  if (done) return true;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (placed >> i & 1) continue;
    bool minimal = true;
    for (std::size_t j = 0; j < ops.size(); ++j) {
      if (!(placed >> j & 1) && j != i && !ops[j].pending() && ops[j].ret < ops[i].call) minimal = false;
    }
    typename M::State next = M::init();
    if (minimal && M::step(s, ops[i].input, ops[i].pending() ? nullptr : &ops[i].output, next) &&
        search<M>(ops, placed | (1u << i), next)) {
      return true;
    }
  }
  return false;
}
}  // namespace detail

inline bool oracle_linearizable(const std::vector<check::ModelOp<check::MapModel>>& ops) {
  for (Key k = 0; k < 2; ++k) {
    std::vector<check::ModelOp<check::MapModel>> sub;
    for (const auto& o : ops) {
      if (o.input.key == k) sub.push_back(o);
    }
    if (!detail::search<check::MapModel>(sub, 0, check::MapModel::init())) return false;
  }
  return true;
}

}  // namespace contend::fuzz
