// contend: stress-test and fuzzing harness for concurrent containers. Entry point: parses the
// command line (flags come from flags/flags.def) and dispatches to one subcommand.
#include <iostream>

#include <CLI/CLI.hpp>

#include "driver/commands.h"
#include "util/exit_codes.h"

int main(int argc, char** argv) {
  using namespace contend;
  if (is_controlled_command(argc, argv)) return forward_to_controlled(argc, argv);
  Options o;
  std::vector<std::string> history_files;
  CLI::App app{
      "contend: stress-test and fuzzing harness for concurrent containers.\n"
      "Exit codes: 0 ok, 1 internal error, 2 usage error, 3 bad input file, 4 I/O error,\n"
      "70 timeout, 71 rss limit, 72 interrupted, 73 crash, 74 deadlock, 75 livelock,\n"
      "76 nondeterministic replay, 77 violation found, 78 regression.",
      "contend"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "contend 0.1.0");
  // Listed for --help only: main() hands them to contend-ctl before parsing.
  app.add_subcommand("explore", "Controlled scheduling: many generated scenarios (init, parallel, post parts), each "
                                "under many interleavings; the first failure is minimized and written as a replayable artifact");
  app.add_subcommand("replay", "Re-execute a schedule artifact or a raw fuzzer crash file exactly; --trace prints the interleaving");
  app.add_subcommand("minimize", "Shrink a failing schedule artifact or raw fuzzer input (threads, operations, preemptions) "
                                 "while it fails the same way");
  auto* list = app.add_subcommand("list", "List targets (and canaries), workloads and presets");
  add_flags(*list, kCmdList, o);
  auto* run = app.add_subcommand("run", "Stress-run a workload on real threads against one or more targets, "
                                        "check invariants, measure latency and RSS, write result JSON");
  add_flags(*run, kCmdRun, o);
  std::vector<std::string> shape_files;
  auto* shapes = app.add_subcommand("compare-shapes", "Two open-loop results (ticker vs sessions) side by side: "
                                                      "latency from intended start, RSS growth, retained memory");
  shapes->add_option("files", shape_files, "two result JSON files")->required()->expected(2);
  auto* check = app.add_subcommand("check-history", "Check recorded histories for linearizability");
  add_flags(*check, kCmdCheckHistory, o);
  check->add_option("files", history_files, "history files")->required();
  std::string compare_base, compare_cand, matrix_config;
  auto* compare = app.add_subcommand("compare", "Compare two result sets (files or folders of result JSON, or Google "
                                                "Benchmark JSON): medians, U test, thresholds; exit 78 on regression");
  add_flags(*compare, kCmdCompare, o);
  compare->add_option("baseline", compare_base, "baseline result file or folder")->required();
  compare->add_option("candidate", compare_cand, "candidate result file or folder")->required();
  auto* matrix = app.add_subcommand("matrix", "Run a matrix config (targets x workloads/presets x threads x "
                                              "repetitions), one `contend run` process per cell, into one folder");
  add_flags(*matrix, kCmdMatrix, o);
  matrix->add_option("config", matrix_config, "matrix config JSON (e.g. ci/pr-matrix.json)")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << e.what() << "\n";
    std::string sub;
    for (auto* s : app.get_subcommands()) sub = " " + s->get_name();
    std::cerr << "hint: run `contend" << sub << " --help` to see every flag\n";
    return to_int(ExitCode::kUsage);
  }
  try {
    if (list->parsed()) return cmd_list(o);
    if (run->parsed()) return cmd_run(o);
    if (check->parsed()) return cmd_check_history(o, history_files);
    if (shapes->parsed()) return cmd_compare_shapes(shape_files);
    if (compare->parsed()) return cmd_compare(o, compare_base, compare_cand);
    if (matrix->parsed()) return cmd_matrix(o, matrix_config);
  } catch (const std::exception& e) {
    std::cerr << "contend: internal error: " << e.what() << "\n(this is a bug in contend; please report it)\n";
    return to_int(ExitCode::kInternal);
  }
  return to_int(ExitCode::kUsage);
}
