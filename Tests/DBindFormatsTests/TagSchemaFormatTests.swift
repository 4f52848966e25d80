import DBindFormats
import DBindTestSupport
import Foundation
import Testing

/// The JSON Schema describing the tag schema format must list exactly what the loader accepts.
@Suite struct TagSchemaFormatTests {
    let format: [String: Any]

    init() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: RepoPaths.root + "/schemas/tag-schema.schema.json"))
        format = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func keys(_ path: [String]) throws -> Set<String> {
        var node: Any = format
        for step in path { node = try #require((node as? [String: Any])?[step], "no \(path.joined(separator: "."))") }
        return Set(try #require(node as? [String: Any]).keys)
    }

    @Test func declaresDraft2020_12() {
        #expect(format["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test func keysMatchTheLoader() throws {
        #expect(try keys(["properties"]) == Set(TagSchemaKeys.top))
        #expect(try keys(["properties", "settings", "properties"]) == Set(TagSchemaKeys.settings))
        #expect(try keys(["$defs", "facet", "properties"]) == Set(TagSchemaKeys.facet))
        #expect(try keys(["$defs", "tag", "properties"]) == Set(TagSchemaKeys.tag))
        #expect(try keys(["$defs", "rule", "properties"]) == Set(TagSchemaKeys.rule))
        #expect(try keys(["$defs", "countThreshold", "properties"]) == Set(TagSchemaKeys.threshold))
        let conditions = try #require(((format["$defs"] as? [String: Any])?["condition"] as? [String: Any])?["oneOf"] as? [[String: Any]])
        let predicateObject = try #require(conditions.first { $0["type"] as? String == "object" })
        let predicates = Set(try #require(predicateObject["properties"] as? [String: Any]).keys)
        #expect(predicates == Set(TagSchemaKeys.predicates))
    }
}
