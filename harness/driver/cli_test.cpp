//! \brief The contend binary as a user meets it: exit codes, error messages for bad input,
//! --help, and a real run writing a valid result. Scope: driver/ (runs the built binary).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

namespace {

struct Output {
  int code = -1;
  std::string text;  // stdout + stderr
};

Output run_shell(const std::string& cmd) {
  Output out;
  FILE* p = ::popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.text.append(buf.data(), n);
  const int status = ::pclose(p);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return out;
}

Output run(const std::string& args) { return run_shell(std::string(CONTEND_BINARY) + " " + args + " 2>&1"); }

std::string tmpdir() {
  auto d = std::filesystem::temp_directory_path() / ("contend_cli_" + std::to_string(::getpid()));
  std::filesystem::create_directories(d);
  return d.string();
}

//! requirement: unknown target -> usage error (2) naming it and the closest match.
TEST(Cli, UnknownTargetSuggests) {
  auto o = run("run --target tbb_hashmap --ops 10");
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.text.find("unknown target 'tbb_hashmap'"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("did you mean 'tbb_hash_map'"), std::string::npos) << o.text;
}

//! requirement: a bad flag value and an unknown flag are usage errors that point at --help.
TEST(Cli, BadFlagValues) {
  auto o = run("run --threads many");
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.text.find("--threads"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("--help"), std::string::npos) << o.text;
  EXPECT_EQ(run("run --no-such-flag").code, 2);
  EXPECT_EQ(run("").code, 2);
  auto z = run("run --target std_mutex_map --threads 2000");
  EXPECT_EQ(z.code, 2);
  EXPECT_NE(z.text.find("threads 2000"), std::string::npos) << z.text;
}

//! requirement: an unwritable --out is an I/O error (4) before anything runs.
TEST(Cli, UnwritableOut) {
  auto o = run("run --target std_mutex_map --ops 10 --out /proc/contend/x.json");
  EXPECT_EQ(o.code, 4);
  EXPECT_NE(o.text.find("/proc/contend"), std::string::npos) << o.text;
}

//! requirement: a corrupt preset file is bad input (3) naming the file.
TEST(Cli, CorruptPresetIsBadInput) {
  const std::string f = tmpdir() + "/bad.json";
  std::ofstream(f) << "{\"weights\": {\"find\": 1}, ";
  auto o = run("run --target std_mutex_map --preset " + f);
  EXPECT_EQ(o.code, 3);
  EXPECT_NE(o.text.find(f), std::string::npos) << o.text;
}

//! requirement: a real run exits 0, prints the summary and writes a valid result JSON with the
//! fields the issue lists.
TEST(Cli, RunWritesResult) {
  const std::string f = tmpdir() + "/r.json";
  auto o = run("run --target std_mutex_map --ops 5000 --seed 7 --out " + f);
  ASSERT_EQ(o.code, 0) << o.text;
  EXPECT_NE(o.text.find("outcome: ok"), std::string::npos) << o.text;
  std::ifstream in(f);
  auto j = nlohmann::json::parse(in);
  for (const char* k : {"schema", "contend_version", "git_sha", "machine", "run", "throughput_ops_s", "latency_ns",
                        "rss", "violations", "outcome"}) {
    EXPECT_TRUE(j.contains(k)) << k;
  }
  EXPECT_EQ(j["run"]["seed"], 7);
  EXPECT_EQ(j["run"]["target"], "std_mutex_map");
  EXPECT_EQ(j["outcome"], "ok");
  for (const char* k : {"count", "p50", "p90", "p99", "p999", "max", "mean", "sampled"}) {
    EXPECT_TRUE(j["latency_ns"]["find"].contains(k)) << k;
  }
  EXPECT_LE(j["latency_ns"]["find"]["sampled"], j["latency_ns"]["find"]["count"]);
}

//! requirement: --help documents every run flag; list shows targets and canaries apart.
TEST(Cli, HelpAndList) {
  auto h = run("run --help");
  EXPECT_EQ(h.code, 0);
  for (const char* f : {"--target", "--workload", "--preset", "--threads", "--ops", "--duration", "--seed", "--out",
                        "--timeout", "--rss-limit-mb", "--no-fork", "CONTEND_SEED"}) {
    EXPECT_NE(h.text.find(f), std::string::npos) << f;
  }
  auto l = run("list");
  EXPECT_EQ(l.code, 0);
  EXPECT_LT(l.text.find("tbb_hash_map"), l.text.find("Canaries"));
  EXPECT_GT(l.text.find("canary_racy_map"), l.text.find("Canaries"));
}

}  // namespace

namespace {

// `contend ...` exactly as a user on PATH types it: argv[0] is the bare name "contend".
Output run_on_path(const std::string& args) {
  const std::filesystem::path bin(CONTEND_BINARY);
  if (!std::filesystem::exists(bin.parent_path() / "contend-ctl")) return {};
  return run_shell("PATH='" + bin.parent_path().string() + "':\"$PATH\" contend " + args + " 2>&1");
}

}  // namespace

//! requirement: `contend replay --trace` of a raw crash file prints a symbolized interleaving
//! (function and source line per access) also when contend was started from PATH, and exits 77.
//! Regression: the bare argv[0] made the symbolizer ask addr2line about "/proc/self/exe", i.e.
//! about addr2line itself, so every frame printed as "?? at ??:0".
TEST(Cli, ReplayTraceIsSymbolizedFromPath) {
  const std::string file = std::string(CONTEND_CORPORA) + "/fuzz_map_controlled_canary_racy_map/regression/minimized-duplicate-insert";
  const auto o = run_on_path("replay --target canary_racy_map --trace " + file);
  if (o.code == -1) GTEST_SKIP() << "no contend-ctl (controlled scheduling needs clang)";
  EXPECT_EQ(o.code, 77) << o.text;
  EXPECT_NE(o.text.find("T1 insert(k=0, v=200)"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find(".h:"), std::string::npos) << o.text;
  EXPECT_EQ(o.text.find("?? at ??"), std::string::npos) << o.text;
}

//! requirement: a raw fuzz_pool_controlled crash file replays with `contend replay --target
//! <pool>` (the empty input fails the dirty-pool canary's quiescent check) and passes on a correct
//! pool; `contend minimize` on a pool input is a usage error that names the libFuzzer command.
TEST(Cli, ReplaysPoolCrashFiles) {
  const std::string empty = tmpdir() + "/empty-input";
  std::ofstream(empty).close();
  const auto bad = run_on_path("replay --target canary_dirty_pool " + empty);
  if (bad.code == -1) GTEST_SKIP() << "no contend-ctl (controlled scheduling needs clang)";
  EXPECT_EQ(bad.code, 77) << bad.text;
  EXPECT_NE(bad.text.find("[dirty-object]"), std::string::npos) << bad.text;
  EXPECT_NE(bad.text.find("signature: violation/dirty-object"), std::string::npos) << bad.text;
  EXPECT_EQ(run_on_path("replay --target mutex_pool " + empty).code, 0);
  const auto mn = run_on_path("minimize --target canary_dirty_pool " + empty);
  EXPECT_EQ(mn.code, 2) << mn.text;
  EXPECT_NE(mn.text.find("-minimize_crash=1"), std::string::npos) << mn.text;
}
