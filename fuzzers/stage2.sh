#!/bin/sh
# Stage 2 of the fuzzer build (design note controlled-scheduling.md §5.10/§6): the objects given
# are LLVM bitcode already carrying the thread instrumentation (stage 1: -fsanitize=thread
# -emit-llvm). Compiling them again with only the engine's coverage flags puts the coverage
# counters in AFTER the TSan pass, so counter updates are never schedule points.
# usage: stage2.sh OUT.a "COMPILER [ARGS]" "FLAGS" OBJ...
set -eu
out=$1; compiler=$2; flags=$3; shift 3
dir="$out.objs"
rm -rf "$dir" "$out"; mkdir -p "$dir"
i=0
for bc in "$@"; do
  i=$((i + 1))
  # shellcheck disable=SC2086  # compiler and flags are word lists
  AFL_QUIET=1 $compiler $flags -x ir -c "$bc" -o "$dir/$i-$(basename "$bc")"
done
ar rcs "$out" "$dir"/*.o
