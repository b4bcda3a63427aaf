#if canImport(Glibc)
  import Glibc
#endif

extension ProcessAllocator {
  /// Grows the heap by glibc's top pad at once and asks the kernel to back it with transparent
  /// huge pages, so that the memory a short command touches is faulted in 2 MiB at a time
  /// instead of 4 KiB at a time.
  ///
  /// A CDNOW fit touches about 16 MiB: some 4,000 page faults of 4 KiB, each a trip into the
  /// kernel to clear and map one page, a fifth of the run. With huge pages the same memory is
  /// cleared in a few faults. What glibc's `glibc.malloc.hugetlb=1` tunable does when set in the
  /// environment; a program cannot set that tunable for itself, so it advises its heap directly.
  /// Call it after ``keepFreedMemory()``, whose top pad (64 MiB) makes the heap one region that
  /// holds what the command allocates; allocations beyond it get ordinary pages.
  ///
  /// Only advice: where the kernel has transparent huge pages off (`never`), where the C library
  /// is not glibc, or where the heap cannot grow, nothing changes. Memory that is never touched
  /// costs nothing either way (a huge page is only made where the program writes).
  ///
  /// For an executable's `main` only: a library must not change its embedder's memory.
  package static func adviseHugePages() {
    #if canImport(Glibc) && os(Linux)
      let hugePage = 2 << 20
      // malloc is called through its address: a block allocated and freed unused is otherwise
      // removed by the optimiser.
      guard let before = sbrk(0), let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "malloc")
      else { return }
      typealias Malloc = @convention(c) (Int) -> UnsafeMutableRawPointer?
      // A block larger than what is left at the top makes malloc grow the heap by the block and
      // the top pad; freed, it stays at the top for the next allocations.
      guard let block = unsafeBitCast(symbol, to: Malloc.self)(1 << 20) else { return }
      let after = sbrk(0)
      free(block)
      guard let after else { return }
      let start = (Int(bitPattern: before) + hugePage - 1) & ~(hugePage - 1)
      let end = Int(bitPattern: after)
      guard end - start >= hugePage, let region = UnsafeMutableRawPointer(bitPattern: start) else { return }
      _ = madvise(region, end - start, 14)  // MADV_HUGEPAGE of <sys/mman.h>
    #endif
  }
}
