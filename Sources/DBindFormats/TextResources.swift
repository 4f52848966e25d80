import DBindCore
import Foundation

/// The text-stage configuration a command needs: question rules, gazetteer, entity patterns.
///
/// Files default to the repository's `schemas/` (relative to the working directory) when
/// present; without them the built-in question rules and no patterns are used.
public struct TextResources: Sendable {
    public var questions: QuestionDetector
    public var entities: EntityExtractor

    public init(questions: QuestionDetector, entities: EntityExtractor) {
        self.questions = questions
        self.entities = entities
    }

    public static let defaultQuestionRules = "schemas/questions.yaml"
    public static let defaultGazetteers = "schemas/gazetteers.yaml"

    public static func load(questionRules: String? = nil, patternFiles: [String] = [], gazetteers: String? = nil,
                            base: Gazetteer = .empty) throws -> TextResources {
        let fileManager = FileManager.default
        let rulesPath = questionRules ?? (fileManager.fileExists(atPath: defaultQuestionRules) ? defaultQuestionRules : nil)
        let rules = try rulesPath.map(QuestionRulesLoader.load(path:)) ?? .builtIn
        var gazetteer = base
        if let schema = gazetteers ?? (fileManager.fileExists(atPath: defaultGazetteers) ? defaultGazetteers : nil) {
            try GazetteerLoader.load(schemaPath: schema, into: &gazetteer)
        }
        return TextResources(questions: QuestionDetector(rules: rules),
                             entities: EntityExtractor(gazetteer: gazetteer, ruler: try EntityPatternLoader.ruler(paths: patternFiles)))
    }
}
