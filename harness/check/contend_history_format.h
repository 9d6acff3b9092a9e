// The contend history file format: JSON lines, one record per line, written by the stress runner
// and read by `contend check-history --format contend`.
//
//   {"format":"contend-history","version":1,"truncated":false,"cut":null}   optional first line
//   {"thread":0,"op":"insert","key":7,"arg":3,"call":100,"ret":250,"ok":true,"value":0}
//   {"thread":1,"op":"find","key":7,"call":120,"ret":300,"ok":true,"value":3}
//   {"thread":1,"op":"erase","key":7,"call":400}                 no "ret": no response (pending)
//   {"thread":2,"op":"iterate","call":500,"ret":900,"seen":[[7,3],[9,1]]}
//
// "op" is insert|erase|find|add|size|iterate. "key" (uint64) is required except for size and
// iterate; "arg" (int64) defaults to 0. When "ret" is present (uint64, >= call) "ok" (bool) and
// "value" (int64) are required for insert/erase/find/add and "value" for size; they are ignored
// for pending records. Stamps: ns of a monotonic clock or schedule steps; only order matters.
// Blank lines are skipped. Records may come in any order.
#pragma once

#include <string>
#include <string_view>

#include "record/history.h"
#include "util/error.h"

namespace contend::check {

Result<History> parse_contend_history(std::string_view text, std::string_view file);

// Serializes `h` in the format above (header line first); parse_contend_history reads it back.
std::string write_contend_history(const History& h);

}  // namespace contend::check
