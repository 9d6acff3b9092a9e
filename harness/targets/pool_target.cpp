// Object allocation, reset and poisoning shared by every pool target (see pool_target.h).
#include "targets/pool_target.h"

#include <cstring>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CONTEND_POOL_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define CONTEND_POOL_ASAN 1
#endif
#if defined(CONTEND_POOL_ASAN)
#include <sanitizer/asan_interface.h>
#endif

namespace contend {

PoolGlobalCounters& pool_counters() {
  static PoolGlobalCounters c;
  return c;
}

PoolObject* new_object(std::size_t size) {
  void* mem = ::operator new(sizeof(PoolObject) + size, std::align_val_t{alignof(PoolObject)});
  auto* obj = new (mem) PoolObject();
  obj->size = static_cast<uint32_t>(size);
  std::memset(obj->payload(), 0, size);
  pool_counters().new_objects.fetch_add(1, std::memory_order_relaxed);
  return obj;
}

void delete_object(PoolObject* obj) {
  if (!obj) return;
  unpoison_payload(obj);  // ASan: the allocator may touch the memory again
  obj->~PoolObject();
  ::operator delete(obj, std::align_val_t{alignof(PoolObject)});
  pool_counters().deleted_objects.fetch_add(1, std::memory_order_relaxed);
}

void reset_object(PoolObject* obj) {
  unpoison_payload(obj);
  // acquire: pairs with the releasing thread's release store of `poisoned`, so the poison bytes
  // it wrote are visible here.
  if (obj->poisoned.load(std::memory_order_acquire) != 0) {
    const unsigned char* p = obj->payload();
    for (uint32_t i = 0; i < obj->size; ++i) {
      if (p[i] != kPoolPoisonByte) {
        pool_counters().poison_violations.fetch_add(1, std::memory_order_relaxed);
        break;
      }
    }
    obj->poisoned.store(0, std::memory_order_relaxed);
  }
  std::memset(obj->payload(), 0, obj->size);
}

void poison_payload([[maybe_unused]] PoolObject* obj) {
#if defined(CONTEND_POOL_ASAN)
  ASAN_POISON_MEMORY_REGION(obj->payload(), obj->size);
#endif
}

void unpoison_payload([[maybe_unused]] PoolObject* obj) {
#if defined(CONTEND_POOL_ASAN)
  ASAN_UNPOISON_MEMORY_REGION(obj->payload(), obj->size);
#endif
}

}  // namespace contend
