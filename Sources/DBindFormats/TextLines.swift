import Foundation

/// Reads text corpora stored as one JSON string per line (so texts may contain newlines).
public enum TextLines {
    public static func read(path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(file: path, line: 0, "cannot read file")
        }
        var texts: [String] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let text = try? decoder.decode(String.self, from: Data(line)) else {
                throw FormatError(file: path, line: lineNumber, "expected a JSON string")
            }
            texts.append(text)
        }
        return texts
    }
}
