import CMalloc

/// The C allocator's settings for jobs whose threads build and drop channel-sized arrays
/// (tag's workers) or pass many short-lived pages between them (ingest, export).
///
/// glibc's defaults keep freed memory for reuse: a block over its mapping threshold is mapped
/// and unmapped, but the threshold rises to the size of each mapped block freed (up to 32 MB),
/// so after the first channel its arrays come from the heap and stay there when freed; and each
/// thread may get an arena of its own, each holding its own free memory.
enum Allocator {
    /// Blocks of 1 MB and more are mapped, so a finished channel's large arrays go back to the
    /// system; two arenas for all threads, so free memory is shared rather than kept per thread.
    /// Set once, before the first job thread starts; later calls do nothing.
    static func returnLargeBlocks() {
        _ = configured
    }

    private static let configured: Bool = {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
        _ = mallopt(M_ARENA_MAX, 2)
        #endif
        return true
    }()
}
