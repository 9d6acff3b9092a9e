// Linux memory readers. The happy path allocates nothing (files are read into a stack buffer), so
// sampling does not perturb the allocator figures it reports.
#include "metrics/rss_linux.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <string>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define CONTEND_METRICS_SANITIZER_ALLOCATOR 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CONTEND_METRICS_SANITIZER_ALLOCATOR 1
#endif
#if defined(CONTEND_METRICS_SANITIZER_ALLOCATOR)
#if __has_include(<sanitizer/allocator_interface.h>)
#include <sanitizer/allocator_interface.h>
#else
// g++-12 on Debian ships the runtimes (libasan, libtsan) but not this header; the symbol is the
// same stable C interface.
extern "C" size_t __sanitizer_get_current_allocated_bytes(void);
#endif
#endif

namespace contend::metrics {
namespace {

constexpr size_t kReadBuffer = 8192;  // smaps_rollup is ~1 KiB, status ~1.5 KiB

// Reads a whole (small) procfs file into buf. Returns the byte count or an Error.
Result<size_t> read_small_file(const char* path, char* buf, size_t cap) {
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(std::string("cannot open ") + path + ": " + std::strerror(errno));
  size_t n = 0;
  while (n < cap) {
    const ssize_t r = ::read(fd, buf + n, cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      const int e = errno;
      ::close(fd);
      return io_error(std::string("cannot read ") + path + ": " + std::strerror(e));
    }
    if (r == 0) break;
    n += static_cast<size_t>(r);
  }
  ::close(fd);
  if (n == cap) return io_error(std::string(path) + " is larger than the 8 KiB read buffer");
  return n;
}

}  // namespace

Result<uint64_t> parse_kb_field(std::string_view text, std::string_view key,
                                std::string_view source) {
  // Find `key` at the start of a line, followed by ':'.
  size_t pos = 0;
  while (true) {
    pos = text.find(key, pos);
    if (pos == std::string_view::npos)
      return input_error(std::string(source) + ": no '" + std::string(key) + ":' field");
    const bool line_start = pos == 0 || text[pos - 1] == '\n';
    const size_t colon = pos + key.size();
    if (line_start && colon < text.size() && text[colon] == ':') {
      pos = colon + 1;
      break;
    }
    pos += key.size();
  }
  const size_t eol = std::min(text.find('\n', pos), text.size());
  std::string_view rest = text.substr(pos, eol - pos);
  const size_t first = rest.find_first_not_of(" \t");
  const auto bad = [&](const char* why) {
    return input_error(std::string(source) + ": field '" + std::string(key) + "' " + why +
                       ": '" + std::string(text.substr(pos, eol - pos)) + "'");
  };
  if (first == std::string_view::npos) return bad("has no value");
  rest.remove_prefix(first);
  uint64_t kb = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), kb);
  if (ec != std::errc() || end == rest.data()) return bad("is not a number");
  std::string_view unit(end, static_cast<size_t>(rest.data() + rest.size() - end));
  const size_t u = unit.find_first_not_of(" \t");
  unit = u == std::string_view::npos ? std::string_view() : unit.substr(u);
  while (!unit.empty() && (unit.back() == ' ' || unit.back() == '\t' || unit.back() == '\r'))
    unit.remove_suffix(1);
  if (unit != "kB") return bad("does not end in 'kB'");
  if (kb > (UINT64_MAX >> 10)) return bad("is out of range");
  return kb << 10;
}

Result<MemoryUsage> parse_smaps_rollup(std::string_view text) {
  constexpr std::string_view kSource = "/proc/self/smaps_rollup";
  Result<uint64_t> rss = parse_kb_field(text, "Rss", kSource);
  if (!rss) return rss.error();
  Result<uint64_t> anon = parse_kb_field(text, "Anonymous", kSource);
  if (!anon) return anon.error();
  return MemoryUsage{*rss, *anon, true};
}

Result<MemoryUsage> parse_proc_status(std::string_view text) {
  constexpr std::string_view kSource = "/proc/self/status";
  Result<uint64_t> rss = parse_kb_field(text, "VmRSS", kSource);
  if (!rss) return rss.error();
  Result<uint64_t> anon = parse_kb_field(text, "RssAnon", kSource);
  if (!anon) return anon.error();
  return MemoryUsage{*rss, *anon, false};
}

Result<MemoryUsage> read_memory_usage() {
  char buf[kReadBuffer];
  Result<size_t> n = read_small_file("/proc/self/smaps_rollup", buf, sizeof buf);
  if (n) {
    Result<MemoryUsage> u = parse_smaps_rollup(std::string_view(buf, *n));
    if (u) return u;
  }
  // Fallback (kernel < 4.14, or a restricted /proc): the approximate status counters.
  Result<size_t> m = read_small_file("/proc/self/status", buf, sizeof buf);
  if (!m) return m.error();
  return parse_proc_status(std::string_view(buf, *m));
}

Result<uint64_t> read_peak_rss_bytes() {
  char buf[kReadBuffer];
  Result<size_t> n = read_small_file("/proc/self/status", buf, sizeof buf);
  if (n) {
    Result<uint64_t> hwm = parse_kb_field(std::string_view(buf, *n), "VmHWM", "/proc/self/status");
    if (hwm) return hwm;
  }
  rusage ru{};
  if (::getrusage(RUSAGE_SELF, &ru) != 0)
    return io_error(std::string("getrusage failed: ") + std::strerror(errno));
  return static_cast<uint64_t>(ru.ru_maxrss) << 10;  // ru_maxrss is in KiB on Linux
}

AllocatorUsage read_allocator_usage() noexcept {
#if defined(CONTEND_METRICS_SANITIZER_ALLOCATOR)
  return {static_cast<uint64_t>(__sanitizer_get_current_allocated_bytes()),
          AllocatorSource::kSanitizer};
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  const struct mallinfo2 mi = ::mallinfo2();
  return {static_cast<uint64_t>(mi.uordblks) + static_cast<uint64_t>(mi.hblkhd),
          AllocatorSource::kMallinfo2};
#else
  return {0, AllocatorSource::kUnavailable};
#endif
}

bool release_free_memory() noexcept {
#if defined(CONTEND_METRICS_SANITIZER_ALLOCATOR) || !defined(__GLIBC__)
  return false;
#else
  return ::malloc_trim(0) != 0;
#endif
}

const char* to_string(AllocatorSource s) noexcept {
  switch (s) {
    case AllocatorSource::kMallinfo2: return "mallinfo2";
    case AllocatorSource::kSanitizer: return "sanitizer";
    case AllocatorSource::kUnavailable: return "unavailable";
  }
  return "unknown";
}

}  // namespace contend::metrics
