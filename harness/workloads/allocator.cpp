#include "workloads/allocator.h"

#include <dlfcn.h>
#include <malloc.h>

#include <cstddef>
#include <filesystem>

#include "metrics/rss_linux.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define CONTEND_ALLOC_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CONTEND_ALLOC_SANITIZED 1
#endif

namespace contend::workloads {

namespace {
// Entry points of the alternative allocators, looked up in the global scope (preloaded
// libraries are part of it). Resolved on every call: cheap, and never stale.
using MallctlFn = int (*)(const char*, void*, size_t*, void*, size_t);
using MiCollectFn = void (*)(bool);
using TbbCommandFn = int (*)(int, void*);

template <class F>
F lookup(const char* name) {
  return reinterpret_cast<F>(::dlsym(RTLD_DEFAULT, name));
}
}  // namespace

std::string_view allocator_name(Allocator a) {
  switch (a) {
    case Allocator::kGlibc: return "glibc";
    case Allocator::kJemalloc: return "jemalloc";
    case Allocator::kMimalloc: return "mimalloc";
    case Allocator::kTbbmalloc: return "tbbmalloc";
  }
  return "glibc";
}

Result<Allocator> parse_allocator(std::string_view name) {
  for (auto a : {Allocator::kGlibc, Allocator::kJemalloc, Allocator::kMimalloc, Allocator::kTbbmalloc}) {
    if (allocator_name(a) == name) return a;
  }
  return usage_error("--allocator '" + std::string(name) + "' is not known",
                     "use one of: glibc, jemalloc, mimalloc, tbbmalloc");
}

Allocator active_allocator() {
  // __TBB_malloc_proxy exists only in libtbbmalloc_proxy (plain libtbbmalloc, which TBB may load
  // for scalable_allocator, does not replace malloc).
  if (::dlsym(RTLD_DEFAULT, "__TBB_malloc_proxy") != nullptr) return Allocator::kTbbmalloc;
  if (lookup<MallctlFn>("mallctl") != nullptr) return Allocator::kJemalloc;
  if (lookup<MiCollectFn>("mi_collect") != nullptr) return Allocator::kMimalloc;
  return Allocator::kGlibc;
}

std::string purge_allocator() {
#if defined(CONTEND_ALLOC_SANITIZED)
  return "none";
#else
  switch (active_allocator()) {
    case Allocator::kJemalloc: {
      // MALLCTL_ARENAS_ALL == 4096 in jemalloc 5: purge dirty and muzzy pages of every arena.
      auto fn = lookup<MallctlFn>("mallctl");
      if (fn && fn("arena.4096.purge", nullptr, nullptr, nullptr, 0) == 0) return "mallctl arena.<ALL>.purge";
      return "none";
    }
    case Allocator::kMimalloc: {
      if (auto fn = lookup<MiCollectFn>("mi_collect")) {
        fn(true);
        return "mi_collect(true)";
      }
      return "none";
    }
    case Allocator::kTbbmalloc: {
      // TBBMALLOC_CLEAN_ALL_BUFFERS == 0 (tbb/scalable_allocator.h): returns thread and
      // large-object caches to the OS.
      if (auto fn = lookup<TbbCommandFn>("scalable_allocation_command")) {
        fn(0, nullptr);
        return "scalable_allocation_command(CLEAN_ALL_BUFFERS)";
      }
      return "none";
    }
    case Allocator::kGlibc:
      metrics::release_free_memory();
      return "malloc_trim(0)";
  }
  return "none";
#endif
}

std::optional<uint64_t> allocator_in_use_bytes() {
  switch (active_allocator()) {
    case Allocator::kJemalloc: {
      auto fn = lookup<MallctlFn>("mallctl");
      if (!fn) return std::nullopt;
      uint64_t epoch = 1;
      size_t sz = sizeof epoch;
      fn("epoch", &epoch, &sz, &epoch, sz);  // stats are cached until the epoch advances
      size_t allocated = 0;
      sz = sizeof allocated;
      if (fn("stats.allocated", &allocated, &sz, nullptr, 0) != 0) return std::nullopt;
      return allocated;
    }
    case Allocator::kMimalloc:
    case Allocator::kTbbmalloc:
      return std::nullopt;
    case Allocator::kGlibc: {
      const auto u = metrics::read_allocator_usage();
      if (u.source == metrics::AllocatorSource::kUnavailable) return std::nullopt;
      return u.in_use_bytes;
    }
  }
  return std::nullopt;
}

PreloadLibrary preload_library(Allocator a) {
  switch (a) {
    case Allocator::kGlibc: return {"", "libc6"};
    case Allocator::kJemalloc: return {"libjemalloc.so.2", "libjemalloc-dev (or libjemalloc2)"};
    case Allocator::kMimalloc: return {"libmimalloc.so.2", "libmimalloc-dev (or libmimalloc2.0)"};
    case Allocator::kTbbmalloc: return {"libtbbmalloc_proxy.so.2", "libtbb-dev (or libtbbmalloc2)"};
  }
  return {};
}

Result<std::string> find_preload_library(Allocator a) {
  const PreloadLibrary lib = preload_library(a);
  if (lib.soname.empty()) return std::string();
  static constexpr const char* kDirs[] = {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/local/lib",
                                          "/usr/lib64", "/usr/lib"};
  std::string searched;
  for (const char* d : kDirs) {
    const std::filesystem::path p = std::filesystem::path(d) / lib.soname;
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) return p.string();
    searched += searched.empty() ? d : std::string(", ") + d;
  }
  return io_error("--allocator " + std::string(allocator_name(a)) + ": " + lib.soname + " not found (searched " +
                      searched + ")",
                  "install it: apt-get install " + lib.package + "  (ci/setup.sh installs it)");
}

}  // namespace contend::workloads

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace contend::workloads {

Status ensure_allocator(Allocator wanted) {
  const Allocator active = active_allocator();
  if (active == wanted) return Ok{};
  const std::string want(allocator_name(wanted)), have(allocator_name(active));
  if (std::getenv("CONTEND_PRELOAD_GUARD") != nullptr) {
    return io_error("--allocator " + want + ": after preloading, malloc is still served by " + have,
                    "check LD_PRELOAD (" + std::string(std::getenv("LD_PRELOAD") ? std::getenv("LD_PRELOAD") : "") +
                        ") and that the library matches this system");
  }
  if (wanted == Allocator::kGlibc) {
    return usage_error("--allocator glibc, but malloc is served by " + have + " (preloaded from the environment?)",
                       "unset LD_PRELOAD, or pass --allocator " + have);
  }
  auto lib = find_preload_library(wanted);
  if (!lib.ok()) return lib.error();
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  for (std::size_t i = 0; i < raw.size();) {
    const std::size_t end = raw.find('\0', i);
    args.push_back(raw.substr(i, end == std::string::npos ? std::string::npos : end - i));
    if (end == std::string::npos) break;
    i = end + 1;
  }
  if (args.empty()) return io_error("--allocator: cannot read /proc/self/cmdline to re-execute contend");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const char* old = std::getenv("LD_PRELOAD");
  const std::string preload = *lib + (old && *old ? std::string(":") + old : std::string());
  ::setenv("LD_PRELOAD", preload.c_str(), 1);
  ::setenv("CONTEND_PRELOAD_GUARD", want.c_str(), 1);
  ::execv("/proc/self/exe", argv.data());
  return io_error("--allocator " + want + ": re-executing contend with LD_PRELOAD=" + preload + " failed");
}

}  // namespace contend::workloads
