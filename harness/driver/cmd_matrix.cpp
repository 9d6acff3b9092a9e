// `contend matrix CONFIG`: runs every cell x repetition of a matrix config (compare/
// matrix_config.h) as one `contend run` child process each (this binary, /proc/self/exe, unless
// --binary), into one results folder, with progress and an ETA on stderr. With
// --baseline-binary it runs each cell-repetition with the baseline and then the candidate
// (A B A B ...), so machine drift hits both alike, into <out>/baseline and <out>/candidate.
// Exit code: that of the worst candidate outcome; 1 when a run wrote no result.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "compare/console_table.h"
#include "compare/matrix_config.h"
#include "driver/commands.h"
#include "targets/registry.h"

extern char** environ;

#include "util/run_stamp.h"

namespace contend {

namespace {

namespace fs = std::filesystem;

// Whether this contend's `run` has --allocator (added by the workloads work); checked on the
// generated Options struct, so the matrix accepts the dimension as soon as the flag lands.
// (A template, so a missing member is a false requirement rather than a hard error.)
template <class O>
constexpr bool kHasAllocatorFlagIn = requires(O x) { x.allocator; };
constexpr bool kHasAllocatorFlag = kHasAllocatorFlagIn<Options>;

std::string file_safe(std::string s) {
  for (char& ch : s) {
    if (ch == ' ' || ch == '/') ch = '_';
  }
  return s;
}

// Runs argv with stdout and stderr appended to `log`; returns the exit status (-1: not started,
// 128+N: killed by signal N).
int spawn_and_wait(const std::vector<std::string>& args, const std::string& log) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string clock_text(double s) {
  char b[32];
  const long t = static_cast<long>(s + 0.5);
  std::snprintf(b, sizeof b, "%ld:%02ld", t / 60, t % 60);
  return b;
}


}  // namespace

int cmd_matrix(const Options& o, const std::string& config_path) {
  auto cfg = load_matrix_config(config_path, kHasAllocatorFlag);
  if (!cfg.ok()) return report_error(cfg.error());
  MatrixConfig m = *cfg;
  if (o.repetitions) m.repetitions = o.repetitions;
  if (m.targets.size() == 1 && m.targets[0] == "all") m.targets = TargetRegistry::instance().default_map_names();
  const std::string out = o.matrix_out.empty() ? "results/matrix/" + run_stamp() : o.matrix_out;
  const std::string cand_bin = o.contend_binary.empty() ? fs::read_symlink("/proc/self/exe").string() : o.contend_binary;
  struct Side {
    std::string name, binary, dir;
  };
  std::vector<Side> sides;
  if (!o.baseline_binary.empty()) sides.push_back({"baseline", o.baseline_binary, out + "/baseline"});
  sides.push_back({"candidate", cand_bin, o.baseline_binary.empty() ? out : out + "/candidate"});
  for (const auto& s : sides) {
    if (access(s.binary.c_str(), X_OK) != 0) {
      return report_error(usage_error("'" + s.binary + "' is not an executable contend binary"));
    }
    std::error_code ec;
    fs::create_directories(s.dir + "/logs", ec);
    if (ec) return report_error(io_error("cannot create '" + s.dir + "': " + ec.message()));
  }
  const auto cells = m.cells();
  const std::size_t total = cells.size() * m.repetitions * sides.size();
  std::cerr << "matrix '" << m.name << "': " << cells.size() << " cells x " << m.repetitions << " repetitions"
            << (sides.size() > 1 ? " x 2 binaries (A B A B)" : "") << " = " << total << " runs of " << m.duration_s
            << " s into " << out << "\n";
  const auto t0 = std::chrono::steady_clock::now();
  std::size_t done = 0, missing = 0;
  ExitCode worst = ExitCode::kOk;
  int worst_sev = -1;
  for (uint32_t rep = 0; rep < m.repetitions; ++rep) {
    for (const auto& cell : cells) {
      for (const auto& side : sides) {
        const std::string stem = file_safe(cell.name()) + "-r" + std::to_string(rep);
        const std::string result = side.dir + "/" + stem + ".json";
        std::vector<std::string> args{side.binary, "run", "--target", cell.target, "--workload", cell.workload,
                                      "--preset", cell.preset, "--threads", std::to_string(cell.threads),
                                      "--duration", std::to_string(m.duration_s), "--seed",
                                      std::to_string(m.seed + rep), "--out", result, "--quiet"};
        if (!cell.allocator.empty()) args.insert(args.end(), {"--allocator", cell.allocator});
        args.insert(args.end(), m.extra_args.begin(), m.extra_args.end());
        std::error_code ec;
        fs::remove(result, ec);
        const int rc = spawn_and_wait(args, side.dir + "/logs/" + stem + ".log");
        ++done;
        auto r = read_result_file(result);
        std::string what;
        if (!r.ok()) {
          ++missing;
          what = "NO RESULT (exit " + std::to_string(rc) + ", log " + side.dir + "/logs/" + stem + ".log)";
        } else {
          what = std::string(outcome_name(r->outcome)) + " " + format_metric_value("throughput_ops_s", r->throughput_ops_s);
          if (side.name == "candidate" && outcome_severity(r->outcome) > worst_sev) {
            worst_sev = outcome_severity(r->outcome);
            worst = exit_code_for(r->outcome);
          }
          if (r->outcome == Outcome::kInterrupted) return to_int(ExitCode::kInterrupted);
        }
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::cerr << "[" << done << "/" << total << "] " << cell.name() << " rep " << rep
                  << (sides.size() > 1 ? (side.name == "baseline" ? " (A)" : " (B)") : "") << ": " << what
                  << "  elapsed " << clock_text(elapsed) << "  ETA "
                  << clock_text(elapsed / double(done) * double(total - done)) << "\n";
      }
    }
  }
  if (missing) {
    std::cerr << "error: " << missing << " run(s) wrote no result; see the logs named above\n";
    return to_int(ExitCode::kInternal);
  }
  std::cerr << "matrix done: " << out << "\n";
  if (!o.markdown.empty() || !o.junit.empty() || !o.html.empty()) {
    // A/B: baseline vs candidate; one binary: the results alone (every failure is "new").
    auto cand = load_samples(sides.back().dir);
    if (!cand.ok()) return report_error(cand.error());
    SampleSet base;
    if (sides.size() > 1) {
      auto b = load_samples(sides.front().dir);
      if (!b.ok()) return report_error(b.error());
      base = std::move(*b);
    }
    const Comparison c = compare_sets(base, *cand, default_thresholds());
    if (int rc = write_comparison_reports(o, c, base, *cand, "contend matrix " + m.name); rc != 0) return rc;
  }
  return to_int(worst);
}

}  // namespace contend
