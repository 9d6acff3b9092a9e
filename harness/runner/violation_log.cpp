#include "runner/violation_log.h"

#include <algorithm>
#include <cstring>

namespace contend {

namespace {
void copy_truncated(char* dst, std::size_t cap, std::string_view src) {
  const std::size_t n = std::min(cap - 1, src.size());
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}
}  // namespace

void ViolationLog::add(std::string_view kind, int64_t thread, const uint64_t* key,
                       std::string_view detail) noexcept {
  total_.fetch_add(1, std::memory_order_relaxed);
  const uint64_t i = claimed_.fetch_add(1, std::memory_order_relaxed);
  if (i >= kCapacity) return;
  Slot& s = slots_[i];
  s.thread = thread;
  s.has_key = key != nullptr;
  s.key = key ? *key : 0;
  copy_truncated(s.kind, sizeof s.kind, kind);
  copy_truncated(s.detail, sizeof s.detail, detail);
  s.ready.store(1, std::memory_order_release);
}

void ViolationLog::reset() noexcept {
  const uint64_t n = std::min<uint64_t>(claimed_.load(std::memory_order_relaxed), kCapacity);
  for (uint64_t i = 0; i < n; ++i) slots_[i].ready.store(0, std::memory_order_relaxed);
  claimed_.store(0, std::memory_order_relaxed);
  total_.store(0, std::memory_order_relaxed);
}

std::vector<Violation> ViolationLog::snapshot() const {
  std::vector<Violation> out;
  const uint64_t n = std::min<uint64_t>(claimed_.load(std::memory_order_acquire), kCapacity);
  for (uint64_t i = 0; i < n; ++i) {
    const Slot& s = slots_[i];
    if (s.ready.load(std::memory_order_acquire) == 0) continue;  // writer died mid-record
    out.push_back({s.kind, s.detail, s.thread, s.key, s.has_key != 0});
  }
  return out;
}

}  // namespace contend
