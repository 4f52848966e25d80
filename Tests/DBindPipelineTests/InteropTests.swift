import DBindCore
import DBindFormats
@testable import DBindPipeline
import DBindStore
import DBindTestSupport
import Foundation
import Testing

/// Runs `scripts/interop_check.py`, which loads an export with the tool's own library, and
/// returns its counts; nil when that library is not installed here.
func interopCheck(_ arguments: [String]) throws -> [String: Any]? {
    let run = try Python.json(["scripts/interop_check.py"] + arguments)
    if run.status == 2 { return nil }
    #expect(run.status == 0, "\(run.stderr)")
    return run.json
}

/// Chat that breaks naive offsets: ZWJ sequences, skin tones, flags, CJK, combining marks,
/// code fences, tabs, runs of spaces, and leading and trailing whitespace.
let hardTexts = [
    "  leading spaces 👩‍👩‍👧‍👦 family and 🇯🇵 flag: is example.org up?",
    "東京で会いましょう 👍🏽 see https://example.com/路径?q=1\tand\t\ttabs",
    "```swift\nlet x = 1\n```\nthen  two  spaces and e\u{301}xample.org ",
    "trailing newline 🏳️‍🌈\n",
    "$ETH to 🚀🚀 100% by v1.2.3 — 10 ETH?",
]

extension TaggedGuild {
    /// Adds a channel of `hardTexts` to the guild, ingested and tagged like the rest.
    func addHardChannel() throws {
        let messages = hardTexts.enumerated().map { i, text in
            """
            {"id": "\(1_500_000_000_000_000_000 + i)", "type": "Default", "timestamp": "2024-05-01T10:0\(i):00+00:00",
             "timestampEdited": null, "callEndedTimestamp": null, "isPinned": false, "content": \(jsonString(text)),
             "author": {"id": "1400000000000000001", "name": "hana", "discriminator": "0000", "nickname": "Hana",
                        "color": null, "isBot": false, "roles": [], "avatarUrl": ""},
             "attachments": [], "embeds": [], "stickers": [], "reactions": [], "mentions": [], "inlineEmojis": []}
            """
        }
        let file = """
        {"guild": {"id": "1100000000000000001", "name": "Lumen DAO", "iconUrl": ""},
         "channel": {"id": "1490000000000000001", "type": "GuildTextChat", "categoryId": null, "category": null,
                     "name": "unicode", "topic": null},
         "dateRange": {"after": null, "before": null}, "exportedAt": "2024-06-01T00:00:00+00:00",
         "messages": [\(messages.joined(separator: ",\n"))], "messageCount": \(messages.count)}
        """
        let path = dir + "/unicode.json"
        try file.write(toFile: path, atomically: true, encoding: .utf8)
        let report = IngestJob(store: store).run(paths: [path])
        #expect(report.failures.isEmpty, "\(report.failures)")
        try tag()
    }
}

func jsonString(_ text: String) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed]), as: UTF8.self)
        .dropFirst().dropLast().description
}

@Suite("Exports in the tools' own libraries", .serialized)
struct InteropTests {
    @Test("spaCy rebuilds every Prodigy task from its tokens and aligns every span strictly",
          .enabled(if: Python.hasModule("spacy"), "needs spaCy (pip install spacy)"))
    func prodigyInSpacy() throws {
        let guild = try TaggedGuild()
        try guild.addHardChannel()
        for unit in [ExportUnit.Kind.conversation, .message] {
            let path = try guild.export(.prodigy, unit: unit, name: "prodigy-\(unit).jsonl", tokens: true)
            let counts = try #require(try interopCheck(["prodigy", path]))
            #expect(counts["tasks"] as? Int ?? 0 > 200)
            #expect(counts["rebuilt"] as? Int == counts["tasks"] as? Int, "\(counts["failures"] ?? "")")
            #expect(counts["spans"] as? Int ?? 0 > 500)
            #expect(counts["aligned"] as? Int == counts["spans"] as? Int, "\(counts["failures"] ?? "")")
        }
    }

    @Test("doccano's editor (JavaScript string indices, run in node) selects the text Python selects",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/node"), "needs node"))
    func doccanoInJavaScript() throws {
        let guild = try TaggedGuild()
        try guild.addHardChannel()
        let doccano = try guild.export(.doccano, name: "doccano.jsonl")
        let prodigy = try guild.export(.prodigy, name: "prodigy.jsonl")
        let counts = try #require(try interopCheck(["doccano", doccano, prodigy]))
        #expect(counts["spans"] as? Int ?? 0 > 500)
        #expect(counts["right"] as? Int == counts["spans"] as? Int, "\(counts["failures"] ?? "")")
        // Code points are what doccano misplaces: the check must see it.
        let wrong = try guild.export(.doccano, name: "doccano-cp.jsonl", options: ExportOptions(offsets: .codepoint))
        let misplaced = try #require(try interopCheck(["doccano", wrong, prodigy]))
        #expect(misplaced["right"] as? Int ?? 0 < misplaced["spans"] as? Int ?? 0)
    }

    @Test("label-studio-sdk accepts the labeling config, every prediction and every annotation",
          .enabled(if: Python.hasModule("label_studio_sdk"), "needs label-studio-sdk (pip install label-studio-sdk)"))
    func labelStudioSDK() throws {
        let guild = try TaggedGuild()
        try guild.addHardChannel()
        let support = try guild.channel("support")
        try guild.store.setLabel(level: .channel, itemID: support.id.description, labelSet: "channel-kind", annotator: "bo",
                                 value: "support", action: .label)
        for unit in [ExportUnit.Kind.channel, .message, .conversation] {
            let config = guild.dir + "/\(unit).label-config.xml"
            let path = try guild.export(.labelStudio, unit: unit, name: "\(unit).ls.jsonl", labelConfig: config)
            let counts = try #require(try interopCheck(["label-studio", path, config]))
            #expect(counts["valid_predictions"] as? Int == counts["predictions"] as? Int, "\(counts["failures"] ?? "")")
            #expect(counts["valid_annotations"] as? Int == counts["annotations"] as? Int, "\(counts["failures"] ?? "")")
            #expect(counts["region_text_matches"] as? Int == counts["regions"] as? Int)
            if unit == .channel { #expect(counts["annotations"] as? Int == 1) }
        }
    }
}
