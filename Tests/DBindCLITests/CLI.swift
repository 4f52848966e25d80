import DBindTestSupport
import Foundation

/// Runs the built `dbind` executable, as a user would.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The last line of standard output parsed as JSON (the `--json` contract).
        func json() throws -> Any { try ProgramRun.lastLineJSON(stdout) }
    }

    static let root = RepoPaths.root

    /// The executable sits next to the test bundle in the build products folder.
    static let executable: String = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("dbind").path) {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("dbind").path
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
                    directory: String = root) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DBIND_DB")
        for (k, v) in environment { env[k] = v }
        let run = try Program.run(executable, arguments, directory: directory, environment: env, stdin: stdin.map { Data($0.utf8) })
        return Result(status: run.status, stdout: run.output, stderr: run.errors)
    }

    /// Starts `dbind` with output discarded, kills it with SIGKILL after `seconds` and returns
    /// the process once it has exited (its `terminationReason` says whether the kill landed).
    static func killed(_ arguments: [String], after seconds: Double) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process
    }
}
