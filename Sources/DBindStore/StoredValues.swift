import DBindCore
import GRDB

// Closed sets stored as their raw names: GRDB reads and writes them directly, so no caller
// passes or compares the strings.
extension ItemLevel: DatabaseValueConvertible {}
extension LabelAction: DatabaseValueConvertible {}
extension SpanKind: DatabaseValueConvertible {}

/// How reading one export file ended, as `ingest_files` records it.
public enum IngestFileStatus: String, Sendable, Hashable, Encodable, DatabaseValueConvertible {
    /// Every message of the file is stored.
    case complete
    /// The file broke part-way; the messages before the break are stored.
    case partial
    /// Nothing of the file is stored (unreadable, not an export, bad header).
    case failed
}
