#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DBindCore
import Foundation

/// Where a long job is: what it does, how far it got, and what it works on now.
public struct ProgressStatus: Sendable, Equatable {
    /// `ingest`, `tag`, `export`.
    public var label: String
    public var done: Int
    /// What `done` counts (`messages`, `channels`).
    public var unit: String
    /// How much of the whole job is done (0...1), when known: gives the ETA.
    public var fraction: Double?
    /// The file or channel being worked on, cut in the middle when the line is short.
    public var name: String?
    /// A short count of steps such as `3/162`.
    public var step: String?

    public init(label: String, done: Int, unit: String, fraction: Double? = nil, name: String? = nil, step: String? = nil) {
        self.label = label
        self.done = done
        self.unit = unit
        self.fraction = fraction
        self.name = name
        self.step = step
    }

    /// The status as one line of exactly `width` columns: label, step, count, rate, ETA, name.
    public func line(elapsed: Double, width: Int) -> String {
        var parts = [label]
        if let step { parts.append("[\(step)]") }
        parts.append("\(Self.grouped(done)) \(unit)")
        if elapsed > 0.5 { parts.append("\(Self.grouped(Int(Double(done) / elapsed)))/s") }
        if let fraction, fraction > 0.001, elapsed > 0.5 {
            parts.append("ETA " + Self.duration(elapsed * max(0, 1 - fraction) / fraction))
        }
        var line = parts.joined(separator: "  ")
        if let name, !name.isEmpty {
            let room = width - DisplayWidth.columns(line) - 2
            if room >= 8 { line += "  " + DisplayWidth.truncateMiddle(name, to: room) }
        }
        line = DisplayWidth.truncate(line, to: width)
        return line + String(repeating: " ", count: max(0, width - DisplayWidth.columns(line)))
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

/// A one-line status on standard error, redrawn in place at the terminal's width (so it never
/// wraps), shown only when standard error is a terminal: piped and scripted runs stay quiet.
public final class TerminalProgress: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    public init(enabled: Bool = TerminalProgress.standardErrorIsTerminal) {
        self.enabled = enabled
    }

    /// The terminal's width in columns, one less so the cursor never moves to a new line.
    static var columns: Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 79 }
        return max(20, Int(size.ws_col) - 1)
    }

    /// Redraws the line, at most ten times a second.
    public func update(_ status: @autoclosure () -> ProgressStatus) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        let line = status().line(elapsed: now.timeIntervalSince(start), width: Self.columns)
        FileHandle.standardError.write(Data("\r\(line)\r".utf8))
    }

    /// Clears the line so the final report starts on a clean line.
    public func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\(String(repeating: " ", count: Self.columns))\r".utf8)) }
        drawn = false
    }
}
