// Porcupine kv history parser: a strict reader for the one-line EDN maps those files use.
#include "check/porcupine_kv_format.h"

#include <optional>
#include <string>
#include <unordered_map>

#include "check/detail/parse_util.h"

namespace contend::check {
namespace {

using detail::parse_error;

// One EDN value as it occurs in these files: nil, an integer, a :keyword or a "string".
struct EdnValue {
  enum Kind { kNil, kInt, kKeyword, kString } kind = kNil;
  int64_t i = 0;
  std::string s;  // keyword without ':' or string contents
};

// Parses `{:k v, :k v, ...}`; returns the map or an error describing the first bad token.
class LineReader {
 public:
  LineReader(std::string_view line, std::string_view file, size_t lineno)
      : s_(line), file_(file), lineno_(lineno) {}

  Result<std::unordered_map<std::string, EdnValue>> read_map() {
    std::unordered_map<std::string, EdnValue> m;
    skip_ws();
    if (!eat('{')) return err("'{' starting an EDN map");
    for (;;) {
      skip_ws();
      if (eat('}')) break;
      if (!eat(':')) return err("a ':keyword' field name or '}'");
      std::string name = word();
      if (name.empty()) return err("a field name after ':'");
      skip_ws();
      auto v = value();
      if (!v) return v.error();
      m[name] = std::move(*v);
      skip_ws();
      eat(',');
    }
    skip_ws();
    if (pos_ != s_.size()) return err("end of line after '}'");
    return m;
  }

 private:
  Result<EdnValue> value() {
    EdnValue v;
    if (eat('"')) {
      for (;;) {
        if (pos_ >= s_.size()) return err("a closing '\"'");
        char c = s_[pos_++];
        if (c == '"') break;
        if (c == '\\') {
          if (pos_ >= s_.size()) return err("an escaped character after '\\'");
          c = s_[pos_++];
        }
        v.s += c;
      }
      v.kind = EdnValue::kString;
    } else if (eat(':')) {
      v.kind = EdnValue::kKeyword;
      v.s = word();
      if (v.s.empty()) return err("a keyword name after ':'");
    } else {
      std::string w = word();
      if (w == "nil") {
        v.kind = EdnValue::kNil;
      } else if (detail::parse_int(w, v.i)) {
        v.kind = EdnValue::kInt;
      } else {
        return err("a value (nil, integer, :keyword or \"string\")");
      }
    }
    return v;
  }
  std::string word() {
    size_t b = pos_;
    while (pos_ < s_.size() && s_[pos_] != ' ' && s_[pos_] != ',' && s_[pos_] != '}' &&
           s_[pos_] != '\t')
      ++pos_;
    return std::string(s_.substr(b, pos_ - b));
  }
  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  bool eat(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  Error err(std::string_view expected) {
    return parse_error(file_, lineno_, std::string(expected) + " at column " + std::to_string(pos_ + 1),
                       s_.substr(pos_));
  }

  std::string_view s_;
  std::string_view file_;
  size_t lineno_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::vector<ModelOp<KvModel>>> parse_porcupine_kv(std::string_view text,
                                                        std::string_view file) {
  using Op = ModelOp<KvModel>;
  std::vector<std::optional<Op>> ops;  // nullopt: a :fail'ed op, dropped at the end
  std::unordered_map<int64_t, std::pair<size_t, size_t>> pending;  // process -> (op, line)
  std::unordered_map<std::string, uint64_t> key_ids;
  const auto lines = detail::split_lines(text);
  for (size_t li = 0; li < lines.size(); ++li) {
    const size_t lineno = li + 1;
    if (detail::is_blank(lines[li])) continue;
    auto m = LineReader(lines[li], file, lineno).read_map();
    if (!m) return m.error();
    auto field = [&](const char* name, EdnValue::Kind kind,
                     const char* what) -> Result<const EdnValue*> {
      auto it = m->find(name);
      if (it == m->end() || it->second.kind != kind) {
        return parse_error(file, lineno, std::string("field :") + name + " with " + what, lines[li]);
      }
      return &it->second;
    };
    auto process = field("process", EdnValue::kInt, "an integer");
    if (!process) return process.error();
    auto type = field("type", EdnValue::kKeyword, ":invoke, :ok, :fail or :info");
    if (!type) return type.error();
    auto f = field("f", EdnValue::kKeyword, ":get, :put or :append");
    if (!f) return f.error();
    auto key = field("key", EdnValue::kString, "a \"string\"");
    if (!key) return key.error();
    const std::string& fs = (*f)->s;
    KvModel::Kind kind;
    if (fs == "get") kind = KvModel::Kind::kGet;
    else if (fs == "put") kind = KvModel::Kind::kPut;
    else if (fs == "append") kind = KvModel::Kind::kAppend;
    else return parse_error(file, lineno, ":f to be :get, :put or :append", fs);
    auto vit = m->find("value");
    if (vit == m->end()) return parse_error(file, lineno, "a :value field", lines[li]);
    const EdnValue& value = vit->second;
    const int64_t p = (*process)->i;
    const std::string& ts = (*type)->s;
    if (ts == "invoke") {
      if (auto it = pending.find(p); it != pending.end()) {
        return parse_error(file, lineno,
                           "no new :invoke from process " + std::to_string(p) +
                               " while its operation from line " +
                               std::to_string(it->second.second) + " is pending",
                           lines[li]);
      }
      std::string arg;
      if (kind != KvModel::Kind::kGet) {
        if (value.kind != EdnValue::kString) {
          return parse_error(file, lineno, ":value to be a \"string\" argument", lines[li]);
        }
        arg = value.s;
      }
      auto [kit, fresh] = key_ids.try_emplace((*key)->s, key_ids.size());
      (void)fresh;
      Op op;
      op.client = static_cast<uint32_t>(p);
      op.input = KvModel::make_input(kind, (*key)->s, kit->second, std::move(arg));
      op.call = li;
      pending[p] = {ops.size(), lineno};
      ops.emplace_back(std::move(op));
      continue;
    }
    if (ts != "ok" && ts != "fail" && ts != "info") {
      return parse_error(file, lineno, ":type to be :invoke, :ok, :fail or :info", ts);
    }
    auto it = pending.find(p);
    if (it == pending.end()) {
      return parse_error(file, lineno,
                         "a completion only for a pending :invoke of process " + std::to_string(p),
                         lines[li]);
    }
    Op& op = *ops[it->second.first];
    if (op.input.kind != kind || op.input.key != (*key)->s) {
      return parse_error(file, lineno,
                         "the completion to repeat :f and :key of its invoke on line " +
                             std::to_string(it->second.second),
                         lines[li]);
    }
    if (ts == "ok") {
      if (kind == KvModel::Kind::kGet) {
        if (value.kind != EdnValue::kString) {
          return parse_error(file, lineno, "the :value read by :get as a \"string\"", lines[li]);
        }
        op.output.value = value.s;
      }
      op.ret = li;
    } else if (ts == "fail") {
      ops[it->second.first].reset();
    }  // :info: stays pending
    pending.erase(it);
  }
  std::vector<Op> out;
  out.reserve(ops.size());
  for (auto& o : ops) {
    if (o) out.push_back(std::move(*o));
  }
  return out;
}

}  // namespace contend::check
