import ArgumentParser
import DBindPipeline
import DBindCore
import DBindFormats
import Foundation

/// `dbind match-patterns`: runs EntityRuler pattern files alone over many texts, so the
/// matcher can be compared with spaCy's on the same input.
struct MatchPatternsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match-patterns",
        abstract: "Run spaCy EntityRuler pattern files over texts (one JSON string per line) and print the matches."
    )

    @Option(name: .customLong("patterns"), help: "spaCy EntityRuler pattern file (JSONL); repeatable.")
    var patternFiles: [String]

    @Option(help: "Texts: a file with one JSON string per line.")
    var input: String

    @Flag(help: "Print one JSON array of {item, start, end, label, id} (code points) as the last line.")
    var json = false

    func run() throws {
        guard let ruler = try EntityPatternLoader.ruler(paths: patternFiles) else {
            throw CLIError("--patterns: the files hold no patterns")
        }
        let matches = PatternMatch.all(in: try TextLines.read(path: input), ruler: ruler)
        if json {
            print(JSONOutput.line(matches))
        } else {
            for match in matches { print("\(match.item)\t\(match.start)\t\(match.end)\t\(match.label)\t\(match.text)") }
        }
    }
}
