// The complete __tsan_* instrumentation ABI, generated from the tables in tsan_hooks.def, turned
// into schedule points of the controlled scheduler (no race detection, no shadow memory).
//
// Every atomic is performed seq_cst whatever the requested order: only one vthread runs at a
// time, so the explored executions are sequentially consistent interleavings. Outside a vthread
// (t_self == nullptr) each hook just performs the operation. 16-byte atomics use cmpxchg16b
// (this file is compiled with -mcx16).
#include <cstdint>
#include <cstring>

#include "sched/detail/runtime.h"

using contend::sched::EventKind;
using contend::sched::detail::access_point;
using contend::sched::detail::modified;
using contend::sched::detail::observe;
using contend::sched::detail::point;
using contend::sched::detail::t_self;
using contend::sched::detail::VThread;

__extension__ typedef __int128 contend_i128;

namespace {

#define CONTEND_PC reinterpret_cast<uintptr_t>(__builtin_return_address(0))

template <class T>
struct AtomicOps {
  static constexpr bool kWide = sizeof(T) == 16;
  static T load(const volatile T* a) {
    if constexpr (kWide) {
      return __sync_val_compare_and_swap(const_cast<volatile T*>(a), T(0), T(0));
    } else {
      return __atomic_load_n(a, __ATOMIC_SEQ_CST);
    }
  }
  static T cas(volatile T* a, T expected, T desired) {  // returns the previous value
    if constexpr (kWide) {
      return __sync_val_compare_and_swap(a, expected, desired);
    } else {
      __atomic_compare_exchange_n(a, &expected, desired, false, __ATOMIC_SEQ_CST,
                                  __ATOMIC_SEQ_CST);
      return expected;
    }
  }
  template <class F>
  static T rmw(volatile T* a, F f) {  // returns the previous value
    T old = load(a);
    for (;;) {
      const T prev = cas(a, old, f(old));
      if (prev == old) return old;
      old = prev;
    }
  }
};

inline uint64_t low64(contend_i128 v) { return static_cast<uint64_t>(v); }
template <class T>
inline uint64_t low64(T v) { return static_cast<uint64_t>(v); }

// Shared body of every read-modify-write hook: point, operate, classify as progress or spin.
template <class T, class F>
inline T do_rmw(volatile T* a, F f, uintptr_t pc) {
  VThread* t = t_self;
  if (t == nullptr) return AtomicOps<T>::rmw(a, f);
  point(t, EventKind::kAtomicRmw, const_cast<T*>(a), pc);
  const T old = AtomicOps<T>::rmw(a, f);
  if (f(old) != old) {
    modified(t);
  } else {
    observe(t, const_cast<T*>(a), low64(old));
  }
  return old;
}

template <class T>
inline T do_cas_val(volatile T* a, T c, T v, uintptr_t pc) {
  VThread* t = t_self;
  if (t == nullptr) return AtomicOps<T>::cas(a, c, v);
  point(t, EventKind::kAtomicCas, const_cast<T*>(a), pc);
  const T prev = AtomicOps<T>::cas(a, c, v);
  if (prev == c && c != v) {
    modified(t);
  } else {
    observe(t, const_cast<T*>(a), low64(prev));
  }
  return prev;
}

#define CONTEND_OP_xchg() [&](Ty) { return v; }
#define CONTEND_OP_add() [&](Ty o) { return static_cast<Ty>(o + v); }
#define CONTEND_OP_sub() [&](Ty o) { return static_cast<Ty>(o - v); }
#define CONTEND_OP_and_() [&](Ty o) { return static_cast<Ty>(o & v); }
#define CONTEND_OP_or_() [&](Ty o) { return static_cast<Ty>(o | v); }
#define CONTEND_OP_xor_() [&](Ty o) { return static_cast<Ty>(o ^ v); }
#define CONTEND_OP_nand() [&](Ty o) { return static_cast<Ty>(~(o & v)); }

}  // namespace

// ---- plain accesses: __tsan_{read,write,unaligned_*,volatile_*,read_write}{1,2,4,8,16} ----
#define CONTEND_DEF_PLAIN(prefix, N, kind)                      \
  extern "C" void __tsan_##prefix##N(void* a) {                 \
    access_point(EventKind::kind, a, CONTEND_PC);               \
  }
#define CONTEND_DEF_PLAIN_PC(N)                                                         \
  extern "C" void __tsan_read##N##_pc(void* a, void* pc) {                              \
    access_point(EventKind::kRead, a, reinterpret_cast<uintptr_t>(pc));                 \
  }                                                                                     \
  extern "C" void __tsan_write##N##_pc(void* a, void* pc) {                             \
    access_point(EventKind::kWrite, a, reinterpret_cast<uintptr_t>(pc));                \
  }

// ---- atomics: __tsan_atomic{8,16,32,64,128}_{load,store,<rmw>,compare_exchange_*} ----
#define CONTEND_DEF_RMW(N, T, name, opname)                                              \
  extern "C" T __tsan_atomic##N##_##name(volatile T* a, T v, int) {                      \
    using Ty = decltype(v);                                                               \
    return do_rmw<Ty>(a, CONTEND_OP_##opname(), CONTEND_PC);                              \
  }

#define CONTEND_DEF_ATOMIC(N, T)                                                         \
  extern "C" T __tsan_atomic##N##_load(const volatile T* a, int) {                       \
    VThread* t = t_self;                                                                  \
    if (t == nullptr) return AtomicOps<T>::load(a);                                       \
    point(t, EventKind::kAtomicLoad, const_cast<T*>(a), CONTEND_PC);                      \
    const T v = AtomicOps<T>::load(a);                                                    \
    observe(t, const_cast<T*>(a), low64(v));                                              \
    return v;                                                                             \
  }                                                                                       \
  extern "C" void __tsan_atomic##N##_store(volatile T* a, T v, int) {                    \
    VThread* t = t_self;                                                                  \
    if (t != nullptr) point(t, EventKind::kAtomicStore, const_cast<T*>(a), CONTEND_PC);   \
    AtomicOps<T>::rmw(a, [&](T) { return v; });                                           \
    if (t != nullptr) modified(t);                                                        \
  }                                                                                       \
  CONTEND_TSAN_RMW(CONTEND_DEF_RMW, N, T)                                                 \
  extern "C" T __tsan_atomic##N##_compare_exchange_val(volatile T* a, T c, T v, int, int) { \
    return do_cas_val<T>(a, c, v, CONTEND_PC);                                            \
  }                                                                                       \
  extern "C" int __tsan_atomic##N##_compare_exchange_strong(volatile T* a, T* c, T v, int, \
                                                            int) {                        \
    const T prev = do_cas_val<T>(a, *c, v, CONTEND_PC);                                   \
    if (prev == *c) return 1;                                                             \
    *c = prev;                                                                            \
    return 0;                                                                             \
  }                                                                                       \
  extern "C" int __tsan_atomic##N##_compare_exchange_weak(volatile T* a, T* c, T v, int,   \
                                                          int) {                          \
    const T prev = do_cas_val<T>(a, *c, v, CONTEND_PC); /* never fails spuriously */     \
    if (prev == *c) return 1;                                                             \
    *c = prev;                                                                            \
    return 0;                                                                             \
  }

#define CONTEND_DEF_SIZE(BYTES, BITS, T)       \
  CONTEND_TSAN_PLAIN(CONTEND_DEF_PLAIN, BYTES) \
  CONTEND_DEF_PLAIN_PC(BYTES)                  \
  CONTEND_DEF_ATOMIC(BITS, T)

using contend_i8 = int8_t;
using contend_i16 = int16_t;
using contend_i32 = int32_t;
using contend_i64 = int64_t;
#include "sched/detail/tsan_hooks.def"
CONTEND_TSAN_SIZES(CONTEND_DEF_SIZE)

// ---- the rest of the ABI ----
extern "C" void __tsan_atomic_thread_fence(int) {
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  if (VThread* t = t_self) point(t, EventKind::kFence, nullptr, CONTEND_PC);
}
extern "C" void __tsan_atomic_signal_fence(int) { __atomic_signal_fence(__ATOMIC_SEQ_CST); }
extern "C" void __tsan_vptr_update(void** vptr_p, void*) {
  access_point(EventKind::kWrite, vptr_p, CONTEND_PC);
}
extern "C" void __tsan_vptr_read(void** vptr_p) {
  access_point(EventKind::kRead, vptr_p, CONTEND_PC);
}
// Function entry/exit feed TSan's shadow stack; we symbolize PCs instead.
extern "C" void __tsan_func_entry(void*) {}
extern "C" void __tsan_func_exit() {}
extern "C" void __tsan_ignore_thread_begin() {}
extern "C" void __tsan_ignore_thread_end() {}
// Called from every instrumented module's constructor; nothing to set up.
extern "C" void __tsan_init() {}
// Annotations some libraries call under __has_feature(thread_sanitizer); happens-before edges are
// irrelevant when only one thread runs.
extern "C" void __tsan_acquire(void*) {}
extern "C" void __tsan_release(void*) {}
// clang >= 16 emits these for memintrinsics; clang 14 calls plain memcpy & co. (not points).
extern "C" void* __tsan_memcpy(void* d, const void* s, size_t n) {
  access_point(EventKind::kWrite, d, CONTEND_PC);
  return std::memcpy(d, s, n);
}
extern "C" void* __tsan_memmove(void* d, const void* s, size_t n) {
  access_point(EventKind::kWrite, d, CONTEND_PC);
  return std::memmove(d, s, n);
}
extern "C" void* __tsan_memset(void* d, int c, size_t n) {
  access_point(EventKind::kWrite, d, CONTEND_PC);
  return std::memset(d, c, n);
}
