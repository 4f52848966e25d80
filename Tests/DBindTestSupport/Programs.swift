import DBindFormats
import Foundation

/// A program run to its end, with what it wrote.
public struct ProgramRun: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data

    public var output: String { String(decoding: stdout, as: UTF8.self) }
    public var errors: String { String(decoding: stderr, as: UTF8.self) }

    /// The last line of standard output parsed as JSON (the `--json` contract); nil when there is none.
    public func lastJSON() -> Any? { try? Self.lastLineJSON(output) }

    /// The last line of `text` parsed as JSON: what a `--json` run prints last.
    public static func lastLineJSON(_ text: String) throws -> Any {
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        return try JSONSerialization.jsonObject(with: Data(last.utf8), options: [.fragmentsAllowed])
    }
}

/// Runs the programs tests drive: dbind itself, and the real clients and tools it is checked against.
public enum Program {
    /// Runs `executable` (a path, or a name looked up on PATH) to its end. Standard input gets
    /// `stdin` and is then closed; standard error is read on a thread of its own, so a chatty
    /// child never blocks on a full pipe. `environment` replaces the inherited one when given.
    public static func run(_ executable: String, _ arguments: [String], directory: String? = nil,
                           environment: [String: String]? = nil, stdin: Data? = nil) throws -> ProgramRun {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let errors = PipeReader(err)
        let output = out.fileHandleForReading.readRetryingInterrupts()
        let errorOutput = errors.wait()
        process.waitUntilExit()
        return ProgramRun(status: process.terminationStatus, stdout: output, stderr: errorOutput)
    }
}

/// The real Python clients the interop tests check against (spaCy, networkx, DuckDB, …).
public enum Python {
    /// Whether `python3` can import `module`.
    public static func hasModule(_ module: String) -> Bool { Shell.succeeds(["python3", "-c", "import \(module)"]) }

    /// Runs `python3 arguments…` in the repository and parses the JSON object on the last line
    /// of its output (nil when there is none).
    public static func json(_ arguments: [String]) throws -> (status: Int32, json: [String: Any]?, stderr: String) {
        let run = try Program.run("python3", arguments, directory: RepoPaths.root)
        return (run.status, run.lastJSON() as? [String: Any], run.errors)
    }
}

/// Programs on the machine that tests depend on.
public enum Shell {
    /// Whether `arguments` (a program on PATH and its arguments) runs and exits 0.
    public static func succeeds(_ arguments: [String]) -> Bool {
        guard let program = arguments.first else { return false }
        return (try? Program.run(program, Array(arguments.dropFirst())))?.status == 0
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
