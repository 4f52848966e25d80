#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DBindCore
import DBindFixtures
import DBindFormats
import DBindStore
import Foundation

/// One measured stage of the pipeline.
public struct BenchStage: Encodable, Sendable {
    public var stage: String
    public var messages: Int
    public var bytes: Int
    public var seconds: Double
    public var messages_per_second: Double
    public var mb_per_second: Double
    /// Peak resident memory of the process so far, in MB (the OS reports a running maximum).
    public var peak_rss_mb: Double
    /// Tokens produced, for the tokenizer stage.
    public var tokens: Int?

    public init(stage: String, messages: Int, bytes: Int, seconds: Double) {
        self.stage = stage
        self.messages = messages
        self.bytes = bytes
        self.seconds = (seconds * 1000).rounded() / 1000
        messages_per_second = seconds > 0 ? (Double(messages) / seconds).rounded() : 0
        mb_per_second = seconds > 0 ? ((Double(bytes) / 1e6 / seconds) * 10).rounded() / 10 : 0
        peak_rss_mb = (Bench.peakResidentMB() * 10).rounded() / 10
    }
}

/// Throughput and memory of each pipeline stage over a generated guild.
public enum Bench {
    /// Peak resident set size of this process, in MB.
    public static func peakResidentMB() -> Double {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
        #endif
    }

    /// Reuses the guild in `directory` if it was generated with the same parameters, else writes it.
    public static func guild(messages: Int, channels: Int, seed: UInt64, directory: String) throws -> [String] {
        let stamp = directory + "/.generated"
        let parameters = "\(messages) \(channels) \(seed)"
        if (try? String(contentsOfFile: stamp, encoding: .utf8)) == parameters,
           case .success(let files) = ExportFiles.expand(directory), !files.isEmpty {
            return files
        }
        try? FileManager.default.removeItem(atPath: directory)
        let files = try SyntheticGuild(messages: messages, channels: channels, seed: seed).write(to: directory)
        try parameters.write(toFile: stamp, atomically: true, encoding: .utf8)
        return files
    }

    /// Reads every file without storing anything: the cost of the streaming parser alone.
    public static func parse(files: [String]) throws -> BenchStage {
        let start = Date()
        var count = 0
        var bytes = 0
        for file in files {
            let reader = try DCEReader(file: file)
            while try reader.next() != nil { count += 1 }
            bytes += reader.fileSize
        }
        return BenchStage(stage: "parse", messages: count, bytes: bytes, seconds: Date().timeIntervalSince(start))
    }

    /// Parses and stores every file into a fresh database at `databasePath`.
    public static func ingest(files: [String], databasePath: String) throws -> BenchStage {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
        let store = try Store(path: databasePath)
        let report = IngestJob(store: store).run(paths: files)
        if let failure = report.failures.first { throw StoreError(path: failure.path, reason: failure.error ?? "ingest failed") }
        return BenchStage(stage: "ingest", messages: report.counts.total, bytes: report.bytes, seconds: report.seconds)
    }

    /// Segments and classifies every channel as `dbind tag` does: the segmenter's question test
    /// and the classifier's text analyses are answered by the text stage, run beforehand and not
    /// timed (the extract stage measures it), and the channel and message tags use the links
    /// the segmenter made. Times each stage alone, not the reads.
    public static func segmentAndClassify(store: Store, schema: TagSchema, resources: TextResources,
                                          linkModel: LinkModel?) throws -> [BenchStage] {
        var segmenting = 0.0, classifying = 0.0
        var count = 0
        let base = Classifier(schema: schema)
        for channel in try store.channels() {
            let messages = try store.messages(channel: channel.id)
            let analyses = TextAnalysis.byText(messages, questions: resources.questions, entities: resources.entities)
            let segmenter = Segmenter(options: SegmenterOptions(linkModel: linkModel), isQuestion: TextAnalysis.questionTest(analyses))
            let input = messages.map(SegmentMessage.init)
            var start = Date()
            let segmented = segmenter.segment(input)
            segmenting += Date().timeIntervalSince(start)
            let antecedents = segmented.antecedents

            let classifier = base.reading(with: ExtractionAnalyzer(known: analyses, questions: resources.questions,
                                                                   entities: resources.entities))
            start = Date()
            var profile = classifier.profileBuilder(for: channel)
            for m in messages {
                guard let features = profile.add(m, antecedent: antecedents[m.id]) else { continue }
                _ = classifier.classify(features: features, level: .message, itemID: m.id.description)
            }
            _ = classifier.classify(channel: profile.build())
            classifying += Date().timeIntervalSince(start)
            count += messages.count
        }
        return [BenchStage(stage: "segment", messages: count, bytes: 0, seconds: segmenting),
                BenchStage(stage: "classify", messages: count, bytes: 0, seconds: classifying)]
    }

    /// Tokenizes every message text with the chat tokenizer.
    public static func tokenize(texts: [String]) -> BenchStage {
        let start = Date()
        var tokens = 0
        for text in texts { tokens += Tokenizer.chat.tokenize(text).tokens.count }
        var stage = BenchStage(stage: "tokenize", messages: texts.count, bytes: texts.reduce(0) { $0 + $1.utf8.count },
                               seconds: Date().timeIntervalSince(start))
        stage.tokens = tokens
        return stage
    }

    /// Finds questions and entities in every message text.
    public static func extract(texts: [String], resources: TextResources) -> BenchStage {
        let start = Date()
        var spans = 0
        for text in texts {
            let analysis = TextAnalysis(text: text, questions: resources.questions, entities: resources.entities)
            spans += analysis.questions.count + analysis.entities.count
        }
        return BenchStage(stage: "extract", messages: texts.count, bytes: texts.reduce(0) { $0 + $1.utf8.count },
                          seconds: Date().timeIntervalSince(start))
    }

    /// The whole `dbind tag` run: extract, segment, classify and store.
    public static func tag(store: Store, schema: TagSchema, resources: TextResources, linkModel: LinkModel?) throws -> BenchStage {
        let start = Date()
        var job = TagJob(store: store, schema: schema, text: resources, full: true)
        job.linkModel = linkModel
        let report = try job.run()
        return BenchStage(stage: "tag", messages: report.channels.reduce(0) { $0 + $1.messages }, bytes: 0,
                          seconds: Date().timeIntervalSince(start))
    }

    /// Native export of every conversation to a file.
    public static func export(store: Store, path: String) throws -> BenchStage {
        let report = try ExportJob(store: store, format: .native, unit: .conversation).run(into: try LineSink(path: path))
        return BenchStage(stage: "export", messages: report.messages, bytes: report.bytes, seconds: report.seconds)
    }
}
