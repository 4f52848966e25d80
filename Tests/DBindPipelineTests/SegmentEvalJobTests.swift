import DBindCore
import DBindFormats
@testable import DBindPipeline
import DBindStore
import DBindTestSupport
import Foundation
import Testing

/// The IRC dev split, as `dbind eval segment` reads it.
let ircDev = RepoPaths.sharedData + "/irc-disentanglement/dev"

@Suite("dbind eval segment measures what dbind tag does",
       .enabled(if: FileManager.default.fileExists(atPath: ircDev + "/gold.dev.clusters.txt"), "needs ../shared/data/irc-disentanglement/dev"))
struct SegmentEvalJobTests {
    /// One IRC file as a DiscordChatExporter file, as a user would convert and ingest it.
    func dce(_ sample: IRCDisentanglementSample, channel: UInt64) throws -> Data {
        let messages: [[String: Any]] = SegmentEvalJob.guildMessages(sample, channel: Snowflake(channel)).map { m in
            [
                "id": m.id.description, "type": m.kind.rawValue, "timestamp": m.timestamp.iso8601UTC, "content": m.content,
                "author": ["id": m.author.id.description, "name": m.author.name, "isBot": false],
                "mentions": m.mentions.map { ["id": $0.id.description, "name": $0.name] },
            ]
        }
        return try JSONSerialization.data(withJSONObject: [
            "guild": ["id": "1", "name": "IRC disentanglement"],
            // Named after its product, as a real help channel is.
            "channel": ["id": String(channel), "type": "GuildTextChat", "name": "ubuntu-" + sample.name],
            "exportedAt": "2026-01-01T00:00:00+00:00",
            "messages": messages,
        ], options: [.sortedKeys])  // guild and channel come before messages, as DCE writes them
    }

    @Test("eval segment's numbers and channel kinds equal those of the files ingested and tagged as a user would")
    func equalsTheProductPath() throws {
        let samples = try IRCDisentanglementLoader.load(directory: ircDev)
        let schema = try TagSchemaLoader(searchDirectories: [RepoPaths.root + "/schemas"]).load("base")
        let text = try TextResources.load(questionRules: RepoPaths.root + "/schemas/questions.yaml")
        let evaluation = try SegmentEvalJob(samples: samples, schema: schema, text: text).run()

        let dir = try temporaryDirectory()
        for (i, sample) in samples.enumerated() {
            try dce(sample, channel: UInt64(i + 1)).write(to: URL(fileURLWithPath: dir + "/\(sample.name).json"))
        }
        let store = try Store(path: dir + "/store.sqlite")
        let ingest = IngestJob(store: store).run(paths: [dir])
        #expect(ingest.failures.isEmpty, "\(ingest.failures)")
        _ = try TagJob(store: store, schema: schema, text: text).run()
        let channels = try store.channels()
        let links = try samples.map { sample in
            let channel = try #require(channels.first { $0.name == "ubuntu-" + sample.name })
            let stored = Dictionary(try store.links(channel: channel.id).map { ($0.messageID, $0) }, uniquingKeysWith: { a, _ in a })
            return sample.messages.map { (antecedent: stored[$0.id]?.antecedentID, rule: LinkRule.continuation) }
        }
        let inputs = samples.map { SegmentEvaluation.Input(sample: $0.evaluation, messages: $0.messages.map(SegmentMessage.init)) }
        let user = SegmentEvaluation(inputs: inputs, links: links, options: SegmenterOptions())
        #expect(evaluation.overall.clusters.scaledVI == user.overall.clusters.scaledVI)
        #expect(evaluation.overall.clusters.oneToOne == user.overall.clusters.oneToOne)
        #expect(evaluation.overall.clusters.f1 == user.overall.clusters.f1)
        #expect(evaluation.overall.messages == 2500)

        // Every file is the Ubuntu help channel: support, from what happens in it (no name,
        // topic, reply or role says so), the same in both runs.
        #expect(evaluation.channelKinds.count == samples.count)
        for kind in evaluation.channelKinds {
            #expect(kind.kind == "support" && kind.rules.contains("support.helpers-answer"), "\(kind)")
        }
        for channel in channels {
            let tag = try #require(try store.autoTags(level: .channel, itemID: channel.id.description).first { $0.facet == FacetDefinition.channelKind })
            #expect(tag.tag == "channel.kind/support", "\(channel.name): \(tag.tag) \(tag.rules)")
        }
    }
}
