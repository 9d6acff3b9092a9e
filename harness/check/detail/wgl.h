// The WGL/Lowe search over one partition and the per-partition driver behind
// check_linearizability. Included by check/linearizability.h; not a public header.
//
// Search state: a doubly linked list of call/return events sorted by stamp (calls before returns
// on equal stamps, so equal stamps are concurrent). Linearizing an op unlinks its events; reaching
// a return event means an op must have been linearized already, so the search backtracks.
// Pending ops have no return event: the search succeeds once every completed op is linearized,
// which places pending ops "never" (or, equivalently, after everything).
#pragma once

#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <utility>
#include <vector>

#include "check/detail/memo_cache.h"
#include "check/linearizability.h"
#include "util/check.h"

namespace contend::check::detail {

struct Budget {
  std::chrono::steady_clock::time_point deadline;
  uint64_t max_steps = 0;
  uint64_t steps = 0;
  bool exhausted = false;

  bool tick() {
    ++steps;
    if ((steps & 1023) == 0 && std::chrono::steady_clock::now() > deadline) exhausted = true;
    if (max_steps != 0 && steps >= max_steps) exhausted = true;
    return !exhausted;
  }
};

template <Model M>
struct PartitionOutcome {
  Verdict verdict = Verdict::kLinearizable;
  std::vector<uint32_t> best_prefix;  // op indices, linearization order
  typename M::State best_state = M::init();
  size_t cache_entries = 0;
  bool saturated = false;
};

// `ops` must be sorted by call stamp; returns indices into it.
template <Model M>
PartitionOutcome<M> search_partition(const std::vector<const ModelOp<M>*>& ops,
                                     const CheckOptions& options, Budget& budget) {
  using State = typename M::State;
  PartitionOutcome<M> out;
  const size_t n = ops.size();
  struct Event {
    uint64_t time;
    bool is_ret;
    uint32_t op;
  };
  std::vector<Event> events;
  events.reserve(2 * n);
  size_t remaining = 0;  // completed ops not yet linearized
  for (uint32_t i = 0; i < n; ++i) {
    events.push_back({ops[i]->call, false, i});
    if (!ops[i]->pending()) {
      CONTEND_CHECK(ops[i]->ret >= ops[i]->call) << "op returns before its call";
      events.push_back({ops[i]->ret, true, i});
      ++remaining;
    }
  }
  if (remaining == 0) return out;
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.time != b.time) return a.time < b.time;
    if (a.is_ret != b.is_ret) return !a.is_ret;
    return a.op < b.op;
  });
  const int m = static_cast<int>(events.size());
  const int head = m;
  std::vector<int> next(m + 1), prev(m + 1), call_node(n), ret_node(n, -1);
  for (int i = 0; i < m; ++i) {
    (events[i].is_ret ? ret_node : call_node)[events[i].op] = i;
    next[i] = i + 1 < m ? i + 1 : -1;
    prev[i] = i == 0 ? head : i - 1;
  }
  next[head] = 0;
  prev[head] = -1;
  auto unlink = [&](int x) {
    next[prev[x]] = next[x];
    if (next[x] >= 0) prev[next[x]] = prev[x];
  };
  auto relink = [&](int x) {
    next[prev[x]] = x;
    if (next[x] >= 0) prev[next[x]] = x;
  };

  const size_t words = (n + 63) / 64;
  std::vector<uint64_t> bits(words, 0);
  std::vector<uint64_t> zobrist(n);
  for (size_t i = 0; i < n; ++i) zobrist[i] = mix64(i * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL);
  MemoCache<M> cache(words, options.max_cache_entries);

  State state = M::init();
  State next_state = M::init();
  uint64_t zob = 0;
  std::vector<std::pair<uint32_t, State>> stack;
  stack.reserve(n);
  int cur = next[head];
  for (;;) {
    if (!budget.tick()) {
      out.verdict = Verdict::kUnknown;
      break;
    }
    const Event& ev = events[cur];
    if (!ev.is_ret) {
      const uint32_t o = ev.op;
      const ModelOp<M>& op = *ops[o];
      // A pending op that would leave the state unchanged is skipped: (L, S) dominates
      // (L + o, S) because a pending op never has to be placed.
      if (M::step(state, op.input, op.pending() ? nullptr : &op.output, next_state) &&
          !(op.pending() && M::equal(state, next_state))) {
        const uint64_t z = zob ^ zobrist[o];
        bits[o >> 6] |= uint64_t{1} << (o & 63);
        if (cache.insert(z ^ mix64(M::hash(next_state)), bits.data(), next_state)) {
          stack.emplace_back(o, std::move(state));
          state = std::move(next_state);
          zob = z;
          unlink(call_node[o]);
          if (ret_node[o] >= 0) {
            unlink(ret_node[o]);
            --remaining;
          }
          if (stack.size() > out.best_prefix.size()) {
            out.best_prefix.resize(stack.size());
            for (size_t i = 0; i < stack.size(); ++i) out.best_prefix[i] = stack[i].first;
            out.best_state = state;
          }
          if (remaining == 0) break;
          cur = next[head];
          continue;
        }
        bits[o >> 6] &= ~(uint64_t{1} << (o & 63));
      }
      cur = next[cur];
    } else {
      if (stack.empty()) {
        out.verdict = Verdict::kNotLinearizable;
        break;
      }
      const uint32_t o = stack.back().first;
      state = std::move(stack.back().second);
      stack.pop_back();
      if (ret_node[o] >= 0) {
        relink(ret_node[o]);
        ++remaining;
      }
      relink(call_node[o]);
      bits[o >> 6] &= ~(uint64_t{1} << (o & 63));
      zob ^= zobrist[o];
      cur = next[call_node[o]];
    }
  }
  out.cache_entries = cache.size();
  out.saturated = cache.saturated();
  return out;
}

template <Model M>
Counterexample make_counterexample(const std::vector<const ModelOp<M>*>& ops,
                                   const PartitionOutcome<M>& outcome) {
  Counterexample c;
  c.partition = M::describe_partition(ops.front()->input);
  c.partition_id = M::partition(ops.front()->input);
  for (const ModelOp<M>* op : ops) {
    c.ops.push_back({op->client, M::describe_op(op->input, op->pending() ? nullptr : &op->output),
                     op->call, op->ret});
  }
  c.longest_prefix.assign(outcome.best_prefix.begin(), outcome.best_prefix.end());
  c.state_after_prefix = M::describe_state(outcome.best_state);
  std::vector<bool> in_prefix(ops.size(), false);
  for (uint32_t i : outcome.best_prefix) in_prefix[i] = true;
  // The op whose return event stops the search right after the prefix: the earliest-returning
  // completed op not in it.
  size_t blocked = ops.size();
  for (size_t i = 0; i < ops.size(); ++i) {
    if (in_prefix[i] || ops[i]->pending()) continue;
    if (blocked == ops.size() || ops[i]->ret < ops[blocked]->ret) blocked = i;
  }
  CONTEND_CHECK(blocked < ops.size()) << "failed partition without an unplaced completed op";
  c.blocked = blocked;
  typename M::State tmp = M::init();
  const ModelOp<M>& b = *ops[blocked];
  const std::string what = M::describe_op(b.input, &b.output);
  if (!M::step(outcome.best_state, b.input, &b.output, tmp)) {
    c.reason = what + " could not be placed: in the state after the longest linearizable prefix (" +
               c.state_after_prefix + ") it is illegal, and no other order that respects real " +
               "time makes every operation legal (the search was exhaustive)";
  } else {
    c.reason = what + " could not be placed: it is legal after the longest linearizable prefix (" +
               c.state_after_prefix + "), but every continuation then reaches an operation that " +
               "is illegal, and no other order that respects real time works either";
  }
  return c;
}

}  // namespace contend::check::detail

namespace contend::check {

template <Model M>
CheckResult check_linearizability(const std::vector<ModelOp<M>>& history,
                                  const CheckOptions& options) {
  detail::Budget budget;
  budget.deadline = std::chrono::steady_clock::now() +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                        std::chrono::duration<double>(options.budget_s));
  budget.max_steps = options.max_steps;

  // A read-only op with an unknown outcome constrains nothing: drop it.
  std::unordered_map<uint64_t, size_t> index;
  std::vector<std::vector<const ModelOp<M>*>> parts;
  for (const ModelOp<M>& op : history) {
    if (op.pending() && M::read_only(op.input)) continue;
    auto [it, fresh] = index.try_emplace(M::partition(op.input), parts.size());
    if (fresh) parts.emplace_back();
    parts[it->second].push_back(&op);
  }
  for (auto& p : parts) {
    std::stable_sort(p.begin(), p.end(), [](auto* a, auto* b) { return a->call < b->call; });
  }
  std::stable_sort(parts.begin(), parts.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });

  CheckResult result;
  result.partitions = parts.size();
  bool unknown = false;
  for (const auto& p : parts) {
    detail::PartitionOutcome<M> o = detail::search_partition<M>(p, options, budget);
    result.peak_cache_entries = std::max(result.peak_cache_entries, o.cache_entries);
    result.cache_saturated = result.cache_saturated || o.saturated;
    if (o.verdict == Verdict::kUnknown) {
      unknown = true;
      break;  // the budget is shared: nothing left for later partitions
    }
    if (o.verdict == Verdict::kNotLinearizable) {
      result.failures.push_back(detail::make_counterexample<M>(p, o));
      if (options.stop_at_first_failure) break;
    }
  }
  result.steps = budget.steps;
  result.verdict = !result.failures.empty() ? Verdict::kNotLinearizable
                   : unknown                ? Verdict::kUnknown
                                            : Verdict::kLinearizable;
  return result;
}

}  // namespace contend::check
