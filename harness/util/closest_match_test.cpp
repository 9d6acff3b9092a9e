//! \brief "Did you mean" matching. Scope: util/closest_match.h.
#include "util/closest_match.h"

#include <gtest/gtest.h>

namespace contend {
namespace {

TEST(ClosestMatch, EditDistance) {
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
}

//! requirement: typos and prefixes find the intended name; nonsense finds nothing.
TEST(ClosestMatch, SuggestsPlausibleNamesOnly) {
  const std::vector<std::string> names{"tbb_hash_map", "tbb_unordered_map", "cuckoo_map"};
  EXPECT_EQ(closest_match("tbb_hashmap", names), "tbb_hash_map");
  EXPECT_EQ(closest_match("cuckoo", names), "cuckoo_map");
  EXPECT_EQ(closest_match("zzzzzzzzzzzzzzzz", names), std::nullopt);
}

}  // namespace
}  // namespace contend
