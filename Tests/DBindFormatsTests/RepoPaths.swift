import Foundation

/// Paths of the repository and of the shared evaluation data beside it.
enum RepoPaths {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var rootURL: URL { URL(fileURLWithPath: root) }
    static func fixture(_ relative: String) -> String { root + "/fixtures/" + relative }
    /// `../shared/data`, or `DBIND_SHARED_DATA` when set: CI points it at a missing folder to run
    /// the suite as a user's clone without the evaluation data.
    static let sharedData = ProcessInfo.processInfo.environment["DBIND_SHARED_DATA"] ?? root + "/../shared/data"
    static var sharedDataURL: URL { URL(fileURLWithPath: sharedData).standardizedFileURL }
    static var hasSharedData: Bool { FileManager.default.fileExists(atPath: sharedData + "/README.md") }
}

/// Writes `bytes` to a fresh temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8], name: String = "export.json") throws -> String {
    let dir = NSTemporaryDirectory() + "dbind-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}
