// interleaving_feedback: switch-pair and reads-from features into the engines' maps.
#include "interleaving_feedback.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

// libFuzzer scans this section after every input (its own coverage is compiled in stage 2 only,
// so these counters are never schedule points). In AFL++ builds the section is unused.
__attribute__((section("__libfuzzer_extra_counters"), used)) static uint8_t g_counters[contend::fuzz::kFeedbackCounters];

// AFL++'s runtime (weak: absent in libFuzzer and replay builds). The feedback gets map slots of
// its own by registering a guard array like any instrumented module would: AFL++ numbers the
// guards after the code's edges and sizes the shared map to fit, so features never land on (and
// never flood) the code-coverage slots.
extern "C" {
__attribute__((weak)) extern uint8_t* __afl_area_ptr;
__attribute__((weak)) void __sanitizer_cov_trace_pc_guard_init(uint32_t* start, uint32_t* stop);
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

uint32_t g_afl_guards[contend::fuzz::kFeedbackCounters];  // AFL++ map slot per feature bucket

bool afl_present() { return &__afl_area_ptr != nullptr && &__sanitizer_cov_trace_pc_guard_init != nullptr; }

void bump(uint64_t feature) {
  const std::size_t i = feature % kFeedbackCounters;
  if (g_counters[i] != 255) ++g_counters[i];
  if (g_afl_guards[i] != 0) {
    uint8_t& a = __afl_area_ptr[g_afl_guards[i]];
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

void init_interleaving_feedback() {
  // Before AFL++'s fork server starts (LLVMFuzzerInitialize runs before __afl_manual_init in
  // libAFLDriver), so the map size the fork server reports includes these slots.
  if (afl_present() && g_afl_guards[0] == 0)
    __sanitizer_cov_trace_pc_guard_init(g_afl_guards, g_afl_guards + kFeedbackCounters);
}

namespace {
// The feature families CONTEND_FUZZ_FEEDBACK selects (see interleaving_feedback.h), read once.
struct Families {
  bool switches = true, reads_from = true;
};
Families families() {
  static const Families f = [] {
    const char* e = std::getenv("CONTEND_FUZZ_FEEDBACK");
    const std::string v = e ? e : "";
    if (v == "0") return Families{false, false};
    return Families{v != "rf", v != "switch"};
  }();
  return f;
}
}  // namespace

bool feedback_enabled() { return families().switches || families().reads_from; }

void record_interleaving_feedback(const sched::Trace& trace) {
  const Families fam = families();
  const uintptr_t base = reinterpret_cast<uintptr_t>(&__executable_start);
  struct Writer {
    const void* addr = nullptr;
    uintptr_t pc = 0;
    uint16_t tid = 0;
  };
  // Last writer per address, exact (linear probing, never evicts): the features must be a pure
  // function of the execution, not of where the allocator put things, or the engines see
  // unstable coverage for one input.
  static std::vector<Writer> writers;
  const auto& ev = trace.events;
  std::size_t cap = 1024;
  while (cap < 2 * ev.size()) cap *= 2;
  writers.assign(cap, Writer{});
  auto slot = [&](const void* a) -> Writer& {
    std::size_t h = (reinterpret_cast<uintptr_t>(a) >> 3) * 0x9E3779B97F4A7C15ULL >> 20;
    for (;; ++h) {
      Writer& w = writers[h & (cap - 1)];
      if (w.addr == a || w.addr == nullptr) return w;
    }
  };
  for (std::size_t i = 0; i < ev.size(); ++i) {
    const auto& e = ev[i];
    const uintptr_t pc = e.pc - base;
    if (fam.switches && i > 0 && ev[i - 1].tid != e.tid) bump(mix(1, mix(ev[i - 1].pc - base, pc)));
    if (!fam.reads_from || !e.addr) continue;
    Writer& w = slot(e.addr);
    if (is_read(e.kind) && w.addr == e.addr && w.tid != e.tid) bump(mix(2, mix(w.pc, pc)));
    if (is_write(e.kind)) w = Writer{e.addr, pc, e.tid};
  }
}

}  // namespace contend::fuzz
