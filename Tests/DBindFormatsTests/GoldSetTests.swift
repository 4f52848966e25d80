import DBindCore
import DBindFormats
import DBindTestSupport
import Foundation
import Testing

@Suite("Gold sets")
struct GoldSetTests {
    let written = RepoPaths.rootURL.appendingPathComponent("fixtures/gold/written-multilingual.jsonl").path
    let chatLines = RepoPaths.rootURL.appendingPathComponent("fixtures/gold/chat-lines.jsonl").path

    @Test("The written multilingual set loads and meets the targets")
    func writtenSet() throws {
        let items = try GoldSetLoader.load(path: written, dataRoot: RepoPaths.sharedDataURL.path)
        #expect(items.count >= 80)
        expectTargets(items)
    }

    @Test("Chat lines resolve to real data lines and meet the targets",
          .enabled(if: RepoPaths.hasSharedData, "needs ../shared/data (shared evaluation data)"))
    func chatLineSet() throws {
        let items = try GoldSetLoader.load(path: chatLines, dataRoot: RepoPaths.sharedDataURL.path)
        #expect(items.count >= 400)
        #expect(items.allSatisfy { $0.file != nil && !$0.text.isEmpty })
        expectTargets(items)
    }

    /// The targets every gold set of written and chat lines is held to: question F1 0.9,
    /// entity F1 0.95 on the types pattern files define.
    func expectTargets(_ items: [GoldItem]) {
        #expect(TextEvaluation.questions(items, detector: QuestionDetector()).overall.f1 >= 0.9)
        let entities = TextEvaluation.entities(items)
        #expect(entities.scores.micro(Set(EntityType.patternDefined.map(\.rawValue))).f1 >= 0.95)
    }

    @Test("The random train sample scores every question kind it labels",
          .enabled(if: RepoPaths.hasSharedData, "needs ../shared/data (shared evaluation data)"))
    func trainSample() throws {
        let path = RepoPaths.rootURL.appendingPathComponent("fixtures/gold/irc-train-sample.jsonl").path
        let items = try GoldSetLoader.load(path: path, dataRoot: RepoPaths.sharedDataURL.path)
        #expect(items.count == 320)
        #expect(items.allSatisfy { ($0.question == true) == ($0.questionKind != nil) })
        let result = TextEvaluation.questions(items, detector: QuestionDetector())
        let labelled = Dictionary(grouping: items.compactMap(\.questionKind), by: { $0 }).mapValues(\.count)
        for (kind, count) in labelled {
            let score = result.byKind[kind] ?? PRF()
            #expect(score.truePositives + score.falseNegatives == count, "\(kind.rawValue)")
        }
        #expect(result.overall.f1 >= 0.9)
    }

    @Test("An unknown question kind is an error naming the gold line")
    func unknownKind() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gold-\(UUID().uuidString).jsonl")
        try "{\"text\": \"why?\", \"question\": true, \"question_kind\": \"why\"}\n".write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        #expect { try GoldSetLoader.load(path: path.path, dataRoot: RepoPaths.sharedDataURL.path) } throws: { "\($0)".contains(":1: ") }
    }

    @Test("A gold line that points past the end of its file is an error naming the gold line",
          .enabled(if: RepoPaths.hasSharedData, "needs ../shared/data (shared evaluation data)"))
    func badReference() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gold-\(UUID().uuidString).jsonl")
        try "{\"file\": \"irc-disentanglement/dev/2004-11-15_03.raw.txt\", \"line\": 99999, \"question\": true}\n"
            .write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        #expect { try GoldSetLoader.load(path: path.path, dataRoot: RepoPaths.sharedDataURL.path) } throws: { "\($0)".contains(":1: ") }
    }

    @Test("IRC and DISCO lines yield the message text")
    func messageText() {
        #expect(GoldSetLoader.messageText("[12:18] <Matt|> epod, oh k", file: "x.raw.txt") == "epod, oh k")
        #expect(GoldSetLoader.messageText("=== topyli has left", file: "x.raw.txt") == nil)
        #expect(GoldSetLoader.messageText("  <text>a &lt;b&gt; &amp; c</text>", file: "x.xml.out") == "a <b> & c")
    }
}
