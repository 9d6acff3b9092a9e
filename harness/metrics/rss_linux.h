// Linux process-memory readers: current RSS and anonymous bytes, peak RSS, allocator in-use bytes.
//
// Sources and why (design/fuzzing-ecosystem.md section 8):
// - Current RSS / anonymous: /proc/self/smaps_rollup `Rss:` and `Anonymous:` (exact sums, since
//   Linux 4.14). Fallback /proc/self/status `VmRSS:` / `RssAnon:`, which the kernel computes from
//   per-thread cached counters and can lag by up to ~64 pages per thread. Never VmSize.
// - Peak: /proc/self/status `VmHWM:`; fallback getrusage() ru_maxrss (the same counter, in KiB).
// - Allocator in-use: glibc mallinfo2() `uordblks + hblkhd` (glibc 2.36 sums every arena, not only
//   the main one). Under ASan/TSan mallinfo2 is intercepted and returns zeros, so sanitizer builds
//   use __sanitizer_get_current_allocated_bytes() instead. RSS in sanitizer builds is dominated by
//   shadow memory and quarantine: do not judge growth from it.
//
// Errors: every read returns Result; a missing or malformed file becomes an Error naming the file
// and the field, never a crash. Thread-safety: all functions are reentrant (no shared state).
#pragma once

#include <cstdint>
#include <string_view>

#include "util/error.h"

namespace contend::metrics {

struct MemoryUsage {
  uint64_t rss_bytes = 0;   // resident set size
  uint64_t anon_bytes = 0;  // resident anonymous memory (heap, stacks, anonymous mmaps)
  bool exact = false;       // true: from smaps_rollup; false: from the status fallback
};

enum class AllocatorSource : uint8_t { kMallinfo2, kSanitizer, kUnavailable };

struct AllocatorUsage {
  uint64_t in_use_bytes = 0;  // bytes handed out by malloc and not yet freed
  AllocatorSource source = AllocatorSource::kUnavailable;
};

// Current RSS and anonymous bytes: smaps_rollup, falling back to status when it is unreadable.
[[nodiscard]] Result<MemoryUsage> read_memory_usage();
// Peak RSS in bytes since process start (VmHWM; ru_maxrss fallback).
[[nodiscard]] Result<uint64_t> read_peak_rss_bytes();
// Allocator in-use bytes (see the header comment for the source per build).
AllocatorUsage read_allocator_usage() noexcept;
// Returns free allocator memory to the OS (glibc malloc_trim(0)); true if memory was released.
// Call before a final RSS sample so retention is not mistaken for growth. No-op under sanitizers.
bool release_free_memory() noexcept;

// Pure parsers over file contents, used by the readers above and exposed for tests. Errors name
// the file (`source`) and the field.
[[nodiscard]] Result<MemoryUsage> parse_smaps_rollup(std::string_view text);
[[nodiscard]] Result<MemoryUsage> parse_proc_status(std::string_view text);
// Value of a "Key:   123 kB" line, in bytes. Error if the key is absent or malformed.
[[nodiscard]] Result<uint64_t> parse_kb_field(std::string_view text, std::string_view key,
                                              std::string_view source);

const char* to_string(AllocatorSource s) noexcept;

}  // namespace contend::metrics
