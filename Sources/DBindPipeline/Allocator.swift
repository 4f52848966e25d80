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
    /// system; one arena per core (at least two), so threads share their free memory.
    /// Set once, before the first job thread starts; later calls do nothing.
    static func returnLargeBlocks() {
        _ = configured
    }

    private static let configured: Bool = {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
        _ = mallopt(M_ARENA_MAX, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
        #endif
        return true
    }()
}
