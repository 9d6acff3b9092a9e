#include "runner/stress_arena.h"

#include <sys/mman.h>

#include <new>

#include "util/check.h"

namespace contend {

namespace {
constexpr std::size_t threads_offset() {
  return (sizeof(StressArena) + alignof(ThreadStats) - 1) / alignof(ThreadStats) * alignof(ThreadStats);
}
}  // namespace

std::size_t StressArena::bytes_for(uint32_t threads) {
  return threads_offset() + sizeof(ThreadStats) * threads;
}

StressArena* StressArena::create(uint32_t threads) {
  const std::size_t bytes = bytes_for(threads);
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CONTEND_CHECK(p != MAP_FAILED) << "mmap of " << bytes << " bytes for the stress arena failed";
  // Fresh anonymous pages are zero: every member's valid empty state is all-zero bytes.
  auto* a = static_cast<StressArena*>(p);
  a->header.threads = threads;
  return a;
}

void StressArena::destroy(StressArena* a) {
  if (a) ::munmap(a, bytes_for(a->header.threads));
}

ThreadStats* StressArena::thread(uint32_t i) {
  CONTEND_CHECK(i < header.threads) << i;
  return reinterpret_cast<ThreadStats*>(reinterpret_cast<char*>(this) + threads_offset()) + i;
}

const ThreadStats* StressArena::thread(uint32_t i) const {
  return const_cast<StressArena*>(this)->thread(i);
}

}  // namespace contend
