// zoo_reader_registration: a copy-on-write map (RCU-like). Readers register in a counter, read
// the current version and deregister; a writer copies the version, publishes the copy, waits
// until no reader is registered and retires the old version. The bug loads the version before
// registering, so a writer that publishes and sees no readers in between retires the version the
// reader is about to read (a reader-registration window: use after free). Retired versions are
// destroyed and poisoned (detail::Quarantine), so the stale read faults the same way in every
// process. Fixed: register, then load (both seq_cst, so a writer that sees no reader published
// before the reader's load).
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <new>

#include "targets/detail/poisoning_allocator.h"
#include "targets/map_target.h"

namespace contend::zoo {

template <bool kBug>
class ReaderRegistration {
 public:
  static constexpr MapContract kContract{};
  ReaderRegistration() = default;
  ReaderRegistration(const ReaderRegistration&) = delete;
  ReaderRegistration& operator=(const ReaderRegistration&) = delete;
  ~ReaderRegistration() { delete current_.load(); }

  bool insert(Key k, Value v) {
    return write([&](Map& m) { return m.try_emplace(k, v).second; });
  }
  bool erase(Key k) {
    return write([&](Map& m) { return m.erase(k) != 0; });
  }
  std::optional<Value> find(Key k) const {
    return read([&](const Map& m) -> std::optional<Value> {
      auto it = m.find(k);
      if (it == m.end()) return std::nullopt;
      return it->second;
    });
  }
  Value add(Key k, Value d) {
    return write([&](Map& m) { return m[k] += d; });
  }
  void for_each(Visitor fn) const {
    read([&](const Map& m) {
      for (const auto& [k, v] : m) fn(k, v);
      return 0;
    });
  }
  std::size_t size() const {
    return read([](const Map& m) { return m.size(); });
  }

 private:
  using Map = std::map<Key, Value>;

  template <class F>
  auto read(F f) const {
    const Map* v = nullptr;
    if constexpr (kBug) {
      v = current_.load();
      readers_.fetch_add(1);
    } else {
      readers_.fetch_add(1);
      v = current_.load();
    }
    auto r = f(*v);
    readers_.fetch_sub(1);
    return r;
  }

  template <class F>
  auto write(F f) {
    std::lock_guard g(write_mu_);
    Map* old = current_.load();
    Map* next = new Map(*old);
    auto r = f(*next);
    current_.store(next);
    while (readers_.load() != 0) {
    }
    old->~Map();
    quarantine_.retire(old, sizeof(Map));
    return r;
  }

  detail::Quarantine quarantine_;  // declared first: outlives every version
  mutable std::mutex write_mu_;
  mutable std::atomic<Map*> current_{new Map()};
  mutable std::atomic<int> readers_{0};
};

}  // namespace contend::zoo
