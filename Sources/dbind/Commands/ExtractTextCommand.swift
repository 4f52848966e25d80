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
        let analysis = TextAnalysis(text: text, questions: setup.questions, entities: setup.entities)
        let listing = AnalysisListing(analysis)
        if json {
            print(JSONOutput.line(listing))
        } else {
            for q in listing.questions { print("QUESTION\t\(q.start)\t\(q.end)\t\(q.kind!)\t\(q.rule)\t\(q.confidence)\t\(q.text)") }
            for e in listing.entities { print("\(e.type!)\t\(e.start)\t\(e.end)\t\(e.rule)\t\(e.confidence)\t\(e.text)\t→ \(e.value ?? "")") }
        }
    }
}
