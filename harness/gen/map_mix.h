// MapMixSpec and OpStream: the map-mix workload. A spec (operation weights, key space, key
// distribution, threads, budget, seed) fully determines every thread's operation sequence:
// thread t draws from Rng(derive_seed(seed, t)), independent of the other threads.
// Specs come from presets (workloads/map-mix/*.json, embedded in the binary) and are then
// overridden by flags; the resolved spec is echoed into every result.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "gen/key_dist.h"
#include "gen/op.h"
#include "util/error.h"
#include "util/rng.h"

namespace contend {

struct MapMixSpec {
  std::string preset = "default";  // preset the spec started from
  // Relative weights per OpKind (insert, erase, find, add, iterate, size); need not sum to 1.
  std::array<double, kOpKinds> weights{0.25, 0.15, 0.45, 0.15, 0.0, 0.0};
  uint64_t key_space = 4096;        // shared keys [0, key_space)
  KeyDistSpec dist;                 // how shared keys are picked
  double private_fraction = 0.1;    // share of insert/erase/find on the thread's private keys
  uint32_t private_keys = 64;       // private keys per thread
  uint32_t counter_keys = 8;        // keys touched only by add() (conservation check)
  uint32_t threads = 2;             // worker threads
  uint64_t ops_per_thread = 200000; // budget in operations; 0 = run for duration_s
  double duration_s = 0;            // budget in seconds when ops_per_thread == 0
  uint64_t seed = 1;                // the only randomness input
};

// Rejects values no run could use, naming the field and the fix.
Status validate(const MapMixSpec& spec);

// Overlays the fields present in `j` onto `spec`; unknown fields and wrong types are errors
// naming the field (`where` names the source, e.g. a preset file).
Status apply_json(const nlohmann::json& j, MapMixSpec& spec, const std::string& where);
nlohmann::json to_json(const MapMixSpec& spec);

bool writes_in_mix(const MapMixSpec& spec);  // insert, erase or add has weight > 0

// Thread `thread`'s operation sequence. Cheap (a few ns per op), allocation-free.
class OpStream {
 public:
  OpStream(const MapMixSpec& spec, uint32_t thread);
  Op next();

 private:
  Key single_key(OpKind kind);

  const MapMixSpec& spec_;
  uint32_t thread_;
  Rng rng_;
  KeySampler keys_;
  std::array<double, kOpKinds> cumulative_{};
};

}  // namespace contend
