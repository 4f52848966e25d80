import DBindCore
import Foundation

/// The text-stage configuration a command needs: question rules, gazetteer, entity patterns.
///
/// Files default to those in the schemas folder (`--schemas-dir`, `schemas/` in the working
/// directory unless it says otherwise) when present; without them the built-in question rules
/// and no patterns are used.
public struct TextResources: Sendable {
    public var questions: QuestionDetector
    public var entities: EntityExtractor
    /// The files read, as one stable value (a hash of their bytes): a tag run records it, so a
    /// channel tagged with other question rules, terms or patterns is tagged again. Empty when
    /// no file was read.
    public var identity: String

    public init(questions: QuestionDetector, entities: EntityExtractor, identity: String = "") {
        self.questions = questions
        self.entities = entities
        self.identity = identity
    }

    /// `directory` is the schemas folder the question rules and gazetteer default to.
    public static func load(questionRules: String? = nil, patternFiles: [String] = [], gazetteers: String? = nil,
                            base: Gazetteer = .empty, directory: String = "schemas") throws -> TextResources {
        func inDirectory(_ name: String) -> String? {
            let path = directory + "/" + name
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        let rulesPath = questionRules ?? inDirectory("questions.yaml")
        let rules = try rulesPath.map(QuestionRulesLoader.load(path:)) ?? .builtIn
        var gazetteer = base
        var read = [rulesPath].compactMap { $0 }
        if let schema = gazetteers ?? inDirectory("gazetteers.yaml") {
            read += [schema] + (try GazetteerLoader.load(schemaPath: schema, into: &gazetteer))
        }
        let ruler = try EntityPatternLoader.ruler(paths: patternFiles)
        read += patternFiles
        return TextResources(questions: QuestionDetector(rules: rules), entities: EntityExtractor(gazetteer: gazetteer, ruler: ruler),
                             identity: identity(of: read))
    }

    /// A hash of the files' bytes, each file's kept apart by its length (paths do not count:
    /// the same rules in another folder are the same rules).
    static func identity(of files: [String]) -> String {
        guard !files.isEmpty else { return "" }
        var text = ""
        for file in files {
            let content = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
            text += "\(content.utf8.count):" + content
        }
        return String(UInt32(bitPattern: StableHash.int32(text)), radix: 16)
    }
}
