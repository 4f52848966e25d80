import Yams

/// Helpers for reading YAML nodes with errors that name the file, line and column.
struct YAMLReader {
    let file: String

    func fail(_ node: Node?, _ message: String) -> FormatError {
        let column = node?.mark.map { "\($0.column): " } ?? ""
        return FormatError(file: file, line: node?.mark?.line ?? 1, column + message)
    }

    func root(_ content: String) throws -> Node {
        do {
            guard let node = try Yams.compose(yaml: content) else { throw FormatError(file: file, line: 1, "empty YAML document") }
            return node
        } catch let error as YamlError {
            throw FormatError(file: file, line: Self.line(of: error), "invalid YAML: \(Self.problem(of: error))")
        }
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 1
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }

    func mapping(_ node: Node, _ what: String) throws -> [(key: String, value: Node)] {
        guard case .mapping(let mapping) = node else { throw fail(node, "\(what) must be a mapping") }
        return try mapping.map { pair in
            guard let key = pair.key.string else { throw fail(pair.key, "\(what): keys must be strings") }
            return (key, pair.value)
        }
    }

    func string(_ node: Node, _ what: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, "\(what) must be a string") }
        return scalar.string
    }

    func strings(_ node: Node, _ what: String) throws -> [String] {
        guard case .sequence(let sequence) = node else { throw fail(node, "\(what) must be a list of strings") }
        return try sequence.map { try string($0, what) }
    }

    func double(_ node: Node, _ what: String) throws -> Double {
        guard let value = node.float ?? node.int.map(Double.init) else { throw fail(node, "\(what) must be a number") }
        return value
    }

    func int(_ node: Node, _ what: String) throws -> Int {
        guard let value = node.int else { throw fail(node, "\(what) must be an integer") }
        return value
    }

    func bool(_ node: Node, _ what: String) throws -> Bool {
        guard let value = node.bool else { throw fail(node, "\(what) must be true or false") }
        return value
    }
}
