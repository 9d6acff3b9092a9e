//! \brief run_stamp: default output folders of runs started in the same second differ.
#include "util/run_stamp.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

namespace contend {
namespace {

//! error_guessing: a forked child started in the same second gets another stamp (the process
//! id), in the documented shape.
TEST(RunStamp, ConcurrentProcessesGetDistinctStamps) {
  const std::string mine = run_stamp();
  EXPECT_TRUE(std::regex_match(mine, std::regex(R"(\d{8}-\d{6}-\d+)"))) << mine;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const std::string s = run_stamp();
    (void)!::write(fds[1], s.data(), s.size());
    ::_exit(0);
  }
  ::close(fds[1]);
  char buf[64] = {};
  const ssize_t n = ::read(fds[0], buf, sizeof buf - 1);
  ::close(fds[0]);
  ::waitpid(pid, nullptr, 0);
  ASSERT_GT(n, 0);
  EXPECT_NE(std::string(buf, static_cast<size_t>(n)), mine);
}

}  // namespace
}  // namespace contend
