import Foundation

/// Who made a label. Every label names someone, so a name of nothing but spaces is no name, and
/// spaces around a name are not part of it (`agreement` would count " ann" and "ann" as two).
public enum AnnotatorName {
    /// `raw` without surrounding white space; nil when nothing is left.
    public static func validated(_ raw: String) -> String? {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }
}
