// Trace printing: symbolization through addr2line (binutils) and folding of consecutive steps.
#include "sched/trace.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <elf.h>

#include <cstdio>
#include <filesystem>
#include <bit>
#include <map>
#include <sstream>
#include <unordered_map>

extern char** environ;

namespace contend::sched {
namespace {

std::string shorten_path(std::string s) {
  // Keep the last two path components: "tbb/concurrent_hash_map.h:123".
  size_t cut = s.rfind('/');
  if (cut != std::string::npos && cut > 0) {
    const size_t prev = s.rfind('/', cut - 1);
    if (prev != std::string::npos) s = s.substr(prev + 1);
  }
  return s;
}

// binutils' addr2line by absolute path: no PATH lookup, no shell (the binary's own path may hold
// any character).
constexpr const char* kAddr2line = "/usr/bin/addr2line";

// Runs argv (no shell) and returns its stdout; "" if it cannot be run.
std::string run_capture(const std::vector<std::string>& argv) {
  if (::access(argv[0].c_str(), X_OK) != 0) return "";
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return "";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0].c_str(), &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(fds[1]);
  std::string out;
  if (rc == 0) {
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  ::close(fds[0]);
  return out;
}

std::string shorten_function(std::string f) {
  // Drop template arguments and parameter lists: they make C++ names unreadably long.
  std::string out;
  int depth = 0;
  for (char c : f) {
    if (c == '<' || c == '(') ++depth;
    if (depth == 0) out.push_back(c);
    if ((c == '>' || c == ')') && depth > 0) --depth;
  }
  if (out.empty()) out = f;
  if (out.size() > 90) out = "..." + out.substr(out.size() - 87);
  return out;
}

}  // namespace

std::vector<std::string> symbolize_pcs(std::span<const uintptr_t> pcs) {
  std::vector<std::string> out(pcs.size(), "??");
  // module path -> (index in pcs, address in the file)
  std::map<std::string, std::vector<std::pair<size_t, uintptr_t>>> by_module;
  for (size_t i = 0; i < pcs.size(); ++i) {
    Dl_info info{};
    if (pcs[i] == 0 || dladdr(reinterpret_cast<void*>(pcs[i]), &info) == 0 ||
        info.dli_fname == nullptr) {
      continue;
    }
    const auto base = reinterpret_cast<uintptr_t>(info.dli_fbase);
    const auto* eh = static_cast<const Elf64_Ehdr*>(info.dli_fbase);
    const uintptr_t file_addr = (eh->e_type == ET_DYN ? pcs[i] - base : pcs[i]) - 1;  // the call
    std::string path = info.dli_fname;
    // The main executable may be named by a bare argv[0] ("contend", as the driver execs it):
    // resolve it here, since "/proc/self/exe" inside the addr2line child would name addr2line.
    if (path.empty() || path.find('/') == std::string::npos) {
      std::error_code ec;
      path = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    }
    by_module[path].push_back({i, file_addr});
  }
  for (const auto& [path, items] : by_module) {
    for (size_t start = 0; start < items.size(); start += 200) {  // bounded command lines
      const size_t end = std::min(items.size(), start + 200);
      std::vector<std::string> argv = {kAddr2line, "-f", "-C", "-e", path};
      for (size_t j = start; j < end; ++j) {
        std::ostringstream a;
        a << "0x" << std::hex << items[j].second;
        argv.push_back(a.str());
      }
      std::istringstream lines(run_capture(argv));
      std::string f, l;
      for (size_t j = start; j < end; ++j) {
        if (!std::getline(lines, f) || !std::getline(lines, l)) break;
        if (const size_t d = l.find(" (discriminator"); d != std::string::npos) l.resize(d);
        out[items[j].first] = shorten_function(f) + " at " + shorten_path(l);
      }
    }
  }
  return out;
}

namespace {

std::string hex(uintptr_t v) {
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

std::string stable_name(uintptr_t a, const Trace& trace, std::unordered_map<uintptr_t, size_t>& ordinals) {
  for (const NamedRegion& r : trace.regions) {
    if (a >= r.base && a < r.base + r.size) return r.name + "+" + hex(a - r.base);
  }
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(a), &info) != 0 && info.dli_fname != nullptr) {
    if (info.dli_sname != nullptr && info.dli_saddr != nullptr) {
      return std::string(info.dli_sname) + "+" + hex(a - reinterpret_cast<uintptr_t>(info.dli_saddr));
    }
    std::string module = info.dli_fname;
    if (const size_t slash = module.rfind('/'); slash != std::string::npos) module = module.substr(slash + 1);
    if (module.empty()) module = "exe";
    return module + "+" + hex(a - reinterpret_cast<uintptr_t>(info.dli_fbase));
  }
  const auto [it, fresh] = ordinals.emplace(a, ordinals.size() + 1);
  return "mem#" + std::to_string(it->second);
}

bool memory_event(EventKind k) {
  return k == EventKind::kRead || k == EventKind::kWrite || k == EventKind::kAtomicLoad ||
         k == EventKind::kAtomicStore || k == EventKind::kAtomicRmw || k == EventKind::kAtomicCas ||
         k == EventKind::kLock || k == EventKind::kUnlock;
}

}  // namespace

std::vector<std::string> memory_names(const Trace& trace) {
  std::vector<std::string> out(trace.events.size());
  std::unordered_map<uintptr_t, size_t> ordinals;
  std::unordered_map<uintptr_t, std::string> cache;
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const auto a = reinterpret_cast<uintptr_t>(trace.events[i].addr);
    if (a == 0) continue;
    auto it = cache.find(a);
    if (it == cache.end()) it = cache.emplace(a, stable_name(a, trace, ordinals)).first;
    out[i] = it->second;
  }
  return out;
}

std::string format_trace(const Trace& trace, const TraceFormatOptions& opts) {
  std::unordered_map<uintptr_t, std::string> where;
  if (opts.symbolize) {
    std::vector<uintptr_t> pcs;
    for (const TraceEvent& e : trace.events) {
      if (e.pc != 0 && where.emplace(e.pc, std::string()).second) pcs.push_back(e.pc);
    }
    const std::vector<std::string> syms = symbolize_pcs(pcs);
    for (size_t i = 0; i < pcs.size(); ++i) where[pcs[i]] = syms[i];
  }
  const std::vector<std::string> names = opts.show_addresses ? memory_names(trace) : std::vector<std::string>();
  // Threads that touched each address (bit per vthread id < 64).
  std::unordered_map<const void*, uint64_t> touched_by;
  if (opts.shared_only) {
    for (const TraceEvent& e : trace.events) {
      if (memory_event(e.kind) && e.addr != nullptr) touched_by[e.addr] |= 1ULL << (e.tid % 64);
    }
  }
  // Around each preemption (a switch away from a thread that neither blocked, yielded nor
  // finished) the last and first kContext shown events; the rest of a thread's run is one line.
  constexpr size_t kContext = 6;
  std::vector<uint8_t> near(trace.events.size(), opts.shared_only ? 0 : 1);
  if (opts.shared_only) {
    std::vector<size_t> last_of(64, SIZE_MAX);
    for (size_t i = 0; i < trace.events.size(); ++i) last_of[trace.events[i].tid % 64] = i;
    bool any = false;
    for (size_t i = 1; i < trace.events.size(); ++i) {
      const TraceEvent& prev = trace.events[i - 1];
      const bool gave_up = prev.kind == EventKind::kBlock || prev.kind == EventKind::kYield || prev.kind == EventKind::kWait;
      if (trace.events[i].tid == prev.tid || gave_up || last_of[prev.tid % 64] == i - 1) continue;
      any = true;
      for (size_t j = i > 4 * kContext ? i - 4 * kContext : 0; j < std::min(trace.events.size(), i + 4 * kContext); ++j) {
        near[j] = 1;
      }
    }
    if (!any) {
      for (size_t j = trace.events.size() > 4 * kContext ? trace.events.size() - 4 * kContext : 0; j < near.size(); ++j) {
        near[j] = 1;
      }
    }
  }
  size_t hidden = 0, elided = 0;
  std::ostringstream os;
  int cur_tid = -1;
  uint32_t cur_op = kNoOp - 1;
  std::string pending;  // last line, not yet printed (for folding)
  uint64_t pending_count = 0;
  auto flush = [&] {
    if (pending_count == 0) return;
    os << "    " << pending;
    if (pending_count > 1) os << "  (x" << pending_count << ")";
    os << "\n";
    pending_count = 0;
  };
  size_t printed = 0;
  for (size_t idx = 0; idx < trace.events.size(); ++idx) {
    const TraceEvent& e = trace.events[idx];
    if (opts.shared_only && memory_event(e.kind) && e.addr != nullptr &&
        std::popcount(touched_by[e.addr]) < 2) {
      ++hidden;
      continue;
    }
    if (!near[idx] && e.tid == cur_tid && e.op == cur_op) {
      ++elided;
      continue;
    }
    if (elided > 0) {
      flush();
      os << "    ... " << elided << " more\n";
      elided = 0;
    }
    if (opts.max_events != 0 && printed++ >= opts.max_events) {
      flush();
      os << "... (" << trace.events.size() - opts.max_events << " more events)\n";
      return os.str();
    }
    if (e.tid != cur_tid || e.op != cur_op) {
      flush();
      os << "--- T" << e.tid;
      if (e.op != kNoOp && e.op < trace.ops.size()) os << " " << trace.ops[e.op];
      os << "  [step " << e.step << "]\n";
      cur_tid = e.tid;
      cur_op = e.op;
    }
    std::ostringstream line;
    line << event_name(e.kind);
    if (opts.show_addresses && e.addr != nullptr) line << " " << names[idx];
    if (e.pc != 0) {
      if (opts.symbolize) {
        line << "  " << where[e.pc];
      } else {
        line << "  pc=0x" << std::hex << e.pc;
      }
    }
    if (opts.fold && pending_count > 0 && line.str() == pending) {
      ++pending_count;
      continue;
    }
    flush();
    pending = line.str();
    pending_count = 1;
  }
  flush();
  if (elided > 0) os << "    ... " << elided << " more\n";
  if (hidden > 0) os << "(" << hidden << " accesses to memory only one thread touched are not shown; --full-trace shows them)\n";
  return os.str();
}

}  // namespace contend::sched
