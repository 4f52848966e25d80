import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// What an export wrote.
public struct ExportReport: Encodable, Sendable {
    public var units: Int
    public var messages: Int
    public var bytes: Int
    public var seconds: Double
    public var format: String
    public var unit: String
    public var out: String?
}

/// Streams units from the store through a filter into JSON Lines of one format.
public struct ExportJob {
    public var store: Store
    public var format: ExportFormat
    public var unit: ExportUnit.Kind
    public var filter: ExportFilter
    public var channels: Set<Snowflake>?
    public var labelFacets: [String: String]
    /// Turns message text into tokens when tokens are wanted.
    public var tokenizer: ((String) -> [ExportToken])?
    public var progress: ((Int) -> Void)?

    public init(store: Store, format: ExportFormat, unit: ExportUnit.Kind, filter: ExportFilter = ExportFilter(),
                channels: Set<Snowflake>? = nil, labelFacets: [String: String] = [:],
                tokenizer: ((String) -> [ExportToken])? = nil, progress: ((Int) -> Void)? = nil) {
        self.store = store
        self.format = format
        self.unit = unit
        self.filter = filter
        self.channels = channels
        self.labelFacets = labelFacets
        self.tokenizer = tokenizer
        self.progress = progress
    }

    /// Tokens of the chat tokenizer, as exports write them.
    public static func chatTokens(_ text: String) -> [ExportToken] {
        let tokenized = Tokenizer.chat.tokenize(text)
        return tokenized.tokens.map {
            ExportToken(text: tokenized.buffer.slice($0.start, $0.end), kind: $0.kind.rawValue, start: $0.start, end: $0.end)
        }
    }

    public func run(into sink: LineSink) throws -> ExportReport {
        let start = Date()
        var writer = JSONWriter(capacity: 1 << 20)
        var units = 0
        var messages = 0
        try store.forEachExportUnit(kind: unit, channels: channels, labelFacets: labelFacets) { unit in
            guard var unit = filter.apply(unit) else { return }
            if let tokenizer {
                for i in unit.messages.indices { unit.messages[i].tokens = tokenizer(unit.messages[i].text) }
            }
            ExportEncoder.encode(unit, format: format, into: &writer)
            units += 1
            messages += unit.messages.count
            if writer.bytes.count >= 1 << 20 {
                try sink.write(writer.bytes)
                writer.reset()
                progress?(messages)
            }
        }
        try sink.write(writer.bytes)
        try sink.finish()
        return ExportReport(units: units, messages: messages, bytes: sink.bytesWritten,
                            seconds: (Date().timeIntervalSince(start) * 1000).rounded() / 1000,
                            format: format.rawValue, unit: unit.rawValue, out: sink.path)
    }
}
