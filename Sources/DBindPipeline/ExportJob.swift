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
    public var options: ExportOptions
    public var unit: ExportUnit.Kind
    public var filter: ExportFilter
    public var channels: Set<Snowflake>?
    public var labelFacets: [String: String]
    /// Turns message text into tokens when tokens are wanted.
    public var tokenizer: ((String) -> [ExportToken])?
    public var progress: ((Int) -> Void)?
    /// For Label Studio: where to write the labeling config, and the label sets it offers as choices.
    public var labelConfig: (path: String, labelSets: [LabelSet])?

    public init(store: Store, format: ExportFormat, options: ExportOptions = ExportOptions(), unit: ExportUnit.Kind,
                filter: ExportFilter = ExportFilter(), channels: Set<Snowflake>? = nil, labelFacets: [String: String] = [:],
                tokenizer: ((String) -> [ExportToken])? = nil, progress: ((Int) -> Void)? = nil) {
        self.store = store
        self.format = format
        self.options = options
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

    /// Reads units on a second thread while this one encodes and writes them.
    public func run(into sink: LineSink) throws -> ExportReport {
        let start = Date()
        let queue = BoundedQueue<Result<[ExportUnit]?, Error>>(capacity: 4)
        let store = self.store, unit = self.unit, channels = self.channels, labelFacets = self.labelFacets
        startThread {
            var batch: [ExportUnit] = []
            do {
                try store.forEachExportUnit(kind: unit, channels: channels, labelFacets: labelFacets) { unit in
                    batch.append(unit)
                    if batch.count >= 256 {
                        guard queue.put(.success(batch)) else { throw CancellationError() }
                        batch = []
                    }
                }
                if !batch.isEmpty { queue.put(.success(batch)) }
                queue.put(.success(nil))
            } catch is CancellationError {
                return
            } catch {
                queue.put(.failure(error))
            }
        }
        var writer = JSONWriter(capacity: 1 << 20)
        var encoder = format.encoder(options)
        var units = 0
        var messages = 0
        do {
            while let batch = try queue.take().get() {
                for unit in batch {
                    guard var unit = filter.apply(unit) else { continue }
                    if let tokenizer {
                        for i in unit.messages.indices { unit.messages[i].tokens = tokenizer(unit.messages[i].text) }
                    }
                    guard encoder.encode(unit, into: &writer) else { continue }
                    units += 1
                    messages += unit.messages.count
                }
                if writer.bytes.count >= 1 << 20 {
                    try sink.write(writer.bytes)
                    writer.reset()
                    progress?(messages)
                }
            }
        } catch {
            queue.close()
            throw error
        }
        try sink.write(writer.bytes)
        if let labelConfig, let studio = encoder as? LabelStudioEncoder {
            let level: ItemLevel = unit == .channel ? .channel : unit == .message ? .message : .conversation
            try LineSink.write(studio.labelConfig(labelSets: labelConfig.labelSets, level: level), toFile: labelConfig.path)
        }
        try sink.finish()
        return ExportReport(units: units, messages: messages, bytes: sink.bytesWritten,
                            seconds: (Date().timeIntervalSince(start) * 1000).rounded() / 1000,
                            format: format.rawValue, unit: self.unit.rawValue, out: sink.path)
    }
}
