import CMalloc
import Foundation

/// The C allocator's settings for a process whose job threads build and drop large arrays
/// (each tag worker holds a whole channel's).
///
/// glibc's defaults keep freed memory for reuse: a block over its mapping threshold is mapped
/// and unmapped, but the threshold rises to the size of each mapped block freed (up to 32 MB),
/// so after the first channel its arrays come from the heap and stay there when freed; and up
/// to eight arenas per core may each hold free memory of their own.
enum Allocator {
    /// Blocks of 1 MB and more are mapped, so a finished channel's large arrays go back to the
    /// system. An arena for each job thread (a worker per core, plus the writer and the caller):
    /// with fewer, three busy threads took turns at two arenas' locks, and on a 196,000-message
    /// guild `dbind tag` made 172,000 `futex` calls, against 38,000 with an arena each.
    /// Set once, before the first job thread starts; later calls do nothing.
    static func returnLargeBlocks() {
        _ = configured
    }

    private static let configured: Bool = {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
        _ = mallopt(M_ARENA_MAX, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount) + 2))
        #endif
        return true
    }()
}
