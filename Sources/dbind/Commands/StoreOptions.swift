import ArgumentParser
import DBindPipeline
import DBindStore
import Foundation

/// The `--db` option shared by every command that uses the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (default: $DBIND_DB, else ./dbind.sqlite).", valueName: "path"))
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["DBIND_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "dbind.sqlite"
    }

    /// The store at `path`; only a command that loads data (`creating`) makes a new one: any
    /// other would leave an empty database behind a mistyped path.
    func open(creating: Bool = false) throws -> Store { try Self.open(path: path, creating: creating) }

    /// Opens a store with the limits set in the environment: `DBIND_BUSY_TIMEOUT` (seconds to
    /// wait for another writer, default 10) and `DBIND_MAX_PAGES` (a size cap in pages).
    static func open(path: String, creating: Bool) throws -> Store {
        if !creating, !FileManager.default.fileExists(atPath: path) {
            throw CLIError("\(path): no such database (`dbind ingest PATH --db \(path)` creates it)")
        }
        let environment = ProcessInfo.processInfo.environment
        let timeout = environment["DBIND_BUSY_TIMEOUT"].flatMap(Double.init) ?? 10
        let maxPages = environment["DBIND_MAX_PAGES"].flatMap(Int.init)
        return try Store(path: path, busyTimeout: timeout, maxPageCount: maxPages)
    }
}

/// An error of the command line itself, shown as one line on standard error with exit code 1.
/// The libraries' errors need no wrapping: ArgumentParser prints any error's description the
/// same way.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Prints `text` without an added newline (reports end with their own).
func printReport(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Prints one line on standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
