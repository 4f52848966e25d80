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
            let lists: [[[Any]]] = try TextLines.read(path: input).map { text in
                tokenizer.tokenize(text).tokens.map { [$0.start, $0.end, $0.kind.rawValue] }
            }
            if json {
                print(try JSONOutput.line(object: lists))
            } else {
                for (index, tokens) in lists.enumerated() { print("\(index)\t\(tokens.count) tokens") }
            }
            return
        }
        let tokenized = tokenizer.tokenize(text ?? "")
        if json {
            let items: [[String: Any]] = tokenized.tokens.indices.map { index in
                let token = tokenized.tokens[index]
                return ["text": tokenized.text(of: index), "kind": token.kind.rawValue, "start": token.start, "end": token.end]
            }
            print(try JSONOutput.line(object: items))
        } else {
            for index in tokenized.tokens.indices {
                let token = tokenized.tokens[index]
                print("\(token.start)\t\(token.end)\t\(token.kind.rawValue)\t\(tokenized.text(of: index))")
            }
        }
    }
}
