//! \brief Traces are stable across processes: one artifact, replayed by 20 separate contend-ctl
//! processes (each with its own ASLR layout), prints byte-identical output, and the short trace
//! names memory without raw addresses. Scope: sched/trace.cpp memory names through the CLI.
#include <gtest/gtest.h>
#include <spawn.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

extern char** environ;

namespace {

// Runs argv, returns (exit code, stdout).
std::pair<int, std::string> run(std::vector<std::string> argv) {
  const std::string out = std::filesystem::temp_directory_path() / ("contend_trace_" + std::to_string(::getpid()));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  int status = 0;
  waitpid(pid, &status, 0);
  std::ifstream f(out);
  std::stringstream ss;
  ss << f.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), ss.str()};
}

//! requirement: 20 replays of one explore artifact in 20 processes print byte-identical traces,
//! with no raw (ASLR-dependent) addresses in them.
TEST(TraceIdentity, TwentyProcessesPrintTheSameTrace) {
  const std::string dir = std::filesystem::temp_directory_path() / ("contend_trace_dir_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto [code, text] = run({CONTEND_CTL, "explore", "--target", "zoo_insert_check_then_act", "--runs", "20000",
                                 "--failures-dir", dir, "--out", dir + "/r.json"});
  ASSERT_EQ(code, 77) << text;
  std::string artifact;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".sched") artifact = e.path();
  }
  ASSERT_FALSE(artifact.empty());
  const auto first = run({CONTEND_CTL, "replay", artifact, "--trace"});
  ASSERT_EQ(first.first, 77) << first.second;
  ASSERT_NE(first.second.find("--- T"), std::string::npos) << first.second;
  EXPECT_NE(first.second.find("target+0x"), std::string::npos) << first.second;
  EXPECT_FALSE(std::regex_search(first.second, std::regex("0x7f[0-9a-f]{10}|0x5[56][0-9a-f]{10}"))) << first.second;
  for (int i = 1; i < 20; ++i) {
    const auto again = run({CONTEND_CTL, "replay", artifact, "--trace"});
    ASSERT_EQ(again.second, first.second) << "replay " << i << " differs";
  }

  //! error_guessing: the symbolizer runs no shell: a binary installed in a directory whose name
  //! holds shell syntax still symbolizes its trace, and nothing in the name is executed.
  const std::filesystem::path evil = std::filesystem::path(dir) / "q'$(touch PWNED)'x";
  std::filesystem::create_directories(evil);
  std::filesystem::copy_file(CONTEND_CTL, evil / "contend-ctl");
  const std::string cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  const auto copied = run({(evil / "contend-ctl").string(), "replay", artifact, "--trace"});
  std::filesystem::current_path(cwd);
  EXPECT_EQ(copied.first, 77) << copied.second;
  EXPECT_NE(copied.second.find(".h:"), std::string::npos) << "not symbolized:\n" << copied.second;
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(dir) / "PWNED"));
  EXPECT_FALSE(std::filesystem::exists(evil / "PWNED"));
  std::filesystem::remove_all(dir);
}

}  // namespace
