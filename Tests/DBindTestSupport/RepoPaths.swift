import Foundation

/// Paths of the repository and of the shared evaluation data beside it.
public enum RepoPaths {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var rootURL: URL { URL(fileURLWithPath: root) }
    public static func fixture(_ relative: String) -> String { root + "/fixtures/" + relative }
    /// `../shared/data`, or `DBIND_SHARED_DATA` when set: CI points it at a missing folder to run
    /// the suite as a user's clone without the evaluation data.
    public static let sharedData = ProcessInfo.processInfo.environment["DBIND_SHARED_DATA"] ?? root + "/../shared/data"
    public static var sharedDataURL: URL { URL(fileURLWithPath: sharedData).standardizedFileURL }
    public static var hasSharedData: Bool { FileManager.default.fileExists(atPath: sharedData + "/README.md") }
}

/// A new, empty folder of its own, inside this test process's folder.
public func temporaryDirectory(_ prefix: String = "dbind-tests") throws -> String {
    let dir = testProcessDirectory + "/" + prefix + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// One folder per test process under the system's temporary folder, removed when the process
/// exits, so a run leaves nothing behind however many stores and exports its tests made.
private let testProcessDirectory: String = {
    atexit { try? FileManager.default.removeItem(atPath: processDirectoryPath()) }
    return processDirectoryPath()
}()

private func processDirectoryPath() -> String { NSTemporaryDirectory() + "dbind-tests-\(getpid())" }
