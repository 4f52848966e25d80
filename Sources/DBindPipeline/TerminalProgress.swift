#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A one-line status on standard error, redrawn in place, shown only when standard error is a
/// terminal: piped and scripted runs stay quiet.
public final class TerminalProgress: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    public init(enabled: Bool = TerminalProgress.standardErrorIsTerminal) {
        self.enabled = enabled
    }

    /// Redraws the line, at most ten times a second.
    public func update(_ line: @autoclosure () -> String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(line())".utf8))
    }

    /// Clears the line so the final report starts on a clean line.
    public func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        drawn = false
    }
}
