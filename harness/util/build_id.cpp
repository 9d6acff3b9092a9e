#include "util/build_id.h"

#include <elf.h>
#include <link.h>

#include <cstdio>
#include <cstring>

namespace contend {

namespace {

int find_note(struct dl_phdr_info* info, size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  if (info->dlpi_name != nullptr && info->dlpi_name[0] != '\0') return 0;  // the executable only
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const auto* n = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const char* name = p + sizeof(ElfW(Nhdr));
      const char* desc = name + ((n->n_namesz + 3) & ~3u);
      if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
        char hex[3];
        for (unsigned j = 0; j < n->n_descsz; ++j) {
          std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(desc[j]));
          *out += hex;
        }
        return 1;
      }
      p = desc + ((n->n_descsz + 3) & ~3u);
    }
  }
  return 0;
}

}  // namespace

std::string executable_build_id() {
  std::string id;
  dl_iterate_phdr(find_note, &id);
  return id.empty() ? "unknown" : id;
}

}  // namespace contend
