import ArgumentParser
import DBindPipeline
import DBindCore
import DBindFormats
import Foundation

/// `dbind schema …`: validate tag schemas and show how tags are decided.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Validate tag schemas and explain their tags.",
        subcommands: [Check.self, Explain.self]
    )

    /// Validates a schema file (and every schema it extends).
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a tag schema; prints file:line:column: message for each problem."
        )

        @Argument(help: "Schema file, or a schema name looked up in --schemas-dir.")
        var path: String

        @Option(help: "Folder where schemas named by NAME are found.")
        var schemasDir = "schemas"

        @Flag(help: "Print one JSON value as the last line.")
        var json = false

        func run() throws {
            let loader = TagSchemaLoader(searchDirectories: [schemasDir])
            do {
                let schema = try loader.load(path)
                let summary = SchemaSummary(schema)
                if json {
                    print(JSONOutput.line(CheckReport(ok: true, schema: summary, errors: [])))
                } else {
                    print("\(path): ok — \(summary.name) \(summary.version) (\(summary.lineage.joined(separator: " → "))): "
                        + "\(summary.facets) facets, \(summary.tags) tags, \(summary.rules) rules")
                }
            } catch let error as SchemaValidationError {
                if json {
                    print(JSONOutput.line(CheckReport(ok: false, schema: nil, errors: error.diagnostics.map(DiagnosticReport.init))))
                } else {
                    for diagnostic in error.diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
                }
                throw ExitCode(1)
            }
        }
    }

    /// Prints a tag's facet, relations and rule trees.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show how a tag is decided: facet, relations and rule trees.")

        @Argument(help: "Tag path, e.g. channel.kind/support.")
        var tag: String

        @Option(help: "Schema name (looked up in --schemas-dir) or path.")
        var schema = "base"

        @Option(help: "Folder where schemas named by NAME are found.")
        var schemasDir = "schemas"

        @Flag(help: "Print one JSON value as the last line.")
        var json = false

        func run() throws {
            let loaded: TagSchema
            do {
                loaded = try TagSchemaLoader(searchDirectories: [schemasDir]).load(schema)
            } catch let error as SchemaValidationError {
                throw CLIError("schema `\(schema)` is invalid:\n\(error)")
            }
            guard let explanation = TagExplanation(tag: tag, in: loaded) else {
                let known = loaded.tags.keys.filter { $0.hasPrefix(tag) || tag.hasPrefix(TagDefinition.facet(of: $0)) }
                let hint = known.isEmpty ? "" : "; tags there: \(known.joined(separator: ", "))"
                throw CLIError("no tag `\(tag)` in schema \(loaded.name)@\(loaded.version)\(hint)")
            }
            if json {
                print(JSONOutput.line(explanation))
            } else {
                let gazetteers = Dictionary(uniqueKeysWithValues: loaded.gazetteers.map { ($0.key, $0.value) })
                for line in explanation.lines(gazetteers: gazetteers) { print(line) }
            }
        }
    }
}

/// Counts that say what a schema holds.
private struct SchemaSummary: Encodable {
    var name: String
    var version: String
    var lineage: [String]
    var facets: Int
    var tags: Int
    var rules: Int

    init(_ schema: TagSchema) {
        name = schema.name
        version = schema.version
        lineage = schema.lineage
        facets = schema.facets.count
        tags = schema.tags.count
        rules = schema.tags.values.reduce(0) { $0 + $1.rules.count }
    }
}

private struct DiagnosticReport: Encodable {
    var file: String
    var line: Int
    var column: Int
    var message: String

    init(_ diagnostic: SchemaDiagnostic) {
        file = diagnostic.location.file
        line = diagnostic.location.line
        column = diagnostic.location.column
        message = diagnostic.message
    }
}

private struct CheckReport: Encodable {
    var ok: Bool
    var schema: SchemaSummary?
    var errors: [DiagnosticReport]
}
