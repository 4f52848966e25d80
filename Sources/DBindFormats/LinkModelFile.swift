import DBindCore
import Foundation

/// A link scorer's weights file (`dbind train segmenter`): read with errors naming the
/// file and line, written whole under a temporary name.
public enum LinkModelFile {
    /// The weights `dbind train segmenter` fits on the IRC train split, in the schemas folder;
    /// tag and eval use them when present.
    public static let shippedName = "links-irc.weights"
    public static let shipped = "schemas/" + shippedName

    /// `path`, else the shipped weights when the schemas folder `directory` holds them, else
    /// none (the rules alone).
    public static func load(path: String?, rulesOnly: Bool, directory: String = "schemas") throws -> LinkModel? {
        if rulesOnly { return nil }
        if let path { return try load(path: path) }
        let shipped = directory + "/" + shippedName
        return FileManager.default.fileExists(atPath: shipped) ? try load(path: shipped) : nil
    }

    public static func load(path: String) throws -> LinkModel {
        let content = try FormatError.readText(path)
        do {
            return try LinkModel(parsing: content)
        } catch {
            throw FormatError(file: path, line: error.line, error.reason)
        }
    }

    public static func write(_ model: LinkModel, header: [String], to path: String) throws {
        try LineSink.write(model.text(header: header), toFile: path)
    }
}
