import DBindFormats
import Foundation

/// The real Python clients the interop tests check against (spaCy, networkx, DuckDB, …).
public enum Python {
    /// Whether `python3` can import `module`.
    public static func hasModule(_ module: String) -> Bool { Shell.succeeds(["python3", "-c", "import \(module)"]) }

    /// Runs `python3 arguments…` in the repository and parses the JSON object on the last line
    /// of its output (nil when there is none).
    public static func json(_ arguments: [String]) throws -> (status: Int32, json: [String: Any]?, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = RepoPaths.rootURL
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is read on another thread, so a chatty child never blocks on a full pipe.
        let errors = PipeReader(err)
        let data = out.fileHandleForReading.readRetryingInterrupts()
        process.waitUntilExit()
        let last = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        let json = try? JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any]
        return (process.terminationStatus, json, String(decoding: errors.wait(), as: UTF8.self))
    }
}

/// Programs on the machine that tests depend on.
public enum Shell {
    /// Whether `arguments` (a program on PATH and its arguments) runs and exits 0.
    public static func succeeds(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// A pipe read to its end on a thread of its own.
public final class PipeReader: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: Data?

    public init(_ pipe: Pipe) {
        Thread.detachNewThread { [self] in
            let read = pipe.fileHandleForReading.readRetryingInterrupts()
            condition.lock()
            data = read
            condition.signal()
            condition.unlock()
        }
    }

    public func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data!
    }
}
