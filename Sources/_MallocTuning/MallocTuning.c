#include "MallocTuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void secondsale_keep_freed_memory(void) {
#if defined(__GLIBC__)
  // Blocks up to 32 MiB (the most glibc accepts) come from the heap rather than from mappings
  // of their own (unmapped when freed, and their pages faulted in again when mapped anew) ...
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  // ... the heap is not trimmed until 256 MiB at its top are free ...
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  // ... and grows 64 MiB beyond each request, in fewer system calls. Pages never written cost
  // no memory.
  mallopt(M_TOP_PAD, 64 << 20);
#endif
}
