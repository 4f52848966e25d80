import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// `dbind eval segment` through the product path: the annotated IRC files are stored as the
/// channels of one guild in a scratch store, `TagJob` tags them exactly as `dbind tag` does
/// (same question detector, extractor and segmenter setup), and the links it stored are scored;
/// the channel kind each file got comes along (every file is a help channel: Ubuntu support).
public struct SegmentEvalJob {
    public var samples: [IRCDisentanglementSample]
    public var schema: TagSchema
    public var text: TextResources
    public var gapMilliseconds: Int64?
    public var linkModel: LinkModel?

    public init(samples: [IRCDisentanglementSample], schema: TagSchema, text: TextResources, gapMilliseconds: Int64? = nil,
                linkModel: LinkModel? = nil) {
        self.samples = samples
        self.schema = schema
        self.text = text
        self.gapMilliseconds = gapMilliseconds
        self.linkModel = linkModel
    }

    /// The guild the samples are stored as: one channel per file.
    static let guild = Guild(id: Snowflake(1), name: "IRC disentanglement")

    static func channel(_ sample: IRCDisentanglementSample, _ index: Int) -> Channel {
        Channel(id: Snowflake(UInt64(index + 1)), guildID: guild.id, type: "GuildTextChat", name: sample.name)
    }

    /// A sample's messages as a guild channel holds them: one member per nick across every file,
    /// as a user turning IRC logs into a guild gets (a guild keeps one name per member, while IRC
    /// renames mid-log). The member id is a 63-bit FNV-1a hash of the nick.
    public static func guildMessages(_ sample: IRCDisentanglementSample, channel: Snowflake) -> [Message] {
        func member(_ author: Author) -> Author {
            Author(id: Snowflake(FNV1a.hash(author.name.utf8) >> 1), name: author.name, isBot: author.isBot)
        }
        return sample.messages.map { message in
            var m = message
            m.channelID = channel
            m.author = member(message.author)
            m.mentions = message.mentions.map(member)
            return m
        }
    }

    public func run() throws -> SegmentEvaluation {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let writer = IngestWriter(store: scratch.store)
        for (index, sample) in samples.enumerated() {
            let channel = Self.channel(sample, index)
            _ = try writer.write(guild: Self.guild, channel: channel, exportedAt: nil,
                                 messages: Self.guildMessages(sample, channel: channel.id))
        }
        var tag = TagJob(store: scratch.store, schema: schema, text: text, gapMilliseconds: gapMilliseconds)
        tag.linkModel = linkModel
        _ = try tag.run()
        let inputs = samples.map { SegmentEvaluation.Input(sample: $0.evaluation, messages: $0.messages.map(SegmentMessage.init)) }
        let links = try samples.enumerated().map { index, sample in
            let stored = Dictionary(try scratch.store.links(channel: Self.channel(sample, index).id).map { ($0.messageID, $0) },
                                    uniquingKeysWith: { a, _ in a })
            return sample.messages.map { m -> (antecedent: Snowflake?, rule: LinkRule) in
                let link = stored[m.id]
                return (link?.antecedentID, link.flatMap { LinkRule(rawValue: $0.rule) } ?? .continuation)
            }
        }
        var options = SegmenterOptions()
        options.gapMilliseconds = gapMilliseconds
        var evaluation = SegmentEvaluation(inputs: inputs, links: links, options: options)
        evaluation.channelKinds = try samples.enumerated().compactMap { index, sample in
            try scratch.store.autoTags(level: .channel, itemID: Self.channel(sample, index).id.description)
                .first { $0.facet == FacetDefinition.channelKind }
                .map { SegmentEvaluation.ChannelKind(channel: sample.name, kind: FacetDefinition.channelKindName(of: $0.tag),
                                                     confidence: $0.confidence, rules: $0.rules) }
        }
        return evaluation
    }
}
