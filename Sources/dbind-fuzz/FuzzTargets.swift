#if canImport(Glibc)
import Glibc
#endif
import DBindCore
import DBindFormats
import DBindPipeline
import DBindStore
import Foundation

/// Fuzz targets: each takes arbitrary bytes and must return without crashing, whatever they are.
///
/// Built with `-sanitize=fuzzer -DFUZZING` the executable is a libFuzzer binary whose target is
/// chosen by `DBIND_FUZZ_TARGET`; built normally it replays files (a corpus or crash inputs)
/// through a target: `dbind-fuzz TARGET FILE...`. See `scripts/fuzz.sh`.
enum FuzzTargets {
    static let names = ["dce", "text", "schema", "import"]

    static func run(_ target: String, _ bytes: UnsafeBufferPointer<UInt8>) {
        switch target {
        case "dce": dce(bytes)
        case "text": text(bytes)
        case "schema": schema(bytes)
        case "import": importLabels(bytes)
        default: break
        }
    }

    /// Tokenizer, sentences, questions and entities over any text; checks the tokenizer's
    /// invariants (tokens in order, inside the text, never empty) and traps when one breaks.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        let tokenized = Tokenizer.chat.tokenize(text)
        let length = text.unicodeScalars.count
        var previousEnd = 0
        for token in tokenized.tokens {
            precondition(token.start >= previousEnd && token.end > token.start && token.end <= length, "bad token \(token)")
            previousEnd = token.end
        }
        _ = TextAnalysis(text: text, questions: questionDetector, entities: entityExtractor)
    }

    static let questionDetector = QuestionDetector()
    static let entityExtractor = EntityExtractor(gazetteer: Gazetteer(authors: [Author(id: Snowflake(1), name: "alice", nickname: "Alice A")]))

    /// The tag schema parser and validator over any YAML.
    static func schema(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = try? TagSchemaLoader.parse(yaml: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
        _ = try? EntityPatternLoader.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.jsonl")
    }

    /// The label importer over any JSON Lines, against a store holding the fixture export.
    static func importLabels(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let store = importStore, let file = fopen(scratchFile, "wb") else { return }
        if let base = bytes.baseAddress { fwrite(base, 1, bytes.count, file) }
        fclose(file)
        _ = try? LabelImportJob(store: store, annotator: "fuzz").run(file: scratchFile)
    }

    static let importStore: Store? = {
        let path = NSTemporaryDirectory() + "dbind-fuzz-\(getpid()).sqlite"
        guard let store = try? Store(path: path) else { return nil }
        _ = IngestJob(store: store).run(paths: ["fixtures/dce/all-fields.json"])
        return store
    }()

    /// The DiscordChatExporter reader over a file holding the bytes.
    static func dce(_ bytes: UnsafeBufferPointer<UInt8>) {
        let path = scratchFile
        guard let file = fopen(path, "wb") else { return }
        if let base = bytes.baseAddress { fwrite(base, 1, bytes.count, file) }
        fclose(file)
        guard let reader = try? DCEReader(file: path) else { return }
        while let message = try? reader.next() {
            _ = message.content.unicodeScalars.count
        }
    }

    static let scratchFile = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        + "/dbind-fuzz-\(getpid()).json"
}

#if FUZZING
private let selectedTarget = ProcessInfo.processInfo.environment["DBIND_FUZZ_TARGET"] ?? "dce"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTargets.run(selectedTarget, UnsafeBufferPointer(start: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// The package builds executables with a renamed entry point; hand control to libFuzzer's driver.
@_cdecl("dbind_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
@main
enum Replay {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let target = arguments.first, FuzzTargets.names.contains(target) else {
            print("usage: dbind-fuzz TARGET FILE-OR-FOLDER...   targets: \(FuzzTargets.names.joined(separator: ", "))")
            exit(2)
        }
        var count = 0
        for path in arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let files = isDirectory.boolValue
                ? (try FileManager.default.contentsOfDirectory(atPath: path)).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                data.withUnsafeBytes { FuzzTargets.run(target, $0.bindMemory(to: UInt8.self)) }
                count += 1
            }
        }
        print("replayed \(count) inputs through \(target) without a crash")
    }
}
#endif
