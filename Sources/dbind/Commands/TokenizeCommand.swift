import ArgumentParser
import DBindPipeline
import DBindCore
import DBindFormats
import Foundation

/// `dbind tokenize`: shows how the chat tokenizer splits a text.
struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Split a text into tokens with kinds and code-point offsets."
    )

    @Argument(help: "The text to tokenize (or use --input).")
    var text: String?

    @Option(help: "Tokenize many texts: a file with one JSON string per line. With --json, prints one array of [start, end, kind] lists per text.")
    var input: String?

    @Flag(help: "Only UAX #29 word segmentation, without chat rules.")
    var base = false

    @Flag(help: "Print a JSON array of {text, kind, start, end} (code-point offsets).")
    var json = false

    func validate() throws {
        guard (text == nil) != (input == nil) else { throw ValidationError("give either a text or --input") }
    }

    func run() throws {
        let tokenizer = base ? Tokenizer.base : Tokenizer.chat
        if let input {
            let lists = try TextLines.read(path: input).map { tokenizer.tokenize($0).tokens.map(TokenListing.Compact.init) }
            if json {
                print(JSONOutput.line(lists))
            } else {
                for (index, tokens) in lists.enumerated() { print("\(index)\t\(tokens.count) tokens") }
            }
            return
        }
        let tokens = TokenListing.all(tokenizer.tokenize(text ?? ""))
        if json {
            print(JSONOutput.line(tokens))
        } else {
            for token in tokens { print("\(token.start)\t\(token.end)\t\(token.kind)\t\(token.text)") }
        }
    }
}
