// BytesStrategy: decisions read from a byte string, typically a fuzzer's input, so the fuzzer's
// mutations explore interleavings. Each decision consumes two bytes from the front: the thread
// (eligible[b0 % n]) and the budget (1 + b1 points). When the bytes run out there are no more
// preemptions, and forced switches (block, yield, finish) go round-robin. next_u64() consumes
// bytes from the back (zero-padded), so program generation and scheduling share one input.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sched/strategy.h"

namespace contend::sched {

class BytesStrategy final : public Strategy {
 public:
  explicit BytesStrategy(std::span<const uint8_t> data) : data_(data.begin(), data.end()) {}
  void begin_execution(uint32_t nthreads) override;
  Pick pick(const PickRequest& req) override;
  uint64_t next_u64() override;
  std::string_view name() const override { return "bytes"; }

 private:
  std::vector<uint8_t> data_;
  size_t front_ = 0, back_ = 0;  // back_: bytes consumed from the end
};

}  // namespace contend::sched
