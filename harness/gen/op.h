// Op: the map operation vocabulary shared by generators, targets, recorders and checkers.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace contend {

using Key = uint64_t;
using Value = int64_t;

enum class OpKind : uint8_t { kInsert = 0, kErase, kFind, kAdd, kIterate, kSize };
inline constexpr int kOpKinds = 6;
inline constexpr std::array<std::string_view, kOpKinds> kOpNames = {"insert", "erase", "find",
                                                                    "add",    "iterate", "size"};

constexpr std::string_view op_name(OpKind k) { return kOpNames[static_cast<int>(k)]; }

// One generated map operation. `arg` is the inserted value (insert) or the delta (add).
struct Op {
  OpKind kind = OpKind::kFind;
  Key key = 0;
  Value arg = 0;
};

}  // namespace contend
