// fuzz_checker: the linearizability checker (WGL with memo cache and partitions) against a
// brute-force oracle that tries every real-time-respecting order, on small map histories the
// input spells out (3 bytes per op, at most 8 ops so the oracle stays cheap). Any disagreement
// aborts. Input: per op b0 = kind(2 bits) | key(1 bit) << 2 | client(2 bits) << 3 |
// pending(1 bit) << 5 | ok(1 bit) << 6, b1 = call gap(low 4 bits) | duration(high 4 bits),
// b2 = arg/output value (low 2 bits arg, next 2 bits output value).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "check/linearizability.h"
#include "check/map_model.h"
#include "oracle.h"

using contend::check::MapModel;

extern "C" int LLVMFuzzerInitialize(int*, char***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<contend::check::ModelOp<MapModel>> ops;
  uint64_t cursor[4] = {};
  for (size_t i = 0; i + 3 <= size && ops.size() < 8; i += 3) {
    contend::check::ModelOp<MapModel> o;
    const uint8_t b0 = data[i], b1 = data[i + 1], b2 = data[i + 2];
    o.client = (b0 >> 3) & 3;
    o.input = {static_cast<contend::OpKind>(b0 & 3), static_cast<contend::Key>((b0 >> 2) & 1), b2 & 3};
    o.output = {((b0 >> 6) & 1) != 0, (b2 >> 2) & 3};
    o.call = cursor[o.client] + (b1 & 15);
    o.ret = (b0 >> 5) & 1 ? contend::check::kPending : o.call + (b1 >> 4);
    cursor[o.client] = (o.ret == contend::check::kPending ? o.call : o.ret) + 1;
    ops.push_back(o);
  }
  const bool want = contend::fuzz::oracle_linearizable(ops);
  const auto got = contend::check::check_linearizability<MapModel>(ops).verdict;
  if (got == contend::check::Verdict::kUnknown) return 0;
  if ((got == contend::check::Verdict::kLinearizable) != want) std::abort();
  return 0;
}
