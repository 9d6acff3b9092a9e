// Trace printing: symbolization through addr2line (binutils) and folding of consecutive steps.
#include "sched/trace.h"

#include <dlfcn.h>
#include <elf.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <unordered_map>

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
      std::ostringstream cmd;
      cmd << "addr2line -f -C -e '" << path << "'";
      const size_t end = std::min(items.size(), start + 200);
      for (size_t j = start; j < end; ++j) cmd << " 0x" << std::hex << items[j].second;
      cmd << " 2>/dev/null";
      FILE* p = popen(cmd.str().c_str(), "r");
      if (p == nullptr) continue;
      char fn[4096], loc[4096];
      for (size_t j = start; j < end; ++j) {
        if (!std::fgets(fn, sizeof fn, p) || !std::fgets(loc, sizeof loc, p)) break;
        std::string f(fn), l(loc);
        while (!f.empty() && f.back() == '\n') f.pop_back();
        while (!l.empty() && l.back() == '\n') l.pop_back();
        if (const size_t d = l.find(" (discriminator"); d != std::string::npos) l.resize(d);
        out[items[j].first] = shorten_function(f) + " at " + shorten_path(l);
      }
      pclose(p);
    }
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
  for (const TraceEvent& e : trace.events) {
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
    if (opts.show_addresses && e.addr != nullptr) line << " " << e.addr;
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
  return os.str();
}

}  // namespace contend::sched
