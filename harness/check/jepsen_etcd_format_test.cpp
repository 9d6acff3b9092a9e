//! \brief Scope: the jepsen-etcd parser: tab- and space-separated columns, the :ok/:fail/:info
//! outcome rules that decide the conformance verdicts, and malformed inputs (error_guessing).
#include "check/jepsen_etcd_format.h"

#include <gtest/gtest.h>

namespace contend::check {
namespace {

using K = RegisterModel::Kind;

TEST(JepsenEtcdFormat, OutcomeRules) {
  auto ops = parse_jepsen_etcd(
      "INFO  jepsen.util - 2\t:invoke\t:cas\t[3 0]\n"
      "INFO  jepsen.util - 1   :invoke :write  3\n"  // aligned spaces (etcd_100-102)
      "INFO  jepsen.util - 4\t:invoke\t:read\tnil\n"
      "INFO  jepsen.util - 2\t:fail\t:cas\t[3 0]\n"
      "INFO  jepsen.util - 1\t:info\t:write\t:timed-out\n"
      "INFO  jepsen.util - 4\t:ok\t:read\t3\n"
      "INFO  jepsen.util - 5\t:invoke\t:read\tnil\n"
      "INFO  jepsen.util - 5\t:fail\t:read\t:timed-out\n"
      "INFO  jepsen.util - 6\t:invoke\t:write\t1\n"
      "INFO  jepsen.util - 6\t:fail\t:write\t1\n"
      "INFO  jepsen.util - 7\t:invoke\t:read\tnil\n"
      "INFO  jepsen.util - 7\t:ok\t:read\tnil\n",
      "e.log");
  ASSERT_TRUE(ops.ok()) << ops.error().message;
  ASSERT_EQ(ops->size(), 5u);  // the failed write is dropped
  const auto& cas = (*ops)[0];
  EXPECT_EQ(cas.input.kind, K::kCas);
  EXPECT_EQ(cas.input.a, 3);
  EXPECT_EQ(cas.input.b, 0);
  EXPECT_FALSE(cas.output.ok) << ":fail :cas is a completed cas that returned false";
  EXPECT_EQ(cas.ret, 3u);
  EXPECT_TRUE((*ops)[1].pending()) << ":info has no upper bound";
  EXPECT_EQ((*ops)[1].input.a, 3);
  EXPECT_FALSE((*ops)[2].output.nil);
  EXPECT_EQ((*ops)[2].output.value, 3);
  EXPECT_TRUE((*ops)[3].pending()) << "timed-out read: unknown result";
  EXPECT_TRUE((*ops)[4].output.nil);
}

TEST(JepsenEtcdFormat, EmptyFileIsEmptyHistory) {
  auto ops = parse_jepsen_etcd("", "etcd_095.log");
  ASSERT_TRUE(ops.ok());
  EXPECT_TRUE(ops->empty());
}

// error_guessing: each malformed line names file, line and what was expected.
TEST(JepsenEtcdFormat, MalformedInputs) {
  const std::string inv = "INFO  jepsen.util - 1\t:invoke\t:read\tnil\n";
  struct Case {
    std::string text, needle;
  } cases[] = {
      {"hello world\n", "e.log:1: expected 'INFO  jepsen.util - <process>"},
      {"INFO  jepsen.util - x\t:invoke\t:read\tnil\n", "expected a process id"},
      {"INFO  jepsen.util - 1\t:invoke\t:delete\tnil\n", ":read, :write or :cas"},
      {"INFO  jepsen.util - 1\t:invoke\t:cas\t[1 x]\n", "[a b] or :timed-out"},
      {"INFO  jepsen.util - 1\t:invoke\t:cas\t2\n", "[expected new] for :cas"},
      {"INFO  jepsen.util - 1\t:invoke\t:write\tnil\n", "an integer to write"},
      {"INFO  jepsen.util - 1\t:begin\t:read\tnil\n", ":invoke, :ok, :fail or :info"},
      {inv + inv, "e.log:2: expected no new :invoke from process 1"},
      {"INFO  jepsen.util - 1\t:ok\t:read\tnil\n", "pending :invoke of process 1"},
      {inv + "INFO  jepsen.util - 1\t:ok\t:write\t1\n", "repeat :f"},
      {inv + "INFO  jepsen.util - 1\t:ok\t:read\t[1 2]\n", "the value read"},
  };
  for (const auto& c : cases) {
    auto r = parse_jepsen_etcd(c.text, "e.log");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, ExitCode::kBadInput);
    EXPECT_NE(r.error().message.find(c.needle), std::string::npos)
        << "message: " << r.error().message << "\nwanted: " << c.needle;
  }
}

}  // namespace
}  // namespace contend::check
