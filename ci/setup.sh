#!/usr/bin/env bash
# Installs every Debian package contend needs, skipping what is already present.
# Idempotent: a second run installs nothing and prints "all present".
# Usage: ci/setup.sh            (root, or sudo available)
set -euo pipefail

# Each line: package  # why
PACKAGES=(
  cmake ninja-build g++-12                    # build
  clang-14 libclang-rt-14-dev lld-14          # clang + libFuzzer/sanitizer runtimes; lld for afl-clang-lto
  libtbb-dev                                  # oneTBB targets and tbbmalloc
  libcuckoo-dev                               # libcuckoo target
  libgtest-dev libgmock-dev                   # unit tests
  libbenchmark-dev                            # overhead benchmarks
  nlohmann-json3-dev                          # result JSON
  libcli11-dev                                # command-line parsing
  afl++                                       # second fuzzing engine
  libjemalloc-dev libmimalloc-dev             # allocator dimension
  binutils                                    # addr2line for traces
  python3                                     # ci/nightly.py, result parsing in ci/*.sh
  zip                                         # seed corpus archives (fuzzers/oss-fuzz/build.sh)
  chromium                                    # headless render check of the HTML report (compare_report_test)
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
