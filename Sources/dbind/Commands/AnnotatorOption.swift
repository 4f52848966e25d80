import DBindCore
import Foundation

/// `--annotator NAME`, else `$USER`: the person a command records labels for.
enum AnnotatorOption {
    /// The given name, else `$USER`; nil when neither names anyone. A blank `--annotator` is an error.
    static func resolve(_ given: String?) throws -> String? {
        if let given {
            guard let name = AnnotatorName.validated(given) else { throw CLIError("--annotator is blank: give the labeler's name") }
            return name
        }
        return ProcessInfo.processInfo.environment["USER"].flatMap(AnnotatorName.validated)
    }
}
