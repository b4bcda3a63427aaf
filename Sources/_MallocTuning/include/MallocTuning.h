#ifndef SECONDSALE_MALLOC_TUNING_H
#define SECONDSALE_MALLOC_TUNING_H

/// Tells the C library's allocator to keep the memory a program frees for its next allocations
/// instead of handing it back to the kernel (and to take large blocks from the heap, not from
/// fresh mappings), so that memory freed by one step is reused by the next without page faults.
///
/// For a short-lived command-line program only: a library must not change its embedder's
/// allocator. Does nothing where the C library is not glibc.
void secondsale_keep_freed_memory(void);

#endif
