// Plain replay main (no engine): runs LLVMFuzzerTestOneInput once on each file argument, like
// libFuzzer's own `./fuzzer FILE...`. A failing input aborts with the fuzzer's report.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  LLVMFuzzerInitialize(&argc, &argv);
  for (int i = 1; i < argc; ++i) {
    std::ifstream f(argv[i], std::ios::binary);
    if (!f) {
      std::fprintf(stderr, "cannot read %s\n", argv[i]);
      return 2;
    }
    const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(f), {}};
    std::fprintf(stderr, "Running: %s (%zu bytes)\n", argv[i], bytes.size());
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
  }
  std::fprintf(stderr, "Executed %d inputs, no failure\n", argc - 1);
  return 0;
}
