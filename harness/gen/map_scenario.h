// generate_map_scenario: the i-th scenario of an explore run, a Program with init, parallel and
// post parts, a pure function of (spec, index). `explore` runs many of them, each under several
// interleavings, so a run is reproducible from its command line alone.
//
// Generation favours conflict, because a scenario without the triggering pattern can never fail
// whatever the interleaving:
//   init      0 ops (a quarter of the scenarios: fresh-structure and lazy-initialization bugs),
//             a few, or a count near a growth threshold: 2^k x {1/2, 3/4, 7/8, 1} + {-3..+1}
//             for k up to log2(max_init), class k drawn with probability 2^-(k-1) so that every
//             size class gets about the same share of the time (a class costs ~2^k per
//             execution), inserting keys 0..n-1; then sometimes erases a third
//             of them (tombstones, shrinking) and sometimes repeats one operation on a focus key
//             many times (a count drawn the same way: promotion after N accesses)
//   parallel  spec.threads threads of 1..spec.ops_per_thread ops (half the scenarios full
//             length), kinds by spec.weights; shared keys come mostly from a hot set of 1-2
//             keys mixing present keys (the focus key, an init key) and new ones just past the
//             init range (inserts that grow the structure), so threads collide on keys; after
//             repeats on a focus key, half the scenarios make it the only hot key, and half the
//             operations on it repeat the init part's access (find)
//   post      find of every shared key the parallel part touched, then iterate() and size()
//             (iterate only with MapScenarioOptions::post_iterate)
// Private and counter keys follow spec (private_fraction, counter_keys) as in map-mix, so the
// cheap invariants keep working; program.spec.key_space covers the init range plus
// spec.key_space new keys.
#pragma once

#include <cstdint>

#include "gen/program.h"

namespace contend {

struct MapScenarioOptions {
  uint32_t max_init = 4096;  // upper end of the init size range (0: never an init part)
  bool post = true;          // generate the post part
  bool post_iterate = true;  // end the post part with iterate() (false where iteration is costly)
};

Program generate_map_scenario(const MapMixSpec& spec, uint64_t index, const MapScenarioOptions& opts = {});

// A count spread over growth thresholds, as described above, in [0, max]: the sizes at which
// containers resize, rebalance or promote.
uint64_t threshold_count(Rng& rng, uint64_t max);

}  // namespace contend
