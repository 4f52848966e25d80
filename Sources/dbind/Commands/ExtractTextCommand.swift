import ArgumentParser
import DBindPipeline
import DBindCore
import DBindFormats
import Foundation

/// `dbind extract-text`: questions and entities found in one text, for checking rules by hand.
struct ExtractTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract-text",
        abstract: "Detect questions and entities in a text (code-point spans)."
    )

    @Argument(help: "The text to analyse.")
    var text: String

    @OptionGroup var resources: TextResourceOptions

    @Flag(help: "Print one JSON object {\"questions\": [...], \"entities\": [...]}.")
    var json = false

    /// One span as `--json` prints it: questions carry `kind`, entities `type` and `value`.
    struct Item: Encodable {
        var text: String
        var start: Int
        var end: Int
        var kind: String?
        var type: String?
        var rule: String
        var confidence: Double
        var value: String?
    }

    func run() throws {
        let setup = try resources.load()
        let analysis = TextAnalysis(text: text, questions: setup.questions, entities: setup.entities)
        let questions = zip(analysis.questions, analysis.questionTexts).map {
            Item(text: $1, start: $0.start, end: $0.end, kind: $0.kind.rawValue, rule: $0.rule, confidence: $0.confidence)
        }
        let entities = zip(analysis.entities, analysis.entityTexts).map {
            Item(text: $1, start: $0.start, end: $0.end, type: $0.type.rawValue, rule: $0.rule, confidence: $0.confidence, value: $0.value)
        }
        if json {
            print(JSONOutput.line(["questions": questions, "entities": entities]))
        } else {
            for q in questions { print("QUESTION\t\(q.start)\t\(q.end)\t\(q.kind!)\t\(q.rule)\t\(q.confidence)\t\(q.text)") }
            for e in entities { print("\(e.type!)\t\(e.start)\t\(e.end)\t\(e.rule)\t\(e.confidence)\t\(e.text)\t→ \(e.value ?? "")") }
        }
    }
}
