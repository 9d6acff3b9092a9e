// MemoCache: the set of (linearized-set, model state) pairs the WGL search has already entered.
// Open addressing over a flat arena: one hash, one state and `words` bitset words per entry, so a
// lookup touches two cache lines in the common case. Single-threaded.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

namespace contend::check::detail {

template <class M>
class MemoCache {
 public:
  using State = typename M::State;

  MemoCache(size_t words, size_t max_entries) : words_(words), max_entries_(max_entries) {
    table_.assign(1024, 0);
  }

  // Inserts (bits, state) whose combined hash is `h`. Returns false iff it was already present.
  // When full, nothing is stored and true is returned (the caller then re-explores; see the
  // memory-bound note in linearizability.h).
  bool insert(uint64_t h, const uint64_t* bits, const State& state) {
    size_t mask = table_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      uint32_t slot = table_[i];
      if (slot == 0) {
        if (hashes_.size() >= max_entries_) {
          saturated_ = true;
          return true;
        }
        hashes_.push_back(h);
        states_.push_back(state);
        bits_.insert(bits_.end(), bits, bits + words_);
        table_[i] = static_cast<uint32_t>(hashes_.size());
        if (hashes_.size() * 2 > table_.size()) grow();
        return true;
      }
      size_t e = slot - 1;
      if (hashes_[e] == h && std::memcmp(&bits_[e * words_], bits, words_ * 8) == 0 &&
          M::equal(states_[e], state)) {
        return false;
      }
    }
  }

  size_t size() const { return hashes_.size(); }
  bool saturated() const { return saturated_; }

 private:
  void grow() {
    std::vector<uint32_t> t(table_.size() * 2, 0);
    size_t mask = t.size() - 1;
    for (size_t e = 0; e < hashes_.size(); ++e) {
      size_t i = hashes_[e] & mask;
      while (t[i] != 0) i = (i + 1) & mask;
      t[i] = static_cast<uint32_t>(e + 1);
    }
    table_.swap(t);
  }

  size_t words_;
  size_t max_entries_;
  bool saturated_ = false;
  std::vector<uint32_t> table_;  // 0 = empty, else entry index + 1
  std::vector<uint64_t> hashes_;
  std::vector<State> states_;
  std::vector<uint64_t> bits_;  // entry e's bitset at [e*words_, (e+1)*words_)
};

}  // namespace contend::check::detail
