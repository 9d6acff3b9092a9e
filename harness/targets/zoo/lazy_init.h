// zoo_lazy_init: a sharded map whose table is allocated on first use (double-checked locking).
// The bug publishes the table before initializing its shards, so a thread whose first operation
// races the first one of another can see the table with null shards (lazy initialization
// published before it is complete). Fixed: initialize, then publish.
#pragma once

#include <atomic>
#include <mutex>
#include <unordered_map>

#include "targets/map_target.h"

namespace contend::zoo {

template <bool kBug>
class LazyInit {
 public:
  static constexpr MapContract kContract{};
  LazyInit() = default;
  LazyInit(const LazyInit&) = delete;
  LazyInit& operator=(const LazyInit&) = delete;
  ~LazyInit() { delete table_.load(); }

  bool insert(Key k, Value v) {
    auto [mu, m] = shard(k);
    std::lock_guard g(*mu);
    return m->try_emplace(k, v).second;
  }
  bool erase(Key k) {
    auto [mu, m] = shard(k);
    std::lock_guard g(*mu);
    return m->erase(k) != 0;
  }
  std::optional<Value> find(Key k) const {
    auto [mu, m] = shard(k);
    std::lock_guard g(*mu);
    auto it = m->find(k);
    if (it == m->end()) return std::nullopt;
    return it->second;
  }
  Value add(Key k, Value d) {
    auto [mu, m] = shard(k);
    std::lock_guard g(*mu);
    return (*m)[k] += d;
  }
  void for_each(Visitor fn) const {
    Table& t = table();
    for (std::size_t i = 0; i < kShards; ++i) {
      std::lock_guard g(t.mu[i]);
      for (const auto& [k, v] : *t.shard[i]) fn(k, v);
    }
  }
  std::size_t size() const {
    Table& t = table();
    std::size_t n = 0;
    for (std::size_t i = 0; i < kShards; ++i) {
      std::lock_guard g(t.mu[i]);
      n += t.shard[i]->size();
    }
    return n;
  }

 private:
  static constexpr std::size_t kShards = 4;
  using Shard = std::unordered_map<Key, Value>;
  struct Table {
    std::mutex mu[kShards];
    Shard* shard[kShards] = {};
    void init() {
      for (auto*& s : shard) s = new Shard();
    }
    ~Table() {
      for (auto* s : shard) delete s;
    }
  };

  Table& table() const {
    Table* t = table_.load(std::memory_order_acquire);
    if (t) return *t;
    std::lock_guard g(init_mu_);
    t = table_.load(std::memory_order_relaxed);
    if (!t) {
      t = new Table;
      if constexpr (kBug) {
        table_.store(t, std::memory_order_release);
        t->init();
      } else {
        t->init();
        table_.store(t, std::memory_order_release);
      }
    }
    return *t;
  }
  std::pair<std::mutex*, Shard*> shard(Key k) const {
    Table& t = table();
    const std::size_t i = k % kShards;
    return {&t.mu[i], t.shard[i]};
  }

  mutable std::mutex init_mu_;
  mutable std::atomic<Table*> table_{nullptr};
};

}  // namespace contend::zoo
