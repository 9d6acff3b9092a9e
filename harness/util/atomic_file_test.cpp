//! \brief Atomic file writes and reads, including the error paths. Scope: util/atomic_file.h.
#include "util/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace contend {
namespace {

std::string temp_dir() {
  auto p = std::filesystem::temp_directory_path() / ("contend_af_" + std::to_string(::getpid()));
  std::filesystem::create_directories(p);
  return p.string();
}

//! requirement: writes create parent directories, replace atomically, leave no temp files.
TEST(AtomicFile, WritesReplacesAndCleansUp) {
  const std::string dir = temp_dir();
  const std::string path = dir + "/sub/dir/out.json";
  ASSERT_TRUE(write_file_atomically(path, "first").ok());
  ASSERT_TRUE(write_file_atomically(path, "second").ok());
  auto r = read_file(path);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "second");
  int files = 0;
  for (auto& e : std::filesystem::directory_iterator(dir + "/sub/dir")) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
  std::filesystem::remove_all(dir);
}

//! error_guessing: an unwritable destination is an io error naming the path, not a crash.
TEST(AtomicFile, UnwritableIsIoError) {
  auto s = write_file_atomically("/proc/contend-cannot-write/out.json", "x");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ExitCode::kIoError);
  EXPECT_NE(s.error().message.find("/proc/contend-cannot-write"), std::string::npos);
}

//! error_guessing: a missing file is an io error naming it.
TEST(AtomicFile, MissingReadIsIoError) {
  auto r = read_file("/nonexistent/contend.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ExitCode::kIoError);
  EXPECT_NE(r.error().message.find("/nonexistent/contend.json"), std::string::npos);
}

}  // namespace
}  // namespace contend
