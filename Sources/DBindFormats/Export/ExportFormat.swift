import DBindCore

/// The export formats dbind writes, one JSON object per line.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// dbind's own format, described by `schemas/export.schema.json`.
    case native
    /// Prodigy tasks: `text`, `spans`, `tokens`, `meta`, `answer`, `_input_hash`, `_task_hash`.
    case prodigy
    /// doccano sequence labeling: `text` and `label` as `[start, end, label]`.
    case doccano
    /// Label Studio tasks: `data.text`, auto spans as `predictions`, manual labels as `annotations`.
    case labelStudio = "label-studio"

    /// The unit the format's tool counts span offsets in (README, "Offsets per tool"): code
    /// points for native, Prodigy (Python strings) and Label Studio (its editor converts the
    /// browser's selection with `fixCodePointsInRange`); UTF-16 code units for doccano, whose
    /// editor keeps JavaScript string indices.
    public var defaultOffsets: OffsetUnit {
        switch self {
        case .native, .prodigy, .labelStudio: .codepoint
        case .doccano: .utf16
        }
    }

    /// Whether the format holds one text per unit with spans over it (every format but native).
    public var isSpanFormat: Bool { self != .native }

    /// A fresh encoder for one export run.
    public func encoder(_ options: ExportOptions = ExportOptions()) -> any UnitEncoder {
        let offsets = options.offsets ?? defaultOffsets
        switch self {
        case .native: return NativeEncoder()
        case .prodigy: return ProdigyEncoder(offsets: offsets, includeEmpty: options.includeEmpty)
        case .doccano: return DoccanoEncoder(offsets: offsets, includeEmpty: options.includeEmpty)
        case .labelStudio: return LabelStudioEncoder(offsets: offsets, includeEmpty: options.includeEmpty)
        }
    }
}

/// Choices an export run makes beyond the format.
public struct ExportOptions: Sendable {
    /// The unit of span offsets in span formats; `nil` takes the format's tool default.
    public var offsets: OffsetUnit?
    /// Whether span formats keep units with no text (attachment-only messages).
    public var includeEmpty: Bool

    public init(offsets: OffsetUnit? = nil, includeEmpty: Bool = false) {
        self.offsets = offsets
        self.includeEmpty = includeEmpty
    }
}

/// Writes export units of one format as JSON Lines.
public protocol UnitEncoder {
    /// Appends `unit` as one line; returns false (writing nothing) when the format leaves it out.
    mutating func encode(_ unit: ExportUnit, into w: inout JSONWriter) -> Bool
}

/// A span format: one task per unit with its messages joined into one text, offsets counted
/// in the unit the importing tool expects.
protocol SpanTaskEncoder: UnitEncoder {
    var offsets: OffsetUnit { get }
    var includeEmpty: Bool { get }
}

extension SpanTaskEncoder {
    /// The unit's joined text and its offset converter; nil when the unit has no text and
    /// empty units are left out.
    func task(_ u: ExportUnit) -> (joined: JoinedText, at: OffsetConverter)? {
        let joined = JoinedText(u)
        guard includeEmpty || !joined.isBlank else { return nil }
        return (joined, OffsetConverter(text: joined.text, unit: offsets))
    }
}
