import DBindCore
import Foundation
import Yams

/// Reads a gazetteer schema (YAML) that names plain-text term files, one term per line.
///
/// ```yaml
/// gazetteers:
///   - name: software        # used in rule ids: gazetteer:software
///     type: SOFTWARE        # entity type of every term
///     file: gazetteers/software.txt   # relative to the schema file
/// ```
/// Blank lines and lines starting with `#` in term files are skipped.
public enum GazetteerLoader {
    /// Adds the schema's term lists to `gazetteer`; returns the paths of the lists it read.
    @discardableResult
    public static func load(schemaPath: String, into gazetteer: inout Gazetteer) throws -> [String] {
        var read: [String] = []
        guard let data = FileManager.default.contents(atPath: schemaPath) else {
            throw FormatError(file: schemaPath, line: 0, "cannot read file")
        }
        let reader = YAMLReader(file: schemaPath)
        let base = URL(fileURLWithPath: schemaPath).deletingLastPathComponent()
        for (key, value) in try reader.mapping(try reader.root(String(decoding: data, as: UTF8.self)), "the document") {
            guard key == "gazetteers" else { throw reader.fail(value, "unknown key \(key)") }
            guard case .sequence(let items) = value else { throw reader.fail(value, "gazetteers must be a list") }
            for item in items {
                var name = "", type = "", file = ""
                for (field, fieldValue) in try reader.mapping(item, "a gazetteer") {
                    switch field {
                    case "name": name = try reader.string(fieldValue, "name")
                    case "type": type = try reader.string(fieldValue, "type")
                    case "file": file = try reader.string(fieldValue, "file")
                    default: throw reader.fail(fieldValue, "unknown gazetteer key \(field)")
                    }
                }
                guard !name.isEmpty, !type.isEmpty, !file.isEmpty else { throw reader.fail(item, "a gazetteer needs name, type and file") }
                let path = file.hasPrefix("/") ? file : base.appendingPathComponent(file).path
                gazetteer.addTerms(try terms(path: path), type: EntityType(type), source: name)
                read.append(path)
            }
        }
        return read
    }

    /// Terms of a plain-text list: one per line, `#` comments and blank lines skipped.
    public static func terms(path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(file: path, line: 0, "cannot read term list")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let term = line.trimmingCharacters(in: .whitespacesAndNewlines)
            return term.isEmpty || term.hasPrefix("#") ? nil : term
        }
    }
}
