#include "runner/map_invariants.h"

#include <algorithm>
#include <string>

#include "gen/key_space.h"

namespace contend {

namespace {
std::string opt(const std::optional<Value>& v) { return v ? std::to_string(*v) : "absent"; }
}  // namespace

std::string describe_key(Key k) {
  if (is_private_key(k)) {
    return "private key #" + std::to_string(private_index(k)) + " of T" + std::to_string(private_owner(k)) +
           " (" + std::to_string(k) + ")";
  }
  if (is_counter_key(k)) return "counter key #" + std::to_string(k & 0xffffffffu) + " (" + std::to_string(k) + ")";
  return "key " + std::to_string(k);
}

std::size_t max_elements(const MapMixSpec& spec) {
  return spec.key_space + spec.counter_keys + static_cast<std::size_t>(spec.private_keys) * spec.threads;
}

namespace {
struct RunawayIteration {};
}  // namespace

bool collect_elements(const AnyMap& map, const MapMixSpec& spec, std::vector<std::pair<Key, Value>>& out) {
  out.clear();
  const std::size_t limit = 2 * max_elements(spec) + 16;
  try {
    map.for_each([&](Key k, Value v) {
      if (out.size() >= limit) throw RunawayIteration{};
      out.emplace_back(k, v);
    });
  } catch (const RunawayIteration&) {
    return false;
  }
  return true;
}

bool key_can_exist(const MapMixSpec& spec, Key k) {
  if (is_private_key(k)) return private_owner(k) < spec.threads && private_index(k) < spec.private_keys;
  if (is_counter_key(k)) return (k & 0xffffffffu) < spec.counter_keys && (k >> 32 & 0xffffffu) == 0;
  return k < spec.key_space;
}

ThreadInvariants::ThreadInvariants(const MapMixSpec& spec, uint32_t thread, ViolationLog& log, bool sequential)
    : spec_(spec),
      thread_(thread),
      log_(log),
      values_(spec.private_keys),
      present_(spec.private_keys),
      counter_seen_(spec.counter_keys),
      who_(sequential ? "init/post" : "T" + std::to_string(thread)) {}

// Each thread keeps the first kKeepPerKind records of each kind and only counts the rest, so the
// shared log's first slots show every kind of failure, not one kind repeated.
constexpr uint32_t kKeepPerKind = 4;

void ThreadInvariants::report(const char* kind, Key k, const std::string& detail) {
  if (++kept_per_kind_[kind] > kKeepPerKind) {
    log_.count_only();
    return;
  }
  log_.add(kind, thread_, &k, who_ + ": " + detail);
}

std::optional<Value> ThreadInvariants::shadow(uint32_t i) const {
  return present_[i] ? std::optional<Value>(values_[i]) : std::nullopt;
}

void ThreadInvariants::private_insert(Key k, Value v, bool inserted) {
  const uint32_t i = private_index(k);
  if (inserted == static_cast<bool>(present_[i])) {
    report("private-mismatch", k,
           "insert(" + describe_key(k) + ", " + std::to_string(v) + ") returned " + (inserted ? "true" : "false") +
               " but only this thread writes that key and it was " + (present_[i] ? "present" : "absent"));
  }
  if (!present_[i]) {
    present_[i] = 1;
    values_[i] = v;
  }
}

void ThreadInvariants::private_erase(Key k, bool erased) {
  const uint32_t i = private_index(k);
  if (erased != static_cast<bool>(present_[i])) {
    report("private-mismatch", k,
           "erase(" + describe_key(k) + ") returned " + (erased ? "true" : "false") +
               " but only this thread writes that key and it was " + (present_[i] ? "present" : "absent"));
  }
  present_[i] = 0;
}

void ThreadInvariants::private_find(Key k, const std::optional<Value>& got) {
  const auto want = shadow(private_index(k));
  if (got != want) {
    report("private-mismatch", k,
           "find(" + describe_key(k) + ") returned " + opt(got) + ", expected " + opt(want) +
               " (only this thread writes that key)");
  }
}

void ThreadInvariants::counter_add(Key k, Value delta, Value result) {
  Value& seen = counter_seen_[k & 0xffffffffu];
  if (result < seen + delta) {
    report("lost-update", k,
           "add(" + describe_key(k) + ", " + std::to_string(delta) + ") returned " + std::to_string(result) +
               " but this thread had already seen " + std::to_string(seen) +
               " and counters only grow: an earlier update was lost");
    seen = result;  // report each shrink once, then follow the counter from where it is now
    return;
  }
  seen = result;
}

void ThreadInvariants::report_runaway(std::size_t visited) {
  log_.add("iterate-runaway", thread_, nullptr,
           who_ + ": iteration visited more than " + std::to_string(visited) +
               " elements, twice as many as can exist: it was looping over a corrupted structure");
}

void ThreadInvariants::after_iterate(std::vector<std::pair<Key, Value>>& seen, bool exactly_once) {
  std::sort(seen.begin(), seen.end());
  for (std::size_t j = 0; j < seen.size(); ++j) {
    const Key k = seen[j].first;
    if (!key_can_exist(spec_, k)) {
      report("iterate-phantom", k, "iteration visited " + describe_key(k) + ", which no thread ever inserts");
    }
    if (exactly_once && j > 0 && seen[j - 1].first == k) {
      report("iterate-duplicate", k, "iteration visited " + describe_key(k) + " more than once");
    }
  }
  if (!exactly_once) return;
  auto it = seen.begin();
  for (uint32_t i = 0; i < spec_.private_keys; ++i) {
    const Key k = private_key(thread_, i);
    it = std::lower_bound(it, seen.end(), std::pair<Key, Value>{k, INT64_MIN});
    const bool visited = it != seen.end() && it->first == k;
    if (present_[i] && !visited) {
      report("iterate-missing", k,
             "iteration skipped " + describe_key(k) + ", present (value " + std::to_string(values_[i]) +
                 ") for the whole iteration");
    } else if (!present_[i] && visited) {
      report("iterate-phantom", k, "iteration visited " + describe_key(k) + ", which this thread had erased");
    } else if (visited && it->second != values_[i]) {
      report("iterate-value", k,
             "iteration saw " + describe_key(k) + " = " + std::to_string(it->second) + ", expected " +
                 std::to_string(values_[i]));
    }
  }
}

std::size_t check_quiescent(const AnyMap& map, const MapMixSpec& spec, std::span<const ThreadInvariants> threads,
                            ViolationLog& log) {
  std::vector<std::pair<Key, Value>> all;
  if (!collect_elements(map, spec, all)) {
    log.add("iterate-runaway", -1, nullptr,
            "after the run for_each visited more than " + std::to_string(all.size()) +
                " elements, twice as many as can exist: the container's structure is corrupted");
    return map.size();
  }
  const std::size_t size = map.size();
  if (size != all.size()) {
    log.add("size-mismatch", -1, nullptr,
            "after the run size() is " + std::to_string(size) + " but for_each visited " +
                std::to_string(all.size()) + " elements");
  }
  std::sort(all.begin(), all.end());
  for (std::size_t j = 1; j < all.size(); ++j) {
    if (all[j - 1].first == all[j].first) {
      const Key k = all[j].first;
      log.add("duplicate-key", -1, &k, "after the run " + describe_key(k) + " is stored more than once");
    }
  }
  Value counter_sum = 0, added = 0;
  for (uint32_t i = 0; i < spec.counter_keys; ++i) counter_sum += map.find(counter_key(i)).value_or(0);
  for (const auto& t : threads) {
    added += t.added_total();
    for (uint32_t i = 0; i < spec.private_keys; ++i) {
      const Key k = private_key(t.thread(), i);
      const auto got = map.find(k);
      if (got != t.shadow(i)) {
        log.add("final-private-mismatch", -1, &k,
                "after the run " + describe_key(k) + " holds " + opt(got) + ", but its owner's operations leave " +
                    opt(t.shadow(i)));
      }
    }
  }
  if (counter_sum != added) {
    log.add("lost-update", -1, nullptr,
            "after the run the counter keys sum to " + std::to_string(counter_sum) + " but the threads added " +
                std::to_string(added) + " in total: " + std::to_string(added - counter_sum) + " lost");
  }
  return size;
}

}  // namespace contend
