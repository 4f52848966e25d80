import DBindFormats
import Foundation
import Testing

/// Runs the built `dbind` binary (next to the test bundle) in the repository root.
private func runText(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
    guard let binary = candidates.map({ $0.appendingPathComponent("dbind") }).first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CocoaError(.fileNoSuchFile)
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readRetryingInterrupts()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

private func lastJSON(_ output: String) throws -> Any {
    let line = output.split(separator: "\n").last.map(String.init) ?? ""
    return try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
}

@Suite("Text commands")
struct TextCommandsTests {
    @Test("tokenize --json prints code-point offsets and kinds")
    func tokenize() throws {
        let (status, output) = try runText(["tokenize", "👍🏽 see https://x.io :)", "--json"])
        #expect(status == 0)
        let tokens = try #require(try lastJSON(output) as? [[String: Any]])
        #expect(tokens.map { $0["kind"] as? String } == ["emoji", "word", "url", "emoticon"])
        #expect(tokens.map { $0["start"] as? Int } == [0, 3, 7, 20])
        #expect(tokens.map { $0["end"] as? Int } == [2, 6, 19, 22])
        #expect(tokens[2]["text"] as? String == "https://x.io")
    }

    @Test("extract-text --json prints questions and entities with spans")
    func extractText() throws {
        let (status, output) = try runText(["extract-text", "thanks! does anyone know if $5k is enough by tomorrow?", "--json"])
        #expect(status == 0)
        let object = try #require(try lastJSON(output) as? [String: Any])
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
        let (status, output) = try runText(["eval", "entities", "--gold", "fixtures/gold/written-multilingual.jsonl", "--json"])
        #expect(status == 0)
        let object = try #require(try lastJSON(output) as? [String: Any])
        let patternDefined = try #require(object["pattern_defined"] as? [String: Any])
        #expect((patternDefined["f1"] as? Double ?? 0) > 0.9)
        #expect(object["by_type"] is [String: Any])
    }

    @Test("A broken pattern file is reported with file and line")
    func badPatternFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dbind-bad-\(UUID().uuidString).jsonl")
        try "{\"label\": \"A\", \"pattern\": \"ok\"}\n{\"label\": \"B\", \"pattern\": [{\"NOPE\": 1}]}\n".write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let (status, output) = try runText(["extract-text", "ok", "--patterns", path.path])
        #expect(status != 0)
        #expect(output.contains("\(path.lastPathComponent):2:"))
    }
}
