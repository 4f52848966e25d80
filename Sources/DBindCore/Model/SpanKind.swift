/// What a text span is. Stored by name; a closed set the extractor, review and export share.
public enum SpanKind: String, Sendable, Hashable, CaseIterable, Encodable {
    case question
    case entity
}

/// Where a value in force comes from: a person's label wins over the auto-tagger.
public enum ValueSource: String, Sendable, Hashable, Encodable {
    case auto
    case manual
}
