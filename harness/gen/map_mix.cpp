#include "gen/map_mix.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "gen/key_space.h"

namespace contend {

namespace {

Error field_error(const std::string& where, const std::string& field, const std::string& what) {
  return input_error(where + ": field '" + field + "' " + what);
}

template <class T>
Status read_field(const nlohmann::json& j, const char* name, T& out, const std::string& where) {
  if (!j.contains(name)) return Ok{};
  try {
    out = j.at(name).get<T>();
  } catch (const nlohmann::json::exception&) {
    return field_error(where, name, "has the wrong type: " + j.at(name).dump());
  }
  return Ok{};
}

}  // namespace

Status validate(const MapMixSpec& s) {
  double total = 0;
  for (int i = 0; i < kOpKinds; ++i) {
    if (!(s.weights[i] >= 0) || !std::isfinite(s.weights[i])) {
      return usage_error("weight of '" + std::string(kOpNames[i]) + "' is " + std::to_string(s.weights[i]),
                         "weights must be finite and >= 0");
    }
    total += s.weights[i];
  }
  if (total <= 0) return usage_error("all operation weights are 0", "give at least one operation a weight > 0");
  if (s.key_space == 0 || s.key_space >= (1ULL << 56)) {
    return usage_error("key_space " + std::to_string(s.key_space) + " is out of range", "use 1 .. 2^56-1");
  }
  if (s.threads == 0 || s.threads > 1024) {
    return usage_error("threads " + std::to_string(s.threads) + " is out of range", "use 1 .. 1024");
  }
  if (s.ops_per_thread == 0 && !(s.duration_s > 0)) {
    return usage_error("no budget: ops_per_thread is 0 and duration_s is not > 0", "pass --ops N or --duration S");
  }
  if (!(s.private_fraction >= 0 && s.private_fraction <= 1)) {
    return usage_error("private_fraction " + std::to_string(s.private_fraction) + " is outside [0, 1]");
  }
  if (s.private_fraction > 0 && s.private_keys == 0) {
    return usage_error("private_fraction > 0 needs private_keys > 0");
  }
  if (s.weights[static_cast<int>(OpKind::kAdd)] > 0 && s.counter_keys == 0) {
    return usage_error("add has weight > 0 but counter_keys is 0", "set counter_keys >= 1");
  }
  if (s.dist.kind == KeyDistKind::kZipf && !(s.dist.zipf_s > 0)) {
    return usage_error("zipf exponent " + std::to_string(s.dist.zipf_s) + " must be > 0");
  }
  if (s.dist.kind == KeyDistKind::kHotSet &&
      !(s.dist.hot_fraction > 0 && s.dist.hot_fraction <= 1 && s.dist.hot_probability >= 0 &&
        s.dist.hot_probability <= 1)) {
    return usage_error("hotset needs hot_fraction in (0,1] and hot_probability in [0,1]");
  }
  return Ok{};
}

Status apply_json(const nlohmann::json& j, MapMixSpec& s, const std::string& where) {
  if (!j.is_object()) return input_error(where + ": expected a JSON object, got " + std::string(j.type_name()));
  static const char* kKnown[] = {"description", "workload", "weights", "key_space", "dist", "zipf_s",
                                 "hot_fraction", "hot_probability", "private_fraction", "private_keys",
                                 "counter_keys", "threads", "ops_per_thread", "duration_s", "seed"};
  for (const auto& [key, _] : j.items()) {
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
      return field_error(where, key, "is not a map-mix field");
    }
  }
  if (j.contains("weights")) {
    const auto& w = j.at("weights");
    if (!w.is_object()) return field_error(where, "weights", "must be an object {\"insert\": w, ...}");
    s.weights.fill(0);
    for (const auto& [op, val] : w.items()) {
      const auto it = std::find(kOpNames.begin(), kOpNames.end(), op);
      if (it == kOpNames.end()) return field_error(where, "weights." + op, "is not an operation");
      if (!val.is_number()) return field_error(where, "weights." + op, "must be a number");
      s.weights[static_cast<std::size_t>(it - kOpNames.begin())] = val.get<double>();
    }
  }
  std::string dist;
  for (Status st : {read_field(j, "key_space", s.key_space, where), read_field(j, "dist", dist, where),
                    read_field(j, "zipf_s", s.dist.zipf_s, where),
                    read_field(j, "hot_fraction", s.dist.hot_fraction, where),
                    read_field(j, "hot_probability", s.dist.hot_probability, where),
                    read_field(j, "private_fraction", s.private_fraction, where),
                    read_field(j, "private_keys", s.private_keys, where),
                    read_field(j, "counter_keys", s.counter_keys, where), read_field(j, "threads", s.threads, where),
                    read_field(j, "ops_per_thread", s.ops_per_thread, where),
                    read_field(j, "duration_s", s.duration_s, where), read_field(j, "seed", s.seed, where)}) {
    if (!st.ok()) return st;
  }
  if (!dist.empty()) {
    auto k = parse_key_dist(dist);
    if (!k.ok()) return field_error(where, "dist", k.error().message + "; " + k.error().hint);
    s.dist.kind = *k;
  }
  return Ok{};
}

nlohmann::json to_json(const MapMixSpec& s) {
  nlohmann::json w = nlohmann::json::object();
  for (int i = 0; i < kOpKinds; ++i) w[std::string(kOpNames[i])] = s.weights[i];
  return {{"preset", s.preset},
          {"weights", w},
          {"key_space", s.key_space},
          {"dist", key_dist_name(s.dist.kind)},
          {"zipf_s", s.dist.zipf_s},
          {"hot_fraction", s.dist.hot_fraction},
          {"hot_probability", s.dist.hot_probability},
          {"private_fraction", s.private_fraction},
          {"private_keys", s.private_keys},
          {"counter_keys", s.counter_keys},
          {"threads", s.threads},
          {"ops_per_thread", s.ops_per_thread},
          {"duration_s", s.duration_s},
          {"seed", s.seed}};
}

bool writes_in_mix(const MapMixSpec& s) {
  return s.weights[static_cast<int>(OpKind::kInsert)] > 0 || s.weights[static_cast<int>(OpKind::kErase)] > 0 ||
         s.weights[static_cast<int>(OpKind::kAdd)] > 0;
}

OpStream::OpStream(const MapMixSpec& spec, uint32_t thread)
    : spec_(spec),
      thread_(thread),
      rng_(derive_seed(spec.seed, thread)),
      keys_(spec.dist, spec.key_space, spec.key_space / std::max<uint32_t>(spec.threads, 1) * thread) {
  double total = 0;
  for (double w : spec.weights) total += w;
  double acc = 0;
  for (int i = 0; i < kOpKinds; ++i) {
    acc += spec.weights[i] / total;
    cumulative_[i] = acc;
  }
  cumulative_[kOpKinds - 1] = 2.0;  // rounding can never fall off the end
}

Key OpStream::single_key(OpKind kind) {
  if (kind == OpKind::kAdd) return counter_key(static_cast<uint32_t>(rng_.below(spec_.counter_keys)));
  if (spec_.private_fraction > 0 && rng_.unit() < spec_.private_fraction) {
    return private_key(thread_, static_cast<uint32_t>(rng_.below(spec_.private_keys)));
  }
  return keys_.next(rng_);
}

Op OpStream::next() {
  const double u = rng_.unit();
  int i = 0;
  while (u >= cumulative_[i]) ++i;
  Op op;
  op.kind = static_cast<OpKind>(i);
  if (op.kind == OpKind::kIterate || op.kind == OpKind::kSize) return op;
  op.key = single_key(op.kind);
  // Values: small positive for inserts (readable in traces), +-1..8 deltas for add.
  const uint64_t r = rng_.next_u64();
  op.arg = op.kind == OpKind::kAdd ? static_cast<Value>(r % 8) + 1 : static_cast<Value>(r % 1000000);
  return op;
}

}  // namespace contend
