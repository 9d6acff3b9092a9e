// MapTarget: the contract every map adapter satisfies, and the type-erased AnyMap the harness
// drives. Adapters are ordinary C++ (no harness or scheduler knowledge), so the same source can
// be compiled plain for stress runs and instrumented for controlled runs.
//
// Operation semantics (the sequential model the checkers use):
//   insert(k, v) -> bool  inserts only if k is absent; never overwrites; true if inserted
//   erase(k)     -> bool  true if k was present and is now removed
//   find(k)      -> optional<Value>
//   add(k, d)    -> Value  atomic read-modify-write: k's value += d, inserting k with d if absent;
//                          returns the new value
//   for_each(fn)           visits every element once (what "once" means under concurrent writes
//                          is stated by the adapter's MapContract)
//   size()       -> size_t exact when quiescent
#pragma once

#include <concepts>
#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include "gen/op.h"
#include "util/function_ref.h"

namespace contend {

// What an adapter promises about overlapping operations. The runner reads it to decide which
// operation mixes are legal to run concurrently; a canary's contract is the promise it breaks.
struct MapContract {
  bool concurrent_ops = true;        // insert/erase/find/add/size may overlap each other
  bool concurrent_erase = true;      // erase may overlap other operations
  bool iterate_under_writes = true;  // for_each may overlap insert/erase/add
  // Under writes, for_each sees every key present for the whole iteration exactly once and no
  // element twice (weakly consistent). False: only "no crash" is promised.
  bool iterate_exactly_once = true;
  // Not a semantic promise but a cost: false when for_each walks a large fixed structure whatever
  // the size (libcuckoo's lock_table takes all 65,536 bucket locks: ~720k schedule points and
  // enough same-value spin reads to trip the livelock detector in a single-thread controlled
  // run). Controlled runs (fuzzers, explore presets) then decode iterate as size().
  bool cheap_iteration = true;
};

using Visitor = FunctionRef<void(Key, Value)>;

template <class M>
concept MapTarget = std::default_initializable<M> &&
    requires(M& m, const M& cm, Key k, Value v, Visitor fn) {
  { M::kContract } -> std::convertible_to<MapContract>;
  { m.insert(k, v) } -> std::same_as<bool>;
  { m.erase(k) } -> std::same_as<bool>;
  { cm.find(k) } -> std::same_as<std::optional<Value>>;
  { m.add(k, v) } -> std::same_as<Value>;
  { cm.for_each(fn) } -> std::same_as<void>;
  { cm.size() } -> std::same_as<std::size_t>;
};

// Type-erased map. One virtual call per operation (about 1-2 ns; measured against the raw loop
// in runner/map_stress_bench.cpp). Thread-safety is exactly the wrapped adapter's.
class AnyMap {
 public:
  virtual ~AnyMap() = default;
  virtual bool insert(Key k, Value v) = 0;
  virtual bool erase(Key k) = 0;
  virtual std::optional<Value> find(Key k) const = 0;
  virtual Value add(Key k, Value d) = 0;
  virtual void for_each(Visitor fn) const = 0;
  virtual std::size_t size() const = 0;
  // Bytes of the object behind this AnyMap (traces name addresses inside it "target+0xOFF").
  virtual std::size_t footprint() const = 0;
};

namespace detail {
template <MapTarget M>
class MapAdapter final : public AnyMap {
 public:
  bool insert(Key k, Value v) override { return m_.insert(k, v); }
  bool erase(Key k) override { return m_.erase(k); }
  std::optional<Value> find(Key k) const override { return m_.find(k); }
  Value add(Key k, Value d) override { return m_.add(k, d); }
  void for_each(Visitor fn) const override { m_.for_each(fn); }
  std::size_t size() const override { return m_.size(); }
  std::size_t footprint() const override { return sizeof(*this); }

 private:
  M m_;
};
}  // namespace detail

template <MapTarget M>
std::unique_ptr<AnyMap> make_any_map() {
  return std::make_unique<detail::MapAdapter<M>>();
}

}  // namespace contend
