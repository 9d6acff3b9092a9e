// SharedBlock<T>: one T in a MAP_SHARED|MAP_ANONYMOUS mapping created before fork, so a workload's
// child process can write figures the parent reads after waitpid (which orders every child write
// before the parent's reads), however the child ended. T must be standard-layout, trivially destructible (atomics allowed) and valid
// when all-zero (fresh anonymous pages are zero; no constructor runs). Not thread-safe by itself:
// T's fields state their own ordering.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <type_traits>

#include "util/check.h"

namespace contend::workloads {

template <class T>
class SharedBlock {
  static_assert(std::is_trivially_destructible_v<T> && std::is_standard_layout_v<T>);

 public:
  SharedBlock() {
    void* p = ::mmap(nullptr, sizeof(T), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CONTEND_CHECK(p != MAP_FAILED) << "mmap of " << sizeof(T) << " bytes for workload figures failed";
    p_ = static_cast<T*>(p);
  }
  ~SharedBlock() { ::munmap(p_, sizeof(T)); }
  SharedBlock(const SharedBlock&) = delete;
  SharedBlock& operator=(const SharedBlock&) = delete;

  T* operator->() { return p_; }
  const T* operator->() const { return p_; }
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }

 private:
  T* p_ = nullptr;
};

}  // namespace contend::workloads
