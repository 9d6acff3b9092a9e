//! \brief Scope: the contend JSON-lines history format: round trip with the recorder's History,
//! pending records, iterations, and malformed inputs (error_guessing).
#include "check/contend_history_format.h"

#include <gtest/gtest.h>

namespace contend::check {
namespace {

// requirement: write then parse gives back the same history.
TEST(ContendHistoryFormat, RoundTrip) {
  HistoryRecorder rec(2, 8);
  rec.end(0, rec.begin(0, Op{OpKind::kInsert, 7, 3}, 100), true, 0, 250);
  rec.end(1, rec.begin(1, Op{OpKind::kFind, 7, 0}, 120), true, 3, 300);
  (void)rec.begin(1, Op{OpKind::kErase, 7, 0}, 400);
  rec.end(0, rec.begin(0, Op{OpKind::kSize, 0, 0}, 401), true, 1, 402);
  auto it = rec.begin_iteration(0, 500);
  rec.iteration_element(0, it, 7, 3);
  rec.iteration_element(0, it, UINT64_MAX, -5);
  rec.end_iteration(0, it, 900);
  History h = rec.merge();
  const std::string text = write_contend_history(h);
  auto back = parse_contend_history(text, "h.jsonl");
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->ops.size(), h.ops.size());
  for (size_t i = 0; i < h.ops.size(); ++i) {
    const auto &a = h.ops[i], &b = back->ops[i];
    EXPECT_EQ(a.thread, b.thread);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.call, b.call);
    EXPECT_EQ(a.ret, b.ret);
    if (!a.pending()) {
      if (a.kind != OpKind::kSize) {  // size has no ok flag in the format
        EXPECT_EQ(a.ok, b.ok);
      }
      EXPECT_EQ(a.value, b.value);
    }
  }
  EXPECT_TRUE(back->ops[2].pending());
  ASSERT_EQ(back->iterations.size(), 1u);
  EXPECT_EQ(back->iterations[0].seen, h.iterations[0].seen);
  EXPECT_EQ(back->iterations[0].ret, 900u);
  EXPECT_FALSE(back->truncated);
}

// requirement: the documented example parses; records may come in any order.
TEST(ContendHistoryFormat, DocumentedExample) {
  auto h = parse_contend_history(
      "{\"thread\":1,\"op\":\"find\",\"key\":7,\"call\":120,\"ret\":300,\"ok\":true,\"value\":3}\n"
      "{\"thread\":0,\"op\":\"insert\",\"key\":7,\"arg\":3,\"call\":100,\"ret\":250,\"ok\":true,"
      "\"value\":0}\n\n"
      "{\"thread\":1,\"op\":\"erase\",\"key\":7,\"call\":400}\n"
      "{\"thread\":2,\"op\":\"iterate\",\"call\":500,\"ret\":900,\"seen\":[[7,3],[9,1]]}\n",
      "x.jsonl");
  ASSERT_TRUE(h.ok()) << h.error().message;
  ASSERT_EQ(h->ops.size(), 3u);
  EXPECT_EQ(h->ops[0].kind, OpKind::kInsert);
  EXPECT_EQ(h->ops[0].arg, 3);
  EXPECT_TRUE(h->ops[2].pending());
  EXPECT_EQ(h->iterations.at(0).seen.size(), 2u);
}

// error_guessing: each malformed record names file, line and what was expected.
TEST(ContendHistoryFormat, MalformedInputs) {
  struct Case {
    std::string text, needle;
  } cases[] = {
      {"{\"op\":\"find\"\n", "h.jsonl:1: expected one JSON object per line"},
      {"[1,2]\n", "one JSON object per line"},
      {"{\"thread\":0,\"op\":\"upsert\",\"key\":1,\"call\":1}\n", "\"op\" as one of insert"},
      {"{\"thread\":-1,\"op\":\"find\",\"key\":1,\"call\":1}\n", "\"thread\" as a uint32"},
      {"{\"thread\":0,\"op\":\"find\",\"key\":1}\n", "\"call\" as a uint64 stamp"},
      {"{\"thread\":0,\"op\":\"find\",\"call\":1}\n", "\"key\" as a uint64"},
      {"{\"thread\":0,\"op\":\"find\",\"key\":1,\"call\":5,\"ret\":4,\"ok\":true,\"value\":1}\n",
       "a stamp >= \"call\""},
      {"{\"thread\":0,\"op\":\"find\",\"key\":1,\"call\":1,\"ret\":4,\"value\":1}\n", "\"ok\" as a bool"},
      {"{\"thread\":0,\"op\":\"add\",\"key\":1,\"arg\":\"x\",\"call\":1}\n", "\"arg\" as an int64"},
      {"{\"thread\":0,\"op\":\"iterate\",\"call\":1,\"seen\":[[1]]}\n", "[key, value] pairs"},
      {"\n{\"format\":\"contend-history\",\"version\":2}\n", "h.jsonl:2: expected header"},
  };
  for (const auto& c : cases) {
    auto r = parse_contend_history(c.text, "h.jsonl");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, ExitCode::kBadInput);
    EXPECT_NE(r.error().message.find(c.needle), std::string::npos)
        << "message: " << r.error().message << "\nwanted: " << c.needle;
  }
}

}  // namespace
}  // namespace contend::check
