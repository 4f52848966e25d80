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

    /// Reads units on one thread and their messages' spans, tags and labels on a second, while
    /// this one encodes and writes them, so no one thread does most of the work.
    public func run(into sink: LineSink) throws -> ExportReport {
        let start = Date()
        let read = BoundedQueue<Result<[ExportUnit]?, Error>>(capacity: 4)
        let queue = BoundedQueue<Result<[ExportUnit]?, Error>>(capacity: 4)
        let batch = UnitBatch()
        do {
            try store.forEachExportUnit(kind: unit, channels: channels, labelFacets: labelFacets, spawn: startThread, { unit in
                batch.units.append(unit)
                batch.messages += unit.messages.count
                if batch.units.count >= UnitBatch.units || batch.messages >= UnitBatch.messages {
                    guard read.put(.success(batch.units)) else { throw CancellationError() }
                    batch.units = []
                    batch.messages = 0
                }
            }, completing: { completion in
                while var units = try read.take().get() {
                    try completion.complete(&units)
                    guard queue.put(.success(units)) else { throw CancellationError() }
                }
            }, end: { stage, error in
                if stage == 0 {
                    if error == nil, !batch.units.isEmpty { read.put(.success(batch.units)) }
                    read.put(error.map { .failure($0) } ?? .success(nil))
                } else {
                    // The first stage stops at its next unit, if it has not yet.
                    read.close()
                    queue.put(error.map { .failure($0) } ?? .success(nil))
                }
            })
        } catch {
            read.close()
            queue.close()
            throw error
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
                if writer.count >= 1 << 20 {
                    try writer.withBytes { try sink.write($0) }
                    writer.reset()
                    progress?(messages)
                }
            }
        } catch {
            queue.close()
            throw error
        }
        try writer.withBytes { try sink.write($0) }
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

/// The first stage's units not yet handed on; used by its thread alone.
private final class UnitBatch: @unchecked Sendable {
    var units: [ExportUnit] = []
    var messages = 0

    /// Units, or messages, a batch holds before it is handed on: a channel unit of as many
    /// messages goes alone, so a few channels at most wait in the queues, not a guild's worth.
    static let units = 256, messages = 1024
}
