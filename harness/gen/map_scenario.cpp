#include "gen/map_scenario.h"

#include <algorithm>
#include <bit>
#include <set>

#include "gen/key_space.h"
#include "util/rng.h"

namespace contend {

uint64_t threshold_count(Rng& rng, uint64_t max) {
  if (max == 0) return 0;
  const uint64_t u = rng.below(8);
  if (u < 2) return 0;
  if (u < 4) return std::min<uint64_t>(max, 1 + rng.below(16));
  static constexpr double kLoad[] = {0.5, 0.75, 0.875, 1.0};
  // Size class 2^k with probability 2^-(k-1) (the largest class takes the rest): a class costs
  // time in proportion to 2^k, so every class gets about the same share of the run's time.
  const int top = std::max(2, static_cast<int>(std::bit_width(max)) - 1);
  const int k = 2 + std::countr_zero(rng.next_u64() | (1ULL << (top - 2)));
  const auto base = static_cast<int64_t>(static_cast<double>(1ULL << k) * kLoad[rng.below(4)]);
  const int64_t n = base - 3 + static_cast<int64_t>(rng.below(5));
  return static_cast<uint64_t>(std::clamp<int64_t>(n, 1, static_cast<int64_t>(max)));
}

namespace {

constexpr uint64_t kScenarioStream = 0x5ce7a7105ULL;  // keeps scenario streams apart from OpStream's

struct Builder {
  const MapMixSpec& spec;
  Rng rng;
  Program p;
  std::vector<Key> present;  // shared keys present after init, ascending
  uint64_t init_keys = 0;    // init inserted [0, init_keys)
  Key focus = 0;
  bool has_focus = false;

  void build_init(uint32_t max_init) {
    init_keys = threshold_count(rng, max_init);
    for (Key k = 0; k < init_keys; ++k) p.init.push_back({OpKind::kInsert, k, static_cast<Value>(10000 + k)});
    std::vector<uint8_t> erased(init_keys, 0);
    if (init_keys > 1 && rng.below(4) == 0) {
      for (Key k = 0; k < init_keys; ++k) {
        if (rng.below(3) == 0) p.init.push_back({OpKind::kErase, k, 0}), erased[k] = 1;
      }
    }
    for (Key k = 0; k < init_keys; ++k) {
      if (!erased[k]) present.push_back(k);
    }
    if (rng.below(3) == 0) build_repeats();
  }

  // One operation repeated on one key: a find of a present key, or an add on a counter key.
  void build_repeats() {
    uint64_t r = threshold_count(rng, 256);
    if (r == 0) r = 2 + rng.below(15);
    const bool adds = spec.counter_keys > 0 && rng.below(2) == 0;
    if (adds) {
      const Key c = counter_key(0);
      for (uint64_t i = 0; i < r; ++i) p.init.push_back({OpKind::kAdd, c, 1});
      return;
    }
    if (present.empty()) {
      focus = init_keys;  // a key of its own, inserted first
      p.init.push_back({OpKind::kInsert, focus, static_cast<Value>(10000 + focus)});
      present.push_back(focus);
      ++init_keys;
    } else {
      focus = present[rng.below(present.size())];
    }
    has_focus = true;
    for (uint64_t i = 0; i < r; ++i) p.init.push_back({OpKind::kFind, focus, 0});
  }

  std::vector<Key> hot_set() {
    const uint64_t fresh = std::max<uint64_t>(1, spec.key_space);
    std::vector<Key> hot;
    // A key the init part accessed many times is what the parallel part should race on.
    if (has_focus && rng.below(2) == 0) return {focus};
    const uint64_t n = 1 + rng.below(2);
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t pick = rng.below(4);
      if (pick == 0 && has_focus) hot.push_back(focus);
      else if (pick <= 1 && !present.empty()) hot.push_back(present[rng.below(present.size())]);
      else hot.push_back(init_keys + rng.below(fresh));
    }
    return hot;
  }

  Key shared_key(const std::vector<Key>& hot) {
    if (rng.below(5) != 0) return hot[rng.below(hot.size())];
    return rng.below(init_keys + std::max<uint64_t>(1, spec.key_space));
  }

  void build_parallel() {
    std::array<double, kOpKinds> cumulative{};
    double total = 0, acc = 0;
    for (double w : spec.weights) total += w;
    for (int i = 0; i < kOpKinds; ++i) cumulative[i] = acc += spec.weights[i] / total;
    cumulative[kOpKinds - 1] = 2.0;
    const std::vector<Key> hot = hot_set();
    const uint64_t len = rng.below(2) == 0 ? spec.ops_per_thread : 1 + rng.below(spec.ops_per_thread);
    p.ops.assign(spec.threads, {});
    for (uint32_t t = 0; t < spec.threads; ++t) {
      for (uint64_t i = 0; i < len; ++i) {
        const double u = rng.unit();
        int k = 0;
        while (u >= cumulative[k]) ++k;
        Op op{static_cast<OpKind>(k), 0, 0};
        if (op.kind == OpKind::kAdd) {
          op.key = counter_key(static_cast<uint32_t>(rng.below(std::max<uint32_t>(1, spec.counter_keys))));
          op.arg = 1 + static_cast<Value>(rng.below(4));
        } else if (op.kind != OpKind::kIterate && op.kind != OpKind::kSize) {
          const bool priv = spec.private_keys > 0 && rng.unit() < spec.private_fraction;
          op.key = priv ? private_key(t, static_cast<uint32_t>(rng.below(spec.private_keys))) : shared_key(hot);
          // Keep the pattern the init part built: more of the repeated access, not only writes
          // that would reset what it accumulated.
          if (has_focus && op.key == focus && rng.below(2) == 0) op.kind = OpKind::kFind;
          if (op.kind == OpKind::kInsert) op.arg = static_cast<Value>(100 * (t + 1) + i);
        }
        p.ops[t].push_back(op);
      }
    }
  }

  void build_post(bool iterate) {
    std::set<Key> touched;
    for (const auto& thread : p.ops) {
      for (const Op& op : thread) {
        if (op.kind != OpKind::kIterate && op.kind != OpKind::kSize && op.kind != OpKind::kAdd &&
            !is_private_key(op.key)) {
          touched.insert(op.key);
        }
      }
    }
    for (Key k : touched) p.post.push_back({OpKind::kFind, k, 0});
    if (iterate) p.post.push_back({OpKind::kIterate, 0, 0});
    p.post.push_back({OpKind::kSize, 0, 0});
  }
};

}  // namespace

Program generate_map_scenario(const MapMixSpec& spec, uint64_t index, const MapScenarioOptions& opts) {
  Builder b{spec, Rng(derive_seed(spec.seed ^ kScenarioStream, index)), {}, {}, 0, 0, false};
  b.p.spec = spec;
  b.build_init(opts.max_init);
  b.build_parallel();
  if (opts.post) b.build_post(opts.post_iterate);
  b.p.spec.key_space = b.init_keys + std::max<uint64_t>(1, spec.key_space);
  finish_program(b.p);
  return std::move(b.p);
}

}  // namespace contend
