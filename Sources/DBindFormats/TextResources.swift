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

    public init(questions: QuestionDetector, entities: EntityExtractor) {
        self.questions = questions
        self.entities = entities
    }

    /// `directory` is the schemas folder the question rules and gazetteer default to.
    public static func load(questionRules: String? = nil, patternFiles: [String] = [], gazetteers: String? = nil,
                            base: Gazetteer = .empty, directory: String = "schemas") throws -> TextResources {
        func inDirectory(_ name: String) -> String? {
            let path = directory + "/" + name
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        let rules = try (questionRules ?? inDirectory("questions.yaml")).map(QuestionRulesLoader.load(path:)) ?? .builtIn
        var gazetteer = base
        if let schema = gazetteers ?? inDirectory("gazetteers.yaml") {
            try GazetteerLoader.load(schemaPath: schema, into: &gazetteer)
        }
        return TextResources(questions: QuestionDetector(rules: rules),
                             entities: EntityExtractor(gazetteer: gazetteer, ruler: try EntityPatternLoader.ruler(paths: patternFiles)))
    }
}
