//! \brief Scope: the porcupine-kv parser: pairing of invoke/completion lines, outcome rules, and
//! malformed inputs reported as FILE:LINE errors (error_guessing), never crashes.
#include "check/porcupine_kv_format.h"

#include <gtest/gtest.h>

namespace contend::check {
namespace {

TEST(PorcupineKvFormat, ParsesAndPairs) {
  auto ops = parse_porcupine_kv(
      "{:process 0, :type :invoke, :f :append, :key \"0\", :value \"x 0 0 y\"}\n"
      "{:process 1, :type :invoke, :f :get, :key \"0\", :value nil}\n"
      "{:process 0, :type :ok, :f :append, :key \"0\", :value \"x 0 0 y\"}\n"
      "{:process 1, :type :ok, :f :get, :key \"0\", :value \"x 0 0 y\"}\n"
      "{:process 2, :type :invoke, :f :put, :key \"1\", :value \"p\"}\n",
      "t.txt");
  ASSERT_TRUE(ops.ok()) << ops.error().message;
  ASSERT_EQ(ops->size(), 3u);
  EXPECT_EQ((*ops)[0].input.kind, KvModel::Kind::kAppend);
  EXPECT_EQ((*ops)[0].input.value, "x 0 0 y");
  EXPECT_EQ((*ops)[0].call, 0u);
  EXPECT_EQ((*ops)[0].ret, 2u);
  EXPECT_EQ((*ops)[1].output.value, "x 0 0 y");
  EXPECT_EQ((*ops)[1].ret, 3u);
  EXPECT_TRUE((*ops)[2].pending()) << "no completion by the end: unknown outcome";
  EXPECT_NE((*ops)[0].input.key_id, (*ops)[2].input.key_id);
}

TEST(PorcupineKvFormat, FailIsDroppedInfoIsPending) {
  auto ops = parse_porcupine_kv(
      "{:process 0, :type :invoke, :f :put, :key \"0\", :value \"a\"}\n"
      "{:process 0, :type :fail, :f :put, :key \"0\", :value \"a\"}\n"
      "{:process 0, :type :invoke, :f :put, :key \"0\", :value \"b\"}\n"
      "{:process 0, :type :info, :f :put, :key \"0\", :value \"b\"}\n",
      "t.txt");
  ASSERT_TRUE(ops.ok()) << ops.error().message;
  ASSERT_EQ(ops->size(), 1u);
  EXPECT_EQ((*ops)[0].input.value, "b");
  EXPECT_TRUE((*ops)[0].pending());
}

// error_guessing: each malformed line names file, line and what was expected.
TEST(PorcupineKvFormat, MalformedInputs) {
  const std::string ok = "{:process 0, :type :invoke, :f :get, :key \"0\", :value nil}\n";
  struct Case {
    std::string text, needle;
  } cases[] = {
      {"garbage\n", "bad.txt:1: expected '{'"},
      {"{:process 0, :type :invoke, :f :get, :key \"0\", :value nil\n", "bad.txt:1: expected"},
      {"{:process x, :type :invoke, :f :get, :key \"0\", :value nil}\n", "bad.txt:1: expected a value"},
      {"{:type :invoke, :f :get, :key \"0\", :value nil}\n", "field :process"},
      {"{:process 0, :type :invoke, :f :cas, :key \"0\", :value nil}\n", ":get, :put or :append"},
      {"{:process 0, :type :invoke, :f :get, :key \"0\"}\n", "a :value field"},
      {"{:process 0, :type :invoke, :f :put, :key \"0\", :value nil}\n", "\"string\" argument"},
      {"{:process 0, :type :invoke, :f :get, :key \"0\", :value \"unterminated}\n", "closing"},
      {ok + ok, "bad.txt:2: expected no new :invoke from process 0 while its operation from line 1"},
      {"{:process 3, :type :ok, :f :get, :key \"0\", :value \"\"}\n", "pending :invoke of process 3"},
      {ok + "{:process 0, :type :ok, :f :put, :key \"0\", :value \"\"}\n", "repeat :f and :key"},
      {ok + "{:process 0, :type :ok, :f :get, :key \"0\", :value nil}\n", "read by :get"},
      {ok + "{:process 0, :type :done, :f :get, :key \"0\", :value \"\"}\n", ":type to be"},
  };
  for (const auto& c : cases) {
    auto r = parse_porcupine_kv(c.text, "bad.txt");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, ExitCode::kBadInput);
    EXPECT_NE(r.error().message.find(c.needle), std::string::npos)
        << "message: " << r.error().message << "\nwanted: " << c.needle;
  }
}

}  // namespace
}  // namespace contend::check
