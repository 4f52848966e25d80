import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// A store in a fresh temporary folder, removed when the job is done with it.
struct ScratchStore {
    let directory: String
    let store: Store

    init() throws {
        directory = NSTemporaryDirectory() + "dbind-scratch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        do {
            store = try Store(path: directory + "/store.sqlite")
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A file the worker could not read: the file and the error line, so the job that ran the
/// worker can say which file broke it.
public struct PipeError: Error, CustomStringConvertible {
    public var description: String
}

/// Ingests files into a scratch store and reports the guild context a single run would see.
public struct ContextJob {
    public var paths: [String]

    public init(paths: [String]) {
        self.paths = paths
    }

    public func run() throws -> [GuildContext] {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let report = IngestJob(store: scratch.store).run(paths: paths)
        if let failure = report.failures.first { throw PipeError(description: failure.error ?? failure.path) }
        return try GuildContext.all(in: scratch.store)
    }
}

extension GuildContext {
    /// The context of every guild in a store, as tagging reads it.
    public static func all(in store: Store) throws -> [GuildContext] {
        try store.guilds().map { guild in
            GuildContext(guild: guild, channels: try store.channels(guild: guild.id), roles: try store.roles(guild: guild.id),
                         members: try store.members(guild: guild.id))
        }
    }
}

/// The stateless worker behind `dbind pipe`: DCE files in, native conversation lines out, by way
/// of a private scratch store (ingest → tag → export). With the guild context of a first pass
/// over the whole guild, its lines for these files equal a single run's over all files.
public struct PipeJob {
    public var paths: [String]
    public var contexts: [GuildContext]?
    public var schema: TagSchema
    public var text: TextResources
    public var linkModel: LinkModel?

    public init(paths: [String], contexts: [GuildContext]?, schema: TagSchema, text: TextResources) {
        self.paths = paths
        self.contexts = contexts
        self.schema = schema
        self.text = text
    }

    public func run(into sink: LineSink) throws -> ExportReport {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let ingest = IngestJob(store: scratch.store).run(paths: paths)
        if let failure = ingest.failures.first { throw PipeError(description: failure.error ?? failure.path) }
        var tag = TagJob(store: scratch.store, schema: schema, text: text)
        tag.linkModel = linkModel
        if let contexts { tag.guildContexts = Dictionary(contexts.map { ($0.guild.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        _ = try tag.run()
        return try ExportJob(store: scratch.store, format: .native, unit: .conversation).run(into: sink)
    }
}
