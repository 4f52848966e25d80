@testable import DBindFormats
import Foundation
import Testing

/// The JSON Schema describing the tag schema format must list exactly what the loader accepts.
@Suite struct TagSchemaFormatTests {
    let format: [String: Any]

    init() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/schemas/tag-schema.schema.json"))
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
        #expect(try keys(["properties"]) == Set(SchemaParser.topKeys))
        #expect(try keys(["properties", "settings", "properties"]) == Set(SchemaParser.settingsKeys))
        #expect(try keys(["$defs", "facet", "properties"]) == Set(SchemaParser.facetKeys))
        #expect(try keys(["$defs", "tag", "properties"]) == Set(SchemaParser.tagKeys))
        #expect(try keys(["$defs", "rule", "properties"]) == Set(SchemaParser.ruleKeys))
        #expect(try keys(["$defs", "countThreshold", "properties"]) == Set(SchemaParser.thresholdKeys))
        let conditions = try #require(((format["$defs"] as? [String: Any])?["condition"] as? [String: Any])?["oneOf"] as? [[String: Any]])
        let predicateObject = try #require(conditions.first { $0["type"] as? String == "object" })
        let predicates = Set(try #require(predicateObject["properties"] as? [String: Any]).keys)
        #expect(predicates == Set(SchemaParser.predicateKeys))
    }
}
