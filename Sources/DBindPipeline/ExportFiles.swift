import Foundation

/// Finds export files under the paths a user names.
public enum ExportFiles {
    public struct Failure: Error {
        public var reason: String
    }

    /// A file is taken as is; a folder yields its `.json` files, recursively, in path order.
    public static func expand(_ path: String) -> Result<[String], Failure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Failure(reason: "no such file or directory"))
        }
        guard isDirectory.boolValue else { return .success([path]) }
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            return .failure(Failure(reason: "cannot list the folder"))
        }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.lowercased().hasSuffix(".json") {
                files.append((path as NSString).appendingPathComponent(relative))
            }
        }
        return .success(files.sorted())
    }
}
