import DBindCore
import Foundation

/// Reads spaCy EntityRuler pattern files (JSONL: one `{"label", "pattern", "id"?}` per line).
///
/// Phrase patterns are strings; token patterns are lists of dicts of attributes
/// (ORTH, TEXT, LOWER, NORM, LENGTH, IS_*, LIKE_*, PREFIX, SUFFIX, SHAPE) whose values are
/// literals or `{"IN": [...]}`, `{"NOT_IN": [...]}`, `{"REGEX": "..."}`, `{">=": n}` …, plus `OP`.
public enum EntityPatternLoader {
    /// The patterns of every file, compiled into one ruler; nil when there are no patterns.
    public static func ruler(paths: [String]) throws -> EntityRuler? {
        var patterns: [EntityPattern] = []
        for path in paths { patterns += try load(path: path) }
        guard !patterns.isEmpty else { return nil }
        do {
            return try EntityRuler(patterns: patterns)
        } catch let error as PatternError {
            throw FormatError(file: paths.joined(separator: ", "), line: 0, error.description)
        }
    }

    public static func load(path: String) throws -> [EntityPattern] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(file: path, line: 0, "cannot read file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(_ content: String, file: String) throws -> [EntityPattern] {
        var patterns: [EntityPattern] = []
        var lineNumber = 0
        for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let fail = { (message: String) in FormatError(file: file, line: lineNumber, message) }
            let value: JSONValue
            do {
                value = try JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8))
            } catch {
                throw fail("not valid JSON")
            }
            guard case .object(let object) = value else { throw fail("expected a JSON object") }
            guard case .string(let label)? = object["label"], !label.isEmpty else { throw fail("missing \"label\"") }
            var id: String?
            switch object["id"] {
            case .string(let text)?: id = text
            case .number(let number)?: id = JSONValue.format(number)
            case nil, .null?: id = nil
            default: throw fail("\"id\" must be a string")
            }
            switch object["pattern"] {
            case .string(let phrase)?:
                patterns.append(EntityPattern(label: label, id: id, body: .phrase(phrase)))
            case .array(let slots)?:
                let tokens = try slots.enumerated().map { index, slot in
                    try tokenPattern(slot, fail: { fail("token \(index + 1): \($0)") })
                }
                patterns.append(EntityPattern(label: label, id: id, body: .tokens(tokens)))
            default:
                throw fail("\"pattern\" must be a string or a list of token dicts")
            }
        }
        return patterns
    }

    private static func tokenPattern(_ value: JSONValue, fail: (String) -> FormatError) throws -> TokenPattern {
        guard case .object(let object) = value else { throw fail("expected a dict") }
        var constraints: [TokenPattern.Constraint] = []
        var quantifier = TokenPattern.Quantifier.one
        for (key, raw) in object.sorted(by: { $0.key < $1.key }) {
            if key.uppercased() == "OP" {
                guard case .string(let op) = raw, let parsed = parseOperator(op) else { throw fail("unsupported OP \(raw)") }
                quantifier = parsed
                continue
            }
            guard let attribute = TokenPattern.Attribute(rawValue: key.uppercased()) else {
                throw fail("unsupported attribute \(key)")
            }
            constraints.append(TokenPattern.Constraint(attribute: attribute, predicate: try predicate(raw, attribute, fail: fail)))
        }
        return TokenPattern(constraints: constraints, quantifier: quantifier)
    }

    private static func parseOperator(_ op: String) -> TokenPattern.Quantifier? {
        switch op {
        case "!": return .not
        case "?": return .optional
        case "*": return .zeroOrMore
        case "+": return .oneOrMore
        case "1": return .one
        default:
            guard op.hasPrefix("{"), op.hasSuffix("}") else { return nil }
            let inner = op.dropFirst().dropLast()
            let parts = inner.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 1, let exact = Int(parts[0]) { return .range(min: exact, max: exact) }
            guard parts.count == 2 else { return nil }
            let minimum = parts[0].isEmpty ? 0 : Int(parts[0])
            let maximum = parts[1].isEmpty ? nil : Int(parts[1])
            guard let minimum, parts[1].isEmpty || maximum != nil else { return nil }
            return .range(min: minimum, max: maximum)
        }
    }

    private static func literal(_ value: JSONValue, _ attribute: TokenPattern.Attribute, fail: (String) -> FormatError) throws -> TokenPattern.Value {
        switch value {
        case .string(let text) where !attribute.isBoolean && attribute != .length: return .string(text)
        case .bool(let flag) where attribute.isBoolean: return .bool(flag)
        case .number(let number) where attribute == .length && Int(exactly: number) != nil: return .int(Int(number))
        default: throw fail("value \(value) does not fit \(attribute.rawValue)")
        }
    }

    private static func predicate(_ value: JSONValue, _ attribute: TokenPattern.Attribute, fail: (String) -> FormatError) throws -> TokenPattern.Predicate {
        guard case .object(let object) = value else { return .equals(try literal(value, attribute, fail: fail)) }
        guard object.count == 1, let (key, argument) = object.first else { throw fail("use one operator per attribute dict") }
        switch key.uppercased() {
        case "IN", "NOT_IN":
            guard case .array(let items) = argument else { throw fail("\(key) needs a list") }
            let values = try items.map { try literal($0, attribute, fail: fail) }
            return key.uppercased() == "IN" ? .isIn(values) : .notIn(values)
        case "REGEX":
            guard case .string(let pattern) = argument else { throw fail("REGEX needs a string") }
            do {
                _ = try Regex(pattern)
            } catch {
                throw fail("invalid REGEX \"\(pattern)\"")
            }
            return .regex(pattern)
        case "==", "!=", ">=", "<=", ">", "<":
            guard case .number(let number) = argument, let integer = Int(exactly: number),
                  let comparison = TokenPattern.Comparison(rawValue: key) else { throw fail("\(key) needs an integer") }
            return .compare(comparison, integer)
        default:
            throw fail("unsupported operator \(key)")
        }
    }
}

/// A JSON value that keeps booleans and numbers apart (unlike JSONSerialization's NSNumber).
enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else if let array = try? container.decode([JSONValue].self) { self = .array(array) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return JSONValue.format(number)
        case .string(let text): return "\"\(text)\""
        case .array(let items): return "[\(items.map(\.description).joined(separator: ", "))]"
        case .object(let object): return "{\(object.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", "))}"
        }
    }
}
