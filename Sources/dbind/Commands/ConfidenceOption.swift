import ArgumentParser

/// Confidence options (`--min-confidence`, `--max-confidence`): every confidence dbind stores
/// lies in 0…1, so a value outside it selects all or nothing, and is an error instead.
enum ConfidenceOption {
    static func check(_ value: Double?, _ name: String) throws {
        guard let value, !(0...1).contains(value) else { return }
        throw ValidationError("\(name) must be between 0 and 1 (confidences are), got \(value)")
    }
}
