//! \brief Scope: check_history_files, the library behind `contend check-history`: verdict lines,
//! counterexamples and exit codes (0 / 77 violation / 3 malformed / 4 unreadable).
#include "check/check_history.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <unistd.h>

#include "util/atomic_file.h"

namespace contend::check {
namespace {

const std::string kCorpus = std::string(CONTEND_HISTORY_CORPUS) + "/porcupine/";

struct Outcome {
  ExitCode code;
  std::string out, err;
};

Outcome run(HistoryFormat f, std::vector<std::string> files, double budget_s = 30) {
  std::ostringstream out, err;
  CheckHistoryRequest req{f, std::move(files), budget_s};
  ExitCode c = check_history_files(req, out, err);
  return {c, out.str(), err.str()};
}

std::string temp_file(const std::string& name, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() / ("contend_check_test_" + std::to_string(::getpid()));
  std::string path = (dir / name).string();
  EXPECT_TRUE(write_file_atomically(path, text).ok());
  return path;
}

TEST(CheckHistory, FormatNames) {
  EXPECT_EQ(*parse_history_format("porcupine-kv"), HistoryFormat::kPorcupineKv);
  EXPECT_EQ(*parse_history_format("jepsen-etcd"), HistoryFormat::kJepsenEtcd);
  EXPECT_EQ(*parse_history_format("contend"), HistoryFormat::kContend);
  auto bad = parse_history_format("edn");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ExitCode::kUsage);
}

// requirement: one verdict line per file; exit 0 only when all are linearizable.
TEST(CheckHistory, VerdictsAndExitCodes) {
  Outcome ok = run(HistoryFormat::kPorcupineKv, {kCorpus + "kv/c01-ok.txt", kCorpus + "kv/c10-ok.txt"});
  EXPECT_EQ(ok.code, ExitCode::kOk);
  EXPECT_NE(ok.out.find("c01-ok.txt: linearizable\n"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("c10-ok.txt: linearizable\n"), std::string::npos) << ok.out;
  Outcome bad = run(HistoryFormat::kJepsenEtcd, {kCorpus + "etcd/etcd_000.log"});
  EXPECT_EQ(bad.code, ExitCode::kViolation);
  EXPECT_NE(bad.out.find("etcd_000.log: not linearizable\n"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("smallest failing partition: the register"), std::string::npos);
  EXPECT_NE(bad.out.find("could not place: client "), std::string::npos);
}

// requirement: an exhausted budget prints `unknown` and is not success, and has its own exit
// code (79), not the one of a found violation (77).
TEST(CheckHistory, BudgetGivesUnknown) {
  Outcome r = run(HistoryFormat::kJepsenEtcd, {kCorpus + "etcd/etcd_007.log"}, 0);
  EXPECT_EQ(r.code, ExitCode::kUnknown);
  EXPECT_NE(r.out.find("etcd_007.log: unknown\n"), std::string::npos) << r.out;
}

// requirement: malformed input -> kBadInput naming file and line; unreadable -> kIoError,
// which wins over the others; every file is still processed.
TEST(CheckHistory, BadInputAndIoErrors) {
  const std::string bad = temp_file("bad.log", "INFO  jepsen.util - 1\t:invoke\t:read\tnil\nhello\n");
  Outcome r = run(HistoryFormat::kJepsenEtcd, {bad, kCorpus + "etcd/etcd_002.log"});
  EXPECT_EQ(r.code, ExitCode::kBadInput);
  EXPECT_NE(r.err.find("bad.log:2: expected 'INFO  jepsen.util"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("etcd_002.log: linearizable"), std::string::npos) << r.out;
  Outcome io = run(HistoryFormat::kJepsenEtcd, {"/nonexistent/x.log", bad});
  EXPECT_EQ(io.code, ExitCode::kIoError);
  EXPECT_NE(io.err.find("/nonexistent/x.log"), std::string::npos) << io.err;
}

// requirement: contend histories report linearizability and iteration violations.
TEST(CheckHistory, ContendFormat) {
  const std::string f = temp_file(
      "h.jsonl",
      "{\"thread\":0,\"op\":\"insert\",\"key\":7,\"arg\":3,\"call\":0,\"ret\":10,\"ok\":true,\"value\":0}\n"
      "{\"thread\":1,\"op\":\"erase\",\"key\":7,\"call\":20,\"ret\":30,\"ok\":true,\"value\":0}\n"
      "{\"thread\":2,\"op\":\"find\",\"key\":7,\"call\":40,\"ret\":50,\"ok\":true,\"value\":3}\n"
      "{\"thread\":2,\"op\":\"iterate\",\"call\":60,\"ret\":70,\"seen\":[[8,1]]}\n");
  Outcome r = run(HistoryFormat::kContend, {f});
  EXPECT_EQ(r.code, ExitCode::kViolation);
  EXPECT_NE(r.out.find("h.jsonl: not linearizable\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("could not place: client 2  [40, 50]  find(7) -> 3"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("iteration_phantom_key: "), std::string::npos) << r.out;
}

}  // namespace
}  // namespace contend::check
