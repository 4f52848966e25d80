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

    func run() throws {
        let setup = try resources.load()
        let tokenized = Tokenizer.chat.tokenize(text)
        let sentences = SentenceSplitter.split(tokenized)
        let questions = setup.questions.detect(tokenized, sentences: sentences)
        let entities = setup.entities.extract(tokenized)
        let slice = { (start: Int, end: Int) in tokenized.buffer.slice(start, end) }
        if json {
            let questionItems: [[String: Any]] = questions.map {
                ["text": slice($0.start, $0.end), "start": $0.start, "end": $0.end, "kind": $0.kind.rawValue,
                 "rule": $0.rule, "confidence": $0.confidence]
            }
            let entityItems: [[String: Any]] = entities.map {
                ["text": slice($0.start, $0.end), "start": $0.start, "end": $0.end, "type": $0.type.rawValue,
                 "rule": $0.rule, "confidence": $0.confidence, "value": $0.value]
            }
            print(try JSONOutput.line(object: ["questions": questionItems, "entities": entityItems]))
        } else {
            for question in questions {
                print("QUESTION\t\(question.start)\t\(question.end)\t\(question.kind.rawValue)\t\(question.rule)\t\(question.confidence)\t\(slice(question.start, question.end))")
            }
            for entity in entities {
                print("\(entity.type.rawValue)\t\(entity.start)\t\(entity.end)\t\(entity.rule)\t\(entity.confidence)\t\(slice(entity.start, entity.end))\t→ \(entity.value)")
            }
        }
    }
}
