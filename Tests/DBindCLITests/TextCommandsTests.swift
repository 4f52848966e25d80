import Foundation
import Testing

@Suite("Text commands")
struct TextCommandsTests {
    @Test("tokenize --json prints code-point offsets and kinds")
    func tokenize() throws {
        let run = try CLI.run(["tokenize", "👍🏽 see https://x.io :)", "--json"])
        #expect(run.status == 0)
        let tokens = try #require(try run.json() as? [[String: Any]])
        #expect(tokens.map { $0["kind"] as? String } == ["emoji", "word", "url", "emoticon"])
        #expect(tokens.map { $0["start"] as? Int } == [0, 3, 7, 20])
        #expect(tokens.map { $0["end"] as? Int } == [2, 6, 19, 22])
        #expect(tokens[2]["text"] as? String == "https://x.io")
    }

    @Test("extract-text --json prints questions and entities with spans")
    func extractText() throws {
        let run = try CLI.run(["extract-text", "thanks! does anyone know if $5k is enough by tomorrow?", "--json"])
        #expect(run.status == 0)
        let object = try #require(try run.json() as? [String: Any])
        let questions = try #require(object["questions"] as? [[String: Any]])
        let entities = try #require(object["entities"] as? [[String: Any]])
        #expect(questions.count == 1)
        #expect(questions.first?["kind"] as? String == "request-for-help")
        #expect(questions.first?["start"] as? Int == 8)
        #expect(Set(questions.first?.keys.map { $0 } ?? []) == ["text", "start", "end", "kind", "rule", "confidence"])
        #expect(entities.map { $0["type"] as? String } == ["MONEY", "DATE"])
        #expect(entities.first?["value"] as? String == "5000 USD")
        #expect(Set(entities.first?.keys.map { $0 } ?? []) == ["text", "start", "end", "type", "rule", "confidence", "value"])
    }

    @Test("eval entities --json ends with one metrics object")
    func evalEntities() throws {
        let run = try CLI.run(["eval", "entities", "--gold", "fixtures/gold/written-multilingual.jsonl", "--json"])
        #expect(run.status == 0)
        let object = try #require(try run.json() as? [String: Any])
        let patternDefined = try #require(object["pattern_defined"] as? [String: Any])
        #expect((patternDefined["f1"] as? Double ?? 0) > 0.9)
        #expect(object["by_type"] is [String: Any])
    }

    @Test("eval with every gold file skipped fails instead of scoring an empty set 1.000")
    func evalNothingToScore() throws {
        for kind in ["questions", "entities"] {
            let run = try CLI.run(["eval", kind, "--gold", "fixtures/gold/irc-train-sample.jsonl", "--data", "/nonexistent", "--json"])
            #expect(run.status != 0, "\(kind)")
            #expect(run.stderr.contains("no gold items to score: every file was skipped"), "\(kind): \(run.stderr)")
        }
        // Token gold has no question or entity labels: nothing of either kind to score.
        let tokensOnly = try CLI.run(["eval", "questions", "--gold", "fixtures/gold/tokens.jsonl"])
        #expect(tokensOnly.status != 0 && tokensOnly.stderr.contains("no gold items to score"), "\(tokensOnly.stderr)")
    }

    @Test("A broken pattern file is reported with file and line")
    func badPatternFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dbind-bad-\(UUID().uuidString).jsonl")
        try "{\"label\": \"A\", \"pattern\": \"ok\"}\n{\"label\": \"B\", \"pattern\": [{\"NOPE\": 1}]}\n".write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let run = try CLI.run(["extract-text", "ok", "--patterns", path.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(path.lastPathComponent):2:"))
    }
}
