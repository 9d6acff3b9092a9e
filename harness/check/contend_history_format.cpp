// contend JSON-lines history reader and writer (format in the header).
#include "check/contend_history_format.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "check/detail/parse_util.h"

namespace contend::check {
namespace {

using nlohmann::json;
using detail::parse_error;

std::optional<OpKind> op_kind(std::string_view s) {
  for (int i = 0; i < kOpKinds; ++i) {
    if (kOpNames[i] == s) return static_cast<OpKind>(i);
  }
  return std::nullopt;
}

}  // namespace

Result<History> parse_contend_history(std::string_view text, std::string_view file) {
  History h;
  const auto lines = detail::split_lines(text);
  for (size_t li = 0; li < lines.size(); ++li) {
    const size_t lineno = li + 1;
    const std::string_view line = lines[li];
    if (detail::is_blank(line)) continue;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return parse_error(file, lineno, "one JSON object per line", line);
    }
    auto need = [&](const char* name, auto pred, const char* what) -> const json* {
      auto it = j.find(name);
      if (it == j.end() || !pred(*it)) return nullptr;
      (void)what;
      return &*it;
    };
    auto missing = [&](const char* name, const char* what) {
      return parse_error(file, lineno, std::string("\"") + name + "\" as " + what, line);
    };
    auto is_u64 = [](const json& v) { return v.is_number_unsigned(); };
    auto is_i64 = [](const json& v) { return v.is_number_integer(); };
    auto is_bool = [](const json& v) { return v.is_boolean(); };
    if (j.contains("format")) {
      if (j["format"] != "contend-history" || !j.contains("version") || j["version"] != 1) {
        return parse_error(file, lineno, "header {\"format\":\"contend-history\",\"version\":1}",
                           line);
      }
      if (j.contains("truncated") && j["truncated"].is_boolean()) h.truncated = j["truncated"];
      if (j.contains("cut") && j["cut"].is_number_unsigned()) h.cut = j["cut"];
      continue;
    }
    const json* opj = need("op", [](const json& v) { return v.is_string(); }, "");
    if (!opj) return missing("op", "one of insert|erase|find|add|size|iterate");
    auto kind = op_kind(opj->get<std::string>());
    if (!kind) return missing("op", "one of insert|erase|find|add|size|iterate");
    const json* thread = need("thread", is_u64, "");
    if (!thread || thread->get<uint64_t>() > UINT32_MAX) return missing("thread", "a uint32");
    const json* call = need("call", is_u64, "");
    if (!call) return missing("call", "a uint64 stamp");
    uint64_t ret = kNoReturn;
    if (j.contains("ret") && !j["ret"].is_null()) {
      if (!j["ret"].is_number_unsigned()) return missing("ret", "a uint64 stamp or absent");
      ret = j["ret"];
      if (ret < call->get<uint64_t>()) return missing("ret", "a stamp >= \"call\"");
    }
    if (*kind == OpKind::kIterate) {
      IterationRecord r;
      r.thread = thread->get<uint32_t>();
      r.call = *call;
      r.ret = ret;
      const json* seen = need("seen", [](const json& v) { return v.is_array(); }, "");
      if (!seen) return missing("seen", "an array of [key, value] pairs");
      for (const json& e : *seen) {
        if (!e.is_array() || e.size() != 2 || !e[0].is_number_unsigned() ||
            !e[1].is_number_integer()) {
          return missing("seen", "an array of [key, value] pairs (uint64, int64)");
        }
        r.seen.emplace_back(e[0].get<Key>(), e[1].get<Value>());
      }
      h.iterations.push_back(std::move(r));
      continue;
    }
    HistoryOp op;
    op.kind = *kind;
    op.thread = thread->get<uint32_t>();
    op.call = *call;
    op.ret = ret;
    if (*kind != OpKind::kSize) {
      const json* key = need("key", is_u64, "");
      if (!key) return missing("key", "a uint64");
      op.key = *key;
    }
    if (j.contains("arg")) {
      if (!is_i64(j["arg"])) return missing("arg", "an int64");
      op.arg = j["arg"];
    }
    if (ret != kNoReturn) {
      if (*kind != OpKind::kSize) {
        const json* ok = need("ok", is_bool, "");
        if (!ok) return missing("ok", "a bool (the op has \"ret\")");
        op.ok = *ok;
      }
      const json* value = need("value", is_i64, "");
      if (!value) return missing("value", "an int64 (the op has \"ret\")");
      op.value = *value;
    }
    h.ops.push_back(op);
  }
  auto by_call = [](const auto& a, const auto& b) { return a.call < b.call; };
  std::stable_sort(h.ops.begin(), h.ops.end(), by_call);
  std::stable_sort(h.iterations.begin(), h.iterations.end(), by_call);
  return h;
}

std::string write_contend_history(const History& h) {
  std::string out;
  json header = {{"format", "contend-history"}, {"version", 1}, {"truncated", h.truncated}};
  header["cut"] = h.cut == kNoReturn ? json(nullptr) : json(h.cut);
  out += header.dump() + "\n";
  for (const HistoryOp& op : h.ops) {
    json j = {{"thread", op.thread}, {"op", std::string(op_name(op.kind))}};
    if (op.kind != OpKind::kSize) j["key"] = op.key;
    if (op.kind == OpKind::kInsert || op.kind == OpKind::kAdd) j["arg"] = op.arg;
    j["call"] = op.call;
    if (!op.pending()) {
      j["ret"] = op.ret;
      if (op.kind != OpKind::kSize) j["ok"] = op.ok;
      j["value"] = op.value;
    }
    out += j.dump() + "\n";
  }
  for (const IterationRecord& r : h.iterations) {
    json j = {{"thread", r.thread}, {"op", "iterate"}, {"call", r.call}};
    if (r.ret != kNoReturn) j["ret"] = r.ret;
    json seen = json::array();
    for (const auto& [k, v] : r.seen) seen.push_back({k, v});
    j["seen"] = std::move(seen);
    out += j.dump() + "\n";
  }
  return out;
}

}  // namespace contend::check
