import DBindCore
import Foundation
import Yams

/// Loads tag schemas from YAML files, follows `extends`, and composes them into a `TagSchema`.
///
/// Every problem is reported with file, line and column from Yams' node marks, so a person
/// editing a schema sees exactly what to fix.
public struct TagSchemaLoader: Sendable {
    /// Folders where a schema named `NAME` is looked up as `NAME.yaml` (or `.yml`).
    public var searchDirectories: [String]

    public init(searchDirectories: [String] = ["schemas"]) {
        self.searchDirectories = searchDirectories
    }

    /// Loads a schema by name (`dao`) or by path (`schemas/dao.yaml`) and composes it with its parents.
    public func load(_ reference: String) throws -> TagSchema {
        try SchemaComposer.compose(loadChain(reference))
    }

    /// The schema and every schema it extends, parents first, each file once.
    public func loadChain(_ reference: String) throws -> [SchemaDocument] {
        guard let path = resolve(reference, from: nil) else {
            throw SchemaValidationError(SourceLocation(file: reference),
                                        "no schema `\(reference)` (looked for \(candidates(reference, from: nil).joined(separator: ", ")))")
        }
        var chain: [SchemaDocument] = []
        var done: Set<String> = []
        var diagnostics: [SchemaDiagnostic] = []
        var namesByFile: [String: (String, SourceLocation)] = [:]
        func visit(_ path: String, stack: [(path: String, name: String)]) throws {
            let document = try TagSchemaLoader.parse(contentsOf: path)
            if let previous = namesByFile[document.name], previous.0 != path {
                diagnostics.append(SchemaDiagnostic(document.location, "schema name `\(document.name)` is also used by \(previous.1)"))
            }
            namesByFile[document.name] = (path, document.location)
            let stack = stack + [(path, document.name)]
            for parent in document.extends {
                guard let parentPath = resolve(parent.value, from: path) else {
                    diagnostics.append(SchemaDiagnostic(parent.location, "extends unknown schema `\(parent.value)` (looked for \(candidates(parent.value, from: path).joined(separator: ", ")))"))
                    continue
                }
                if let start = stack.firstIndex(where: { $0.path == parentPath }) {
                    let cycle = stack[start...].map(\.name) + [stack[start].name]
                    diagnostics.append(SchemaDiagnostic(parent.location, "cycle in extends: \(cycle.joined(separator: " → "))"))
                    continue
                }
                if done.contains(parentPath) { continue }
                try visit(parentPath, stack: stack)
            }
            if done.insert(path).inserted { chain.append(document) }
        }
        try visit(path, stack: [])
        if !diagnostics.isEmpty { throw SchemaValidationError(diagnostics) }
        return chain
    }

    /// Reads and parses one schema file without following `extends`.
    public static func parse(contentsOf path: String) throws -> SchemaDocument {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SchemaValidationError(SourceLocation(file: path), "cannot read schema: \(error.localizedDescription)")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses schema YAML; `file` names it in diagnostics.
    public static func parse(yaml: String, file: String) throws -> SchemaDocument {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw SchemaValidationError([describe(error, file: file)])
        }
        guard let root else { throw SchemaValidationError(SourceLocation(file: file, line: 1, column: 1), "schema file is empty") }
        var parser = SchemaParser(file: file)
        guard let document = parser.document(root), parser.diagnostics.isEmpty else {
            throw SchemaValidationError(parser.diagnostics.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
        }
        return document
    }

    private static func describe(_ error: YamlError, file: String) -> SchemaDiagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return SchemaDiagnostic(at(mark), "invalid YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return SchemaDiagnostic(at(context.mark), "duplicate key \(duplicates.map { "`\($0)`" }.joined(separator: ", "))")
        case let .reader(problem, _, _, _):
            return SchemaDiagnostic(SourceLocation(file: file), "cannot decode YAML: \(problem)")
        default:
            return SchemaDiagnostic(SourceLocation(file: file), "invalid YAML: \(error)")
        }
    }

    private func candidates(_ reference: String, from referrer: String?) -> [String] {
        if reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") {
            if let referrer, !reference.hasPrefix("/") {
                return [((referrer as NSString).deletingLastPathComponent as NSString).appendingPathComponent(reference)]
            }
            return [reference]
        }
        var folders = searchDirectories
        if let referrer { folders.insert((referrer as NSString).deletingLastPathComponent, at: 0) }
        return folders.flatMap { folder in
            ["yaml", "yml"].map { ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("\(reference).\($0)") }
        }
    }

    /// The file a name or path refers to, standardised so the same file is recognised twice.
    private func resolve(_ reference: String, from referrer: String?) -> String? {
        candidates(reference, from: referrer)
            .first { FileManager.default.fileExists(atPath: $0) }
            .map { ($0 as NSString).standardizingPath }
    }
}
