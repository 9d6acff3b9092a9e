#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script (conventions: google/oss-fuzz docs/getting-started/
# new_project_guide.md). Inputs from the environment: $SRC (checkout parent), $OUT, $WORK, $CXX,
# $CXXFLAGS, $LIB_FUZZING_ENGINE, $FUZZING_ENGINE (libfuzzer or afl), $SANITIZER.
# Writes to $OUT, per fuzzer: the binary (fuzz_map_controlled_<target>, fuzz_checker, ...),
# <fuzzer>_seed_corpus.zip, <fuzzer>.dict and <fuzzer>.options.
#
# Runs locally too (this is how it is tested):
#   SRC=/tmp/oss-src OUT=/tmp/oss-out WORK=/tmp/oss-work CXX=clang++-14 \
#   CXXFLAGS="-fsanitize=fuzzer-no-link" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
#   FUZZING_ENGINE=libfuzzer SANITIZER=none bash fuzzers/oss-fuzz/build.sh
# (with SRC holding a `contend` checkout, or CONTEND_SRC pointing at one).
#
# Only the engine's coverage is taken from $CXXFLAGS, and only for stage 2 of the map targets
# (fuzzers/CMakeLists.txt): the controlled fuzzers' schedule points come from stage 1, and the
# optimization level stays the project's -O2, so a crash file found by OSS-Fuzz replays with
# `contend replay` from a local release build. Sanitizers are not applied to the controlled
# fuzzers: ASan/MSan interceptors and contend's pthread/futex interposition both claim the same
# symbols; sanitizer coverage of the targets comes from fuzz_map_stress in the asan/tsan presets.
set -eu
src=${CONTEND_SRC:-$SRC/contend}
build=$WORK/contend-build
engine=${FUZZING_ENGINE:-libfuzzer}
case "$engine" in
  libfuzzer) cmake_engine=libfuzzer ;;
  afl) cmake_engine=afl ;;
  *) echo "build.sh: FUZZING_ENGINE=$engine is not supported: use libfuzzer or afl" >&2; exit 2 ;;
esac
cov=""
for f in ${CXXFLAGS:-}; do
  case "$f" in -fsanitize=fuzzer-no-link|-fsanitize-coverage=*) cov="$cov $f" ;; esac
done
upper=$(echo "$cmake_engine" | tr a-z A-Z)
# env -u: CMake would otherwise seed CMAKE_CXX_FLAGS from $CXXFLAGS, putting coverage into stage 1.
env -u CFLAGS -u CXXFLAGS cmake -S "$src" -B "$build" -G Ninja \
  -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" \
  -DCONTEND_BUILD_TESTS=OFF -DCONTEND_BUILD_BENCHMARKS=OFF \
  -DCONTEND_FUZZ_ENGINES="$cmake_engine" \
  -DCONTEND_FUZZ_${upper}_LINK="$LIB_FUZZING_ENGINE" \
  ${cov:+-DCONTEND_FUZZ_${upper}_FLAGS="$cov" -DCONTEND_FUZZ_${upper}_COV="$cov"}
cmake --build "$build" -j "$(nproc)" --target fuzz_map_controlled_$cmake_engine fuzz_checker_$cmake_engine \
  $(cmake --build "$build" --target help | sed -n "s/^\(fuzz_pool_controlled_$cmake_engine\):.*/\1/p")

# One self-contained binary per fuzzer name (OSS-Fuzz copies $OUT; symlinks would dangle).
mkdir -p "$OUT"
seeds_zip() {  # seeds_zip DIR ZIP: the seed corpus archive (flat, as OSS-Fuzz expects)
  [ -d "$1" ] && (cd "$1" && zip -q -j "$2" ./*) || true
}
for bin in "$build/fuzzers/$cmake_engine"/fuzz_*; do
  name=$(basename "$bin")
  case "$name" in *.a|*.objs|fuzz_map_controlled|fuzz_map_stress*|fuzz_pool_controlled) continue ;; esac
  cp -L "$bin" "$OUT/$name"
  family=$(echo "$name" | sed -E 's/^(fuzz_(map|pool)_controlled)_.*/\1/')
  [ -f "$src/fuzzers/$family.dict" ] && cp "$src/fuzzers/$family.dict" "$OUT/$name.dict"
  if [ -f "$src/fuzzers/$family.options" ]; then
    sed "s/^dict = .*/dict = $name.dict/" "$src/fuzzers/$family.options" > "$OUT/$name.options"
  fi
  rm -f "$OUT/${name}_seed_corpus.zip"
  seeds_zip "$src/corpora/$family/seeds" "$OUT/${name}_seed_corpus.zip"
done
echo "build.sh: $(ls "$OUT" | grep -vc '\.') fuzzers in $OUT"
