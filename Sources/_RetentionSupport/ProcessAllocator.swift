#if canImport(Glibc)
  import Glibc
#endif

/// The C library's allocator settings of a short-lived command-line program.
///
/// For an executable's `main` only: a library must not change its embedder's allocator.
package enum ProcessAllocator {
  /// Tells glibc's allocator to keep the memory the program frees for its next allocations
  /// instead of handing it back to the kernel, and to take blocks up to 32 MiB from the heap
  /// rather than from mappings of their own, so that memory freed by one step (an import's
  /// pending rows, say) is reused by the next without fresh page faults.
  ///
  /// Does nothing where the C library is not glibc, or where `mallopt` cannot be found.
  package static func keepFreedMemory() {
    #if canImport(Glibc)
      // `mallopt` is declared in <malloc.h>, which the Glibc module does not import: look it up.
      guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "mallopt") else { return }
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      // The option numbers of <malloc.h>.
      let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3
      _ = mallopt(mmapThreshold, 32 << 20)  // the largest threshold glibc accepts
      _ = mallopt(trimThreshold, 256 << 20)  // trim only when 256 MiB at the top are free
      _ = mallopt(topPad, 64 << 20)  // grow 64 MiB beyond each request; unwritten pages cost nothing
    #endif
  }
}
