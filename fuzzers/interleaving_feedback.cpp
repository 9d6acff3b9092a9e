// interleaving_feedback: switch-pair and reads-from features into the engines' maps.
#include "interleaving_feedback.h"

#include <array>
#include <cstdint>

// libFuzzer scans this section after every input (its own coverage is compiled in stage 2 only,
// so these counters are never schedule points). In AFL++ builds the section is unused.
__attribute__((section("__libfuzzer_extra_counters"), used)) static uint8_t g_counters[contend::fuzz::kFeedbackCounters];

// AFL++'s shared map (weak: absent in libFuzzer and replay builds).
extern "C" {
__attribute__((weak)) extern uint8_t* __afl_area_ptr;
__attribute__((weak)) extern uint32_t __afl_map_size;
extern char __executable_start;
}

namespace contend::fuzz {

namespace {

uint64_t mix(uint64_t a, uint64_t b) {
  uint64_t x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ULL;
  return x ^ (x >> 29);
}

void bump(uint64_t feature) {
  uint8_t& c = g_counters[feature % kFeedbackCounters];
  if (c != 255) ++c;
  if (&__afl_area_ptr != nullptr && __afl_area_ptr != nullptr) {
    const uint32_t size = &__afl_map_size != nullptr && __afl_map_size ? __afl_map_size : 65536;
    uint8_t& a = __afl_area_ptr[feature % size];
    if (a != 255) ++a;
  }
}

bool is_write(sched::EventKind k) {
  using K = sched::EventKind;
  return k == K::kWrite || k == K::kAtomicStore || k == K::kAtomicRmw || k == K::kAtomicCas;
}
bool is_read(sched::EventKind k) {
  using K = sched::EventKind;
  return k == K::kRead || k == K::kAtomicLoad || k == K::kAtomicRmw || k == K::kAtomicCas;
}

}  // namespace

void record_interleaving_feedback(const sched::Trace& trace) {
  const uintptr_t base = reinterpret_cast<uintptr_t>(&__executable_start);
  struct Writer {
    const void* addr = nullptr;
    uintptr_t pc = 0;
    uint16_t tid = 0;
  };
  static std::array<Writer, 1024> writers;  // last writer per address (open addressing, lossy)
  writers.fill({});
  const auto& ev = trace.events;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    const auto& e = ev[i];
    const uintptr_t pc = e.pc - base;
    if (i > 0 && ev[i - 1].tid != e.tid) bump(mix(1, mix(ev[i - 1].pc - base, pc)));
    if (!e.addr) continue;
    Writer& w = writers[(reinterpret_cast<uintptr_t>(e.addr) >> 3) % writers.size()];
    if (is_read(e.kind) && w.addr == e.addr && w.tid != e.tid) bump(mix(2, mix(w.pc, pc)));
    if (is_write(e.kind)) w = Writer{e.addr, pc, e.tid};
  }
}

}  // namespace contend::fuzz
