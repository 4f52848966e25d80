import Foundation
import Glibc

extension FileHandle {
    /// Reads until end of file, or with `untilEndOfFile` false until the first bytes arrive,
    /// retrying a read that a signal interrupts. Foundation's `readDataToEndOfFile` and
    /// `availableData` trap on EINTR, which a process running children (Chromium, Python) can get.
    public func readRetryingInterrupts(untilEndOfFile: Bool = true) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
                if !untilEndOfFile { return data }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return data
            }
        }
    }
}
