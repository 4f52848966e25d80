import DBindCore
import Foundation

/// A link scorer's weights file (`dbind train segmenter`): read with errors naming the
/// file and line, written whole under a temporary name.
public enum LinkModelFile {
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
