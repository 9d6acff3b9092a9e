// CacheAlignedAllocator: a std::allocator replacement whose blocks start on a cache line and
// span whole cache lines, so state owned by one worker thread never shares a line with another
// thread's. Used for the per-thread invariant shadows, which are allocated one after the other
// on the main thread (so adjacent in the heap) and then written on the hot path by their own
// worker: with plain std::allocator one thread's counter shadow and the next thread's private
// shadow shared a line, and every add() of one worker invalidated the other's.
#pragma once

#include <cstddef>
#include <new>

namespace contend::detail {

// 64 bytes: the line size of every x86-64 and most AArch64 cores this runs on. Not
// std::hardware_destructive_interference_size, whose value GCC warns may change between
// compiler versions (-Winterference-size).
inline constexpr std::size_t kCacheLine = 64;

template <class T>
struct CacheAlignedAllocator {
  using value_type = T;

  CacheAlignedAllocator() = default;
  template <class U>
  CacheAlignedAllocator(const CacheAlignedAllocator<U>&) noexcept {}

  static std::size_t padded_bytes(std::size_t n) {
    return (n * sizeof(T) + kCacheLine - 1) / kCacheLine * kCacheLine;
  }
  T* allocate(std::size_t n) {
    return static_cast<T*>(::operator new(padded_bytes(n), std::align_val_t{kCacheLine}));
  }
  void deallocate(T* p, std::size_t) noexcept {
    ::operator delete(p, std::align_val_t{kCacheLine});  // unsized: clang-14 lacks -fsized-deallocation
  }
  template <class U>
  bool operator==(const CacheAlignedAllocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace contend::detail
