import DBindCore
import Foundation
import Yams

/// A problem in a label set file, located by file, line and column.
public struct LabelSetError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Reads label sets from YAML files (one set per file), checking every field.
///
/// A file looks like:
///
///     name: channel-kind
///     level: channel
///     facet: channel.kind
///     description: What a channel is for.
///     labels:
///       - {name: support, key: s, description: Members ask for and get help.}
///
/// `multi: true` lets an item carry several labels of the set; `accept:` and `reject:` name the
/// labels that `y` and `n` stand for (by default `y` takes the auto-tags and `n` means none).
public enum LabelSetLoader {
    /// Loads every `.yaml`/`.yml` file of a folder, in name order; set names must be unique.
    public static func loadDirectory(_ path: String) throws -> [LabelSet] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw LabelSetError(file: path, line: 0, column: 0, message: "cannot read the label set folder")
        }
        var sets: [LabelSet] = []
        var seen: [String: String] = [:]
        for file in files {
            let full = (path as NSString).appendingPathComponent(file)
            let set = try load(file: full)
            if let other = seen[set.name] {
                throw LabelSetError(file: full, line: 1, column: 1, message: "label set '\(set.name)' is already defined in \(other)")
            }
            seen[set.name] = full
            sets.append(set)
        }
        return sets
    }

    /// `loadDirectory`, or no sets when the folder does not exist (a store outside the repository).
    public static func loadDirectoryIfPresent(_ path: String) throws -> [LabelSet] {
        FileManager.default.fileExists(atPath: path) ? try loadDirectory(path) : []
    }

    /// Loads one label set file.
    public static func load(file: String) throws -> LabelSet {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw LabelSetError(file: file, line: 0, column: 0, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LabelSetError(file: file, line: 0, column: 0, message: "not UTF-8 text")
        }
        return try parse(text, file: file)
    }

    /// Parses label set YAML; `file` names the source in errors.
    public static func parse(_ yaml: String, file: String) throws -> LabelSet {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw LabelSetError(file: file, line: 0, column: 0, message: "\(error)")
        }
        guard let root, let mapping = root.mapping else {
            throw LabelSetError(file: file, line: root?.mark?.line ?? 1, column: root?.mark?.column ?? 1,
                                message: "expected a mapping with name, level and labels")
        }
        let reader = NodeReader(file: file)
        let fields = try reader.fields(mapping, at: root, allowed: ["name", "level", "facet", "multi", "description", "labels", "accept", "reject"])

        let nameNode = try reader.required("name", in: fields, at: root)
        let name = try reader.string(nameNode)
        guard LabelSet.isValidName(name), !name.contains("/") else {
            throw reader.error(nameNode, "label set name '\(name)' must be lower-case letters, digits and '-'")
        }
        let levelNode = try reader.required("level", in: fields, at: root)
        let levelText = try reader.string(levelNode)
        guard let level = ItemLevel(rawValue: levelText) else {
            throw reader.error(levelNode, "unknown level '\(levelText)' (expected \(ItemLevel.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var facet: String?
        if let node = fields["facet"] {
            let text = try reader.string(node)
            guard !text.isEmpty, !text.contains("/"), !text.contains(where: \.isWhitespace) else {
                throw reader.error(node, "facet '\(text)' must be a facet name such as channel.kind (no '/' or spaces)")
            }
            facet = text
        }
        var isMulti = false
        if let node = fields["multi"] {
            guard let value = node.bool else { throw reader.error(node, "multi must be true or false") }
            isMulti = value
        }
        let description = try fields["description"].map { try reader.string($0) } ?? ""
        let labelsNode = try reader.required("labels", in: fields, at: root)
        guard let sequence = labelsNode.sequence, !sequence.isEmpty else {
            throw reader.error(labelsNode, "labels must be a non-empty list of {name, key, description}")
        }
        var labels: [LabelSet.Label] = []
        for item in sequence {
            guard let itemMapping = item.mapping else { throw reader.error(item, "each label is a mapping with name, key and description") }
            let labelFields = try reader.fields(itemMapping, at: item, allowed: ["name", "key", "description"])
            let labelNameNode = try reader.required("name", in: labelFields, at: item)
            let labelName = try reader.string(labelNameNode)
            guard LabelSet.isValidName(labelName) else {
                throw reader.error(labelNameNode, "label name '\(labelName)' must be lower-case letters, digits and '-' (with '/' for sub-labels)")
            }
            guard !LabelSet.reservedNames.contains(labelName) else {
                throw reader.error(labelNameNode, "label name '\(labelName)' is a review command; choose another name")
            }
            guard labels.allSatisfy({ $0.name != labelName }) else {
                throw reader.error(labelNameNode, "label '\(labelName)' is listed twice")
            }
            let keyNode = try reader.required("key", in: labelFields, at: item)
            let keyText = try reader.string(keyNode)
            guard keyText.count == 1, let key = keyText.first, !key.isWhitespace, key != "," else {
                throw reader.error(keyNode, "key must be one character, got '\(keyText)'")
            }
            guard !LabelSet.reservedKeys.contains(key) else {
                throw reader.error(keyNode, "key '\(key)' is taken by a review command (reserved: \(LabelSet.reservedKeys.sorted().map(String.init).joined(separator: " ")))")
            }
            if let other = labels.first(where: { $0.key == key }) {
                throw reader.error(keyNode, "key '\(key)' is already used by label '\(other.name)'")
            }
            let labelDescription = try reader.string(try reader.required("description", in: labelFields, at: item))
            labels.append(LabelSet.Label(name: labelName, key: key, description: labelDescription))
        }
        var verdicts: [String: String] = [:]
        for key in ["accept", "reject"] {
            guard let node = fields[key] else { continue }
            let value = try reader.string(node)
            guard labels.contains(where: { $0.name == value }) else {
                throw reader.error(node, "\(key) must name one of the labels of the set, got '\(value)'")
            }
            verdicts[key] = value
        }
        return LabelSet(name: name, level: level, facet: facet, isMulti: isMulti, description: description, labels: labels,
                        acceptLabel: verdicts["accept"], rejectLabel: verdicts["reject"])
    }

    private static func syntaxError(_ error: YamlError, file: String) -> LabelSetError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return LabelSetError(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(problem)")
        default:
            return LabelSetError(file: file, line: 1, column: 1, message: "YAML: \(error)")
        }
    }
}

/// Reads typed values out of a composed YAML tree, turning surprises into located errors.
private struct NodeReader {
    var file: String

    func error(_ node: Node, _ message: String) -> LabelSetError {
        LabelSetError(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, message: message)
    }

    func fields(_ mapping: Node.Mapping, at node: Node, allowed: Set<String>) throws -> [String: Node] {
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw error(keyNode, "keys must be plain text") }
            guard allowed.contains(key) else {
                throw error(keyNode, "unknown key '\(key)' (expected \(allowed.sorted().joined(separator: ", ")))")
            }
            guard result[key] == nil else { throw error(keyNode, "key '\(key)' appears twice") }
            result[key] = value
        }
        return result
    }

    func required(_ key: String, in fields: [String: Node], at node: Node) throws -> Node {
        guard let value = fields[key] else { throw error(node, "missing '\(key)'") }
        return value
    }

    func string(_ node: Node) throws -> String {
        guard let scalar = node.scalar else { throw error(node, "expected text") }
        return scalar.string
    }
}
