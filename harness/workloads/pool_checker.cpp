#include "workloads/pool_checker.h"

#include <cstring>
#include <string>

namespace contend::workloads {

namespace {
std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}
std::string who(uint64_t tag) { return "thread " + std::to_string((tag >> 48) - 1) + " (tag " + hex(tag) + ")"; }
}  // namespace

PoolObject* checked_acquire(AnyPool& pool, uint64_t tag, int64_t thread, ViolationLog& log) {
  PoolObject* o = pool.acquire();
  uint64_t expected = 0;
  // acq_rel: acquire pairs with the previous holder's release store of 0 (its writes, incl. the
  // poison, happen-before our reads); release publishes our ownership to a racing holder.
  if (!o->owner.compare_exchange_strong(expected, tag, std::memory_order_acq_rel, std::memory_order_acquire)) {
    log.add("double-handout", thread, nullptr,
            "acquire by thread " + std::to_string(thread) + " returned object " + hex(reinterpret_cast<uintptr_t>(o)) +
                " still held by " + who(expected));
    return nullptr;
  }
  unpoison_payload(o);
  const unsigned char* p = o->payload();
  for (uint32_t i = 0; i < o->size; ++i) {
    if (p[i] == 0) continue;
    uint64_t word = 0;
    std::memcpy(&word, p + (i & ~uint32_t{7}), sizeof word);
    const bool poison = p[i] == kPoolPoisonByte;
    log.add("dirty-object", thread, nullptr,
            "acquire by thread " + std::to_string(thread) + " returned object " + hex(reinterpret_cast<uintptr_t>(o)) +
                " not reset: byte " + std::to_string(i) + " is " + hex(p[i]) +
                (poison ? " (the release poison: never reset since its last release)"
                        : " (data of a previous holder, word " + hex(word) + ")"));
    break;
  }
  for (uint32_t i = 0; i + 8 <= o->size; i += 64) std::memcpy(o->payload() + i, &tag, sizeof tag);
  return o;
}

void checked_release(AnyPool& pool, PoolObject* o, uint64_t tag, int64_t thread, ViolationLog& log) {
  for (uint32_t i = 0; i + 8 <= o->size; i += 64) {
    uint64_t w = 0;
    std::memcpy(&w, o->payload() + i, sizeof w);
    if (w != tag) {
      log.add("ownership", thread, nullptr,
              "object " + hex(reinterpret_cast<uintptr_t>(o)) + " held by " + who(tag) + " was overwritten at byte " +
                  std::to_string(i) + " with " + hex(w) + " during the hold");
      break;
    }
  }
  std::memset(o->payload(), kPoolPoisonByte, o->size);
  o->poisoned.store(1, std::memory_order_relaxed);  // published by the owner release below
  uint64_t expected = tag;
  if (!o->owner.compare_exchange_strong(expected, 0, std::memory_order_release, std::memory_order_relaxed)) {
    log.add("ownership", thread, nullptr,
            "release by " + who(tag) + " of object " + hex(reinterpret_cast<uintptr_t>(o)) + " now owned by " +
                who(expected));
    o->owner.store(0, std::memory_order_release);
  }
  poison_payload(o);
  pool.release(o);
}

uint64_t retention_bound(uint64_t max_held) { return std::max<uint64_t>(8192, 4 * max_held); }

bool check_retention(const PoolStats& s, uint64_t max_held, ViolationLog& log) {
  const uint64_t bound = retention_bound(max_held);
  if (s.retained <= bound) return true;
  log.add("unbounded-retention", -1, nullptr,
          "pool retains " + std::to_string(s.retained) + " free objects after the run (created " +
              std::to_string(s.created) + ", reused " + std::to_string(s.reused) + "), more than " +
              std::to_string(bound) + " = max(8192, 4 x " + std::to_string(max_held) +
              " objects ever held at once): retention grows with the number of operations");
  return false;
}

}  // namespace contend::workloads
