import Foundation

/// One-line JSON for the last line of a command's output: sorted keys, no slash escaping.
enum JSONOutput {
    static func line(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}
