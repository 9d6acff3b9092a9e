// Test helper: terse construction of model histories (`op(client, input, output, call, ret)`).
#pragma once

#include <vector>

#include "check/model.h"

namespace contend::check::testing {

template <class M>
ModelOp<M> op(uint32_t client, typename M::Input in, typename M::Output out, uint64_t call,
              uint64_t ret) {
  ModelOp<M> o;
  o.client = client;
  o.input = std::move(in);
  o.output = std::move(out);
  o.call = call;
  o.ret = ret;
  return o;
}

}  // namespace contend::check::testing
