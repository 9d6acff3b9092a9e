// Allocator as a run dimension: which malloc this process runs on, how to make it give free
// memory back, how much it has handed out, and which shared library to preload for each.
//
// contend never links an alternative allocator: `contend run --allocator X` re-executes itself
// with LD_PRELOAD naming X's library (the child that runs a target is forked, so the allocator
// must be in place before the process starts). active_allocator() then detects what really
// serves malloc by looking up each allocator's own entry point in the global symbol scope, so
// the recorded name is a measurement, not an echo of the flag.
//
// Thread-safety: all functions are reentrant; purge/in_use may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace contend::workloads {

enum class Allocator : uint8_t { kGlibc, kJemalloc, kMimalloc, kTbbmalloc };

std::string_view allocator_name(Allocator a);
// "glibc" | "jemalloc" | "mimalloc" | "tbbmalloc"; anything else is a usage error listing them.
Result<Allocator> parse_allocator(std::string_view name);
// The allocator serving malloc in this process (preloaded symbols win over glibc).
Allocator active_allocator();

// Returns free memory to the OS with the active allocator's own purge: glibc malloc_trim(0),
// jemalloc mallctl("arena.<ALL>.purge"), mimalloc mi_collect(true), tbbmalloc
// scalable_allocation_command(TBBMALLOC_CLEAN_ALL_BUFFERS). Returns the method used (for the
// result), e.g. "malloc_trim". No-op ("none") under sanitizers, whose allocator is intercepted.
std::string purge_allocator();

// Bytes handed out and not freed, from the active allocator: glibc mallinfo2 (or the sanitizer
// counter), jemalloc stats.allocated (after an epoch refresh). nullopt where the allocator has
// no such figure (mimalloc, tbbmalloc): report it as unknown, never as 0.
std::optional<uint64_t> allocator_in_use_bytes();

// The library to LD_PRELOAD for `a` and the Debian package that ships it. glibc needs none.
struct PreloadLibrary {
  std::string soname;   // e.g. "libjemalloc.so.2"
  std::string package;  // e.g. "libjemalloc-dev"
};
PreloadLibrary preload_library(Allocator a);
// Absolute path of `soname` in the usual library directories, or an I/O error naming the
// library, the directories searched and the package to install.
Result<std::string> find_preload_library(Allocator a);

}  // namespace contend::workloads

namespace contend::workloads {

// Makes `wanted` serve malloc in this process: returns Ok if it already does; otherwise
// re-executes /proc/self/exe with the same arguments, LD_PRELOAD naming the allocator's library
// (prepended to any existing value) and CONTEND_PRELOAD_GUARD set, and does not return. In the
// re-executed process (guard set) a mismatch is an error naming both allocators instead of a
// second exec, so a library that fails to take over cannot loop. Call before any thread starts.
Status ensure_allocator(Allocator wanted);

}  // namespace contend::workloads
