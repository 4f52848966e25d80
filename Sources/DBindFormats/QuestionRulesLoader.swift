import DBindCore
import Foundation
import Yams

/// Reads `schemas/questions.yaml` into `QuestionRules`, rejecting unknown keys so typos show.
public enum QuestionRulesLoader {
    public static func load(path: String) throws -> QuestionRules {
        let content = try FormatError.readText(path)
        return try parse(content, file: path)
    }

    public static func parse(_ content: String, file: String) throws -> QuestionRules {
        let reader = YAMLReader(file: file)
        var rules = QuestionRules()
        for (key, value) in try reader.mapping(try reader.root(content), "the document") {
            switch key {
            case "marks":
                for (markKey, markValue) in try reader.mapping(value, "marks") {
                    switch markKey {
                    case "question": rules.questionMarks = try reader.strings(markValue, "marks.question")
                    case "inverted": rules.invertedMarks = try reader.strings(markValue, "marks.inverted")
                    case "greek_semicolon": rules.greekSemicolon = try reader.bool(markValue, "marks.greek_semicolon")
                    default: throw reader.fail(markValue, "unknown key marks.\(markKey)")
                    }
                }
            case "confidence":
                for (name, number) in try reader.mapping(value, "confidence") {
                    let confidence = try reader.double(number, "confidence.\(name)")
                    guard let path = confidencePaths[name] else { throw reader.fail(number, "unknown key confidence.\(name)") }
                    rules.confidence[keyPath: path] = confidence
                }
            case "particles":
                guard case .sequence(let items) = value else { throw reader.fail(value, "particles must be a list") }
                for item in items {
                    var text = "", language = "", confidence = rules.confidence.mark
                    for (field, fieldValue) in try reader.mapping(item, "a particle") {
                        switch field {
                        case "text": text = try reader.string(fieldValue, "particle text")
                        case "language": language = try reader.string(fieldValue, "particle language")
                        case "confidence": confidence = try reader.double(fieldValue, "particle confidence")
                        default: throw reader.fail(fieldValue, "unknown particle key \(field)")
                        }
                    }
                    guard !text.isEmpty else { throw reader.fail(item, "a particle needs text") }
                    rules.particles.append(QuestionRules.Particle(text: text, language: language, confidence: confidence))
                }
            case "languages":
                for (code, body) in try reader.mapping(value, "languages") {
                    rules.languages.append(try language(code, body, reader))
                }
            default:
                throw reader.fail(value, "unknown key \(key)")
            }
        }
        return rules
    }

    private static var confidencePaths: [String: WritableKeyPath<QuestionRules.Confidence, Double>] { [
        "mark": \.mark, "mark_with_opener": \.markWithOpener, "bare_mark": \.bareMark, "inverted": \.inverted,
        "wh_opener": \.whOpener, "inversion": \.inversion, "yes_no_opener": \.yesNoOpener,
        "help_opener": \.helpOpener, "help_anywhere": \.helpAnywhere, "internal_mark": \.internalMark,
        "clause_factor": \.clauseFactor,
    ] }

    private static var listPaths: [String: WritableKeyPath<QuestionRules.Language, [String]>] { [
        "wh_words": \.whWords, "wh_words_anywhere": \.whWordsAnywhere, "wh_followers": \.whFollowers,
        "subjects_block": \.subjectsBlock, "auxiliaries": \.auxiliaries, "subjects": \.subjects,
        "yes_no_openers": \.yesNoOpeners, "help_openers": \.helpOpeners, "help_anywhere": \.helpAnywhere,
        "fillers": \.fillers, "choice_words": \.choiceWords, "negations": \.negations,
        "hyphen_inversion_pronouns": \.hyphenInversionPronouns, "inversion_exceptions": \.inversionExceptions, "inversion_any_word": \.inversionAnyWord,
    ] }

    private static func language(_ code: String, _ body: Node, _ reader: YAMLReader) throws -> QuestionRules.Language {
        var language = QuestionRules.Language(code: code)
        for (key, value) in try reader.mapping(body, "languages.\(code)") {
            if let path = listPaths[key] {
                language[keyPath: path] = try reader.strings(value, "languages.\(code).\(key)")
            } else if key == "wh_requires_auxiliary" {
                language.whRequiresAuxiliary = try reader.bool(value, "languages.\(code).\(key)")
            } else if key == "wh_auxiliary_window" {
                language.whAuxiliaryWindow = try reader.int(value, "languages.\(code).\(key)")
            } else {
                throw reader.fail(value, "unknown key languages.\(code).\(key)")
            }
        }
        return language
    }
}
